package com.collectwise.disputes;

import java.math.BigDecimal;

/**
 * The part of an invoice under open dispute, as of a date.
 *
 * @param disputed   the sum of the open disputes (named on every notice, never demanded)
 * @param undisputed what the invoice would owe if the open disputes ended in credit notes (a credit note reduces the
 *                   invoice from its due date): what reminders, letters, calls and agencies ask for
 * @param withheld   what the disputes take off the outstanding total: the disputed principal and the interest that
 *                   ran on it (total = undisputed + withheld); all of the total, fees included, when the disputes
 *                   cover all the principal still unpaid (disputed in full: nothing is asked for)
 */
public record DisputedPart(BigDecimal disputed, BigDecimal undisputed, BigDecimal withheld) {

    /** Nothing disputed. */
    public static final DisputedPart NONE = new DisputedPart(BigDecimal.ZERO, null, BigDecimal.ZERO);

    /** A part withholding exactly the disputed amount (no interest ran on it, e.g. before the due date). */
    public static DisputedPart of(BigDecimal disputed) {
        return disputed == null ? NONE : new DisputedPart(disputed, null, disputed);
    }

    public boolean any() {
        return disputed != null && disputed.signum() > 0;
    }

    /** What a notice asks for: {@code due} (the total, with the notice's fee) less what is withheld, never below zero. */
    public BigDecimal demanded(BigDecimal due) {
        return any() ? due.subtract(withheld).max(BigDecimal.ZERO) : due;
    }
}
