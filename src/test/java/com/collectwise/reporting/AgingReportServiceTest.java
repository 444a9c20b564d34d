package com.collectwise.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

import com.collectwise.kernel.CaseStatus;
import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.InvoiceRepository;
import com.collectwise.kernel.Stage;
import com.collectwise.kernel.Customer;
import com.collectwise.customers.CustomerRepository;
import com.collectwise.kernel.Segment;
import com.collectwise.fees.AdjustmentService;
import com.collectwise.money.Component;
import com.collectwise.fees.FeeService;
import com.collectwise.fees.Ledger;
import com.collectwise.money.Money;
import com.collectwise.fees.ReferenceRates;
import com.collectwise.fees.StatementService;

/**
 * The ageing report and the statement services on the real schema (Flyway V1 + V2), the deployed
 * Decision_LateFeePolicy and the seeded rate tables. Invoices are created through the repositories; no process.
 */
@SpringBootTest
@ActiveProfiles("test")
@DirtiesContext
class AgingReportServiceTest {

    static final LocalDate AS_OF = LocalDate.of(2026, 3, 2);

    @Autowired AgingReportService reports;
    @Autowired StatementService statements;
    @Autowired AdjustmentService adjustments;
    @Autowired FeeService fees;
    @Autowired Ledger ledger;
    @Autowired ReferenceRates rates;
    @Autowired CustomerRepository customers;
    @Autowired InvoiceRepository invoices;
    @Autowired JdbcClient jdbc;

    @BeforeEach
    void data() {
        if (customers.exists("C-CN")) {
            return; // one data set for the class; the tests only read it or add to invoices of their own
        }
        customers.insert(new Customer("C-CN", "Shanghai Trading", Segment.DOMESTIC, "CN", null, null, "col1",
            "Mr Wang", Instant.now()));
        customers.insert(new Customer("C-DE", "Berlin GmbH", Segment.FOREIGN, "DE", null, null, "col1",
            "Frau Schmidt", Instant.now()));
        customers.insert(new Customer("C-JP", "Osaka KK", Segment.FOREIGN, "JP", null, null, "col1",
            "Tanaka-san", Instant.now()));
        // 30 days past due, contract 12%: 10,000.00 + 98.63 interest (see StatementCalculatorTest)
        invoice("A-CNY-LATE", "C-CN", "2026-01-01", "2026-01-31", "10000.00", "CNY", "12", Stage.INTERNAL_REMINDER);
        // not yet due
        invoice("B-CNY-CURRENT", "C-CN", "2026-02-08", "2026-03-10", "5000.00", "CNY", null, Stage.PRE_DUE);
        // 214 days past due (1 Aug 2025 .. 2 Mar 2026), German statutory rate (base rate + 9 = ECB + 8.12, see
        // application.yaml): 10.27% in H2-2025 and in H1-2026:
        // 2,000.00 x 10.27 x 214 / 36500 = 120.426301 -> 120.43; + EUR 40 = 2,160.43
        invoice("C-EUR-OLD", "C-DE", "2025-07-01", "2025-07-31", "2000.00", "EUR", null, Stage.AGENCY);
        // paid in full before it was due: nothing open, not in the report; before, it was pre-due
        invoice("D-CNY-PAID", "C-CN", "2026-01-01", "2026-01-31", "1000.00", "CNY", null, Stage.PRE_DUE);
        payment("PAY-D", "D-CNY-PAID", "1000.00", "CNY", LocalDate.of(2026, 1, 20));
        invoices.close("D-CNY-PAID", CaseStatus.SETTLED, "Paid in full");
        // issued after the report date
        invoice("E-CNY-FUTURE", "C-CN", "2026-03-05", "2026-04-04", "700.00", "CNY", null, Stage.PRE_DUE);
        // JP: no contract, no segment rate, no statutory default here -> no interest; 45 days past due
        invoice("F-JPY", "C-JP", "2025-12-16", "2026-01-16", "150000", "JPY", null, Stage.FORMAL_DEMAND);
    }

    void invoice(String number, String customer, String issued, String due, String amount, String currency,
                 String contractRate, Stage stage) {
        LocalDate issue = LocalDate.parse(issued);
        LocalDate dueDate = LocalDate.parse(due);
        invoices.insert(new Invoice(number, customer, issue, dueDate, (int) (dueDate.toEpochDay() - issue.toEpochDay()),
            new BigDecimal(amount), currency, contractRate == null ? null : new BigDecimal(contractRate),
            CaseStatus.OPEN, stage, null, null));
    }

    void payment(String reference, String invoice, String amount, String currency, LocalDate receivedOn) {
        jdbc.sql("""
                INSERT INTO payments (payment_reference, invoice_number, customer_id, amount, currency, received_on,
                                      method, body_hash, status, created_at)
                VALUES (?, ?, ?, ?, ?, ?, 'BANK_TRANSFER', ?, 'APPLIED', ?)""")
            .params(reference, invoice, invoices.find(invoice).orElseThrow().customerId(), new BigDecimal(amount),
                currency, receivedOn, "hash-" + reference,
                Timestamp.from(Instant.now()))
            .update();
    }

    @Test
    void agingPerCurrency_byBucketAndStage_fromStatementTotalsOfInvoicesOpenOnTheDate() {
        AgingReport report = reports.report(AS_OF);
        assertThat(report.asOf()).isEqualTo(AS_OF);
        assertThat(report.currencies()).extracting(AgingReport.CurrencyAging::currency)
            .containsExactly("CNY", "EUR", "JPY");

        AgingReport.CurrencyAging cny = report.currencies().get(0);
        assertThat(cny.invoiceCount()).isEqualTo(2);
        assertThat(cny.total()).isEqualByComparingTo("15098.63"); // 10,098.63 + 5,000.00
        assertThat(cny.buckets()).extracting(AgingReport.BucketLine::bucket)
            .containsExactly("current", "1-30", "31-60", "61-90", "91-180", ">180");
        assertThat(bucket(cny, "current")).isEqualByComparingTo("5000.00");
        assertThat(bucket(cny, "1-30")).isEqualByComparingTo("10098.63");
        assertThat(bucket(cny, ">180")).isEqualByComparingTo("0.00");
        assertThat(stage(cny, "PRE_DUE")).isEqualByComparingTo("5000.00");
        assertThat(stage(cny, "INTERNAL_REMINDER")).isEqualByComparingTo("10098.63");

        AgingReport.CurrencyAging eur = report.currencies().get(1);
        assertThat(eur.total()).isEqualByComparingTo("2160.43");
        assertThat(bucket(eur, ">180")).isEqualByComparingTo("2160.43");
        assertThat(stage(eur, "AGENCY")).isEqualByComparingTo("2160.43");

        AgingReport.CurrencyAging jpy = report.currencies().get(2);
        assertThat(jpy.total()).isEqualByComparingTo("150000").hasScaleOf(0);
        assertThat(bucket(jpy, "31-60")).isEqualByComparingTo("150000");
        assertThat(stage(jpy, "FORMAL_DEMAND")).isEqualByComparingTo("150000");
    }

    @Test
    void asOfAnEarlierDate_theFutureInvoiceIsCurrentOrAbsent_andThePaidOneWasStillOpen() {
        // 15 Jan 2026: D-CNY-PAID (issued 1 Jan, paid 20 Jan) was open and not yet due; A also not yet due
        AgingReport report = reports.report(LocalDate.of(2026, 1, 15));
        AgingReport.CurrencyAging cny = report.currencies().get(0);
        assertThat(cny.currency()).isEqualTo("CNY");
        assertThat(cny.invoiceCount()).isEqualTo(2);
        assertThat(bucket(cny, "current")).isEqualByComparingTo("11000.00");
        // open then, closed since: under the stage it was in then (its dated history), not today's CLOSED
        assertThat(stage(cny, "PRE_DUE")).isEqualByComparingTo("1000.00");
        assertThat(stage(cny, "CLOSED")).isEqualByComparingTo("0.00");
    }

    @Test
    void statementOfTheDeInvoice_statutoryEcbRatePlusEur40() {
        var d = statements.detail(invoices.find("C-EUR-OLD").orElseThrow(), AS_OF);
        assertThat(d.statement().interest()).isEqualByComparingTo("120.43");
        assertThat(d.statement().fees()).isEqualByComparingTo("40.00");
        assertThat(d.basis().description()).contains("ECB");
    }

    @Test
    void paymentsAreAllocatedFeesInterestPrincipal_visiblePerPaymentReference() {
        // a customer of its own: money moves between the invoices of one customer
        customers.insert(new Customer("C-DE2", "Hamburg AG", Segment.FOREIGN, "DE", null, null, "col1", null,
            Instant.now()));
        invoice("G-EUR", "C-DE2", "2026-01-01", "2026-01-31", "1000.00", "EUR", null, Stage.INTERNAL_REMINDER);
        Invoice g = invoices.find("G-EUR").orElseThrow();
        // as of 2 Mar: EUR 40 + 1,000.00 x 10.27 x 30 / 36500 = 8.44 interest; 100.00 -> 40.00 / 8.44 / 51.56
        payment("PAY-G", "G-EUR", "100.00", "EUR", AS_OF);
        assertThat(statements.account("C-DE2", AS_OF).result().splitsOf("PAY-G"))
            .extracting(a -> a.component() + " " + a.amount().amount())
            .containsExactly("FEES 40.00", "INTEREST 8.44", "PRINCIPAL 51.56");
        assertThat(statements.statement(g, AS_OF).total()).isEqualByComparingTo("948.44");

        // a payment dated earlier, recorded late: replayed first, it pays the fee, one day of interest and the
        // whole principal on 1 Feb; the later payment then finds nothing owed and is the customer's credit
        // 1 Feb: 1,000.00 x 10.27 / 36500 = 0.281370 -> 0.28; 2,000.00 - 40.00 - 0.28 - 1,000.00 = 959.72
        payment("PAY-G0", "G-EUR", "2000.00", "EUR", LocalDate.of(2026, 2, 1));
        var account = statements.account("C-DE2", AS_OF).result();
        assertThat(account.splitsOf("PAY-G0")).extracting(a -> a.component() + " " + a.amount().amount())
            .containsExactly("FEES 40.00", "INTEREST 0.28", "PRINCIPAL 1000.00", "CREDIT 959.72");
        assertThat(account.splitsOf("PAY-G")).extracting(a -> a.component() + " " + a.amount().amount())
            .containsExactly("CREDIT 100.00");
        assertThat(statements.statement(g, AS_OF).total()).isEqualByComparingTo("0.00");
        assertThat(statements.detail(g, AS_OF).credit().amount()).isEqualByComparingTo("1059.72");
    }

    @Test
    void aWaiverIsALedgerLineThatReducesTheStatement_andCannotExceedWhatIsOwed() {
        invoice("H-CNY", "C-CN", "2026-01-01", "2026-01-31", "10000.00", "CNY", "12", Stage.INTERNAL_REMINDER);
        Invoice h = invoices.find("H-CNY").orElseThrow();
        assertThatThrownBy(() -> adjustments.waive(h, Component.INTEREST, Money.of("100.00", "CNY"), "goodwill",
            "sup1", AS_OF)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("98.63");
        assertThatThrownBy(() -> adjustments.waive(h, Component.INTEREST, Money.of("10.00", "CNY"), " ", "sup1",
            AS_OF)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reason");
        assertThatThrownBy(() -> adjustments.waive(h, Component.INTEREST, Money.of("10.00", "EUR"), "goodwill",
            "sup1", AS_OF)).isInstanceOf(Money.CurrencyMismatchException.class);

        adjustments.waive(h, Component.INTEREST, Money.of("50.00", "CNY"), "goodwill", "sup1", AS_OF);
        assertThat(statements.statement(h, AS_OF).interest()).isEqualByComparingTo("48.63");
        assertThat(statements.statement(h, AS_OF.minusDays(1)).interest()).isEqualByComparingTo("95.34");
        assertThat(ledger.list("H-CNY")).singleElement().satisfies(e -> {
            assertThat(e.type().name()).isEqualTo("INTEREST_WAIVER");
            assertThat(e.approvedBy()).isEqualTo("sup1");
            assertThat(e.reason()).isEqualTo("goodwill");
        });

        adjustments.writeOff(h, "insolvent", "fin1", AS_OF);
        assertThat(statements.statement(h, AS_OF).total()).isEqualByComparingTo("0.00");
        assertThat(ledger.list("H-CNY")).hasSize(3); // waiver + write-off of interest and principal
    }

    @Test
    void defaultPolicyChargesNoReminderOrLetterFee() {
        Invoice a = invoices.find("A-CNY-LATE").orElseThrow();
        assertThat(fees.charge(a, FeeService.Kind.REMINDER_FEE, "reminder-1", AS_OF)).isEmpty();
        assertThat(fees.charge(a, FeeService.Kind.LETTER_FEE, "letter-1", AS_OF)).isEmpty();
        assertThat(ledger.list("A-CNY-LATE")).isEmpty();
    }

    @Test
    void rateTablesAreSeeded_andACorrectionForTheSameDateWins() {
        assertThat(rates.table(ReferenceRates.Kind.LPR).inForceOn(LocalDate.of(2025, 5, 19)))
            .isEqualByComparingTo("3.10");
        assertThat(rates.table(ReferenceRates.Kind.LPR).inForceOn(LocalDate.of(2025, 5, 20)))
            .isEqualByComparingTo("3.00");
        // V12: the history since 2015-10-24 (benchmark, then LPR), V2's four dates not entered twice
        assertThat(rates.all(ReferenceRates.Kind.LPR)).hasSize(14);
        assertThat(rates.table(ReferenceRates.Kind.LPR).asMap().firstKey()).isEqualTo(LocalDate.of(2015, 10, 24));
        assertThat(rates.table(ReferenceRates.Kind.LPR).inForceOn(LocalDate.of(2019, 8, 19)))
            .isEqualByComparingTo("4.35");
        assertThat(rates.table(ReferenceRates.Kind.LPR).inForceOn(LocalDate.of(2021, 3, 31)))
            .isEqualByComparingTo("3.85");
        assertThat(rates.table(ReferenceRates.Kind.LPR).inForceOn(LocalDate.of(2022, 8, 21)))
            .isEqualByComparingTo("3.70");
        assertThat(rates.table(ReferenceRates.Kind.ECB).inForceOn(LocalDate.of(2016, 1, 1))).isEqualByComparingTo("0");
        assertThat(rates.table(ReferenceRates.Kind.ECB).inForceOn(LocalDate.of(2023, 7, 1)))
            .isEqualByComparingTo("4.00");
        assertThat(rates.current(ReferenceRates.Kind.ECB)).hasSize(21); // V2 + V12: every half-year since 2016
        rates.enter(ReferenceRates.Kind.ECB, LocalDate.of(2027, 1, 1), new BigDecimal("2.50"), "fin1");
        rates.enter(ReferenceRates.Kind.ECB, LocalDate.of(2027, 1, 1), new BigDecimal("2.15"), "fin1");
        assertThat(rates.table(ReferenceRates.Kind.ECB).inForceOn(LocalDate.of(2027, 3, 1)))
            .isEqualByComparingTo("2.15");
        assertThat(rates.all(ReferenceRates.Kind.ECB)).hasSize(23); // the wrong entry stays on record
    }

    static BigDecimal bucket(AgingReport.CurrencyAging c, String name) {
        return c.buckets().stream().filter(b -> b.bucket().equals(name)).findFirst().orElseThrow().amount();
    }

    static BigDecimal stage(AgingReport.CurrencyAging c, String name) {
        return c.stages().stream().filter(s -> s.stage().equals(name)).findFirst().orElseThrow().amount();
    }
}
