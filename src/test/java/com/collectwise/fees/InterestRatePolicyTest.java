package com.collectwise.fees;

import com.collectwise.money.DailyRate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.collectwise.kernel.CaseStatus;
import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.Segment;
import com.collectwise.kernel.Stage;

/**
 * The rate an invoice bears, against the reference history of V12 (DOMAIN.md section 6) and the settings of
 * application.yaml: LPR on the due date since the 2019 reform, the PBOC benchmark before it, the home jurisdiction,
 * per-country EU margins, effective-dated segment rates, and UNKNOWN (never a silent 0) where a rate is missing.
 */
class InterestRatePolicyTest {

    /** lpr_rates after V12. */
    static final RateTable LPR = table(
        "2015-10-24", "4.35", "2019-08-20", "4.25", "2019-09-20", "4.20", "2019-11-20", "4.15", "2020-02-20", "4.05",
        "2020-04-20", "3.85", "2021-12-20", "3.80", "2022-01-20", "3.70", "2022-08-22", "3.65", "2023-06-20", "3.55",
        "2023-08-21", "3.45", "2024-07-22", "3.35", "2024-10-21", "3.10", "2025-05-20", "3.00");
    /** ecb_rates after V12: 0.00 for every half-year 2016..2022, then the values of DOMAIN.md. */
    static final RateTable ECB = table(
        "2016-01-01", "0.00", "2022-07-01", "0.00", "2023-01-01", "2.50", "2023-07-01", "4.00", "2024-01-01", "4.50",
        "2024-07-01", "4.25", "2025-01-01", "3.15", "2025-07-01", "2.15", "2026-01-01", "2.15");
    /** As application.yaml: home CN, Directive minimum, FR ECB + 10, DE base rate + 9 (= ECB - 0.88 + 9). */
    static final InterestSettings SETTINGS = new InterestSettings("CN", new InterestSettings.Eu(new BigDecimal("8"),
        Map.of("FR", new InterestSettings.Country(new BigDecimal("10"), InterestSettings.Reference.ECB),
            "de", new InterestSettings.Country(new BigDecimal("9"), InterestSettings.Reference.DE_BASE_RATE))));
    static final InterestRatePolicy POLICY = new InterestRatePolicy(LPR, ECB, SETTINGS);

    static RateTable table(String... dateRatePairs) {
        Map<LocalDate, BigDecimal> rates = new TreeMap<>();
        for (int i = 0; i < dateRatePairs.length; i += 2) {
            rates.put(LocalDate.parse(dateRatePairs[i]), new BigDecimal(dateRatePairs[i + 1]));
        }
        return RateTable.of(rates);
    }

    static Invoice invoice(String due, String contractRate) {
        LocalDate dueDate = LocalDate.parse(due);
        return new Invoice("INV-R", "C-R", dueDate.minusDays(30), dueDate, 30, new BigDecimal("10000.00"), "CNY",
            contractRate == null ? null : new BigDecimal(contractRate), CaseStatus.OPEN, Stage.INTERNAL_REMINDER,
            null, null);
    }

    static InterestBasis basis(String due, String country) {
        return POLICY.basisFor(invoice(due, null), country, LateFeePolicy.DEFAULT);
    }

    @ParameterizedTest(name = "due {0}: LPR {1}% x 1.5 = {2}%")
    @CsvSource({
        // 2019: the first fixings of the reform, each in force from its own date
        "2019-08-20, 4.25, 6.375",
        "2019-09-19, 4.25, 6.375",
        "2019-10-31, 4.2, 6.3",
        "2019-12-31, 4.15, 6.225",
        // 2020: 4.05 from 20 Feb, 3.85 from 20 Apr
        "2020-03-31, 4.05, 6.075",
        "2020-04-20, 3.85, 5.775",
        // 2022: 3.70 from 20 Jan, 3.65 from 22 Aug (the 20th was a Saturday)
        "2022-06-30, 3.7, 5.55",
        "2022-08-21, 3.7, 5.55",
        "2022-08-22, 3.65, 5.475"})
    void cn_lprOnTheDueDateTimes1_5(String due, String lpr, String rate) {
        InterestBasis b = basis(due, "CN");
        assertThat(b.source()).isEqualTo(InterestBasis.Source.STATUTORY_CN);
        assertThat(b.description()).contains("one-year LPR " + lpr + "% on the due date " + due)
            .contains("= " + rate + "% p.a.");
        // the LPR of the due date holds for the whole claim, later fixings do not move it
        assertThat(b.rate().annualPercentOn(LocalDate.parse(due).plusDays(1))).isEqualByComparingTo(rate);
        assertThat(b.rate().annualPercentOn(LocalDate.of(2026, 1, 1))).isEqualByComparingTo(rate);
        assertThat(b.rate().nextChangeAfter(LocalDate.parse(due))).isNull();
    }

    @Test
    void cn_beforeTheReform_thePbocBenchmark4_35() {
        InterestBasis b = basis("2019-08-19", "CN");
        assertThat(b.source()).isEqualTo(InterestBasis.Source.STATUTORY_CN);
        assertThat(b.description()).contains("PBOC one-year benchmark lending rate 4.35% on the due date 2019-08-19")
            .contains("= 6.525% p.a.");
        assertThat(basis("2016-06-30", "CN").rate().annualPercentOn(LocalDate.of(2016, 7, 1)))
            .isEqualByComparingTo("6.525");
        assertThat(basis("2015-10-24", "CN").source()).isEqualTo(InterestBasis.Source.STATUTORY_CN);
    }

    @Test
    void cn_dueBeforeTheTableStarts_isUnknownNotZero() {
        InterestBasis b = basis("2015-10-23", "CN");
        assertThat(b.source()).isEqualTo(InterestBasis.Source.UNKNOWN);
        assertThat(b.description()).startsWith("rate unknown").contains("2015-10-23").contains("/api/rates/lpr");
        // and the same with an empty table (a fresh install whose seed failed): UNKNOWN, not NONE
        InterestRatePolicy empty = new InterestRatePolicy(RateTable.empty(), ECB, SETTINGS);
        assertThat(empty.basisFor(invoice("2025-01-31", null), "CN", LateFeePolicy.DEFAULT).source())
            .isEqualTo(InterestBasis.Source.UNKNOWN);
        assertThat(empty.ratesKnownFrom()).isNull();
        assertThat(POLICY.ratesKnownFrom()).isEqualTo(LocalDate.of(2016, 1, 1));
    }

    @Test
    void customerWithoutCountry_usesTheHomeJurisdiction() {
        InterestBasis none = basis("2021-03-31", null);
        assertThat(none.source()).isEqualTo(InterestBasis.Source.STATUTORY_CN);
        assertThat(none.rate().annualPercentOn(LocalDate.of(2021, 4, 1))).isEqualByComparingTo("5.775");
        assertThat(basis("2021-03-31", "  ").source()).isEqualTo(InterestBasis.Source.STATUTORY_CN);

        // a company at home in France: its customers without a country get ECB + 10
        InterestRatePolicy french = new InterestRatePolicy(LPR, ECB, new InterestSettings("fr", SETTINGS.eu()));
        InterestBasis fr = french.basisFor(invoice("2025-01-31", null), null, LateFeePolicy.DEFAULT);
        assertThat(fr.source()).isEqualTo(InterestBasis.Source.STATUTORY_EU);
        assertThat(fr.rate().annualPercentOn(LocalDate.of(2025, 2, 1))).isEqualByComparingTo("13.15");

        // a home jurisdiction without a statutory default: NONE, and the description says why
        InterestRatePolicy swiss = new InterestRatePolicy(LPR, ECB, new InterestSettings("CH", SETTINGS.eu()));
        InterestBasis ch = swiss.basisFor(invoice("2025-01-31", null), null, LateFeePolicy.DEFAULT);
        assertThat(ch.source()).isEqualTo(InterestBasis.Source.NONE);
        assertThat(ch.description()).contains("CH").contains("home jurisdiction");
        assertThat(InterestSettings.defaults().homeCountry()).isEqualTo("CN");
    }

    @Test
    void foreignCustomerWithoutCountry_isInNoKnownJurisdiction() {
        LateFeePolicyTimeline policy = LateFeePolicyTimeline.constant(LateFeePolicy.DEFAULT);
        LocalDate asOf = LocalDate.of(2021, 4, 30);
        InterestBasis foreign = POLICY.basisFor(invoice("2021-03-31", null), null, Segment.FOREIGN, policy, asOf);
        assertThat(foreign.source()).isEqualTo(InterestBasis.Source.NONE);
        assertThat(foreign.description()).contains("FOREIGN").contains("no known jurisdiction");
        assertThat(foreign.rate().annualPercentOn(LocalDate.of(2021, 4, 1))).isNull();
        assertThat(POLICY.basisFor(invoice("2021-03-31", null), " ", Segment.FOREIGN, policy, asOf).source())
            .isEqualTo(InterestBasis.Source.NONE);

        // the home jurisdiction stays that of a domestic customer without a country; a country recorded decides
        assertThat(POLICY.basisFor(invoice("2021-03-31", null), null, Segment.DOMESTIC, policy, asOf).source())
            .isEqualTo(InterestBasis.Source.STATUTORY_CN);
        assertThat(POLICY.basisFor(invoice("2021-03-31", null), "FR", Segment.FOREIGN, policy, asOf).source())
            .isEqualTo(InterestBasis.Source.STATUTORY_EU);
        // an agreed rate needs no jurisdiction
        assertThat(POLICY.basisFor(invoice("2021-03-31", "6"), null, Segment.FOREIGN, policy, asOf).source())
            .isEqualTo(InterestBasis.Source.CONTRACT);
    }

    @Test
    void eu_marginPerCountry_fr10_deBaseRatePlus9_othersTheDirective8() {
        LocalDate day = LocalDate.of(2025, 8, 1); // H2 2025: ECB 2.15
        assertThat(basis("2025-07-31", "FR").rate().annualPercentOn(day)).isEqualByComparingTo("12.15");
        assertThat(basis("2025-07-31", "FR").description()).contains("ECB main refinancing rate").contains("+ 10 points");
        // base rate 2.15 - 0.88 = 1.27, + 9 = 10.27; the customer reads the German basis, not "ECB + 8.12"
        assertThat(basis("2025-07-31", "DE").rate().annualPercentOn(day)).isEqualByComparingTo("10.27");
        assertThat(basis("2025-07-31", "DE").description()).contains("German base rate (Basiszinssatz, BGB section 247")
            .contains("less 0.88 points").contains("+ 9 points").doesNotContain("8.12");
        assertThat(basis("2025-07-31", "AT").rate().annualPercentOn(day)).isEqualByComparingTo("10.15");
        // 2016..2022 at 0.00 + 8; the half-year boundary is the next change
        InterestBasis old = basis("2018-03-31", "AT");
        assertThat(old.source()).isEqualTo(InterestBasis.Source.STATUTORY_EU);
        assertThat(old.rate().annualPercentOn(LocalDate.of(2018, 4, 1))).isEqualByComparingTo("8.00");
        assertThat(old.rate().annualPercentOn(LocalDate.of(2023, 7, 1))).isEqualByComparingTo("12.00");
        assertThat(old.rate().nextChangeAfter(LocalDate.of(2018, 4, 1))).isEqualTo(LocalDate.of(2018, 7, 1));
        assertThat(old.rate().nextChangeAfter(LocalDate.of(2018, 7, 1))).isEqualTo(LocalDate.of(2019, 1, 1));
    }

    @Test
    void eu_halfYearWithoutEcbRate_isUnknown_laterHalfYearsStillCount() {
        InterestBasis b = basis("2015-11-30", "FR");
        assertThat(b.source()).isEqualTo(InterestBasis.Source.UNKNOWN);
        assertThat(b.description()).startsWith("rate unknown").contains("2015-07-01").contains("/api/rates/ecb");
        assertThat(b.rate().annualPercentOn(LocalDate.of(2015, 12, 1))).isNull();
        assertThat(b.rate().annualPercentOn(LocalDate.of(2016, 1, 1))).isEqualByComparingTo("10.00");
    }

    @Test
    void settings_refuseAMarginBelowTheDirective() {
        assertThatThrownBy(() -> new InterestSettings.Eu(new BigDecimal("7.5"), null))
            .hasMessageContaining("at least 8");
        assertThatThrownBy(() -> new InterestSettings.Eu(null,
            Map.of("IT", new InterestSettings.Country(new BigDecimal("2"), null))))
            .hasMessageContaining("countries.IT");
        // 8.5 over the German base rate is 7.62 over the ECB rate: below the Directive's floor
        assertThatThrownBy(() -> new InterestSettings.Eu(null, Map.of("DE",
            new InterestSettings.Country(new BigDecimal("8.5"), InterestSettings.Reference.DE_BASE_RATE))))
            .hasMessageContaining("countries.DE");
    }

    @Test
    void contractRateBeatsEverything_evenWhenTheStatutoryRateIsUnknown() {
        InterestBasis b = POLICY.basisFor(invoice("2010-01-31", "12"), "CN", LateFeePolicy.DEFAULT);
        assertThat(b.source()).isEqualTo(InterestBasis.Source.CONTRACT);
    }

    /**
     * The basis of a segment rate is read by the customer in the reminders and the letter ("Late-payment interest:
     * 8% p.a. (...)"): words the customer understands, never the decision's model id.
     */
    @Test
    void segmentRate_isDescribedInTheCustomersWords_notByTheModelId() {
        LateFeePolicy eight = new LateFeePolicy(new BigDecimal("8"), null, null, null);
        InterestBasis one = POLICY.basisFor(invoice("2026-01-31", null), "CN", eight);
        assertThat(one.source()).isEqualTo(InterestBasis.Source.SEGMENT);
        assertThat(one.description()).isEqualTo("the late-payment rate agreed for your customer group (8% p.a.)");
        LateFeePolicyTimeline versions = LateFeePolicyTimeline.of(Map.of(LocalDate.of(2026, 1, 10), eight,
            LocalDate.of(2026, 2, 15), new LateFeePolicy(new BigDecimal("12"), null, null, null)));
        InterestBasis two = POLICY.basisFor(invoice("2026-01-31", null), "CN", versions, LocalDate.of(2026, 3, 31));
        assertThat(two.description()).startsWith("the late-payment rate agreed for your customer group, each change "
            + "from the day it took effect: 8% p.a.; from 2026-02-15 12% p.a.").doesNotContain("Decision_");
    }

    @Test
    void segmentRate_stepsAtEachVersionsDate_andFallsBackToStatutoryWhereAVersionSetsNone() {
        LateFeePolicy none = LateFeePolicy.DEFAULT;
        LateFeePolicy eight = new LateFeePolicy(new BigDecimal("8"), null, null, null);
        LateFeePolicy twelve = new LateFeePolicy(new BigDecimal("12"), null, null, null);
        LateFeePolicyTimeline timeline = LateFeePolicyTimeline.of(Map.of(LocalDate.of(2026, 1, 10), none,
            LocalDate.of(2026, 2, 15), eight, LocalDate.of(2026, 3, 1), twelve));
        // CN, due 2026-01-31: LPR 3.00 x 1.5 = 4.5% until the segment rate takes effect
        InterestBasis b = POLICY.basisFor(invoice("2026-01-31", null), "CN", timeline, LocalDate.of(2026, 3, 31));
        assertThat(b.source()).isEqualTo(InterestBasis.Source.SEGMENT);
        assertThat(b.description()).contains("no segment rate, statutory (CN)").contains("from 2026-02-15 8% p.a.")
            .contains("from 2026-03-01 12% p.a.");
        DailyRate rate = b.rate();
        assertThat(List.of(LocalDate.of(2026, 2, 14), LocalDate.of(2026, 2, 15), LocalDate.of(2026, 2, 28),
            LocalDate.of(2026, 3, 1)).stream().map(rate::annualPercentOn).map(BigDecimal::toPlainString))
            .containsExactly("4.5", "8", "8", "12");
        assertThat(rate.nextChangeAfter(LocalDate.of(2026, 2, 1))).isEqualTo(LocalDate.of(2026, 2, 15));
        assertThat(rate.nextChangeAfter(LocalDate.of(2026, 2, 15))).isEqualTo(LocalDate.of(2026, 3, 1));
        assertThat(rate.nextChangeAfter(LocalDate.of(2026, 3, 1))).isNull();

        // as of a day before the change, the statement names only what was in force then
        InterestBasis early = POLICY.basisFor(invoice("2026-01-31", null), "CN", timeline, LocalDate.of(2026, 2, 10));
        assertThat(early.source()).isEqualTo(InterestBasis.Source.STATUTORY_CN);
        // an invoice due before the first version takes the first version
        assertThat(timeline.inForceOn(LocalDate.of(2025, 1, 1))).isEqualTo(none);

        // EU fallback: the half-year boundary is a change too while no segment rate is in force
        InterestBasis eu = POLICY.basisFor(invoice("2025-05-31", null), "AT",
            LateFeePolicyTimeline.of(Map.of(LocalDate.of(2025, 1, 1), none, LocalDate.of(2025, 9, 1), eight)),
            LocalDate.of(2025, 12, 31));
        assertThat(eu.rate().nextChangeAfter(LocalDate.of(2025, 6, 1))).isEqualTo(LocalDate.of(2025, 7, 1));
        assertThat(eu.rate().nextChangeAfter(LocalDate.of(2025, 7, 1))).isEqualTo(LocalDate.of(2025, 9, 1));
        assertThat(eu.rate().nextChangeAfter(LocalDate.of(2025, 9, 1))).isNull();

        // the fallback is missing for part of the period: UNKNOWN, not SEGMENT with a silent gap
        InterestBasis gap = POLICY.basisFor(invoice("2015-01-31", null), "CN",
            LateFeePolicyTimeline.of(Map.of(LocalDate.of(2014, 1, 1), none, LocalDate.of(2016, 1, 1), eight)),
            LocalDate.of(2016, 6, 30));
        assertThat(gap.source()).isEqualTo(InterestBasis.Source.UNKNOWN);
        assertThat(gap.description()).startsWith("rate unknown for part of the period");
        assertThat(gap.rate().annualPercentOn(LocalDate.of(2016, 2, 1))).isEqualByComparingTo("8");
    }
}
