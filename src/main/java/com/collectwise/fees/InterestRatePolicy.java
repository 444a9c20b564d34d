package com.collectwise.fees;

import com.collectwise.money.DailyRate;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Month;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.Segment;

/**
 * Picks the rate of an invoice, in this order: the contract rate; else the segment rate of the late-fee policy
 * version in force on each day; else the statutory rate of the customer's jurisdiction (CN: LPR on the due date
 * x 1.5; EU member states: reference rate of each half-year + the country's margin). A customer without a country
 * is in the company's home jurisdiction ({@link InterestSettings#homeCountry()}). Customers elsewhere without a
 * contract or segment rate are not charged interest (source NONE, and the description says why): we have no
 * statutory default for them and claim nothing we cannot justify. A rate that should apply but is missing from
 * the reference tables is source UNKNOWN, never a silent 0.
 */
public final class InterestRatePolicy {

    /** Courts accept LPR x 1.3-1.5 where no penalty was agreed; the company claims the top of that range. */
    static final BigDecimal LPR_MULTIPLIER = new BigDecimal("1.5");
    /** The first LPR fixing of the reform; before it, lpr_rates holds the PBOC one-year benchmark lending rate. */
    static final LocalDate LPR_REFORM = LocalDate.of(2019, 8, 20);

    /** The 27 member states (ISO 3166 alpha-2; Greece is GR, not EL). */
    public static final Set<String> EU_MEMBER_STATES = Set.of("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI",
        "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE");

    private final RateTable lpr;
    private final RateTable ecb;
    private final InterestSettings settings;

    /** The Directive minimum for every member state, home jurisdiction CN. */
    public InterestRatePolicy(RateTable lpr, RateTable ecb) {
        this(lpr, ecb, InterestSettings.defaults());
    }

    public InterestRatePolicy(RateTable lpr, RateTable ecb, InterestSettings settings) {
        this.lpr = lpr;
        this.ecb = ecb;
        this.settings = settings;
    }

    public static boolean isEuMember(String country) {
        return country != null && EU_MEMBER_STATES.contains(country.trim().toUpperCase());
    }

    /**
     * Whether the customer's late invoices owe the EU fixed compensation (EUR 40, Directive 2011/7/EU: every customer
     * is a business): the customer is in a member state by the same rule as its statutory rate - its country, or
     * the home jurisdiction when it has none (a FOREIGN customer without a country is in no known jurisdiction).
     */
    public static boolean owesEuCompensation(InterestSettings settings, String customerCountry, Segment segment) {
        boolean home = customerCountry == null || customerCountry.isBlank();
        if (home && segment == Segment.FOREIGN) {
            return false;
        }
        return isEuMember(home ? settings.homeCountry() : customerCountry);
    }

    /**
     * The jurisdiction whose statutory rate applies: the customer's country, or the home jurisdiction when the
     * customer has none.
     */
    public String jurisdictionOf(String customerCountry) {
        return customerCountry == null || customerCountry.isBlank() ? settings.homeCountry()
            : customerCountry.trim().toUpperCase();
    }

    /** One policy for all days (no versions): the basis as of any date. */
    public InterestBasis basisFor(Invoice invoice, String customerCountry, LateFeePolicy policy) {
        LocalDate firstLateDay = invoice.dueDate().plusDays(1);
        return basisFor(invoice, customerCountry, LateFeePolicyTimeline.constant(policy), firstLateDay);
    }

    /**
     * @param policies the late-fee policy versions by the date each took effect: the segment rate of a day is that
     *                 of the version in force that day, so a change applies from its date on, never backwards
     * @param asOf     the statement date: the description names the versions in force from the first late day
     *                 to it (the rate itself covers any day)
     */
    public InterestBasis basisFor(Invoice invoice, String customerCountry, LateFeePolicyTimeline policies,
                                  LocalDate asOf) {
        return basisFor(invoice, customerCountry, null, policies, asOf);
    }

    /**
     * As {@link #basisFor(Invoice, String, LateFeePolicyTimeline, LocalDate)}, for a customer of the segment: the home
     * jurisdiction is that of a customer without a country, except a {@link Segment#FOREIGN} one, which is in no
     * known jurisdiction (DOMAIN.md section 6: a DOMESTIC customer without a country uses the home jurisdiction).
     */
    public InterestBasis basisFor(Invoice invoice, String customerCountry, Segment customerSegment,
                                  LateFeePolicyTimeline policies, LocalDate asOf) {
        if (invoice.contractRatePercent() != null) {
            // an agreed 0% is an agreement too: it excludes the fallbacks
            BigDecimal rate = invoice.contractRatePercent().stripTrailingZeros();
            return new InterestBasis(InterestBasis.Source.CONTRACT, "contract rate " + rate.toPlainString() + "% p.a.",
                DailyRate.fixed(rate));
        }
        LocalDate firstLateDay = invoice.dueDate().plusDays(1);
        List<Map.Entry<LocalDate, LateFeePolicy>> versions = policies.between(firstLateDay,
            asOf.isAfter(firstLateDay) ? asOf : firstLateDay);
        boolean anySegment = versions.stream().anyMatch(v -> v.getValue().segmentRatePercent() != null);
        boolean allSegment = versions.stream().allMatch(v -> v.getValue().segmentRatePercent() != null);
        InterestBasis statutory = allSegment ? null : statutory(invoice, customerCountry, customerSegment);
        if (!anySegment) {
            return statutory;
        }
        DailyRate rate = segmentRate(policies, statutory == null ? null : statutory.rate());
        String description = segmentDescription(versions, statutory);
        if (statutory != null && statutory.source() == InterestBasis.Source.UNKNOWN) {
            // part of the period falls back to a statutory rate nobody entered: the figure is incomplete
            return new InterestBasis(InterestBasis.Source.UNKNOWN, "rate unknown for part of the period: " + description,
                rate);
        }
        return new InterestBasis(InterestBasis.Source.SEGMENT, description, rate);
    }

    private InterestBasis statutory(Invoice invoice, String customerCountry, Segment customerSegment) {
        boolean home = customerCountry == null || customerCountry.isBlank();
        if (home && customerSegment == Segment.FOREIGN) {
            return new InterestBasis(InterestBasis.Source.NONE, "no interest: no contract or segment rate, and a FOREIGN"
                + " customer without a country is in no known jurisdiction (the home jurisdiction "
                + settings.homeCountry() + " is that of domestic customers); record the customer's country",
                DailyRate.none());
        }
        String country = jurisdictionOf(customerCountry);
        if (country.equals("CN")) {
            return chinese(invoice.dueDate());
        }
        if (isEuMember(country)) {
            return european(country, invoice.dueDate());
        }
        return new InterestBasis(InterestBasis.Source.NONE, "no interest: no contract or segment rate and no statutory"
            + " default for country " + country + (home ? " (the home jurisdiction; the customer has no country)" : ""),
            DailyRate.none());
    }

    /**
     * The law says the LPR on the due date: a later LPR change does not move the rate of an invoice that was
     * already late (unlike the ECB rate, which changes with each half-year).
     */
    private InterestBasis chinese(LocalDate dueDate) {
        BigDecimal onDueDate = lpr.inForceOn(dueDate);
        if (onDueDate == null) {
            return new InterestBasis(InterestBasis.Source.UNKNOWN,
                "rate unknown: no one-year LPR (or PBOC benchmark lending rate) on the due date " + dueDate
                    + " in the rate table; statutory (CN) interest is LPR x 1.5 and is not computed until finance"
                    + " enters that rate (POST /api/rates/lpr)", DailyRate.none());
        }
        BigDecimal rate = onDueDate.multiply(LPR_MULTIPLIER).stripTrailingZeros();
        String reference = dueDate.isBefore(LPR_REFORM) ? "PBOC one-year benchmark lending rate" : "one-year LPR";
        return new InterestBasis(InterestBasis.Source.STATUTORY_CN,
            "statutory (CN): " + reference + " " + onDueDate.stripTrailingZeros().toPlainString() + "% on the due date "
                + dueDate + " x 1.5 = " + rate.toPlainString() + "% p.a.", DailyRate.fixed(rate));
    }

    private InterestBasis european(String country, LocalDate dueDate) {
        InterestSettings.Reference reference = settings.eu().reference(country);
        // the national reference (the German base rate) is read off the ECB table: its points over ECB come in here
        BigDecimal margin = settings.eu().marginPoints(country);
        BigDecimal overEcb = margin.add(reference.pointsOverEcb());
        DailyRate rate = new DailyRate() {
            @Override
            public BigDecimal annualPercentOn(LocalDate day) {
                return euRateOn(day, overEcb);
            }

            @Override
            public LocalDate nextChangeAfter(LocalDate day) {
                // the rate of a half-year holds until the next 1 January or 1 July
                return day.getMonthValue() <= 6 ? LocalDate.of(day.getYear(), Month.JULY, 1)
                    : LocalDate.of(day.getYear() + 1, Month.JANUARY, 1);
            }
        };
        String text = "statutory (EU B2B, Directive 2011/7/EU, " + country + "): " + reference.description() + " + "
            + margin.stripTrailingZeros().toPlainString() + " points";
        LocalDate firstLateDay = dueDate.plusDays(1);
        // the table holds each rate until the next row, so if the first late half-year has a rate, all later do
        if (euRateOn(firstLateDay, overEcb) == null) {
            return new InterestBasis(InterestBasis.Source.UNKNOWN, "rate unknown: no ECB reference rate for the"
                + " half-year starting " + halfYearStart(firstLateDay) + " in the rate table; " + text
                + " is not computed for such half-years until finance enters the rate (POST /api/rates/ecb)", rate);
        }
        return new InterestBasis(InterestBasis.Source.STATUTORY_EU, text, rate, reference, margin);
    }

    /**
     * A statutory rate can be unknown only for an invoice due before this date: both tables hold each rate until
     * the next row, so from their first rows on every due date and half-year has one. Null when a table is empty
     * (then any invoice may lack its rate). Lets the dashboard look at the few old invoices only.
     */
    public LocalDate ratesKnownFrom() {
        if (lpr.asMap().isEmpty() || ecb.asMap().isEmpty()) {
            return null;
        }
        LocalDate lprFrom = lpr.asMap().firstKey();
        LocalDate ecbFrom = ecb.asMap().firstKey();
        return lprFrom.isAfter(ecbFrom) ? lprFrom : ecbFrom;
    }

    /** The EU rate of the day at the Directive minimum margin (ECB + 8). */
    BigDecimal euRateOn(LocalDate day) {
        return euRateOn(day, InterestSettings.DIRECTIVE_MARGIN_POINTS);
    }

    /** The ECB reference of the day's half-year + {@code pointsOverEcb} (the margin over the national reference). */
    private BigDecimal euRateOn(LocalDate day, BigDecimal pointsOverEcb) {
        BigDecimal base = ecb.inForceOn(halfYearStart(day));
        return base == null ? null : base.add(pointsOverEcb);
    }

    private static LocalDate halfYearStart(LocalDate day) {
        return day.getMonthValue() <= 6 ? LocalDate.of(day.getYear(), Month.JANUARY, 1)
            : LocalDate.of(day.getYear(), Month.JULY, 1);
    }

    /**
     * The segment rate of the version in force each day; on days whose version sets none, the statutory rate
     * (or none). A step function: it may change where a version takes effect or where the fallback changes.
     */
    private static DailyRate segmentRate(LateFeePolicyTimeline policies, DailyRate fallback) {
        return new DailyRate() {
            @Override
            public BigDecimal annualPercentOn(LocalDate day) {
                BigDecimal segment = policies.inForceOn(day).segmentRatePercent();
                if (segment != null) {
                    return segment.stripTrailingZeros();
                }
                return fallback == null ? null : fallback.annualPercentOn(day);
            }

            @Override
            public LocalDate nextChangeAfter(LocalDate day) {
                LocalDate version = policies.nextChangeAfter(day);
                LocalDate statutory = fallback == null || policies.inForceOn(day).segmentRatePercent() != null
                    ? null : fallback.nextChangeAfter(day);
                if (version == null) {
                    return statutory;
                }
                return statutory == null || version.isBefore(statutory) ? version : statutory;
            }
        };
    }

    /**
     * What a segment rate is, in words the customer reads in the reminders and the letter (the basis of the rate,
     * DOMAIN.md 6); never the decision's model id.
     */
    static final String SEGMENT_WORDS = "the late-payment rate agreed for your customer group";

    private static String segmentDescription(List<Map.Entry<LocalDate, LateFeePolicy>> versions,
                                             InterestBasis statutory) {
        if (versions.size() == 1) {
            BigDecimal rate = versions.get(0).getValue().segmentRatePercent().stripTrailingZeros();
            return SEGMENT_WORDS + " (" + rate.toPlainString() + "% p.a.)";
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < versions.size(); i++) {
            BigDecimal rate = versions.get(i).getValue().segmentRatePercent();
            String what = rate == null ? "no segment rate, " + statutory.description()
                : rate.stripTrailingZeros().toPlainString() + "% p.a.";
            parts.add((i == 0 ? "" : "from " + versions.get(i).getKey() + " ") + what);
        }
        return SEGMENT_WORDS + ", each change from the day it took effect: "
            + String.join("; ", parts);
    }
}
