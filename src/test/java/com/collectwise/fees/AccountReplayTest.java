package com.collectwise.fees;

import com.collectwise.money.AccountReplay;
import com.collectwise.money.InterestPeriod;
import com.collectwise.money.LedgerEntry;
import com.collectwise.money.LedgerEntryType;
import com.collectwise.money.Money;
import com.collectwise.money.Statement;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.collectwise.kernel.CaseStatus;
import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.Stage;

/**
 * Hand-computed statements. Interest = sum over days (principal at the start of the day x rate%) / 36500,
 * rounded HALF_UP once at the end. February 2026 has 28 days.
 */
class AccountReplayTest {

    static final LocalDate DUE = LocalDate.of(2026, 1, 31);
    static final LocalDate AS_OF = LocalDate.of(2026, 3, 2);

    /** The seeded tables of V2 (DOMAIN.md section 6). */
    static final RateTable LPR = RateTable.of(Map.of(
        LocalDate.of(2023, 8, 21), new BigDecimal("3.45"), LocalDate.of(2024, 7, 22), new BigDecimal("3.35"),
        LocalDate.of(2024, 10, 21), new BigDecimal("3.10"), LocalDate.of(2025, 5, 20), new BigDecimal("3.00")));
    static final RateTable ECB = RateTable.of(Map.of(
        LocalDate.of(2024, 1, 1), new BigDecimal("4.50"), LocalDate.of(2024, 7, 1), new BigDecimal("4.25"),
        LocalDate.of(2025, 1, 1), new BigDecimal("3.15"), LocalDate.of(2025, 7, 1), new BigDecimal("2.15"),
        LocalDate.of(2026, 1, 1), new BigDecimal("2.15")));
    static final InterestRatePolicy RATES = new InterestRatePolicy(LPR, ECB);

    final List<LedgerEntry> ledger = new ArrayList<>();
    final List<AccountReplay.PaymentFact> payments = new ArrayList<>();
    /** How the payments were split in the last statement computed (fees, interest, principal, credit). */
    List<AccountReplay.Split> allocations = List.of();

    static Invoice invoice(String amount, String currency, LocalDate due, String contractRate) {
        return new Invoice("INV-1", "C-1", due.minusDays(30), due, 30, new BigDecimal(amount), currency,
            contractRate == null ? null : new BigDecimal(contractRate), CaseStatus.OPEN, Stage.INTERNAL_REMINDER,
            null, null);
    }

    StatementDetail statement(Invoice invoice, LocalDate asOf, String country, LateFeePolicy policy) {
        InterestBasis basis = RATES.basisFor(invoice, country, policy);
        AccountReplay.Result r = AccountReplay.replay(List.of(new AccountReplay.InvoiceTerms(invoice.invoiceNumber(),
            invoice.currency(), invoice.amount(), invoice.issueDate(), invoice.dueDate(), basis.rate(),
            policy.capPercent(), InterestRatePolicy.isEuMember(country), ledger)), payments, asOf);
        allocations = r.splits();
        AccountReplay.InvoiceFigures f = r.invoice(invoice.invoiceNumber());
        return new StatementDetail(f.statement(), basis, f.accrual(), f.accruedInterest(), f.accruedFees(),
            f.compensation(), f.cap(), f.capReached(), r.credit(invoice.currency()));
    }

    StatementDetail statement(Invoice invoice, LocalDate asOf) {
        return statement(invoice, asOf, "CN", LateFeePolicy.DEFAULT);
    }

    void pay(Invoice invoice, String reference, String amount, LocalDate receivedOn, String country) {
        payments.add(new AccountReplay.PaymentFact(reference, invoice.invoiceNumber(),
            Money.of(amount, invoice.currency()), receivedOn, null));
        statement(invoice, receivedOn, country, LateFeePolicy.DEFAULT);
    }

    @Test
    void contract12Percent_10000_due0131_asOf0302_is30Days_interest98_63() {
        // 1 Feb .. 2 Mar inclusive = 28 + 2 = 30 days; 10,000.00 x 12 x 30 / 36500 = 98.630137 -> 98.63
        StatementDetail d = statement(invoice("10000.00", "CNY", DUE, "12"), AS_OF);
        assertThat(d.statement().interest()).isEqualByComparingTo("98.63");
        assertThat(d.statement().principal()).isEqualByComparingTo("10000.00");
        assertThat(d.statement().fees()).isEqualByComparingTo("0.00");
        assertThat(d.statement().total()).isEqualByComparingTo("10098.63");
        assertThat(d.basis().source()).isEqualTo(InterestBasis.Source.CONTRACT);
        assertThat(d.interest().periods()).singleElement().satisfies(p -> {
            assertThat(p.from()).isEqualTo(LocalDate.of(2026, 2, 1));
            assertThat(p.to()).isEqualTo(AS_OF);
            assertThat(p.days()).isEqualTo(30);
        });
    }

    @Test
    void noInterestUpToAndOnTheDueDate_firstDayD1_is3_29() {
        Invoice inv = invoice("10000.00", "CNY", DUE, "12");
        assertThat(statement(inv, DUE).statement().interest()).isEqualByComparingTo("0.00");
        assertThat(statement(inv, DUE.minusDays(10)).statement().total()).isEqualByComparingTo("10000.00");
        // one day: 10,000.00 x 12 / 36500 = 3.287671 -> 3.29
        assertThat(statement(inv, DUE.plusDays(1)).statement().interest()).isEqualByComparingTo("3.29");
    }

    @Test
    void payment4000On0215_paysInterest49_32First_thenPrincipal3950_68_asOf0302_interest29_83() {
        Invoice inv = invoice("10000.00", "CNY", DUE, "12");
        // as of 15 Feb (1..15 Feb = 15 days): 10,000.00 x 12 x 15 / 36500 = 49.315068 -> 49.32 interest due
        pay(inv, "PAY-1", "4000.00", LocalDate.of(2026, 2, 15), "CN");
        assertThat(allocations).extracting(a -> a.component().name() + " " + a.amount().amount())
            .containsExactly("INTEREST 49.32", "PRINCIPAL 3950.68");

        // principal from 16 Feb: 10,000.00 - 3,950.68 = 6,049.32
        // 16 Feb .. 2 Mar = 13 + 2 = 15 days: 6,049.32 x 12 x 15 / 36500 = 29.832263
        // exact accrued 49.315068 + 29.832263 = 79.147331 -> 79.15; paid 49.32 -> 29.83 open
        StatementDetail d = statement(inv, AS_OF);
        assertThat(d.accruedInterest().amount()).isEqualByComparingTo("79.15");
        assertThat(d.statement().interest()).isEqualByComparingTo("29.83");
        assertThat(d.statement().principal()).isEqualByComparingTo("6049.32");
        assertThat(d.statement().total()).isEqualByComparingTo("6079.15");
        assertThat(d.interest().periods()).extracting(InterestPeriod::days, p -> p.principal().amount().toPlainString())
            .containsExactly(org.assertj.core.groups.Tuple.tuple(15L, "10000.00"),
                org.assertj.core.groups.Tuple.tuple(15L, "6049.32"));
    }

    @Test
    void aStatementOfAPastDateIgnoresLaterPayments() {
        Invoice inv = invoice("10000.00", "CNY", DUE, "12");
        pay(inv, "PAY-1", "4000.00", LocalDate.of(2026, 2, 15), "CN");
        // as of 14 Feb: 14 days on 10,000.00 = 10,000 x 12 x 14 / 36500 = 46.027397 -> 46.03
        Statement before = statement(inv, LocalDate.of(2026, 2, 14)).statement();
        assertThat(before.principal()).isEqualByComparingTo("10000.00");
        assertThat(before.interest()).isEqualByComparingTo("46.03");
    }

    @Test
    void cnStatutory_lprOfTheDueDateTimes1_5_staysAfterTheLprChangeOf0520() {
        // due 2025-04-30: LPR in force 3.10% (since 2024-10-21) x 1.5 = 4.65% p.a. The LPR drops to 3.00% on
        // 2025-05-20, but the law takes the LPR *on the due date*: 4.65% for every day.
        // 1 May .. 30 Jun = 31 + 30 = 61 days: 100,000.00 x 4.65 x 61 / 36500 = 777.123288 -> 777.12
        // (day by day with the new LPR it would be (19 x 4.65 + 42 x 4.50) x 1000 / 365 = 759.86: not the law)
        Invoice inv = invoice("100000.00", "CNY", LocalDate.of(2025, 4, 30), null);
        StatementDetail d = statement(inv, LocalDate.of(2025, 6, 30));
        assertThat(d.basis().source()).isEqualTo(InterestBasis.Source.STATUTORY_CN);
        assertThat(d.basis().description()).contains("3.1%").contains("4.65%");
        assertThat(d.statement().interest()).isEqualByComparingTo("777.12");
        assertThat(d.interest().periods()).hasSize(1);

        // due after the change: 3.00 x 1.5 = 4.5%; 30 days: 100,000.00 x 4.5 x 30 / 36500 = 369.863014 -> 369.86
        Invoice later = invoice("100000.00", "CNY", LocalDate.of(2025, 5, 31), null);
        assertThat(statement(later, LocalDate.of(2025, 6, 30)).statement().interest()).isEqualByComparingTo("369.86");
    }

    @Test
    void euStatutory_ecbPlus8ChangesDayByDayAcrossHalfYears_plusEur40() {
        // DE customer, EUR, due 2025-06-15, as of 2025-07-31:
        // 16..30 Jun = 15 days at H1-2025 3.15 + 8 = 11.15%; 1..31 Jul = 31 days at H2-2025 2.15 + 8 = 10.15%
        // 10,000.00 x (11.15 x 15 + 10.15 x 31) / 36500 = 10,000 x 481.90 / 36500 = 132.027397 -> 132.03
        Invoice inv = invoice("10000.00", "EUR", LocalDate.of(2025, 6, 15), null);
        StatementDetail d = statement(inv, LocalDate.of(2025, 7, 31), "DE", LateFeePolicy.DEFAULT);
        assertThat(d.basis().source()).isEqualTo(InterestBasis.Source.STATUTORY_EU);
        assertThat(d.interest().periods()).extracting(InterestPeriod::days, p -> p.annualPercent().toPlainString())
            .containsExactly(org.assertj.core.groups.Tuple.tuple(15L, "11.15"),
                org.assertj.core.groups.Tuple.tuple(31L, "10.15"));
        assertThat(d.statement().interest()).isEqualByComparingTo("132.03");
        assertThat(d.statement().fees()).isEqualByComparingTo("40.00");
        assertThat(d.statement().total()).isEqualByComparingTo("10172.03");
    }

    @Test
    void eur40IsDueFromD1_onceHoweverOftenComputed_andOnlyOnEuroInvoicesOfEuCustomers() {
        Invoice inv = invoice("500.00", "EUR", DUE, "0"); // contract 0%: no interest agreed, the EUR 40 still applies
        assertThat(statement(inv, DUE, "FR", LateFeePolicy.DEFAULT).statement().fees()).isEqualByComparingTo("0.00");
        assertThat(statement(inv, DUE.plusDays(1), "FR", LateFeePolicy.DEFAULT).statement().total())
            .isEqualByComparingTo("540.00");
        assertThat(statement(inv, AS_OF, "FR", LateFeePolicy.DEFAULT).statement().fees()).isEqualByComparingTo("40.00");
        assertThat(statement(inv, AS_OF, "FR", LateFeePolicy.DEFAULT).statement().fees()).isEqualByComparingTo("40.00");
        // not an EU customer: none; a USD invoice without an exchange rate: none (FxCompensationTest has the rates)
        assertThat(statement(inv, AS_OF, "CH", LateFeePolicy.DEFAULT).statement().fees()).isEqualByComparingTo("0.00");
        Invoice usd = invoice("500.00", "USD", DUE, "0");
        assertThat(statement(usd, AS_OF, "FR", LateFeePolicy.DEFAULT).statement().fees()).isEqualByComparingTo("0.00");
    }

    @Test
    void eur40IsPaidFirst_thenInterest_thenPrincipal() {
        // FR, 1,000.00 EUR due 2026-01-31, as of 2026-03-02: H1-2026 2.15 + 8 = 10.15%, 30 days:
        // 1,000.00 x 10.15 x 30 / 36500 = 8.342466 -> 8.34; fees 40.00; a payment of 50.00 -> 40.00 + 8.34 + 1.66
        Invoice inv = invoice("1000.00", "EUR", DUE, null);
        pay(inv, "PAY-EU", "50.00", AS_OF, "FR");
        assertThat(allocations).extracting(a -> a.component().name() + " " + a.amount().amount())
            .containsExactly("FEES 40.00", "INTEREST 8.34", "PRINCIPAL 1.66");
        assertThat(statement(inv, AS_OF, "FR", LateFeePolicy.DEFAULT).statement().total())
            .isEqualByComparingTo("998.34");
    }

    @Test
    void capReached_halfPercentOf10000_stopsInterestAt50_00() {
        // cap 0.5% of 10,000.00 = 50.00; interest would be 98.63 -> 50.00
        LateFeePolicy capped = new LateFeePolicy(null, BigDecimal.ZERO, BigDecimal.ZERO, new BigDecimal("0.5"));
        Invoice inv = invoice("10000.00", "CNY", DUE, "12");
        StatementDetail d = statement(inv, AS_OF, "CN", capped);
        assertThat(d.statement().interest()).isEqualByComparingTo("50.00");
        assertThat(d.capReached()).isTrue();
        assertThat(d.cap().amount()).isEqualByComparingTo("50.00");
        // 14 days: 10,000 x 12 x 14 / 36500 = 46.03 < 50.00: below the cap nothing changes
        assertThat(statement(inv, LocalDate.of(2026, 2, 14), "CN", capped).capReached()).isFalse();
    }

    @Test
    void capCoversFeesAndInterestTogether_fees10_leaveRoomFor40_00OfInterest() {
        LateFeePolicy capped = new LateFeePolicy(null, new BigDecimal("10"), BigDecimal.ZERO, new BigDecimal("0.5"));
        Invoice inv = invoice("10000.00", "CNY", DUE, "12");
        ledger.add(LedgerEntry.of("INV-1", LedgerEntryType.FEE, null, Money.of("10.00", "CNY"),
            LocalDate.of(2026, 2, 1), "test", "overdue reminder fee", null, null));
        StatementDetail d = statement(inv, AS_OF, "CN", capped);
        assertThat(d.statement().fees()).isEqualByComparingTo("10.00");
        assertThat(d.statement().interest()).isEqualByComparingTo("40.00");
        assertThat(d.statement().total()).isEqualByComparingTo("10050.00");
    }

    @Test
    void aLowerCapFromThe1stOfMarch_keepsWhatTheEarlierCapAdmitted_andBoundsOnlyLaterCharges() {
        // contract 36.5%: 10,000.00 x 36.5 / 36500 = 10.00 a day. Cap 5% (500.00) until 28 Feb, 1% (100.00) from 1 Mar.
        Invoice inv = invoice("10000.00", "CNY", DUE, "36.5");
        java.util.NavigableMap<LocalDate, BigDecimal> changes = new java.util.TreeMap<>();
        changes.put(LocalDate.of(2026, 3, 1), new BigDecimal("1"));
        ledger.add(LedgerEntry.of("INV-1", LedgerEntryType.FEE, null, Money.of("15.00", "CNY"),
            LocalDate.of(2026, 3, 5), "test", "overdue reminder fee", null, null));
        InterestBasis basis = RATES.basisFor(inv, "CN", LateFeePolicy.DEFAULT);
        AccountReplay.InvoiceFigures f = AccountReplay.replay(List.of(new AccountReplay.InvoiceTerms("INV-1", "CNY",
            inv.amount(), inv.issueDate(), DUE, basis.rate(), new BigDecimal("5"), false, null, ledger, changes)),
            List.of(), LocalDate.of(2026, 3, 10)).invoice("INV-1");
        // 1 .. 28 Feb under the 5% cap: 28 x 10.00 = 280.00, all admitted (below 500.00) and kept.
        // From 1 Mar the 1% cap (100.00) has no room left (280.00 admitted): the 10 days of March (100.00) and the
        // 15.00 fee of 5 Mar are withheld. Interest 280.00, fees 0.00. With the 1% cap applied backwards:
        // fees 15.00 + interest 85.00 = 100.00 (a lower cap must not rewrite February either).
        assertThat(f.statement().interest()).isEqualByComparingTo("280.00");
        assertThat(f.statement().fees()).isEqualByComparingTo("0.00");
        assertThat(f.statement().total()).isEqualByComparingTo("10280.00");
        assertThat(f.cap().amount()).isEqualByComparingTo("100.00");
        assertThat(f.capReached()).isTrue();
    }

    @Test
    void interestWaiver50On0301_reduces98_63To48_63_fromItsDateOn() {
        Invoice inv = invoice("10000.00", "CNY", DUE, "12");
        ledger.add(LedgerEntry.of("INV-1", LedgerEntryType.INTEREST_WAIVER, null, Money.of("50.00", "CNY"),
            LocalDate.of(2026, 3, 1), "waiver", "goodwill, long-standing customer", "sup1", null));
        assertThat(statement(inv, AS_OF).statement().interest()).isEqualByComparingTo("48.63");
        assertThat(statement(inv, AS_OF).statement().total()).isEqualByComparingTo("10048.63");
        // as of 28 Feb the waiver did not exist yet: 28 days: 10,000 x 12 x 28 / 36500 = 92.054795 -> 92.05
        assertThat(statement(inv, LocalDate.of(2026, 2, 28)).statement().interest()).isEqualByComparingTo("92.05");
    }

    @Test
    void feeWaiverAndDiscount_reduceTheirComponents_discountStopsInterestOnItFromTheNextDay() {
        Invoice inv = invoice("10000.00", "EUR", DUE, "12");
        ledger.add(LedgerEntry.of("INV-1", LedgerEntryType.FEE_WAIVER, null, Money.of("40.00", "EUR"),
            LocalDate.of(2026, 2, 1), "waiver", "first late payment", "sup1", null));
        // discount of 5,000.00 booked 15 Feb: 15 days on 10,000 + 15 days on 5,000:
        // (10,000 x 15 + 5,000 x 15) x 12 / 36500 = 73.972603 -> 73.97
        ledger.add(LedgerEntry.of("INV-1", LedgerEntryType.DISCOUNT, null, Money.of("5000.00", "EUR"),
            LocalDate.of(2026, 2, 15), "waiver", "early settlement agreed", "sup1", null));
        Statement s = statement(inv, AS_OF, "DE", LateFeePolicy.DEFAULT).statement();
        assertThat(s.fees()).isEqualByComparingTo("0.00");
        assertThat(s.principal()).isEqualByComparingTo("5000.00");
        assertThat(s.interest()).isEqualByComparingTo("73.97");
    }

    @Test
    void overpayment10200_paysInterestAndPrincipal_andLeaves101_37AsCredit() {
        // due as of 2 Mar: 98.63 interest + 10,000.00 principal = 10,098.63; 10,200.00 - 10,098.63 = 101.37 credit
        Invoice inv = invoice("10000.00", "CNY", DUE, "12");
        pay(inv, "PAY-2", "10200.00", AS_OF, "CN");
        assertThat(allocations).extracting(a -> a.component().name() + " " + a.amount().amount())
            .containsExactly("INTEREST 98.63", "PRINCIPAL 10000.00", "CREDIT 101.37");
        StatementDetail d = statement(inv, AS_OF);
        assertThat(d.statement().total()).isEqualByComparingTo("0.00");
        assertThat(d.credit().amount()).isEqualByComparingTo("101.37");
        // settled: no interest runs any more
        assertThat(statement(inv, AS_OF.plusDays(100)).statement().total()).isEqualByComparingTo("0.00");
    }

    @Test
    void aLedgerLineInAnotherCurrencyThrows() {
        Invoice inv = invoice("10000.00", "EUR", DUE, "12");
        ledger.add(LedgerEntry.of("INV-1", LedgerEntryType.FEE, null, Money.of("10.00", "USD"),
            LocalDate.of(2026, 2, 1), "test", "wrong currency", null, null));
        assertThatThrownBy(() -> statement(inv, AS_OF)).isInstanceOf(Money.CurrencyMismatchException.class);
    }

    @Test
    void jpyHasNoDecimals_1234567At12Percent30Days_is12177() {
        // 1,234,567 x 12 x 30 / 36500 = 12,176.551233 -> 12,177 (HALF_UP to 0 decimals)
        Invoice inv = invoice("1234567", "JPY", DUE, "12");
        Statement s = statement(inv, AS_OF, "JP", LateFeePolicy.DEFAULT).statement();
        assertThat(s.interest()).isEqualByComparingTo("12177").hasScaleOf(0);
        assertThat(s.total()).isEqualByComparingTo("1246744").hasScaleOf(0);
    }

    @Test
    void rateOrder_contractBeatsSegmentBeatsStatutory_elsewhereNoInterest() {
        LateFeePolicy segment = new LateFeePolicy(new BigDecimal("6"), null, null, null);
        assertThat(RATES.basisFor(invoice("1.00", "CNY", DUE, "12"), "CN", segment).source())
            .isEqualTo(InterestBasis.Source.CONTRACT);
        assertThat(RATES.basisFor(invoice("1.00", "CNY", DUE, null), "CN", segment).source())
            .isEqualTo(InterestBasis.Source.SEGMENT);
        assertThat(RATES.basisFor(invoice("1.00", "CNY", DUE, null), "CN", LateFeePolicy.DEFAULT).source())
            .isEqualTo(InterestBasis.Source.STATUTORY_CN);
        assertThat(RATES.basisFor(invoice("1.00", "EUR", DUE, null), "AT", LateFeePolicy.DEFAULT).source())
            .isEqualTo(InterestBasis.Source.STATUTORY_EU);
        InterestBasis us = RATES.basisFor(invoice("1.00", "USD", DUE, null), "US", LateFeePolicy.DEFAULT);
        assertThat(us.source()).isEqualTo(InterestBasis.Source.NONE);
        assertThat(us.description()).contains("US");
        assertThat(statement(invoice("10000.00", "USD", DUE, null), AS_OF, "US", LateFeePolicy.DEFAULT).statement()
            .total()).isEqualByComparingTo("10000.00");
        // segment rate 6%: 10,000 x 6 x 30 / 36500 = 49.315068 -> 49.32
        assertThat(statement(invoice("10000.00", "CNY", DUE, null), AS_OF, "CN", segment).statement().interest())
            .isEqualByComparingTo("49.32");
    }

    @Test
    void noReferenceRateKnownBeforeTheTableStarts_rateUnknownNotZero() {
        // issue 15: a missing rate used to be NONE (a silent 0); it is UNKNOWN and says so
        InterestBasis basis = RATES.basisFor(invoice("1.00", "CNY", LocalDate.of(2020, 1, 31), null), "CN",
            LateFeePolicy.DEFAULT);
        assertThat(basis.source()).isEqualTo(InterestBasis.Source.UNKNOWN);
        assertThat(basis.description()).startsWith("rate unknown").contains("2020-01-31");
        // EU: half-years before the first ECB row bear nothing, later ones do
        assertThat(RATES.euRateOn(LocalDate.of(2023, 12, 31))).isNull();
        assertThat(RATES.euRateOn(LocalDate.of(2024, 12, 31))).isEqualByComparingTo("12.25");
    }
}
