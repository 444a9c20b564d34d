package com.collectwise.fees;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Month;
import java.util.Set;

import com.collectwise.cases.Invoice;

/**
 * Picks the rate of an invoice, in this order: the contract rate; else the segment rate of the late-fee policy;
 * else the statutory rate of the customer's jurisdiction (CN: LPR on the due date x 1.5; EU member states: ECB
 * reference rate of each half-year + 8 points). Customers elsewhere without a contract or segment rate are not
 * charged interest: we have no statutory default for them and claim nothing we cannot justify.
 */
public final class InterestRatePolicy {

    /** Courts accept LPR x 1.3-1.5 where no penalty was agreed; the company claims the top of that range. */
    static final BigDecimal LPR_MULTIPLIER = new BigDecimal("1.5");
    /** Directive 2011/7/EU art. 2(7): reference rate + at least eight percentage points. */
    static final BigDecimal ECB_MARGIN_POINTS = new BigDecimal("8");

    /** The 27 member states (ISO 3166 alpha-2; Greece is GR, not EL). */
    public static final Set<String> EU_MEMBER_STATES = Set.of("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI",
        "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE");

    private final RateTable lpr;
    private final RateTable ecb;

    public InterestRatePolicy(RateTable lpr, RateTable ecb) {
        this.lpr = lpr;
        this.ecb = ecb;
    }

    public static boolean isEuMember(String country) {
        return country != null && EU_MEMBER_STATES.contains(country.trim().toUpperCase());
    }

    public InterestBasis basisFor(Invoice invoice, String customerCountry, LateFeePolicy policy) {
        if (invoice.contractRatePercent() != null) {
            // an agreed 0% is an agreement too: it excludes the fallbacks
            BigDecimal rate = invoice.contractRatePercent().stripTrailingZeros();
            return new InterestBasis(InterestBasis.Source.CONTRACT, "contract rate " + rate.toPlainString() + "% p.a.",
                DailyRate.fixed(rate));
        }
        if (policy != null && policy.segmentRatePercent() != null) {
            BigDecimal rate = policy.segmentRatePercent().stripTrailingZeros();
            return new InterestBasis(InterestBasis.Source.SEGMENT,
                "segment rate " + rate.toPlainString() + "% p.a. (Decision_LateFeePolicy)", DailyRate.fixed(rate));
        }
        String country = customerCountry == null ? "" : customerCountry.trim().toUpperCase();
        if (country.equals("CN")) {
            return chinese(invoice.dueDate());
        }
        if (isEuMember(country)) {
            return european();
        }
        return new InterestBasis(InterestBasis.Source.NONE, "no interest: no contract or segment rate and no statutory"
            + " default for country " + (country.isEmpty() ? "(unknown)" : country), DailyRate.none());
    }

    /**
     * The law says the LPR on the due date: a later LPR change does not move the rate of an invoice that was
     * already late (unlike the ECB rate, which changes with each half-year).
     */
    private InterestBasis chinese(LocalDate dueDate) {
        BigDecimal onDueDate = lpr.inForceOn(dueDate);
        if (onDueDate == null) {
            return new InterestBasis(InterestBasis.Source.NONE,
                "no interest: no one-year LPR known on the due date " + dueDate, DailyRate.none());
        }
        BigDecimal rate = onDueDate.multiply(LPR_MULTIPLIER).stripTrailingZeros();
        return new InterestBasis(InterestBasis.Source.STATUTORY_CN,
            "statutory (CN): one-year LPR " + onDueDate.stripTrailingZeros().toPlainString() + "% on the due date "
                + dueDate + " x 1.5 = " + rate.toPlainString() + "% p.a.", DailyRate.fixed(rate));
    }

    private InterestBasis european() {
        return new InterestBasis(InterestBasis.Source.STATUTORY_EU,
            "statutory (EU B2B, Directive 2011/7/EU): ECB main refinancing rate in force on 1 January / 1 July of"
                + " each half-year + 8 points", new DailyRate() {
                    @Override
                    public BigDecimal annualPercentOn(LocalDate day) {
                        return euRateOn(day);
                    }

                    @Override
                    public LocalDate nextChangeAfter(LocalDate day) {
                        // the rate of a half-year holds until the next 1 January or 1 July
                        return day.getMonthValue() <= 6 ? LocalDate.of(day.getYear(), Month.JULY, 1)
                            : LocalDate.of(day.getYear() + 1, Month.JANUARY, 1);
                    }
                });
    }

    BigDecimal euRateOn(LocalDate day) {
        LocalDate reference = day.getMonthValue() <= 6 ? LocalDate.of(day.getYear(), Month.JANUARY, 1)
            : LocalDate.of(day.getYear(), Month.JULY, 1);
        BigDecimal base = ecb.inForceOn(reference);
        return base == null ? null : base.add(ECB_MARGIN_POINTS);
    }
}
