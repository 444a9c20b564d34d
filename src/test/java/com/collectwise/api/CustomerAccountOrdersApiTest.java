package com.collectwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;

/**
 * The customer-level figures from outside, in orders and with numbers other tests do not use (DOMAIN.md 5, 8): the
 * credit hold of a customer with three invoices in two currencies, released only when nothing is overdue and placed
 * again by a bounce; the customer file per currency; the statement of a past date that later postings do not change.
 *
 * <p>The invoices (issued D-30 before their due date D: formal demand at D + 10):
 * <ul>
 *   <li>A: 1,000.00 CNY, due 15 days ago: starts at formal demand (the letter, the hold);</li>
 *   <li>B: 500.00 CNY, due yesterday: 1 day overdue, internal reminder;</li>
 *   <li>C: 300.00 EUR, due in 20 days: not overdue.</li>
 * </ul>
 * Overdue CNY = total(A) + total(B) (interest at the statutory rate, read from the case views); EUR 0.00.
 */
class CustomerAccountOrdersApiTest extends ApiTestSupport {

    record Three(String customerId, String a, String b, String c) {
    }

    Three three() {
        String customerId = createCustomer();
        String a = createInvoice(customerId, "1000.00", "CNY", today().minusDays(45), today().minusDays(15));
        String b = createInvoice(customerId, "500.00", "CNY", today().minusDays(31), today().minusDays(1));
        String c = createInvoice(customerId, "300.00", "EUR", today().minusDays(10), today().plusDays(20));
        List.of(a, b, c).forEach(this::runDueJobsOfCase);
        return new Three(customerId, a, b, c);
    }

    JsonNode view(String invoiceNumber) {
        Response r = get(FINANCE, "/api/invoices/" + invoiceNumber);
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.body();
    }

    BigDecimal total(String invoiceNumber) {
        return view(invoiceNumber).path("outstanding").path("total").decimalValue();
    }

    JsonNode creditStatus(String customerId) {
        Response r = get(INTEGRATION, "/api/customers/" + customerId + "/credit-status");
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.body();
    }

    String pay(String invoiceNumber, BigDecimal amount, String currency) {
        String reference = unique("PAY");
        Response paid = post(INTEGRATION, "/api/payments", Map.of("paymentReference", reference,
            "invoiceNumber", invoiceNumber, "amount", amount.toPlainString(), "currency", currency,
            "receivedOn", today().toString(), "method", "BANK_TRANSFER"));
        assertThat(paid.status()).as(paid.raw()).isEqualTo(201);
        runDueJobsOfCase(invoiceNumber);
        return reference;
    }

    @Test
    void theHoldStaysWhileAnotherInvoiceIsOneDayOverdue_goesWhenItIsPaid_comesBackWithABounce() {
        Three x = three();
        assertThat(view(x.a()).path("stage").asText()).isEqualTo("FORMAL_DEMAND");
        assertThat(view(x.b()).path("stage").asText()).isEqualTo("INTERNAL_REMINDER");
        JsonNode held = creditStatus(x.customerId());
        assertThat(held.path("status").asText()).isEqualTo("HOLD");
        assertThat(held.path("currency").asText()).isEqualTo("CNY");
        assertThat(held.path("overdueTotal").decimalValue()).isEqualByComparingTo(total(x.a()).add(total(x.b())));

        String paidA = pay(x.a(), total(x.a()), "CNY");
        assertThat(caseRunning(x.a())).isFalse();
        JsonNode still = creditStatus(x.customerId());
        assertThat(still.path("status").asText()).as("B is 1 day overdue").isEqualTo("HOLD");
        assertThat(still.path("overdueTotal").decimalValue()).isEqualByComparingTo(total(x.b()));

        pay(x.b(), total(x.b()), "CNY");
        JsonNode ok = creditStatus(x.customerId());
        assertThat(ok.path("status").asText()).as("C is not due").isEqualTo("OK");
        assertThat(ok.path("overdueTotal").decimalValue()).isEqualByComparingTo("0");
        assertThat(get(COLLECTOR, "/api/customers/" + x.customerId()).body().path("creditStatus").asText())
            .isEqualTo("OK");

        // A's payment bounces: A owes its 1,000.00 and interest again, 15 days overdue, at formal demand
        Response bounced = post(FINANCE, "/api/payments/" + paidA + "/reversal",
            Map.of("reversedOn", today().toString(), "reason", "bounced"));
        assertThat(bounced.status()).as(bounced.raw()).isEqualTo(200);
        runDueJobsOfCase(x.a());
        assertThat(view(x.a()).path("status").asText()).isEqualTo("OPEN");
        JsonNode again = creditStatus(x.customerId());
        assertThat(again.path("status").asText()).as("A owes again").isEqualTo("HOLD");
        assertThat(again.path("overdueTotal").decimalValue()).isEqualByComparingTo(total(x.a()));
    }

    /** B settled by a credit note of its 500.00 (from its due date: no interest on it), A paid: nothing overdue. */
    @Test
    void aCreditNoteThatSettlesTheLastOverdueInvoiceReleasesTheHold() {
        Three x = three();
        Response credit = post(FINANCE, "/api/invoices/" + x.b() + "/credit-notes", Map.of("creditNoteNumber",
            unique("CN"), "amount", "500.00", "issuedOn", today().toString(), "reason", "goods returned"));
        assertThat(credit.status()).as(credit.raw()).isEqualTo(201);
        runDueJobsOfCase(x.b());
        assertThat(view(x.b()).path("status").asText()).isEqualTo("SETTLED");
        assertThat(creditStatus(x.customerId()).path("status").asText()).as("A is at formal demand")
            .isEqualTo("HOLD");

        pay(x.a(), total(x.a()), "CNY");

        JsonNode ok = creditStatus(x.customerId());
        assertThat(ok.path("status").asText()).isEqualTo("OK");
        assertThat(ok.path("overdueTotal").decimalValue()).isEqualByComparingTo("0");
    }

    /** The order system asks before the customer's first invoice: OK, nothing overdue. */
    @Test
    void aCustomerWithoutInvoicesIsOk() {
        String customerId = createCustomer();

        JsonNode status = creditStatus(customerId);

        assertThat(status.path("status").asText()).isEqualTo("OK");
        assertThat(status.path("overdueTotal").decimalValue()).isEqualByComparingTo("0");
        assertThat(status.path("currency").asText()).as(status.toString()).isEqualTo("CNY");
        assertThat(status.path("otherCurrencies")).isEmpty();
    }

    /**
     * The overdue money in the main currency: a customer whose only overdue invoice is in EUR (A: 700.00, due 15
     * days ago, at formal demand) and whose two CNY invoices are not due. HOLD with "0.00 CNY overdue" would tell the
     * order system nothing is overdue; the main currency is the one of the overdue invoices, the CNY are listed
     * beside it (0.00).
     */
    @Test
    void theOverdueTotalIsInTheCurrencyOfWhatIsOverdue() {
        String customerId = createCustomer();
        String a = createInvoice(customerId, "700.00", "EUR", today().minusDays(45), today().minusDays(15));
        createInvoice(customerId, "100.00", "CNY", today().minusDays(5), today().plusDays(25));
        createInvoice(customerId, "200.00", "CNY", today().minusDays(5), today().plusDays(25));
        runDueJobsOfCase(a);

        JsonNode status = creditStatus(customerId);

        assertThat(status.path("status").asText()).isEqualTo("HOLD");
        assertThat(status.path("currency").asText()).as(status.toString()).isEqualTo("EUR");
        assertThat(status.path("overdueTotal").decimalValue()).isEqualByComparingTo(total(a));
        assertThat(status.path("otherCurrencies").get(0).path("currency").asText()).isEqualTo("CNY");
        assertThat(status.path("otherCurrencies").get(0).path("overdueTotal").decimalValue())
            .isEqualByComparingTo("0");
    }

    /**
     * The customer file per currency: A 1,000.00 CNY and C 300.00 EUR not yet due, B 500.00 CNY due in 10 days
     * overpaid with 650.00 CNY: the 150.00 over pays the next open CNY invoice A (DOMAIN 5), A owes 850.00; an EUR
     * payment of 80.00 for the customer with no invoice number pays C: 220.00. Then A is paid with 900.00: 50.00 CNY
     * credit, nothing CNY owed.
     */
    @Test
    void theCustomerFileShowsWhatIsOwedAndTheCreditPerCurrency() {
        String customerId = createCustomer();
        String a = createInvoice(customerId, "1000.00", "CNY", today().minusDays(5), today().plusDays(25));
        String b = createInvoice(customerId, "500.00", "CNY", today().minusDays(20), today().plusDays(10));
        String c = createInvoice(customerId, "300.00", "EUR", today().minusDays(10), today().plusDays(20));
        pay(b, new BigDecimal("650.00"), "CNY");
        Response eur = post(INTEGRATION, "/api/payments", Map.of("paymentReference", unique("PAY"),
            "customerId", customerId, "amount", "80.00", "currency", "EUR",
            "receivedOn", today().toString(), "method", "ALIPAY"));
        assertThat(eur.status()).as(eur.raw()).isEqualTo(201);

        Response r = get(COLLECTOR, "/api/customers/" + customerId);

        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        JsonNode file = r.body();
        assertThat(file.path("openInvoices").findValuesAsText("invoiceNumber")).containsExactlyInAnyOrder(a, c);
        for (JsonNode line : file.path("openInvoices")) {
            assertThat(line.path("stage").asText()).isEqualTo("PRE_DUE");
        }
        assertThat(file.path("outstanding").path("CNY").decimalValue()).isEqualByComparingTo("850.00");
        assertThat(file.path("outstanding").path("EUR").decimalValue()).isEqualByComparingTo("220.00");
        assertThat(amount(file.path("credit"), "CNY")).isEqualByComparingTo("0");
        assertThat(amount(file.path("credit"), "EUR")).isEqualByComparingTo("0");
        assertThat(file.path("creditStatus").asText()).isEqualTo("OK");

        pay(a, new BigDecimal("900.00"), "CNY");
        JsonNode after = get(COLLECTOR, "/api/customers/" + customerId).body();
        assertThat(after.path("openInvoices").findValuesAsText("invoiceNumber")).containsExactly(c);
        assertThat(amount(after.path("outstanding"), "CNY")).isEqualByComparingTo("0");
        assertThat(amount(after.path("credit"), "CNY")).isEqualByComparingTo("50.00");
        assertThat(amount(after.path("outstanding"), "EUR")).isEqualByComparingTo("220.00");
    }

    static BigDecimal amount(JsonNode perCurrency, String currency) {
        return perCurrency.has(currency) ? perCurrency.path(currency).decimalValue() : BigDecimal.ZERO;
    }

    /**
     * DOMAIN 5: a statement as of a past date does not change when something dated later is posted. A: 2,000.00 CNY
     * due 20 days ago with a contract rate of 10%, paid 600.00 twelve days ago; E: 400.00 EUR due 5 days ago. The
     * statement of 10 days ago is read; then dated after it: the 600.00 bounces (reversed today), 300.00 paid on A
     * yesterday, a credit note of 100.00 on E today, a new invoice issued yesterday. The statement of 10 days ago is
     * the same to the byte, JSON and PDF.
     */
    @Test
    void aStatementOfAPastDateDoesNotChangeWhenSomethingDatedLaterIsPosted() throws Exception {
        String customerId = createCustomer();
        String a = unique("INV");
        Response created = post(INTEGRATION, "/api/invoices", Map.of("invoiceNumber", a, "customerId", customerId,
            "issueDate", today().minusDays(50).toString(), "dueDate", today().minusDays(20).toString(),
            "amount", "2000.00", "currency", "CNY", "contractInterestRatePercent", "10"));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        String e = createInvoice(customerId, "400.00", "EUR", today().minusDays(35), today().minusDays(5));
        String early = unique("PAY");
        Response paid = post(INTEGRATION, "/api/payments", Map.of("paymentReference", early, "invoiceNumber", a,
            "amount", "600.00", "currency", "CNY", "receivedOn", today().minusDays(12).toString(),
            "method", "BANK_TRANSFER"));
        assertThat(paid.status()).as(paid.raw()).isEqualTo(201);
        List.of(a, e).forEach(this::runDueJobsOfCase);
        String path = "/api/customers/" + customerId + "/statement?asOf=" + today().minusDays(10);
        Response before = get(FINANCE, path);
        assertThat(before.status()).as(before.raw()).isEqualTo(200);
        String pdfBefore = text(pdf(FINANCE, path).getBody());
        // A, days D+1..D+8 on 2,000.00 at 10%: 2,000.00 x 10 x 8 / 36500 = 4.383562; the 600.00 of D+8 pays 4.38
        // interest and 595.62 principal; days D+9..D+10 on 1,404.38: 0.769523; interest 5.153085 -> 5.15, owed
        // 5.15 - 4.38 = 0.77; A owes 1,404.38 + 0.77 = 1,405.15
        JsonNode lineA = before.body().path("invoices").get(0);
        assertThat(lineA.path("invoiceNumber").asText()).isEqualTo(a);
        assertThat(lineA.path("total").decimalValue()).isEqualByComparingTo("1405.15");

        Response bounce = post(FINANCE, "/api/payments/" + early + "/reversal",
            Map.of("reversedOn", today().toString(), "reason", "bounced"));
        assertThat(bounce.status()).as(bounce.raw()).isEqualTo(200);
        Response later = post(INTEGRATION, "/api/payments", Map.of("paymentReference", unique("PAY"),
            "invoiceNumber", a, "amount", "300.00", "currency", "CNY", "receivedOn", today().minusDays(1).toString(),
            "method", "CARD"));
        assertThat(later.status()).as(later.raw()).isEqualTo(201);
        Response credit = post(FINANCE, "/api/invoices/" + e + "/credit-notes", Map.of("creditNoteNumber",
            unique("CN"), "amount", "100.00", "issuedOn", today().toString(), "reason", "price"));
        assertThat(credit.status()).as(credit.raw()).isEqualTo(201);
        createInvoice(customerId, "900.00", "CNY", today().minusDays(1), today().plusDays(29));
        List.of(a, e).forEach(this::runDueJobsOfCase);

        Response after = get(FINANCE, path);
        assertThat(after.status()).as(after.raw()).isEqualTo(200);
        assertThat(after.body()).isEqualTo(before.body());
        assertThat(text(pdf(FINANCE, path).getBody())).isEqualTo(pdfBefore);
    }

    /**
     * The PDF that is sent says what the JSON says, in two currencies: every invoice's total and each currency's
     * total owed appear in the PDF as the JSON gives them.
     */
    @Test
    void theStatementPdfAndJsonAgreeInEveryCurrency() throws Exception {
        Three x = three();
        String path = "/api/customers/" + x.customerId() + "/statement?asOf=" + today();

        Response json = get(COLLECTOR, path);
        String pdf = text(pdf(COLLECTOR, path).getBody());

        assertThat(json.status()).as(json.raw()).isEqualTo(200);
        for (JsonNode line : json.body().path("invoices")) {
            assertThat(pdf).contains(line.path("invoiceNumber").asText(),
                money(line.path("total").decimalValue()) + " " + line.path("currency").asText());
        }
        assertThat(json.body().path("totals")).hasSize(2);
        for (JsonNode total : json.body().path("totals")) {
            assertThat(pdf).as(pdf).contains(money(total.path("total").decimalValue()) + " "
                + total.path("currency").asText());
        }
        assertThat(json.body().path("totals").findValuesAsText("currency")).containsExactly("CNY", "EUR");
        assertThat(json.body().path("totals").get(0).path("total").decimalValue())
            .isEqualByComparingTo(total(x.a()).add(total(x.b())));
        assertThat(json.body().path("totals").get(1).path("total").decimalValue()).isEqualByComparingTo("300.00");
    }

    /**
     * DOMAIN 7: the confirmation is the acknowledgement, on the day it is given. The statement of X (6 days ago) is
     * confirmed 4 days ago: A (1,000.00, due 40 days ago, open on X) restarts from the confirmation: limitation
     * (today - 4) + 3 years; B (300.00, not due, paid in full 8 days ago: settled before X) was on no statement of X and
     * is not acknowledged. Both were registered on X (engine clock moved back 6 days).
     */
    @Test
    void aConfirmationGivenAfterItsStatementDateRestartsTheLimitationFromTheDayItWasGiven() {
        java.time.LocalDate real = today();
        java.time.LocalDate x = real.minusDays(6);
        org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(java.util.Date.from(clock.now()
            .minus(6, java.time.temporal.ChronoUnit.DAYS)));
        String customerId;
        String a;
        String b;
        try {
            customerId = createCustomer();
            a = createInvoice(customerId, "1000.00", "CNY", real.minusDays(70), real.minusDays(40));
            b = createInvoice(customerId, "300.00", "CNY", real.minusDays(20), real.plusDays(10));
            Response paid = post(INTEGRATION, "/api/payments", Map.of("paymentReference", unique("PAY"),
                "invoiceNumber", b, "amount", "300.00", "currency", "CNY", "receivedOn", real.minusDays(8).toString(),
                "method", "BANK_TRANSFER"));
            assertThat(paid.status()).as(paid.raw()).isEqualTo(201);
            List.of(a, b).forEach(this::runDueJobsOfCase);
        } finally {
            org.camunda.bpm.engine.impl.util.ClockUtil.reset();
        }
        assertThat(view(b).path("status").asText()).isEqualTo("SETTLED");

        Response r = post(COLLECTOR, "/api/customers/" + customerId + "/statement/confirmations", Map.of(
            "statementDate", x.toString(), "confirmedOn", real.minusDays(4).toString(), "confirmedBy", "Mr. Zhou"));

        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        assertThat(r.body().path("invoices").findValuesAsText("invoiceNumber")).containsExactly(a);
        assertThat(view(a).path("limitationDate").asText()).isEqualTo(real.minusDays(4).plusYears(3).toString());
        assertThat(count("SELECT COUNT(*) FROM acknowledgements WHERE invoice_number = ?", b)).isZero();
    }

    /**
     * "No statement received" (推, DOMAIN 4) is answered by the confirmation: the customer confirmed today's statement
     * (A, 900.00 not yet due); the next call about the customer (B, 3 days overdue) shows the confirmation among the
     * previous contacts, with who confirmed it, so the collector can name it.
     */
    @Test
    void theNextCallShowsTheConfirmedStatement() {
        String customerId = createCustomer();
        createInvoice(customerId, "900.00", "CNY", today().minusDays(5), today().plusDays(25));
        Response r = post(COLLECTOR, "/api/customers/" + customerId + "/statement/confirmations",
            Map.of("statementDate", today().toString(), "confirmedBy", "Mr. Zhou"));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);

        String b = createInvoice(customerId, "400.00", "CNY", today().minusDays(33), today().minusDays(3));
        runDueJobsOfCase(b);

        var call = tasks.createTaskQuery().processInstanceBusinessKey(b)
            .taskDefinitionKey(com.collectwise.kernel.CaseVariables.TASK_CALL_CUSTOMER).singleResult();
        assertThat(call).isNotNull();
        String history = String.valueOf(tasks.getVariable(call.getId(), com.collectwise.kernel.CaseVariables.CONTACT_HISTORY));
        assertThat(history).as(history).contains("Statement of account of " + today() + " confirmed on " + today())
            .contains("Mr. Zhou");
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.camunda.bpm.engine.TaskService tasks;

    static String money(BigDecimal amount) {
        return String.format(java.util.Locale.ROOT, "%,.2f", amount);
    }

    ResponseEntity<byte[]> pdf(String user, String path) {
        HttpHeaders headers = new HttpHeaders();
        headers.setAccept(List.of(MediaType.APPLICATION_PDF));
        ResponseEntity<byte[]> r = rest.withBasicAuth(user, PASSWORD).exchange(path, HttpMethod.GET,
            new HttpEntity<>(headers), byte[].class);
        assertThat(r.getStatusCode().value()).isEqualTo(200);
        return r;
    }

    static String text(byte[] pdf) throws Exception {
        PdfReader reader = new PdfReader(pdf);
        StringBuilder all = new StringBuilder();
        for (int page = 1; page <= reader.getNumberOfPages(); page++) {
            all.append(new PdfTextExtractor(reader).getTextFromPage(page)).append(' ');
        }
        return all.toString().replaceAll("\\s+", " ");
    }
}
