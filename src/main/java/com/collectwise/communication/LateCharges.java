package com.collectwise.communication;

import java.math.BigDecimal;
import java.time.LocalDate;

import com.collectwise.fees.InterestBasis;
import com.collectwise.fees.Money;

/**
 * What an overdue notice tells the customer about late-payment charges (逾期费率): the interest rate of the day
 * with its basis, and the fee charged for the notice itself.
 *
 * @param basis         the rate basis of the invoice, as the statement computes it
 * @param annualPercent the rate on the notice date; null when no interest runs (no rate, or the rate is unknown)
 * @param noticeFee     what the fee for this notice adds to the amount due (after any cap on late charges); null
 *                      when none is charged
 */
public record LateCharges(InterestBasis basis, BigDecimal annualPercent, Money noticeFee) {

    public static LateCharges of(InterestBasis basis, LocalDate asOf, Money noticeFee) {
        BigDecimal rate = basis.rate() == null ? null : basis.rate().annualPercentOn(asOf);
        return new LateCharges(basis, rate, noticeFee != null && noticeFee.amount().signum() > 0 ? noticeFee : null);
    }

    /**
     * "Late-payment interest: 4.5% p.a. (statutory (CN): ...)". A missing rate is said in words, never as 0%: the
     * customer must not read that interest was waived when it is only unknown.
     */
    public String interestLine() {
        if (annualPercent == null || basis.source() == InterestBasis.Source.NONE) {
            return "Late-payment interest: none charged (" + basis.description() + ")";
        }
        return "Late-payment interest: " + annualPercent.stripTrailingZeros().toPlainString() + "% p.a. ("
            + basis.description() + ")";
    }

    /** The fee for this notice, zero when none. */
    public BigDecimal noticeFeeAmount() {
        return noticeFee == null ? BigDecimal.ZERO : noticeFee.amount();
    }
}
