package com.collectwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;

import com.collectwise.cases.InvoiceService;
import com.collectwise.fees.Ledger;
import com.collectwise.fees.StatementService;
import com.collectwise.kernel.CaseStatus;
import com.collectwise.kernel.CaseVariables;
import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.InvoiceRepository;
import com.collectwise.kernel.Stage;
import com.collectwise.money.Component;
import com.collectwise.money.LedgerEntry;
import com.collectwise.money.LedgerEntryType;
import com.collectwise.money.Money;
import com.collectwise.money.Statement;

/**
 * The statement of an invoice in the transaction that registered it, before anything was booked on it and before its
 * due date, is known without a replay ({@code StatementService#statement}, {@code AccountReplay#untouched};
 * bench/results/TUNING.md, row 50): the first stage entry of a case start shows the amount as outstanding. Compared
 * here with the statement the replay gives once the registration has committed (the invoice's ledger read from the
 * database), for the invoices the short way covers; and what it does not cover goes the replay's way: money waiting
 * for the invoice, applied by the registration, a ledger line booked in the registration's transaction, money of the
 * customer, a date after the due date.
 */
class StatementAsRegisteredApiTest extends ApiTestSupport {

    private static final String AS_REGISTERED = "as registered (nothing booked, not due)";
    private static final String REPLAYED = "Replaying the account of customer";

    @Autowired
    private InvoiceService invoiceService;
    @Autowired
    private InvoiceRepository invoices;
    @Autowired
    private StatementService statements;
    @Autowired
    private Ledger ledger;
    @Autowired
    private PlatformTransactionManager transactions;

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final String testThread = Thread.currentThread().getName();
    private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            if (event.getThreadName().equals(testThread)) {
                lines.add(event.getFormattedMessage());
            }
        }
    };
    private Level level;

    @BeforeEach
    void listen() {
        Logger logger = (Logger) LoggerFactory.getLogger(StatementService.class);
        level = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void stop() {
        Logger logger = (Logger) LoggerFactory.getLogger(StatementService.class);
        logger.detachAppender(appender);
        logger.setLevel(level);
    }

    private String customer(String country) {
        String customerId = unique("C");
        Response r = post(INTEGRATION, "/api/customers", Map.of("customerId", customerId, "name", "Acme " + customerId,
            "segment", "FOREIGN", "country", country, "collector", COLLECTOR, "decisionMaker", "Ms. Wang"));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return customerId;
    }

    private Invoice invoice(String customerId, String amount, String currency, LocalDate issued, LocalDate due,
                            String contractRate) {
        return new Invoice(unique("INV"), customerId, issued, due, 30, new BigDecimal(amount), currency,
            contractRate == null ? null : new BigDecimal(contractRate), CaseStatus.OPEN, Stage.PRE_DUE, null, null);
    }

    private long count(String marker) {
        return lines.stream().filter(l -> l.contains(marker)).count();
    }

    /**
     * EUR of an EU customer (its EUR 40 would fall due the day after the due date), JPY (no decimals), KWD (three),
     * CNY with a contract rate, one due today and one issued today; each as of today, its due date and its issue date.
     * Hand-computed: each owes its amount at its currency's minor unit, no interest, no fees.
     */
    @Test
    void aBrandNewInvoiceBeforeItsDueDateOwesWhatTheReplayGivesOnceCommitted() {
        LocalDate today = today();
        List<Invoice> registered = List.of(
            invoice(customer("DE"), "1234.50", "EUR", today.minusDays(10), today.plusDays(20), null),
            invoice(customer("CN"), "120000", "JPY", today.minusDays(40), today.plusDays(5), null),
            invoice(customer("CN"), "1.234", "KWD", today.minusDays(3), today.plusDays(60), null),
            invoice(customer("CN"), "999.99", "CNY", today.minusDays(30), today, "12.5000"),
            invoice(customer("FR"), "0.01", "EUR", today, today.plusDays(1), null));
        Map<String, String> expected = Map.of(registered.get(0).invoiceNumber(), "1234.50",
            registered.get(1).invoiceNumber(), "120000", registered.get(2).invoiceNumber(), "1.234",
            registered.get(3).invoiceNumber(), "999.99", registered.get(4).invoiceNumber(), "0.01");
        TransactionTemplate tx = new TransactionTemplate(transactions);
        Map<String, List<Statement>> shortWay = new HashMap<>();
        for (Invoice i : registered) {
            lines.clear();
            tx.executeWithoutResult(status -> {
                invoiceService.register(i);
                Invoice row = invoices.find(i.invoiceNumber()).orElseThrow();
                List<Statement> found = new ArrayList<>();
                for (LocalDate asOf : List.of(today, row.dueDate(), row.issueDate())) {
                    found.add(statements.statement(row, asOf));
                }
                shortWay.put(i.invoiceNumber(), found);
            });
            // the case start's figures and the three statements above: no replay in the registration's transaction
            assertThat(count(REPLAYED)).as("replays while registering " + i.invoiceNumber()).isZero();
            assertThat(count(AS_REGISTERED)).as("short ways while registering " + i.invoiceNumber())
                .isGreaterThanOrEqualTo(4);
        }
        for (Invoice i : registered) {
            lines.clear();
            Invoice row = invoices.find(i.invoiceNumber()).orElseThrow();
            List<Statement> replayed = new ArrayList<>();
            for (LocalDate asOf : List.of(today, row.dueDate(), row.issueDate())) {
                replayed.add(tx.execute(status -> statements.statement(row, asOf)));
            }
            assertThat(count(AS_REGISTERED)).as("committed: the replay's way").isZero();
            assertThat(count(REPLAYED)).isEqualTo(3);
            assertThat(shortWay.get(i.invoiceNumber())).as(i.invoiceNumber()).isEqualTo(replayed);
            BigDecimal amount = new BigDecimal(expected.get(i.invoiceNumber()));
            for (Statement s : replayed) {
                assertThat(s.principal()).isEqualTo(amount);
                assertThat(s.total()).isEqualTo(amount);
                assertThat(s.interest().signum()).isZero();
                assertThat(s.fees().signum()).isZero();
            }
            // what the case shows from its first stage entry on
            assertThat(outstandingShown(i.invoiceNumber())).isEqualTo(amount.doubleValue());
        }
    }

    /**
     * 400.00 posted for an invoice the ERP has not sent yet waits for it; the registration (1,000.00) applies it. The
     * case start's figures come before that (the money is applied after the case started), so they may go the short
     * way; once the money is applied in the same transaction, the statement is replayed: 1,000.00 - 400.00 = 600.00,
     * in the transaction, in the answer and on the case.
     */
    @Test
    void moneyWaitingForTheInvoiceGoesTheReplaysWayOnceApplied() {
        String customerId = customer("CN");
        Invoice invoice = invoice(customerId, "1000.00", "CNY", today().minusDays(30), today().plusDays(30), null);
        Response kept = post(FINANCE, "/api/payments", Map.of("paymentReference", unique("PAY"),
            "invoiceNumber", invoice.invoiceNumber(), "amount", "400.00", "currency", "CNY",
            "receivedOn", today().minusDays(1).toString(), "method", "BANK_TRANSFER"));
        assertThat(kept.status()).as(kept.raw()).isEqualTo(202);
        lines.clear();

        Statement inTransaction = new TransactionTemplate(transactions).execute(status -> {
            invoiceService.register(invoice);
            lines.clear();
            return statements.statement(invoices.find(invoice.invoiceNumber()).orElseThrow(), today());
        });

        assertThat(count(AS_REGISTERED)).isZero();
        assertThat(inTransaction.total()).isEqualByComparingTo("600.00");
        assertThat(get(FINANCE, "/api/invoices/" + invoice.invoiceNumber()).body().path("outstanding").path("total")
            .decimalValue()).isEqualByComparingTo("600.00");
        assertThat(outstandingShown(invoice.invoiceNumber())).isEqualTo(600.0);
    }

    /** A fee of 25.00 booked on the new invoice in its registration's transaction: replayed, 1,025.00. */
    @Test
    void aLineBookedInTheRegistrationsTransactionGoesTheReplaysWay() {
        Invoice invoice = invoice(customer("CN"), "1000.00", "CNY", today().minusDays(30), today().plusDays(30), null);

        Statement inTransaction = new TransactionTemplate(transactions).execute(status -> {
            invoiceService.register(invoice);
            ledger.append(LedgerEntry.of(invoice.invoiceNumber(), LedgerEntryType.FEE, Component.FEES,
                Money.of("25.00", "CNY"), today(), "test", "a fee", null, null));
            lines.clear();
            return statements.statement(invoices.find(invoice.invoiceNumber()).orElseThrow(), today());
        });

        assertThat(count(AS_REGISTERED)).isZero();
        assertThat(count(REPLAYED)).isEqualTo(1);
        assertThat(inTransaction.total()).isEqualByComparingTo("1025.00");
    }

    /** The customer's credit of 300.00 pays the new invoice of 1,000.00 in the replay: 700.00, never the amount. */
    @Test
    void aCustomerWithMoneyGoesTheReplaysWay() {
        String customerId = customer("CN");
        String first = createInvoice(customerId, "100.00");
        assertThat(post(FINANCE, "/api/payments", Map.of("paymentReference", unique("PAY"), "invoiceNumber", first,
            "amount", "400.00", "currency", "CNY", "receivedOn", today().toString(), "method", "BANK_TRANSFER"))
            .status()).isEqualTo(201);
        Invoice invoice = invoice(customerId, "1000.00", "CNY", today().minusDays(30), today().plusDays(30), null);
        lines.clear();

        Statement inTransaction = new TransactionTemplate(transactions).execute(status -> {
            invoiceService.register(invoice);
            return statements.statement(invoices.find(invoice.invoiceNumber()).orElseThrow(), today());
        });

        assertThat(count(AS_REGISTERED)).isZero();
        assertThat(inTransaction.total()).isEqualByComparingTo("700.00");
        assertThat(outstandingShown(invoice.invoiceNumber())).isEqualTo(700.0);
    }

    /** Registered a day after its due date: interest and charges are the replay's. */
    @Test
    void anInvoicePastItsDueDateGoesTheReplaysWay() {
        Invoice invoice = invoice(customer("CN"), "1000.00", "CNY", today().minusDays(31), today().minusDays(1), null);

        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            invoiceService.register(invoice);
            statements.statement(invoices.find(invoice.invoiceNumber()).orElseThrow(), today());
        });

        assertThat(count(AS_REGISTERED)).isZero();
        assertThat(count(REPLAYED)).isPositive();
    }

    /**
     * KWD 1.234 registered over the API: the answer (read in the registration's transaction, from the row kept by the
     * INSERT) and the case's figures show the third decimal. Before: the kept row had the amount at two decimals (the
     * column is NUMERIC(19,4) since V13), so the answer showed 1.230 owed and the case 1.23, until read again.
     */
    @Test
    void aKwdInvoiceIsAnsweredAndShownWithItsThirdDecimal() {
        String number = unique("INV");
        Response r = post(INTEGRATION, "/api/invoices", Map.of("invoiceNumber", number, "customerId", customer("CN"),
            "issueDate", today().minusDays(10).toString(), "dueDate", today().plusDays(20).toString(),
            "amount", "1.234", "currency", "KWD"));

        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        assertThat(r.body().path("outstanding").path("principal").decimalValue()).isEqualTo(new BigDecimal("1.234"));
        assertThat(r.body().path("outstanding").path("total").decimalValue()).isEqualTo(new BigDecimal("1.234"));
        assertThat(outstandingShown(number)).isEqualTo(1.234);
    }

    private Object outstandingShown(String invoiceNumber) {
        String caseId = invoices.find(invoiceNumber).orElseThrow().processInstanceId();
        return runtime.getVariable(caseId, CaseVariables.OUTSTANDING_AMOUNT);
    }
}
