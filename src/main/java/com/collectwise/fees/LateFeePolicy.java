package com.collectwise.fees;

import java.math.BigDecimal;

/**
 * The company's late-fee rules for one customer, from Decision_LateFeePolicy (supervisors edit it).
 *
 * @param segmentRatePercent annual interest in % for the segment, or null: fall back to the statutory rate
 * @param reminderFee        charged per overdue reminder sent (in the invoice currency), zero by default
 * @param letterFee          charged per formal dunning letter, zero by default
 * @param capPercent         late charges (fees + interest) never exceed this % of the invoice amount; null = no cap
 */
public record LateFeePolicy(BigDecimal segmentRatePercent, BigDecimal reminderFee, BigDecimal letterFee,
                            BigDecimal capPercent) {

    /** What applies when no rule matches: no fees, no segment rate, no cap. */
    public static final LateFeePolicy DEFAULT = new LateFeePolicy(null, BigDecimal.ZERO, BigDecimal.ZERO, null);

    public LateFeePolicy {
        reminderFee = reminderFee == null ? BigDecimal.ZERO : reminderFee;
        letterFee = letterFee == null ? BigDecimal.ZERO : letterFee;
    }
}
