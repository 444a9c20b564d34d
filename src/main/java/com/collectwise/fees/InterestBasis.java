package com.collectwise.fees;

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
        /** EU B2B: ECB reference rate of the half-year + 8 points. */
        STATUTORY_EU,
        /** No agreed, segment or statutory rate known: no interest is claimed. */
        NONE
    }
}
