package com.collectwise.money;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The replay against a small, independent model written here: it walks the calendar day by day (the replay sums
 * per period), keeps the interest as an exact fraction, and applies the same rules of DOMAIN.md sections 5 and 6
 * (fees, then interest, then principal; credit notes from the due date; reversed payments gone from their
 * reversal; waivers never below zero; overpayment is credit). Random invoices and events, posted in random order.
 */
class AccountReplayPropertiesTest {

    static final LocalDate DUE = LocalDate.of(2026, 1, 31);
    /** A rate that changes on 1 March and 1 June: the replay must cut its periods there. */
    static final DailyRate STEPPED = new DailyRate() {
        @Override
        public BigDecimal annualPercentOn(LocalDate day) {
            return day.isBefore(LocalDate.of(2026, 3, 1)) ? new BigDecimal("12")
                : day.isBefore(LocalDate.of(2026, 6, 1)) ? new BigDecimal("7.5") : new BigDecimal("9.25");
        }

        @Override
        public LocalDate nextChangeAfter(LocalDate day) {
            if (day.isBefore(LocalDate.of(2026, 3, 1))) {
                return LocalDate.of(2026, 3, 1);
            }
            return day.isBefore(LocalDate.of(2026, 6, 1)) ? LocalDate.of(2026, 6, 1) : null;
        }
    };

    /**
     * {@code eu}: an EU B2B invoice (the EUR 40 applies); {@code fxRates}: units of the currency per 1 EUR by the
     * date from which each applies (before and after the due date, or none), for a non-euro invoice.
     */
    record Scenario(String currency, BigDecimal amount, List<LedgerEntry> entries,
                    List<AccountReplay.PaymentFact> payments, LocalDate asOf, long shuffleSeed, boolean eu,
                    java.util.Map<LocalDate, BigDecimal> fxRates) {
    }

    @Property(tries = 300)
    void figuresDoNotDependOnThePostingOrder(@ForAll("scenarios") Scenario s) {
        AccountReplay.Result posted = replay(s, s.entries(), s.payments(), s.asOf());
        List<LedgerEntry> entries = new ArrayList<>(s.entries());
        List<AccountReplay.PaymentFact> payments = new ArrayList<>(s.payments());
        Collections.shuffle(entries, new Random(s.shuffleSeed()));
        Collections.shuffle(payments, new Random(s.shuffleSeed() + 1));
        AccountReplay.Result shuffled = replay(s, entries, payments, s.asOf());
        assertThat(shuffled.invoice("INV").statement()).isEqualTo(posted.invoice("INV").statement());
        assertThat(shuffled.credit(s.currency())).isEqualTo(posted.credit(s.currency()));
        assertThat(shuffled.splits()).containsExactlyInAnyOrderElementsOf(posted.splits());
    }

    @Property(tries = 300)
    void agreesWithTheDayByDayModel(@ForAll("scenarios") Scenario s) {
        AccountReplay.Result r = replay(s, s.entries(), s.payments(), s.asOf());
        DayByDay model = DayByDay.run(s);
        Statement st = r.invoice("INV").statement();
        assertThat(st.principal()).as("principal").isEqualByComparingTo(model.principal);
        assertThat(st.interest()).as("interest").isEqualByComparingTo(model.interestDue());
        assertThat(st.fees()).as("fees").isEqualByComparingTo(model.feesDue());
        assertThat(r.credit(s.currency()).amount()).as("credit").isEqualByComparingTo(model.credit);
        assertThat(r.invoice("INV").compensationUnconverted()).as("EUR 40 not convertible")
            .isEqualTo(model.compensationUnconverted);
    }

    /**
     * The undisputed part of an invoice (fees/StatementService#statementIfCredited, disputes/DisputeService#part):
     * the open disputes as a hypothetical credit note of min(disputed, principal not yet credited) booked on the
     * as-of date give the same statement as a credit note of that amount at the due date, and that statement agrees
     * with the day-by-day model (no interest ever ran on the disputed part).
     */
    @Property(tries = 200)
    void theUndisputedPartIsTheStatementWithTheDisputedAmountCreditedFromTheDueDate(
        @ForAll("scenarios") Scenario s, @ForAll @net.jqwik.api.constraints.IntRange(min = 1, max = 7_500_000) int units) {
        net.jqwik.api.Assume.that(!s.asOf().isBefore(DUE));
        int scale = Money.minorUnit(Money.currency(s.currency()));
        BigDecimal disputed = BigDecimal.valueOf(units, scale);
        BigDecimal credited = s.entries().stream()
            .filter(e -> e.type() == LedgerEntryType.CREDIT_NOTE && !e.bookedOn().isAfter(s.asOf()))
            .map(e -> e.amount().amount()).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal credit = disputed.min(s.amount().subtract(credited));
        net.jqwik.api.Assume.that(credit.signum() > 0);
        List<LedgerEntry> onAsOf = new ArrayList<>(s.entries());
        onAsOf.add(LedgerEntry.of("INV", LedgerEntryType.CREDIT_NOTE, null, Money.of(credit, s.currency()), s.asOf(),
            "hypothetical", "open disputes", null, null));
        List<LedgerEntry> onDue = new ArrayList<>(s.entries());
        onDue.add(LedgerEntry.of("INV", LedgerEntryType.CREDIT_NOTE, null, Money.of(credit, s.currency()), DUE,
            "test", "credit note", null, null));
        Statement undisputed = replay(s, onAsOf, s.payments(), s.asOf()).invoice("INV").statement();
        assertThat(undisputed).isEqualTo(replay(s, onDue, s.payments(), s.asOf()).invoice("INV").statement());
        DayByDay model = DayByDay.run(new Scenario(s.currency(), s.amount(), onDue, s.payments(), s.asOf(),
            s.shuffleSeed(), s.eu(), s.fxRates()));
        assertThat(undisputed.principal()).as("principal").isEqualByComparingTo(model.principal);
        assertThat(undisputed.interest()).as("interest").isEqualByComparingTo(model.interestDue());
        assertThat(undisputed.fees()).as("fees").isEqualByComparingTo(model.feesDue());
        assertThat(undisputed.total()).isLessThanOrEqualTo(
            replay(s, s.entries(), s.payments(), s.asOf()).invoice("INV").statement().total());
    }

    @Property(tries = 200)
    void aPastStatementDoesNotChangeWhenLaterDatedEventsArePosted(@ForAll("scenarios") Scenario s) {
        LocalDate past = s.asOf().minusDays(17);
        List<LedgerEntry> knownThen = s.entries().stream().filter(e -> !e.bookedOn().isAfter(past)).toList();
        List<AccountReplay.PaymentFact> paidThen = s.payments().stream()
            .filter(p -> !p.receivedOn().isAfter(past))
            .map(p -> p.reversedOn() != null && p.reversedOn().isAfter(past)
                ? new AccountReplay.PaymentFact(p.reference(), p.invoiceNumber(), p.amount(), p.receivedOn(), null,
                    p.postedAt()) : p)
            .toList();
        assertThat(replay(s, s.entries(), s.payments(), past).invoice("INV").statement())
            .isEqualTo(replay(s, knownThen, paidThen, past).invoice("INV").statement());
    }

    @Property(tries = 300)
    void nothingNegative_everyFigureAtTheMinorUnit_andEveryPaymentFullyAccountedFor(@ForAll("scenarios") Scenario s) {
        AccountReplay.Result r = replay(s, s.entries(), s.payments(), s.asOf());
        Statement st = r.invoice("INV").statement();
        int scale = Money.minorUnit(Money.currency(s.currency()));
        for (BigDecimal figure : List.of(st.principal(), st.interest(), st.fees(), st.total())) {
            assertThat(figure.signum()).isGreaterThanOrEqualTo(0);
            assertThat(figure.scale()).isEqualTo(scale);
        }
        assertThat(st.total()).isEqualByComparingTo(st.principal().add(st.interest()).add(st.fees()));
        for (AccountReplay.PaymentFact p : s.payments()) {
            boolean counts = !p.receivedOn().isAfter(s.asOf())
                && (p.reversedOn() == null || p.reversedOn().isAfter(s.asOf()));
            BigDecimal split = r.splitsOf(p.reference()).stream().map(x -> x.amount().amount())
                .reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(split).as(p.reference()).isEqualByComparingTo(counts ? p.amount().amount() : BigDecimal.ZERO);
        }
    }

    static AccountReplay.Result replay(Scenario s, List<LedgerEntry> entries, List<AccountReplay.PaymentFact> payments,
                                       LocalDate asOf) {
        java.util.Map.Entry<LocalDate, BigDecimal> inForce = new java.util.TreeMap<>(s.fxRates()).floorEntry(DUE);
        Money compensation = AccountReplay.compensationIn(s.currency(), inForce == null ? null : inForce.getValue());
        return AccountReplay.replay(List.of(new AccountReplay.InvoiceTerms("INV", s.currency(), s.amount(),
            DUE.minusDays(30), DUE, STEPPED, null, s.eu(), compensation, entries)), payments, asOf);
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<String> currency = Arbitraries.of("CNY", "JPY", "EUR", "USD", "KWD");
        Arbitrary<Integer> amountUnits = Arbitraries.integers().between(100, 5_000_000);
        Arbitrary<List<int[]>> payments = Arbitraries.integers().between(1, 3_000_000).list().ofMaxSize(6)
            .flatMap(amounts -> Arbitraries.integers().between(-20, 150).list().ofSize(amounts.size())
                .flatMap(days -> Arbitraries.integers().between(-1, 60).list().ofSize(amounts.size())
                    .map(rev -> {
                        List<int[]> out = new ArrayList<>();
                        for (int i = 0; i < amounts.size(); i++) {
                            out.add(new int[] {amounts.get(i), days.get(i), rev.get(i)});
                        }
                        return out;
                    })));
        Arbitrary<List<int[]>> entries = Arbitraries.integers().between(0, 3).flatMap(kind ->
            Arbitraries.integers().between(1, 200_000).flatMap(units -> Arbitraries.integers().between(-10, 150)
                .map(day -> new int[] {kind, units, day}))).list().ofMaxSize(5);
        Arbitrary<Integer> asOfDay = Arbitraries.integers().between(-5, 170);
        Arbitrary<Long> seed = Arbitraries.longs();
        // the EUR 40 and the exchange rates: 0 to 3 rates dated around the due date, 0.0001 to 200.0000 per EUR
        Arbitrary<java.util.Map<LocalDate, BigDecimal>> fx = Combinators.combine(
                Arbitraries.integers().between(-40, 40), Arbitraries.integers().between(1, 2_000_000))
            .as((d, u) -> new Object[] {DUE.plusDays(d), BigDecimal.valueOf(u, 4)}).list().ofMaxSize(3)
            .map(list -> {
                java.util.Map<LocalDate, BigDecimal> rates = new java.util.HashMap<>();
                list.forEach(o -> rates.put((LocalDate) o[0], (BigDecimal) o[1]));
                return rates;
            });
        Arbitrary<Object[]> fxTerms = Combinators.combine(Arbitraries.of(true, false), fx)
            .as((e, r) -> new Object[] {e, r});
        return Combinators.combine(currency, amountUnits, payments, entries, asOfDay, seed, fxTerms)
            .as((cur, units, pays, lines, day, sd, fxt) -> {
                int scale = Money.minorUnit(Money.currency(cur));
                BigDecimal amount = BigDecimal.valueOf(units, scale);
                List<AccountReplay.PaymentFact> facts = new ArrayList<>();
                for (int i = 0; i < pays.size(); i++) {
                    int[] p = pays.get(i);
                    LocalDate received = DUE.plusDays(p[1]);
                    LocalDate reversed = p[2] < 0 || i % 3 != 0 ? null : received.plusDays(p[2]);
                    facts.add(new AccountReplay.PaymentFact("P" + i, "INV", Money.of(BigDecimal.valueOf(p[0], scale),
                        cur), received, reversed, java.time.Instant.ofEpochSecond(1_000_000L * ((i * 7) % 5))));
                }
                List<LedgerEntry> ledger = new ArrayList<>();
                for (int[] l : lines) {
                    LedgerEntryType type = switch (l[0]) {
                        case 0 -> LedgerEntryType.FEE;
                        case 1 -> LedgerEntryType.INTEREST_WAIVER;
                        case 2 -> LedgerEntryType.CREDIT_NOTE;
                        default -> LedgerEntryType.FEE_WAIVER;
                    };
                    BigDecimal value = BigDecimal.valueOf(l[1], scale);
                    if (type == LedgerEntryType.CREDIT_NOTE) {
                        value = value.min(amount.divide(BigDecimal.valueOf(3), scale, RoundingMode.DOWN));
                        if (value.signum() <= 0) {
                            continue;
                        }
                    }
                    ledger.add(LedgerEntry.of("INV", type, null, Money.of(value, cur), DUE.plusDays(l[2]), "test",
                        "generated", null, null));
                }
                @SuppressWarnings("unchecked")
                java.util.Map<LocalDate, BigDecimal> rates = (java.util.Map<LocalDate, BigDecimal>) fxt[1];
                return new Scenario(cur, amount, ledger, facts, DUE.plusDays(day), sd, (Boolean) fxt[0], rates);
            });
    }

    /** The independent model: one day after the other, exact interest numerator, rounding when a figure is read. */
    static final class DayByDay {
        final String currency;
        final int scale;
        BigDecimal principal;
        BigDecimal numerator = BigDecimal.ZERO;
        BigDecimal interestPaid = BigDecimal.ZERO;
        BigDecimal interestWaived = BigDecimal.ZERO;
        BigDecimal feesCharged = BigDecimal.ZERO;
        BigDecimal feesPaid = BigDecimal.ZERO;
        BigDecimal feesWaived = BigDecimal.ZERO;
        BigDecimal credit = BigDecimal.ZERO;
        boolean compensationUnconverted;

        DayByDay(String currency) {
            this.currency = currency;
            this.scale = Money.minorUnit(Money.currency(currency));
        }

        BigDecimal interestDue() {
            return numerator.divide(BigDecimal.valueOf(36500), scale, RoundingMode.HALF_UP)
                .subtract(interestPaid).subtract(interestWaived);
        }

        BigDecimal feesDue() {
            return feesCharged.subtract(feesPaid).subtract(feesWaived);
        }

        static DayByDay run(Scenario s) {
            DayByDay m = new DayByDay(s.currency());
            BigDecimal base = s.amount();
            for (LedgerEntry e : s.entries()) {
                if (e.type() == LedgerEntryType.CREDIT_NOTE && !e.bookedOn().isAfter(s.asOf())) {
                    base = base.subtract(e.amount().amount());
                }
            }
            m.principal = base.max(BigDecimal.ZERO).setScale(m.scale);
            List<AccountReplay.PaymentFact> pays = s.payments().stream()
                .filter(p -> p.reversedOn() == null || p.reversedOn().isAfter(s.asOf()))
                .sorted(Comparator.comparing(AccountReplay.PaymentFact::postedAt)
                    .thenComparing(AccountReplay.PaymentFact::reference)).toList();
            for (LocalDate day = DUE.minusDays(40); !day.isAfter(s.asOf()); day = day.plusDays(1)) {
                if (day.isAfter(DUE)) {
                    m.numerator = m.numerator.add(m.principal.multiply(STEPPED.annualPercentOn(day)));
                }
                // EU B2B: the EUR 40 on the day after the due date when principal was unpaid at its end, in another
                // currency at the latest rate dated on or before the due date, rounded HALF_UP to the minor unit
                if (s.eu() && day.equals(DUE.plusDays(1)) && m.principal.signum() > 0) {
                    BigDecimal eur40 = new BigDecimal("40");
                    if ("EUR".equals(s.currency())) {
                        m.feesCharged = m.feesCharged.add(eur40);
                    } else {
                        LocalDate latest = null;
                        for (LocalDate d : s.fxRates().keySet()) {
                            if (!d.isAfter(DUE) && (latest == null || d.isAfter(latest))) {
                                latest = d;
                            }
                        }
                        if (latest == null) {
                            m.compensationUnconverted = true;
                        } else {
                            m.feesCharged = m.feesCharged.add(eur40.multiply(s.fxRates().get(latest))
                                .setScale(m.scale, RoundingMode.HALF_UP));
                        }
                    }
                }
                for (LedgerEntry e : s.entries()) {
                    if (e.bookedOn().equals(day) && e.type() == LedgerEntryType.FEE) {
                        m.feesCharged = m.feesCharged.add(e.amount().amount());
                    }
                }
                for (LedgerEntry e : s.entries()) {
                    if (!e.bookedOn().equals(day)) {
                        continue;
                    }
                    if (e.type() == LedgerEntryType.INTEREST_WAIVER) {
                        m.interestWaived = m.interestWaived.add(e.amount().amount().min(m.interestDue().max(BigDecimal.ZERO)));
                    } else if (e.type() == LedgerEntryType.FEE_WAIVER) {
                        m.feesWaived = m.feesWaived.add(e.amount().amount().min(m.feesDue().max(BigDecimal.ZERO)));
                    }
                }
                for (AccountReplay.PaymentFact p : pays) {
                    if (!p.receivedOn().equals(day)) {
                        continue;
                    }
                    BigDecimal left = p.amount().amount();
                    BigDecimal f = left.min(m.feesDue().max(BigDecimal.ZERO));
                    m.feesPaid = m.feesPaid.add(f);
                    left = left.subtract(f);
                    BigDecimal i = left.min(m.interestDue().max(BigDecimal.ZERO));
                    m.interestPaid = m.interestPaid.add(i);
                    left = left.subtract(i);
                    BigDecimal pr = left.min(m.principal);
                    m.principal = m.principal.subtract(pr);
                    left = left.subtract(pr);
                    m.credit = m.credit.add(left);
                }
                // the customer's credit pays what is owed again as soon as something is owed (a later fee)
                if (m.credit.signum() > 0) {
                    BigDecimal f = m.credit.min(m.feesDue().max(BigDecimal.ZERO));
                    m.feesPaid = m.feesPaid.add(f);
                    m.credit = m.credit.subtract(f);
                    BigDecimal i = m.credit.min(m.interestDue().max(BigDecimal.ZERO));
                    m.interestPaid = m.interestPaid.add(i);
                    m.credit = m.credit.subtract(i);
                    BigDecimal pr = m.credit.min(m.principal);
                    m.principal = m.principal.subtract(pr);
                    m.credit = m.credit.subtract(pr);
                }
            }
            return m;
        }
    }
}
