package com.collectwise.money;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * One customer with 3-6 invoices of different due dates and rates, payments with and without an invoice number,
 * some reversed, credit notes in between, posted in random order: the replay against a small model written here
 * that walks the calendar day by day (DOMAIN.md sections 5 and 6): interest actual/365 simple on the principal unpaid
 * at the start of each day after the due date, the exact sum rounded once HALF_UP; a payment pays its named invoice
 * interest then principal, the rest and money naming no invoice is credit, which pays the invoices already issued
 * oldest due date first, the undisputed parts first (DOMAIN.md 5: collect the undisputed part first): the interest and
 * the principal above what the disputes open that day dispute, nothing of an invoice disputed in full, then the
 * disputed parts, oldest due date first; a credit note reduces its invoice from the due date; a reversed payment
 * counts as of dates before its reversal and not at all from it on. {@link AccountReplayPropertiesTest} does fees, caps and the EUR 40
 * for one invoice.
 */
public class CustomerAccountPropertiesTest {

    public static final LocalDate START = LocalDate.of(2026, 1, 1);
    static final String CNY = "CNY";

    public record Inv(String number, BigDecimal amount, LocalDate issued, LocalDate due, BigDecimal rate) {
    }

    public record Pay(String reference, String invoiceNumber, BigDecimal amount, LocalDate receivedOn,
                      LocalDate reversedOn) {
    }

    public record CreditNote(String invoiceNumber, BigDecimal amount, LocalDate issuedOn) {
    }

    /** A dispute of part of an invoice, open from {@code raisedOn} until {@code endedOn} (decided), null: still open. */
    public record Disp(String invoiceNumber, BigDecimal amount, LocalDate raisedOn, LocalDate endedOn) {

        /** Open on the day: raised by then (before any money of the day), not ended by then. */
        boolean openOn(LocalDate day) {
            return !raisedOn.isAfter(day) && (endedOn == null || endedOn.isAfter(day));
        }
    }

    public record Scenario(List<Inv> invoices, List<Pay> payments, List<CreditNote> notes, LocalDate asOf, long seed,
                           List<Disp> disputes) {
        public Scenario(List<Inv> invoices, List<Pay> payments, List<CreditNote> notes, LocalDate asOf, long seed) {
            this(invoices, payments, notes, asOf, seed, List.of());
        }
    }

    @Property(tries = 300)
    void agreesWithTheDayByDayModel_inAnyPostingOrder(@ForAll("scenarios") Scenario s) {
        Model model = Model.run(s, s.asOf());
        for (List<Pay> order : List.of(s.payments(), shuffled(s.payments(), s.seed()))) {
            AccountReplay.Result r = replay(s, order, s.asOf());
            for (Inv i : s.invoices()) {
                Statement st = r.invoice(i.number()).statement();
                assertThat(st.principal()).as(i.number() + " principal").isEqualByComparingTo(model.principal(i));
                assertThat(st.interest()).as(i.number() + " interest").isEqualByComparingTo(model.interestDue(i));
                assertThat(st.fees()).as(i.number() + " fees").isEqualByComparingTo("0");
                assertThat(st.total()).as(i.number() + " total")
                    .isEqualByComparingTo(model.principal(i).add(model.interestDue(i)));
            }
            assertThat(r.credit(CNY).amount()).as("credit").isEqualByComparingTo(model.credit);
            // every payment that counts is fully accounted for: on the invoices, or held as credit
            BigDecimal counted = s.payments().stream()
                .filter(p -> !p.receivedOn().isAfter(s.asOf()))
                .filter(p -> p.reversedOn() == null || p.reversedOn().isAfter(s.asOf()))
                .map(Pay::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal split = r.splits().stream().map(x -> x.amount().amount()).reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(split).as("splits").isEqualByComparingTo(counted);
        }
    }

    /** A statement as of a past date is what it was, whatever was posted since dated after it. */
    @Property(tries = 200)
    void aPastStatementIgnoresWhatIsDatedAfterIt(@ForAll("scenarios") Scenario s) {
        LocalDate past = s.asOf().minusDays(20);
        List<Pay> known = s.payments().stream().filter(p -> !p.receivedOn().isAfter(past))
            .map(p -> p.reversedOn() != null && p.reversedOn().isAfter(past)
                ? new Pay(p.reference(), p.invoiceNumber(), p.amount(), p.receivedOn(), null) : p)
            .toList();
        // the disputes as known on that date: raised by then, still open when decided after it
        List<Disp> disputesThen = s.disputes().stream().filter(d -> !d.raisedOn().isAfter(past))
            .map(d -> d.endedOn() != null && d.endedOn().isAfter(past)
                ? new Disp(d.invoiceNumber(), d.amount(), d.raisedOn(), null) : d)
            .toList();
        Scenario then = new Scenario(s.invoices(), known,
            s.notes().stream().filter(n -> !n.issuedOn().isAfter(past)).toList(), past, s.seed(), disputesThen);
        AccountReplay.Result before = replay(then, known, past);
        AccountReplay.Result after = replay(s, s.payments(), past);
        for (Inv i : s.invoices()) {
            assertThat(after.invoice(i.number()).statement()).isEqualTo(before.invoice(i.number()).statement());
        }
        assertThat(after.credit(CNY)).isEqualTo(before.credit(CNY));
    }

    /**
     * A write-off (or sale) of INV-0 on day W closes what the replay says INV-0 owed at the end of W, whatever amount
     * its line booked: as of W or later INV-0 owes nothing and what was written off is what it owed at the end of W
     * without the write-off; as of the day before W the figures are those without it. (Money taken back after W that
     * counted on W reopens it: WriteOffAndSaleApiTest; here no payment received by W is reversed after it.)
     */
    @Property(tries = 200)
    void aWriteOffClosesWhatWasOwedOnItsDay(@ForAll("scenarios") Scenario s) {
        Inv written = s.invoices().get(0);
        LocalDate w = s.asOf().minusDays(Math.floorMod(s.seed(), 40));
        if (w.isBefore(written.issued())) {
            w = written.issued();
        }
        net.jqwik.api.Assume.that(!w.isAfter(s.asOf()));
        LocalDate day = w;
        List<Pay> payments = s.payments().stream()
            .map(p -> !p.receivedOn().isAfter(day) && p.reversedOn() != null && p.reversedOn().isAfter(day)
                ? new Pay(p.reference(), p.invoiceNumber(), p.amount(), p.receivedOn(), null) : p)
            .toList();
        Scenario plain = new Scenario(s.invoices(), payments,
            s.notes().stream().filter(n -> !n.issuedOn().isAfter(day)).toList(), s.asOf(), s.seed(), s.disputes());
        // the booked amount is what finance saw; the replay does not use it
        LedgerEntry writeOff = new LedgerEntry(null, written.number(), LedgerEntryType.WRITE_OFF, Component.PRINCIPAL,
            Money.of("1.00", CNY), w, "write-off", "insolvent", "finance", null, Instant.EPOCH);
        Statement owedThen = replay(plain, payments, w, List.of()).invoice(written.number()).statement();
        for (List<Pay> order : List.of(payments, shuffled(payments, s.seed()))) {
            AccountReplay.Result after = replay(plain, order, s.asOf(), List.of(writeOff));
            AccountReplay.InvoiceFigures f = after.invoice(written.number());
            assertThat(f.statement().total()).as("owed as of " + s.asOf() + ", written off on " + w)
                .isEqualByComparingTo("0");
            assertThat(f.writtenOff().amount()).as("written off").isEqualByComparingTo(owedThen.total());
            AccountReplay.Result onTheDay = replay(plain, order, w, List.of(writeOff));
            assertThat(onTheDay.invoice(written.number()).statement().total()).isEqualByComparingTo("0");
            if (w.isAfter(START)) {
                LocalDate before = w.minusDays(1);
                assertThat(replay(plain, order, before, List.of(writeOff)).invoice(written.number()).statement())
                    .isEqualTo(replay(plain, order, before, List.of()).invoice(written.number()).statement());
            }
        }
    }

    /**
     * INV-0 sold when the payments before the k-th were posted: money posted after the sale never pays it, whatever
     * its value date (the factor owns it); as of the sale's day or later it owes nothing.
     */
    @Property(tries = 200)
    void moneyPostedAfterASaleNeverPaysTheSoldInvoice(@ForAll("scenarios") Scenario s) {
        Inv sold = s.invoices().get(0);
        LocalDate w = s.asOf().minusDays(Math.floorMod(s.seed(), 40));
        if (w.isBefore(sold.issued())) {
            w = sold.issued();
        }
        net.jqwik.api.Assume.that(!w.isAfter(s.asOf()));
        int k = Math.floorMod(s.seed() >> 8, s.payments().size() + 1);
        LedgerEntry sale = new LedgerEntry(null, sold.number(), LedgerEntryType.WRITE_OFF, Component.PRINCIPAL,
            Money.of("1.00", CNY), w, "sale", "Sold to Factor Ltd for CNY 10.00: offer", "finance", null,
            Instant.EPOCH.plusSeconds(k).minusMillis(500));
        for (LocalDate asOf : List.of(w, s.asOf())) {
            AccountReplay.Result r = replay(s, s.payments(), asOf, List.of(sale));
            for (int n = k; n < s.payments().size(); n++) {
                assertThat(r.splitsOf(s.payments().get(n).reference()))
                    .as("payment posted after the sale, as of " + asOf)
                    .noneMatch(x -> sold.number().equals(x.invoiceNumber()));
            }
        }
    }

    /**
     * Money posted after the write-off, dated before it, that bounces: the write-off took what was left with it (700.00
     * of 1000.00 after 300.00 dated 04-10 and posted 04-14, written off 04-12); once it bounced (04-16) the write-off
     * closes the 1000.00 it closed when finance decided, and nothing is owed: only money the write-off counted on
     * makes the invoice owe again when it is taken back.
     */
    @net.jqwik.api.Example
    void moneyPostedAfterTheWriteOffThatBouncesLeavesTheInvoiceWrittenOff() {
        LocalDate due = LocalDate.of(2026, 3, 31);
        LocalDate w = LocalDate.of(2026, 4, 12);
        LedgerEntry writeOff = new LedgerEntry(null, "A", LedgerEntryType.WRITE_OFF, Component.PRINCIPAL,
            Money.of("1000.00", CNY), w, "write-off", "insolvent", "finance", null, Instant.parse("2026-04-12T02:00:00Z"));
        List<AccountReplay.InvoiceTerms> terms = List.of(new AccountReplay.InvoiceTerms("A", CNY,
            new BigDecimal("1000.00"), LocalDate.of(2026, 3, 1), due, DailyRate.fixed(BigDecimal.ZERO), null, false,
            List.of(writeOff)));
        AccountReplay.PaymentFact late = new AccountReplay.PaymentFact("P", "A", Money.of("300.00", CNY),
            LocalDate.of(2026, 4, 10), LocalDate.of(2026, 4, 16), Instant.parse("2026-04-14T02:00:00Z"));
        AccountReplay.Result before = AccountReplay.replay(terms, List.of(late), LocalDate.of(2026, 4, 15));
        assertThat(before.invoice("A").statement().total()).isEqualByComparingTo("0");
        assertThat(before.invoice("A").writtenOff().amount()).isEqualByComparingTo("700.00");
        AccountReplay.Result after = AccountReplay.replay(terms, List.of(late), LocalDate.of(2026, 4, 16));
        assertThat(after.invoice("A").statement().total()).isEqualByComparingTo("0");
        assertThat(after.invoice("A").writtenOff().amount()).isEqualByComparingTo("1000.00");
        // posted before the write-off, it counted on it: its bounce makes the 300.00 owed again
        AccountReplay.PaymentFact known = new AccountReplay.PaymentFact("P", "A", Money.of("300.00", CNY),
            LocalDate.of(2026, 4, 10), LocalDate.of(2026, 4, 16), Instant.parse("2026-04-10T02:00:00Z"));
        assertThat(AccountReplay.replay(terms, List.of(known), LocalDate.of(2026, 4, 16)).invoice("A").statement()
            .total()).isEqualByComparingTo("300.00");
    }

    /**
     * Money and a dispute of the same day in the order they were posted (as payments of one day are), so a booked
     * payment is not re-allocated by a dispute raised after it the same day. A 1,000.00 due 03-01, B 1,000.00 due
     * 03-10, no interest. 600.00 naming no invoice dated 03-20 posted 09:00 pays A (A 400.00); A disputed in full at
     * 11:00; 500.00 dated 03-20 posted 12:00 pays B (B 500.00). The dispute rejected on 03-22 at 10:00: 300.00 dated
     * 03-22 posted 09:00 still sees it and pays B (B 200.00), 300.00 posted 11:00 does not and pays A (A 100.00).
     */
    @net.jqwik.api.Example
    void moneyAndADisputeOfOneDayCountInTheOrderTheyWerePosted() {
        java.time.ZoneOffset utc = java.time.ZoneOffset.UTC;
        List<AccountReplay.InvoiceTerms> terms = List.of(
            new AccountReplay.InvoiceTerms("A", CNY, new BigDecimal("1000.00"), LocalDate.of(2026, 2, 1),
                LocalDate.of(2026, 3, 1), DailyRate.fixed(BigDecimal.ZERO), null, false, List.of()),
            new AccountReplay.InvoiceTerms("B", CNY, new BigDecimal("1000.00"), LocalDate.of(2026, 2, 10),
                LocalDate.of(2026, 3, 10), DailyRate.fixed(BigDecimal.ZERO), null, false, List.of()));
        LocalDate raised = LocalDate.of(2026, 3, 20);
        LocalDate decided = LocalDate.of(2026, 3, 22);
        AccountReplay.DisputeFact dispute = new AccountReplay.DisputeFact("A", Money.of("1000.00", CNY), raised,
            raised.atTime(11, 0).toInstant(utc), decided, decided.atTime(10, 0).toInstant(utc), List.of());
        List<AccountReplay.PaymentFact> money = List.of(
            new AccountReplay.PaymentFact("P4", null, Money.of("300.00", CNY), decided, null,
                decided.atTime(11, 0).toInstant(utc)),
            new AccountReplay.PaymentFact("P3", null, Money.of("300.00", CNY), decided, null,
                decided.atTime(9, 0).toInstant(utc)),
            new AccountReplay.PaymentFact("P2", null, Money.of("500.00", CNY), raised, null,
                raised.atTime(12, 0).toInstant(utc)),
            new AccountReplay.PaymentFact("P1", null, Money.of("600.00", CNY), raised, null,
                raised.atTime(9, 0).toInstant(utc)));
        AccountReplay.Result onTheDay = AccountReplay.replay(terms, money, List.of(dispute), raised);
        assertThat(onTheDay.invoice("A").statement().total()).isEqualByComparingTo("400.00");
        assertThat(onTheDay.invoice("B").statement().total()).isEqualByComparingTo("500.00");
        AccountReplay.Result after = AccountReplay.replay(terms, money, List.of(dispute), decided);
        assertThat(after.splitsOf("P3")).extracting(AccountReplay.Split::invoiceNumber).containsExactly("B");
        assertThat(after.splitsOf("P4")).extracting(AccountReplay.Split::invoiceNumber).containsExactly("A");
        assertThat(after.invoice("A").statement().total()).isEqualByComparingTo("100.00");
        assertThat(after.invoice("B").statement().total()).isEqualByComparingTo("200.00");
        assertThat(after.credit(CNY).amount()).isEqualByComparingTo("0");
    }

    private static List<Pay> shuffled(List<Pay> payments, long seed) {
        List<Pay> copy = new ArrayList<>(payments);
        Collections.shuffle(copy, new Random(seed));
        return copy;
    }

    private static AccountReplay.Result replay(Scenario s, List<Pay> order, LocalDate asOf) {
        return replay(s, order, asOf, List.of());
    }

    private static AccountReplay.Result replay(Scenario s, List<Pay> order, LocalDate asOf, List<LedgerEntry> more) {
        List<AccountReplay.InvoiceTerms> terms = new ArrayList<>();
        for (Inv i : s.invoices()) {
            List<LedgerEntry> entries = new ArrayList<>(s.notes().stream()
                .filter(n -> n.invoiceNumber().equals(i.number()))
                .map(n -> LedgerEntry.of(i.number(), LedgerEntryType.CREDIT_NOTE, null, Money.of(n.amount(), CNY),
                    n.issuedOn(), "credit-note", "returned", "finance", null))
                .toList());
            more.stream().filter(e -> e.invoiceNumber().equals(i.number())).forEach(entries::add);
            terms.add(new AccountReplay.InvoiceTerms(i.number(), CNY, i.amount(), i.issued(), i.due(),
                DailyRate.fixed(i.rate()), null, false, entries));
        }
        List<AccountReplay.PaymentFact> facts = new ArrayList<>();
        for (int k = 0; k < order.size(); k++) {
            Pay p = order.get(k);
            // posted in this order: the time of posting orders payments of one value date, nothing else
            facts.add(new AccountReplay.PaymentFact(p.reference(), p.invoiceNumber(), Money.of(p.amount(), CNY),
                p.receivedOn(), p.reversedOn(), Instant.EPOCH.plusSeconds(k)));
        }
        // raised and ended at the start of their days: before any money of the day was posted
        List<AccountReplay.DisputeFact> disputes = s.disputes().stream()
            .map(d -> new AccountReplay.DisputeFact(d.invoiceNumber(), Money.of(d.amount(), CNY), d.raisedOn(),
                Instant.EPOCH.minusSeconds(1), d.endedOn(), d.endedOn() == null ? null : Instant.EPOCH.minusSeconds(1),
                List.of()))
            .toList();
        return AccountReplay.replay(terms, facts, disputes, asOf);
    }

    /** The rules, one day at a time, with plain BigDecimals. */
    public static final class Model {
        final Map<String, BigDecimal> principal = new LinkedHashMap<>();
        final Map<String, BigDecimal> numerator = new LinkedHashMap<>();
        final Map<String, BigDecimal> interestPaid = new LinkedHashMap<>();
        public BigDecimal credit = BigDecimal.ZERO;

        public BigDecimal principal(Inv i) {
            return principal.get(i.number());
        }

        BigDecimal accrued(Inv i) {
            return numerator.get(i.number()).divide(BigDecimal.valueOf(36_500), 2, RoundingMode.HALF_UP);
        }

        public BigDecimal interestDue(Inv i) {
            return accrued(i).subtract(interestPaid.get(i.number()));
        }

        BigDecimal owed(Inv i) {
            return principal(i).add(interestDue(i));
        }

        /**
         * What credit pays of the invoice on the day before any disputed part: all it owes without an open dispute,
         * nothing when the open disputes cover its unpaid principal, else all but the disputed amount.
         */
        BigDecimal undisputed(Inv i, List<Disp> disputes, LocalDate day) {
            BigDecimal disputed = disputes.stream().filter(d -> d.invoiceNumber().equals(i.number()) && d.openOn(day))
                .map(Disp::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            if (disputed.signum() == 0) {
                return owed(i);
            }
            return disputed.compareTo(principal(i)) >= 0 ? BigDecimal.ZERO : owed(i).subtract(disputed);
        }

        /** Interest, then principal; returns what is left. */
        BigDecimal pay(Inv i, BigDecimal money) {
            BigDecimal interest = money.min(interestDue(i).max(BigDecimal.ZERO));
            interestPaid.merge(i.number(), interest, BigDecimal::add);
            BigDecimal rest = money.subtract(interest);
            BigDecimal toPrincipal = rest.min(principal(i));
            principal.put(i.number(), principal(i).subtract(toPrincipal));
            return rest.subtract(toPrincipal);
        }

        public static Model run(Scenario s, LocalDate asOf) {
            Model m = new Model();
            for (Inv i : s.invoices()) {
                BigDecimal credited = s.notes().stream()
                    .filter(n -> n.invoiceNumber().equals(i.number()) && !n.issuedOn().isAfter(asOf))
                    .map(CreditNote::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
                m.principal.put(i.number(), i.amount().subtract(credited).max(BigDecimal.ZERO));
                m.numerator.put(i.number(), BigDecimal.ZERO);
                m.interestPaid.put(i.number(), BigDecimal.ZERO);
            }
            List<Inv> byDue = new ArrayList<>(s.invoices());
            byDue.sort(Comparator.comparing(Inv::due).thenComparing(Inv::number));
            Map<String, Inv> byNumber = new LinkedHashMap<>();
            s.invoices().forEach(i -> byNumber.put(i.number(), i));
            for (LocalDate d = START; !d.isAfter(asOf); d = d.plusDays(1)) {
                for (Inv i : s.invoices()) {
                    if (d.isAfter(i.due())) {
                        m.numerator.merge(i.number(), m.principal(i).multiply(i.rate()), BigDecimal::add);
                    }
                }
                for (Pay p : s.payments()) {
                    boolean counts = p.receivedOn().equals(d)
                        && (p.reversedOn() == null || p.reversedOn().isAfter(asOf));
                    if (!counts) {
                        continue;
                    }
                    BigDecimal rest = p.amount();
                    if (p.invoiceNumber() != null) {
                        rest = m.pay(byNumber.get(p.invoiceNumber()), rest);
                    }
                    m.credit = m.credit.add(rest);
                }
                // the undisputed parts of all the invoices first, then the disputed parts, oldest due date first
                for (Inv i : byDue) {
                    if (m.credit.signum() > 0 && !i.issued().isAfter(d) && m.owed(i).signum() > 0) {
                        BigDecimal offered = m.credit.min(m.undisputed(i, s.disputes(), d));
                        m.credit = m.credit.subtract(offered).add(m.pay(i, offered));
                    }
                }
                for (Inv i : byDue) {
                    if (m.credit.signum() > 0 && !i.issued().isAfter(d) && m.owed(i).signum() > 0) {
                        m.credit = m.pay(i, m.credit);
                    }
                }
            }
            return m;
        }
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<BigDecimal> rate = Arbitraries.of(BigDecimal.ZERO, new BigDecimal("4.35"), new BigDecimal("12"),
            new BigDecimal("18.25"));
        Arbitrary<Inv> invoice = Combinators.combine(
            Arbitraries.integers().between(10_000, 500_000), Arbitraries.integers().between(0, 89),
            Arbitraries.of(0, 30, 60), rate)
            .as((cents, issuedDay, term, r) -> new Inv(null, BigDecimal.valueOf(cents, 2),
                START.plusDays(issuedDay), START.plusDays(issuedDay + term), r));
        Arbitrary<List<Inv>> invoices = invoice.list().ofMinSize(3).ofMaxSize(6).map(list -> {
            List<Inv> named = new ArrayList<>();
            for (int k = 0; k < list.size(); k++) {
                Inv i = list.get(k);
                named.add(new Inv("INV-" + k, i.amount(), i.issued(), i.due(), i.rate()));
            }
            return named;
        });
        return invoices.flatMap(invs -> {
            Arbitrary<Pay> payment = Combinators.combine(
                Arbitraries.integers().between(1_000, 300_000), Arbitraries.integers().between(-1, invs.size() - 1),
                Arbitraries.integers().between(10, 180), Arbitraries.integers().between(-1, 25))
                .as((cents, named, day, reversedAfter) -> new Pay(null, named < 0 ? null : invs.get(named).number(),
                    BigDecimal.valueOf(cents, 2), START.plusDays(day),
                    reversedAfter < 0 || reversedAfter > 20 ? null : START.plusDays(day + reversedAfter)));
            Arbitrary<List<Pay>> payments = payment.list().ofMinSize(2).ofMaxSize(9).map(list -> {
                List<Pay> named = new ArrayList<>();
                for (int k = 0; k < list.size(); k++) {
                    Pay p = list.get(k);
                    named.add(new Pay("P" + k, p.invoiceNumber(), p.amount(), p.receivedOn(), p.reversedOn()));
                }
                return named;
            });
            Arbitrary<CreditNote> note = Combinators.combine(Arbitraries.integers().between(0, invs.size() - 1),
                Arbitraries.integers().between(100, 40_000), Arbitraries.integers().between(0, 60))
                .as((k, cents, after) -> new CreditNote(invs.get(k).number(), BigDecimal.valueOf(cents, 2)
                    .min(invs.get(k).amount().divide(BigDecimal.valueOf(2), 2, RoundingMode.DOWN)),
                    invs.get(k).issued().plusDays(after)));
            // a part of the invoice or all of it (disputed in full), raised after the issue date, decided or still open
            Arbitrary<Disp> dispute = Combinators.combine(Arbitraries.integers().between(0, invs.size() - 1),
                Arbitraries.integers().between(100, 600_000), Arbitraries.integers().between(0, 120),
                Arbitraries.integers().between(-1, 40))
                .as((k, cents, after, lasts) -> new Disp(invs.get(k).number(),
                    BigDecimal.valueOf(cents, 2).min(invs.get(k).amount()), invs.get(k).issued().plusDays(after),
                    lasts < 0 ? null : invs.get(k).issued().plusDays(after + 1 + lasts)));
            return Combinators.combine(payments, note.list().ofMaxSize(2),
                Arbitraries.integers().between(30, 210), Arbitraries.longs(), dispute.list().ofMaxSize(3))
                .as((ps, notes, asOfDay, seed, disputes) -> new Scenario(invs, ps, notes, START.plusDays(asOfDay), seed,
                    disputes));
        });
    }
}
