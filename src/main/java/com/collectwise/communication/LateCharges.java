package com.collectwise.communication;

import java.math.BigDecimal;
import java.time.LocalDate;

import com.collectwise.fees.InterestBasis;
import com.collectwise.money.Money;

/**
 * What an overdue notice tells the customer about late-payment charges (逾期费率): the interest rate of the day
 * with its basis, and the fee charged for the notice itself.
 *
 * @param basis         the rate basis of the invoice, as the statement computes it
 * @param annualPercent the rate on the notice date; null when no interest runs (no rate, or the rate is unknown)
 * @param noticeFee     the fee the policy charges for this notice; null when none is charged
 * @param feeAdded      what the fee adds to the amount due: the fee itself, or less where the policy's cap on late
 *                      charges (fees first, then interest) leaves less room; zero without a fee
 * @param cap           the cap on late charges, when it holds the fee back; else null
 * @param compensationUnconverted the invoice is late and owes the EU EUR 40, which could not be converted into its
 *                      currency (no exchange rate on or before the due date): not charged, and the notice says so
 * @param compensation  the EU EUR 40 (in the invoice's currency) included in the fees, which the notice names
 *                      (DOMAIN.md 6: the customer is told the charges and their basis); null when none is charged
 */
public record LateCharges(InterestBasis basis, BigDecimal annualPercent, Money noticeFee, BigDecimal feeAdded,
                          Money cap, boolean compensationUnconverted, Money compensation) {

    public LateCharges(InterestBasis basis, BigDecimal annualPercent, Money noticeFee, BigDecimal feeAdded,
                       Money cap) {
        this(basis, annualPercent, noticeFee, feeAdded, cap, false, null);
    }

    public LateCharges(InterestBasis basis, BigDecimal annualPercent, Money noticeFee, BigDecimal feeAdded,
                       Money cap, boolean compensationUnconverted) {
        this(basis, annualPercent, noticeFee, feeAdded, cap, compensationUnconverted, null);
    }

    /** The same charges of an invoice whose EUR 40 is owed but could not be converted (or not). */
    public LateCharges withCompensationUnconverted(boolean unconverted) {
        return new LateCharges(basis, annualPercent, noticeFee, feeAdded, cap, unconverted, compensation);
    }

    /** The same charges, naming the EU compensation included in the fees (null or zero: none). */
    public LateCharges withCompensation(Money included) {
        return new LateCharges(basis, annualPercent, noticeFee, feeAdded, cap, compensationUnconverted,
            included == null || included.amount().signum() <= 0 ? null : included);
    }

    /** Without a cap on late charges (or one that leaves room for the whole fee). */
    public static LateCharges of(InterestBasis basis, LocalDate asOf, Money noticeFee) {
        return of(basis, asOf, noticeFee, null, null);
    }

    /**
     * @param capRoom what the cap still allows before this fee (cap less accrued fees and interest); null = no cap
     */
    public static LateCharges of(InterestBasis basis, LocalDate asOf, Money noticeFee, Money cap, Money capRoom) {
        BigDecimal rate = basis.rate() == null ? null : basis.rate().annualPercentOn(asOf);
        Money fee = noticeFee != null && noticeFee.amount().signum() > 0 ? noticeFee : null;
        if (fee == null) {
            return new LateCharges(basis, rate, null, BigDecimal.ZERO, null);
        }
        if (capRoom == null || fee.compareTo(capRoom) <= 0) {
            return new LateCharges(basis, rate, fee, fee.amount(), null);
        }
        return new LateCharges(basis, rate, fee, capRoom.amount().max(BigDecimal.ZERO), cap);
    }

    /**
     * "Late-payment interest: 4.5% p.a. (statutory (CN): ...)". A missing rate is said in words, never as 0%: the
     * customer must not read that interest was waived when it is only unknown.
     */
    public String interestLine() {
        if (basis.source() == InterestBasis.Source.NONE) {
            return "Late-payment interest: none charged (" + basis.description() + ")";
        }
        if (annualPercent == null) {
            // a statutory basis whose reference rate is missing from the tables for this day
            return "Late-payment interest: rate unknown (" + basis.description() + ")";
        }
        return "Late-payment interest: " + annualPercent.stripTrailingZeros().toPlainString() + "% p.a. ("
            + basis.description() + ")";
    }

    /** The amount due with this notice's fee. */
    public BigDecimal totalWithFee(BigDecimal total) {
        return total.add(feeAdded);
    }

    /** " (late charges are capped at CNY 10.00 in total)" when the cap holds the fee back, else "". */
    public String capNote() {
        return cap == null ? "" : " (late charges are capped at " + cap.currencyCode() + " "
            + cap.amount().toPlainString() + " in total)";
    }
}
