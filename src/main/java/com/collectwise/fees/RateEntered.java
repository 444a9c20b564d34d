package com.collectwise.fees;

import java.time.LocalDate;

/**
 * Finance entered or corrected a rate the statements are computed with: a reference rate (one-year LPR, ECB;
 * {@code currency} null) or the exchange rate of {@code currency} to the euro, in force from {@code effectiveFrom}.
 * Every figure is a replay, so the statements of the invoices it applies to change at once; payments listen and
 * settle an open invoice now owing nothing, or reopen a settled one owing again, as after any booking.
 */
public record RateEntered(String currency, LocalDate effectiveFrom) {

    /** A reference rate (LPR or ECB): the statutory interest of invoices without a contract rate. */
    public static RateEntered reference(LocalDate effectiveFrom) {
        return new RateEntered(null, effectiveFrom);
    }

    public boolean exchangeRate() {
        return currency != null;
    }
}
