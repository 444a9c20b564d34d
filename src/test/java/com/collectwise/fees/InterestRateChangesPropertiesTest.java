package com.collectwise.fees;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.Month;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import com.collectwise.kernel.CaseStatus;
import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.Segment;
import com.collectwise.kernel.Stage;
import com.collectwise.money.AccountReplay;
import com.collectwise.money.Money;
import com.collectwise.money.Statement;

/**
 * Rates that change during the period (DOMAIN.md section 6), through the real rate rules ({@link InterestRatePolicy})
 * and the replay, against a day-by-day model written here that picks each day's rate by the rule itself: the contract
 * rate; else the segment rate of the late-fee policy version in force that day (versions at random dates, some
 * without a segment rate); else the statutory rate - CN the LPR in force on the due date x 1.5 (a later fixing never
 * moves it), EU the ECB rate in force on the 1 January / 1 July that starts the day's half-year + the country's margin
 * (ECB rows at any date, also mid-half-year), DE the German base rate (ECB reference - 0.88) + 9. Random part payments
 * (interest first, then principal, a payment of day X cuts the principal from X+1), the EUR 40 of an EU invoice when
 * anything was unpaid at the end of the due date, JPY / EUR / KWD minor units, the exact sum rounded once HALF_UP.
 * <p>
 * And a rate, a fixing or a policy version dated X, entered later, changes no statement as of a day before X.
 */
class InterestRateChangesPropertiesTest {

    static final InterestSettings SETTINGS = new InterestSettings("CN", new InterestSettings.Eu(new BigDecimal("8"),
        Map.of("FR", new InterestSettings.Country(new BigDecimal("10"), InterestSettings.Reference.ECB),
            "DE", new InterestSettings.Country(new BigDecimal("9"), InterestSettings.Reference.DE_BASE_RATE))));

    /** The facts: reference tables, policy versions, one invoice with its payments, the as-of date. */
    record Scenario(String country, BigDecimal contractRate, NavigableMap<LocalDate, BigDecimal> lpr,
                    NavigableMap<LocalDate, BigDecimal> ecb, NavigableMap<LocalDate, BigDecimal> segmentRates,
                    String currency, BigDecimal amount, LocalDate due, List<Object[]> payments, LocalDate asOf,
                    LocalDate lateEntryDay, BigDecimal lateEntryRate, int lateEntryKind) {
    }

    @Property(tries = 400)
    void theReplayChargesEachDayTheRateOfThatDay(@ForAll("scenarios") Scenario s) {
        Statement replayed = replay(s, s.lpr(), s.ecb(), s.segmentRates(), s.asOf());
        Model model = Model.run(s);
        assertThat(replayed.principal()).as("principal").isEqualByComparingTo(model.principal);
        assertThat(replayed.interest()).as("interest").isEqualByComparingTo(model.interestDue());
        assertThat(replayed.fees()).as("fees").isEqualByComparingTo(model.feesDue());
        assertThat(replayed.interest().scale()).isEqualTo(Money.minorUnit(Money.currency(s.currency())));
    }

    /**
     * A rate entered late (an ECB rate, an LPR fixing, a new policy version, dated {@code lateEntryDay}) changes the
     * figures as of that day and later only: as of the day before, the statement is what it was without it.
     */
    @Property(tries = 300)
    void aRateEnteredLateChangesNoStatementAsOfADayBeforeItsDate(@ForAll("scenarios") Scenario s) {
        LocalDate before = s.lateEntryDay().minusDays(1);
        net.jqwik.api.Assume.that(!before.isBefore(s.due().minusDays(30)));
        NavigableMap<LocalDate, BigDecimal> lpr = new TreeMap<>(s.lpr());
        NavigableMap<LocalDate, BigDecimal> ecb = new TreeMap<>(s.ecb());
        NavigableMap<LocalDate, BigDecimal> segments = new TreeMap<>(s.segmentRates());
        switch (s.lateEntryKind()) {
            case 0 -> lpr.put(s.lateEntryDay(), s.lateEntryRate());
            case 1 -> ecb.put(s.lateEntryDay(), s.lateEntryRate());
            default -> segments.put(s.lateEntryDay(), s.lateEntryRate().signum() == 0 ? null : s.lateEntryRate());
        }
        assertThat(replay(s, lpr, ecb, segments, before))
            .isEqualTo(replay(s, s.lpr(), s.ecb(), s.segmentRates(), before));
    }

    static Invoice invoice(Scenario s) {
        return new Invoice("INV-P", "C-P", s.due().minusDays(30), s.due(), 30, s.amount(), s.currency(),
            s.contractRate(), CaseStatus.OPEN, Stage.INTERNAL_REMINDER, null, null);
    }

    static Statement replay(Scenario s, NavigableMap<LocalDate, BigDecimal> lpr, NavigableMap<LocalDate, BigDecimal> ecb,
                            NavigableMap<LocalDate, BigDecimal> segmentRates, LocalDate asOf) {
        InterestRatePolicy policy = new InterestRatePolicy(RateTable.of(lpr), RateTable.of(ecb), SETTINGS);
        Map<LocalDate, LateFeePolicy> versions = new TreeMap<>();
        // a version without a segment rate (null) is a policy that falls back to the statutory rate
        segmentRates.forEach((day, rate) -> versions.put(day, new LateFeePolicy(rate, null, null, null)));
        LateFeePolicyTimeline timeline = LateFeePolicyTimeline.of(versions);
        Invoice invoice = invoice(s);
        InterestBasis basis = policy.basisFor(invoice, s.country(), Segment.FOREIGN, timeline, asOf);
        boolean eu = InterestRatePolicy.isEuMember(s.country());
        List<AccountReplay.PaymentFact> payments = new ArrayList<>();
        for (int i = 0; i < s.payments().size(); i++) {
            Object[] p = s.payments().get(i);
            payments.add(new AccountReplay.PaymentFact("P" + i, "INV-P", Money.of((BigDecimal) p[1], s.currency()),
                (LocalDate) p[0], null));
        }
        AccountReplay.InvoiceTerms terms = new AccountReplay.InvoiceTerms("INV-P", s.currency(), s.amount(),
            invoice.issueDate(), s.due(), basis.rate(), null, eu,
            eu ? AccountReplay.compensationIn(s.currency(), fxPerEur(s.currency())) : null, List.of());
        return AccountReplay.replay(List.of(terms), payments, asOf).invoice("INV-P").statement();
    }

    /** One fixed euro rate per currency, dated long before every due date. */
    static BigDecimal fxPerEur(String currency) {
        return switch (currency) {
            case "JPY" -> new BigDecimal("162.3625");
            case "KWD" -> new BigDecimal("0.3312");
            default -> null;
        };
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        LocalDate start = LocalDate.of(2024, 1, 1);
        Arbitrary<LocalDate> day = Arbitraries.integers().between(0, 1000).map(start::plusDays);
        Arbitrary<BigDecimal> reference = Arbitraries.integers().between(0, 600).map(u -> BigDecimal.valueOf(u, 2));
        Arbitrary<NavigableMap<LocalDate, BigDecimal>> table = Combinators.combine(day, reference)
            .as(Map::entry).list().ofMinSize(0).ofMaxSize(5).map(entries -> {
                NavigableMap<LocalDate, BigDecimal> t = new TreeMap<>();
                // a first row before every due date, so that the rate is known (UNKNOWN is pinned elsewhere)
                t.put(LocalDate.of(2023, 1, 1), new BigDecimal("3.45"));
                entries.forEach(e -> t.put(e.getKey(), e.getValue()));
                return t;
            });
        // a segment rate of a version, or null (half the time): the version sets none, the statutory rate applies
        Arbitrary<BigDecimal> segmentRate = Arbitraries.integers().between(1, 1800).map(u -> BigDecimal.valueOf(u, 2))
            .injectNull(0.5);
        Arbitrary<NavigableMap<LocalDate, BigDecimal>> versions = Combinators.combine(segmentRate,
                Combinators.combine(day, segmentRate).as((d, r) -> new Object[] {d, r}).list().ofMaxSize(3))
            .as((first, later) -> {
                NavigableMap<LocalDate, BigDecimal> t = new TreeMap<>();
                // the version deployed at the first start (it covers the days before it too), then the supervisor's
                t.put(LocalDate.of(2023, 1, 1), first);
                later.forEach(e -> t.put((LocalDate) e[0], (BigDecimal) e[1]));
                return t;
            });
        Arbitrary<String> country = Arbitraries.of("CN", "FR", "DE", "IT", "US");
        Arbitrary<BigDecimal> contract = Arbitraries.integers().between(0, 2400).map(u -> BigDecimal.valueOf(u, 2))
            .injectNull(0.8);
        Arbitrary<String> currency = Arbitraries.of("EUR", "CNY", "JPY", "KWD");
        Arbitrary<Integer> amountUnits = Arbitraries.integers().between(1, 90_000_000);
        Arbitrary<List<int[]>> payments = Combinators.combine(Arbitraries.integers().between(-5, 400),
                Arbitraries.integers().between(1, 40_000_000)).as((d, u) -> new int[] {d, u}).list().ofMaxSize(4);
        Arbitrary<Integer> dueDay = Arbitraries.integers().between(60, 700);
        Arbitrary<Integer> asOfDays = Arbitraries.integers().between(-3, 500);
        Arbitrary<Object[]> late = Combinators.combine(Arbitraries.integers().between(-40, 500), reference,
            Arbitraries.integers().between(0, 2)).as((d, r, k) -> new Object[] {d, r, k});
        Arbitrary<Object[]> rates = Combinators.combine(table, table, versions, country, contract)
            .as((l, e, v, c, k) -> new Object[] {l, e, v, c, k});
        return Combinators.combine(rates, currency, amountUnits, payments, dueDay, asOfDays, late)
            .as((r, cur, units, pays, dd, ad, lt) -> {
                int scale = Money.minorUnit(Money.currency(cur));
                LocalDate due = start.plusDays(dd);
                List<Object[]> facts = new ArrayList<>();
                for (int[] p : pays) {
                    facts.add(new Object[] {due.plusDays(p[0]), BigDecimal.valueOf(p[1], scale)});
                }
                @SuppressWarnings("unchecked")
                Scenario s = new Scenario((String) r[3], (BigDecimal) r[4], (NavigableMap<LocalDate, BigDecimal>) r[0],
                    (NavigableMap<LocalDate, BigDecimal>) r[1], (NavigableMap<LocalDate, BigDecimal>) r[2], cur,
                    BigDecimal.valueOf(units, scale), due, facts, due.plusDays(ad), due.plusDays((Integer) lt[0]),
                    (BigDecimal) lt[1], (Integer) lt[2]);
                return s;
            });
    }

    /** The model: one day after the other, the rule for each day's rate written out again, exact numerator. */
    static final class Model {
        final int scale;
        BigDecimal principal;
        BigDecimal numerator = BigDecimal.ZERO;
        BigDecimal interestPaid = BigDecimal.ZERO;
        BigDecimal fees = BigDecimal.ZERO;
        BigDecimal feesPaid = BigDecimal.ZERO;

        Model(Scenario s) {
            this.scale = Money.minorUnit(Money.currency(s.currency()));
            this.principal = s.amount();
        }

        BigDecimal interestDue() {
            return numerator.divide(BigDecimal.valueOf(36_500), scale, RoundingMode.HALF_UP).subtract(interestPaid);
        }

        BigDecimal feesDue() {
            return fees.subtract(feesPaid);
        }

        /** The rate of the day by DOMAIN.md section 6, or null: none. */
        static BigDecimal rateOn(Scenario s, LocalDate day) {
            if (s.contractRate() != null) {
                return s.contractRate();
            }
            BigDecimal segment = s.segmentRates().floorEntry(day).getValue(); // a first version from 2023 on
            if (segment != null) {
                return segment;
            }
            switch (s.country()) {
                case "CN":
                    return s.lpr().floorEntry(s.due()).getValue().multiply(new BigDecimal("1.5"));
                case "FR":
                case "DE":
                case "IT":
                    LocalDate halfYear = day.getMonthValue() <= 6 ? LocalDate.of(day.getYear(), Month.JANUARY, 1)
                        : LocalDate.of(day.getYear(), Month.JULY, 1);
                    BigDecimal ecb = s.ecb().floorEntry(halfYear).getValue();
                    return switch (s.country()) {
                        case "FR" -> ecb.add(BigDecimal.TEN);
                        case "DE" -> ecb.subtract(new BigDecimal("0.88")).add(new BigDecimal("9"));
                        default -> ecb.add(new BigDecimal("8"));
                    };
                default:
                    return null;
            }
        }

        static Model run(Scenario s) {
            Model m = new Model(s);
            boolean eu = List.of("FR", "DE", "IT").contains(s.country());
            for (LocalDate day = s.due().minusDays(30); !day.isAfter(s.asOf()); day = day.plusDays(1)) {
                if (day.isAfter(s.due())) {
                    BigDecimal rate = rateOn(s, day);
                    if (rate != null && rate.signum() > 0) {
                        m.numerator = m.numerator.add(m.principal.multiply(rate));
                    }
                }
                if (eu && day.equals(s.due().plusDays(1)) && m.principal.signum() > 0) {
                    BigDecimal perEur = fxPerEur(s.currency());
                    if ("EUR".equals(s.currency())) {
                        m.fees = m.fees.add(new BigDecimal("40.00"));
                    } else if (perEur != null) {
                        m.fees = m.fees.add(new BigDecimal("40").multiply(perEur).setScale(m.scale, RoundingMode.HALF_UP));
                    }
                }
                for (Object[] p : s.payments()) {
                    if (!p[0].equals(day)) {
                        continue;
                    }
                    BigDecimal left = (BigDecimal) p[1];
                    BigDecimal f = left.min(m.feesDue().max(BigDecimal.ZERO));
                    m.feesPaid = m.feesPaid.add(f);
                    left = left.subtract(f);
                    BigDecimal i = left.min(m.interestDue().max(BigDecimal.ZERO));
                    m.interestPaid = m.interestPaid.add(i);
                    left = left.subtract(i);
                    m.principal = m.principal.subtract(left.min(m.principal));
                }
            }
            return m;
        }
    }
}
