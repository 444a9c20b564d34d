package com.collectwise.fees;

import com.collectwise.money.DailyRate;

/**
 * Which rate an invoice bears and why, in words a court and a customer can follow ("contract rate 12% p.a.").
 */
public record InterestBasis(Source source, String description, DailyRate rate) {

    public enum Source {
        /** invoices.contract_rate: what the parties agreed. */
        CONTRACT,
        /** Decision_LateFeePolicy: the company's rate for the customer's segment. */
        SEGMENT,
        /** CN: one-year LPR on the due date x 1.5. */
        STATUTORY_CN,
        /** EU B2B: ECB reference rate of the half-year + the member state's margin (at least 8 points). */
        STATUTORY_EU,
        /**
         * A rate applies but the reference table lacks it (no LPR on the due date, no ECB rate for a half-year of
         * the period): the interest shown is incomplete until finance enters the rate. Never a silent 0; counted
         * on the finance dashboard.
         */
        UNKNOWN,
        /**
         * No contract or segment rate and a jurisdiction without a statutory default: no interest is claimed, and
         * the description says why.
         */
        NONE
    }
}
