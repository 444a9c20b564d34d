package com.collectwise.agreements;

import java.math.BigDecimal;
import java.util.List;

/**
 * Whether an instalment is paid and whether the customer must be sent a payment demand (Civil Code art. 634: when
 * the unpaid instalments reach one fifth of the total, the seller may demand the whole remainder after a reasonable
 * period). The plan's payments are matched to the instalments oldest first; what counts as paid is decided by the
 * caller (payments dated by the day in question, posted by the time of the check).
 * <ul>
 *   <li>{@link Verdict#PAID}: this instalment and every one before it are covered;</li>
 *   <li>{@link Verdict#BEHIND}: something is unpaid, but less than a fifth of the total: the plan goes on and the
 *       next instalment's check looks again;</li>
 *   <li>{@link Verdict#DEMAND}: the unpaid instalments reach a fifth of the total, or the last instalment is
 *       reached with something unpaid: the customer is sent a demand with a period before the plan ends.</li>
 * </ul>
 */
public final class Acceleration {

    public enum Verdict {
        PAID,
        BEHIND,
        DEMAND
    }

    public record Check(Verdict verdict, BigDecimal unpaid, String reason) {
    }

    private static final BigDecimal ONE_FIFTH = new BigDecimal("0.2");

    private Acceleration() {
    }

    /** The instalments up to {@code seq} against what the plan's payments {@code paid} cover. */
    public static Check check(List<Instalment> plan, int seq, BigDecimal paid) {
        BigDecimal total = InstalmentSchedule.total(plan);
        BigDecimal dueSoFar = dueThrough(plan, seq);
        BigDecimal unpaid = dueSoFar.subtract(paid).max(BigDecimal.ZERO);
        if (unpaid.signum() == 0) {
            return new Check(Verdict.PAID, unpaid, "paid");
        }
        // the exact fifth (unpaid x 5 >= total): a fifth rounded to cents would send the demand 0.01 early
        BigDecimal fifth = total.multiply(ONE_FIFTH);
        if (unpaid.compareTo(fifth) >= 0) {
            return new Check(Verdict.DEMAND, unpaid, "unpaid instalments of " + unpaid.toPlainString()
                + " reach one fifth of the plan total " + total.toPlainString());
        }
        if (seq >= plan.size()) {
            return new Check(Verdict.DEMAND, unpaid, "the last instalment is due and " + unpaid.toPlainString()
                + " of the plan is unpaid");
        }
        return new Check(Verdict.BEHIND, unpaid, "unpaid " + unpaid.toPlainString() + ", less than one fifth of "
            + total.toPlainString());
    }

    /** Whether the instalments up to {@code seq} are covered: the demand was met. */
    public static boolean covered(List<Instalment> plan, int seq, BigDecimal paid) {
        return paid.compareTo(dueThrough(plan, seq)) >= 0;
    }

    static BigDecimal dueThrough(List<Instalment> plan, int seq) {
        return plan.stream().filter(i -> i.seq() <= seq).map(Instalment::amount)
            .reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
