package com.collectwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;

import com.collectwise.fees.StatementService;

/**
 * One statement per request (issue 19, item 1): a request replays the customer's account once and reads its
 * invoice and customer rows a few times, not once per step that needs them. Counted from the debug log of the
 * request's thread: the replay's own line and the SQL the JDBC template executes. Before the per-transaction cache
 * ({@code kernel.TransactionCache}) a part payment replayed the account 3 times and read the invoice and the customer
 * 4 times each; a registration replayed it twice, read the invoice 4 times and the customer 6 times. The invoice is
 * read again after its own row changed (case started, stage set), which is right.
 */
class OneStatementPerRequestApiTest extends ApiTestSupport {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    /** The lines of the test's own thread (a registration called as the benchmark calls it, not over HTTP). */
    private final List<String> own = new CopyOnWriteArrayList<>();
    private final String testThread = Thread.currentThread().getName();
    private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            if (event.getThreadName().startsWith("http-")) {
                lines.add(event.getFormattedMessage());
            } else if (event.getThreadName().equals(testThread)) {
                own.add(event.getFormattedMessage());
            }
        }
    };

    @org.springframework.beans.factory.annotation.Autowired
    private com.collectwise.cases.InvoiceService invoiceService;
    private final Map<Logger, Level> levels = new java.util.HashMap<>();

    @BeforeEach
    void listen() {
        appender.start();
        for (String name : List.of(StatementService.class.getName(), "org.springframework.jdbc.core.JdbcTemplate",
                "org.springframework.jdbc.support", "org.springframework.jdbc.datasource")) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            levels.put(logger, logger.getLevel());
            logger.setLevel(Level.DEBUG);
            logger.addAppender(appender);
        }
    }

    @AfterEach
    void stop() {
        levels.forEach((logger, level) -> {
            logger.detachAppender(appender);
            logger.setLevel(level);
        });
    }

    private Counts during(Supplier<Response> request) {
        lines.clear();
        Response r = request.get();
        assertThat(r.status()).as(r.raw()).isBetween(200, 201);
        Counts counts = new Counts(
            count("Replaying the account of customer"),
            count("FROM invoices WHERE invoice_number = ?"),
            count("FROM customers WHERE customer_id = ?"));
        System.out.println("Per request: " + counts);
        return counts;
    }

    private int count(String marker) {
        return (int) lines.stream().filter(l -> l.contains(marker)).count();
    }

    record Counts(int replays, int invoiceReads, int customerReads) {
    }

    @Test
    void aPartPaymentReplaysTheAccountOnce() {
        String number = createInvoice(createCustomer(), "1000.00");

        Counts counts = during(() -> post(INTEGRATION, "/api/payments", Map.of("paymentReference", unique("PAY"),
            "invoiceNumber", number, "amount", 400, "currency", "CNY", "receivedOn", today().toString(),
            "method", "BANK_TRANSFER")));

        assertThat(counts.replays()).isEqualTo(1);
        assertThat(counts.invoiceReads()).isLessThanOrEqualTo(2);
        assertThat(counts.customerReads()).isLessThanOrEqualTo(2);
    }

    /**
     * Over HTTP, with the answer's view: before its due date neither the case start nor the answer replays the new
     * invoice's account (bench/results/TUNING.md, row 50; was once, and twice before the per-transaction cache).
     */
    @Test
    void registeringAnInvoiceBeforeItsDueDateReplaysNoAccount() {
        String customerId = createCustomer();
        String number = unique("INV");

        Counts counts = during(() -> post(INTEGRATION, "/api/invoices", Map.of("invoiceNumber", number,
            "customerId", customerId, "issueDate", today().minusDays(30).toString(),
            "dueDate", today().plusDays(30).toString(), "amount", "1000.00", "currency", "CNY")));

        assertThat(counts.replays()).isZero();
        assertThat(counts.invoiceReads()).isLessThanOrEqualTo(4);
        assertThat(counts.customerReads()).isLessThanOrEqualTo(3);
    }

    /**
     * A case start of a brand-new invoice before its due date (bench/results/TUNING.md, rows 37-38): the row it inserted
     * is not read back, its ledger lines and agency mandates are not looked up (an invoice registered in this
     * transaction has none but what the transaction booked), and the case start reads no rate tables (no interest and
     * no compensation before the due date; the answer's view reads them for the rate it shows). Before: the row read
     * once more, one SELECT each of ledger_entries and agency_mandates, each rate table read twice.
     */
    @Test
    void registeringAnInvoiceBeforeItsDueDateReadsNothingANewInvoiceCannotHave() {
        String customerId = createCustomer();
        String number = unique("INV");

        during(() -> post(INTEGRATION, "/api/invoices", Map.of("invoiceNumber", number,
            "customerId", customerId, "issueDate", today().minusDays(30).toString(),
            "dueDate", today().plusDays(30).toString(), "amount", "1000.00", "currency", "CNY")));

        List<String> sql = lines.stream().filter(l -> l.contains("SQL")).map(l -> l.toLowerCase(java.util.Locale.ROOT))
            .toList();
        assertThat(sql).as("the registration's SQL").isNotEmpty();
        assertThat(sql).filteredOn(l -> l.contains("select * from invoices where invoice_number")).isEmpty();
        assertThat(sql).filteredOn(l -> l.contains("from ledger_entries")).isEmpty();
        // the answer shows the rate the invoice bears (one read of each reference table); the case start read none
        assertThat(sql).filteredOn(l -> l.contains("from lpr_rates")).hasSize(1);
        assertThat(sql).filteredOn(l -> l.contains("from ecb_rates")).hasSize(1);
        assertThat(sql).filteredOn(l -> l.contains("from agency_mandates")).isEmpty();
        // the figures are those of the invoice as registered
        Response invoice = get(COLLECTOR, "/api/invoices/" + number);
        assertThat(invoice.status()).isEqualTo(200);
        assertThat(invoice.raw()).contains("1000.00");
    }

    /**
     * The payments a registration reads (bench/results/TUNING.md, row 43), for a customer with no money: in its
     * transaction, one query for the customer's applied payments (the statement of the case start, the credit check)
     * together with the money waiting for the new invoice; once committed, one query for money posted at the same
     * moment (waiting for the invoice, or booked for the customer). Before: four SELECTs on payments, two of each.
     */
    @Test
    void registeringAnInvoiceReadsThePaymentsOnceAndLooksAgainOnce() {
        String customerId = createCustomer();
        String number = unique("INV");
        own.clear();

        // as the benchmark registers (bench/src BenchRun): the service, no answer's view after it
        invoiceService.register(new com.collectwise.kernel.Invoice(number, customerId, today().minusDays(30),
            today().plusDays(30), 60, new java.math.BigDecimal("1000.00"), "CNY", null,
            com.collectwise.kernel.CaseStatus.OPEN, com.collectwise.kernel.Stage.PRE_DUE, null, null));

        List<String> reads = own.stream().map(l -> l.toLowerCase(java.util.Locale.ROOT))
            .filter(l -> l.contains("sql statement [select") && l.contains("from payments")).toList();
        assertThat(reads).as("SELECTs on payments").hasSize(2);
        assertThat(get(COLLECTOR, "/api/invoices/" + number).raw()).contains("1000.00");
    }

    /**
     * The cases of a large import started in batches (two invoices per batch in the test profile; four invoices of one
     * customer): each batch reads the customer's payments once, with the money waiting for its invoices, and looks again
     * once after its commit (bench/results/TUNING.md, row 52). Before: the customer's payments, then the waiting money
     * once per invoice, and the look again: 4 SELECTs on payments per batch, 8 in all (now 2 per batch, 4).
     */
    @Test
    void anImportBatchReadsThePaymentsOncePerCustomer() {
        String customerId = createCustomer();
        StringBuilder csv = new StringBuilder("invoiceNumber,customerId,issueDate,dueDate,amount,currency\n");
        for (int i = 0; i < 4; i++) {
            csv.append(unique("BIG")).append(',').append(customerId).append(',').append(today().minusDays(10))
                .append(',').append(today().plusDays(20)).append(",100.00,CNY\n");
        }
        Response imported = postCsv(INTEGRATION, "/api/invoices/import", csv.toString());
        assertThat(imported.body().path("status").asText()).as(imported.raw()).isEqualTo("STARTING_CASES");
        own.clear();

        assertThat(starter.startPending()).isEqualTo(4);

        List<String> reads = own.stream().map(l -> l.toLowerCase(java.util.Locale.ROOT))
            .filter(l -> l.contains("sql statement [select") && l.contains("from payments")).toList();
        assertThat(reads).as("SELECTs on payments").hasSize(4);
    }

    /**
     * The rows a batch locked to start their cases are the rows its case starts read (Plan collection stages, the first
     * stage entry): kept for the transaction, not read again by number (bench/results/TUNING.md, row 53). Before: one
     * SELECT of the invoice by number per case start (4 here).
     */
    @Test
    void anImportBatchReadsNoInvoiceItLockedAgain() {
        String customerId = createCustomer();
        StringBuilder csv = new StringBuilder("invoiceNumber,customerId,issueDate,dueDate,amount,currency\n");
        for (int i = 0; i < 4; i++) {
            csv.append(unique("BIG")).append(',').append(customerId).append(',').append(today().minusDays(10))
                .append(',').append(today().plusDays(20)).append(",100.00,CNY\n");
        }
        Response imported = postCsv(INTEGRATION, "/api/invoices/import", csv.toString());
        assertThat(imported.body().path("status").asText()).as(imported.raw()).isEqualTo("STARTING_CASES");
        own.clear();

        assertThat(starter.startPending()).isEqualTo(4);

        assertThat(own.stream().map(l -> l.toLowerCase(java.util.Locale.ROOT))
            .filter(l -> l.contains("sql statement [select * from invoices where invoice_number = ?"))).isEmpty();
        assertThat(own.stream().map(l -> l.toLowerCase(java.util.Locale.ROOT))
            .filter(l -> l.contains("for update skip locked") || l.contains("rows only for update"))).hasSize(3);
    }

    @org.springframework.beans.factory.annotation.Autowired
    private com.collectwise.cases.ImportCaseStarter starter;

    /**
     * The look again after a registration's commit (money posted at the same moment) is one SELECT in autocommit, not a
     * transaction of its own (bench/results/TUNING.md, row 51): the registration is the only transaction committed.
     * Before: two, the look again's BEGIN and COMMIT round trips on top of its query.
     */
    @Test
    void registeringAnInvoiceLooksAgainWithoutATransactionOfItsOwn() {
        String customerId = createCustomer();
        String number = unique("INV");
        own.clear();

        invoiceService.register(new com.collectwise.kernel.Invoice(number, customerId, today().minusDays(30),
            today().plusDays(30), 60, new java.math.BigDecimal("1000.00"), "CNY", null,
            com.collectwise.kernel.CaseStatus.OPEN, com.collectwise.kernel.Stage.PRE_DUE, null, null));

        assertThat(own).filteredOn(l -> l.contains("Initiating transaction commit")).hasSize(1);
        // the look again did look: the payments once in the registration, once after it
        assertThat(own.stream().map(l -> l.toLowerCase(java.util.Locale.ROOT))
            .filter(l -> l.contains("sql statement [select") && l.contains("from payments"))).hasSize(2);
    }

    /**
     * The case start of a brand-new invoice before its due date, for a customer without money, shows its figures without
     * replaying its account (bench/results/TUNING.md, row 50: registered in this transaction, nothing booked on it, not
     * due: the amount is owed). Before: the first stage entry replayed the invoice alone, once per registration.
     */
    @Test
    void registeringAnInvoiceBeforeItsDueDateReplaysNothing() {
        String customerId = createCustomer();
        String number = unique("INV");
        own.clear();

        invoiceService.register(new com.collectwise.kernel.Invoice(number, customerId, today().minusDays(30),
            today().plusDays(30), 60, new java.math.BigDecimal("1000.00"), "CNY", null,
            com.collectwise.kernel.CaseStatus.OPEN, com.collectwise.kernel.Stage.PRE_DUE, null, null));

        assertThat(own).filteredOn(l -> l.contains("Replaying the account of customer")).isEmpty();
        assertThat(own).filteredOn(l -> l.contains("as registered (nothing booked, not due)")).hasSize(1);
        assertThat(get(COLLECTOR, "/api/invoices/" + number).body().path("outstanding").path("total").decimalValue())
            .isEqualByComparingTo("1000.00");
    }
}
