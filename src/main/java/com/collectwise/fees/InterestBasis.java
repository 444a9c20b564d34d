package com.collectwise.fees;

import com.collectwise.money.DailyRate;

import java.math.BigDecimal;

/**
 * Which rate an invoice bears and why, in words a court and a customer can follow ("contract rate 12% p.a.").
 *
 * @param reference    of a statutory EU rate: the member state's reference (the ECB rate, the German base rate), so
 *                     that a notice in another language names the same reference as {@code description}; else null
 * @param marginPoints of a statutory EU rate: the points over that reference (8, DE 9, FR 10); else null
 */
public record InterestBasis(Source source, String description, DailyRate rate, InterestSettings.Reference reference,
                            BigDecimal marginPoints) {

    public InterestBasis(Source source, String description, DailyRate rate) {
        this(source, description, rate, null, null);
    }

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
