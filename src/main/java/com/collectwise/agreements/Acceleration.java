package com.collectwise.agreements;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;

/**
 * Whether an instalment is paid and whether the plan is forfeited (Civil Code art. 634: the remainder falls due
 * at once). Payments received since the plan started are matched to the instalments oldest first. An
 * instalment is overdue from the day after its due date. The plan is accelerated when
 * <ul>
 * <li>the overdue unpaid amount reaches one fifth of the plan total (a default that large forfeits the grace), or</li>
 * <li>an instalment is still unpaid after its grace days.</li>
 * </ul>
 * Otherwise an unpaid instalment is only late: the customer has its grace days.
 */
public final class Acceleration {

    public enum Verdict {
        /** The instalment (and every one before it) is covered by payments. */
        PAID,
        /** Unpaid, but within its grace days and below one fifth of the total. */
        LATE,
        /** The remainder is due at once. */
        ACCELERATED
    }

    public record Check(Verdict verdict, String reason) {
    }

    private static final BigDecimal ONE_FIFTH = new BigDecimal("0.2");

    private Acceleration() {
    }

    public static Check check(List<Instalment> plan, int seq, BigDecimal paid, LocalDate today, int graceDays) {
        BigDecimal total = InstalmentSchedule.total(plan);
        BigDecimal overdue = BigDecimal.ZERO;
        LocalDate oldestUncovered = null;
        BigDecimal covered = BigDecimal.ZERO;
        boolean thisOneCovered = false;
        for (Instalment i : plan) {
            covered = covered.add(i.amount());
            boolean isCovered = paid.compareTo(covered) >= 0;
            if (i.seq() == seq) {
                thisOneCovered = isCovered;
            }
            if (i.dueDate().isBefore(today)) {
                overdue = overdue.add(i.amount());
                if (!isCovered && oldestUncovered == null) {
                    oldestUncovered = i.dueDate();
                }
            }
        }
        BigDecimal overdueUnpaid = overdue.subtract(paid).max(BigDecimal.ZERO);
        BigDecimal fifth = total.multiply(ONE_FIFTH).setScale(2, RoundingMode.HALF_UP);
        if (overdueUnpaid.signum() > 0 && overdueUnpaid.compareTo(fifth) >= 0) {
            return new Check(Verdict.ACCELERATED, "unpaid instalments of " + overdueUnpaid.toPlainString()
                + " reach one fifth of the plan total " + total.toPlainString());
        }
        if (oldestUncovered != null && oldestUncovered.plusDays(graceDays).isBefore(today)) {
            return new Check(Verdict.ACCELERATED, "the instalment due " + oldestUncovered + " is unpaid after "
                + graceDays + " days of grace");
        }
        return thisOneCovered ? new Check(Verdict.PAID, "paid") : new Check(Verdict.LATE, "unpaid, within grace");
    }
}
