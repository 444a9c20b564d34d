package com.collectwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.collectwise.kernel.CaseVariables;
import com.collectwise.kernel.ContactEntry;
import com.collectwise.kernel.ContactLog;

class InvoiceApiTest extends ApiTestSupport {

    @Autowired
    RepositoryService repository;
    @Autowired
    ContactLog contactLog;

    private Map<String, Object> invoice(String number, String customerId) {
        Map<String, Object> body = new HashMap<>();
        body.put("invoiceNumber", number);
        body.put("customerId", customerId);
        body.put("issueDate", today().minusDays(10).toString());
        body.put("dueDate", today().plusDays(20).toString());
        body.put("amount", 1250.5);
        body.put("currency", "CNY");
        return body;
    }

    @Test
    void registersAnInvoiceAndStartsItsCase() {
        String customerId = createCustomer();
        String number = unique("INV");

        Response r = post(INTEGRATION, "/api/invoices", invoice(number, customerId));

        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        assertThat(r.headers().getLocation()).hasPath("/api/invoices/" + number);
        assertThat(r.body().path("status").asText()).isEqualTo("OPEN");
        assertThat(r.body().path("outstanding").path("total").decimalValue()).isEqualByComparingTo("1250.50");
        assertThat(caseRunning(number)).isTrue();
        assertThat(count("SELECT COUNT(*) FROM invoices WHERE invoice_number = ? AND status = 'OPEN'", number))
            .isEqualTo(1);
        // creditTermDays defaults to dueDate - issueDate
        assertThat(count("SELECT credit_term_days FROM invoices WHERE invoice_number = ?", number)).isEqualTo(30);
    }

    @Test
    void amountsMayBeStringsAndTheTermMayBeGiven() {
        String customerId = createCustomer();
        String number = unique("INV");
        Map<String, Object> body = invoice(number, customerId);
        body.put("amount", "99.90");
        body.put("creditTermDays", 45);
        body.put("contractInterestRatePercent", "12.5");

        Response r = post(INTEGRATION, "/api/invoices", body);

        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        assertThat(count("SELECT credit_term_days FROM invoices WHERE invoice_number = ?", number)).isEqualTo(45);
    }

    @Test
    void duplicateNumberIsAConflict() {
        String customerId = createCustomer();
        String number = createInvoice(customerId, "100.00");

        Response r = post(INTEGRATION, "/api/invoices", invoice(number, customerId));

        assertProblem(r, 409);
        assertThat(count("SELECT COUNT(*) FROM invoices WHERE invoice_number = ?", number)).isEqualTo(1);
    }

    @Test
    void reportsEveryBadFieldAtOnce() {
        Map<String, Object> body = new HashMap<>();
        body.put("invoiceNumber", "INV/2026/1");
        body.put("customerId", "NO-SUCH-CUSTOMER");
        body.put("issueDate", "2026-02-30");
        body.put("dueDate", "23.11.2026");
        // more decimals than any currency has (the currency itself is wrong, so only that can be judged)
        body.put("amount", 10.00005);
        body.put("currency", "EURO");
        body.put("creditTermDays", "thirty");

        Response r = post(INTEGRATION, "/api/invoices", body);

        assertProblem(r, 400);
        assertThat(errorFields(r)).containsExactlyInAnyOrder("invoiceNumber", "customerId", "issueDate", "dueDate",
            "amount", "currency", "creditTermDays");
    }

    @Test
    void rejectsMissingFieldsZeroAmountsAndDueDatesBeforeIssue() {
        String customerId = createCustomer();
        Map<String, Object> body = new HashMap<>();
        body.put("invoiceNumber", unique("INV"));
        body.put("customerId", customerId);
        body.put("issueDate", "2026-03-10");
        body.put("dueDate", "2026-03-01");
        body.put("amount", 0);

        Response r = post(INTEGRATION, "/api/invoices", body);

        assertProblem(r, 400);
        assertThat(errorFields(r)).containsExactlyInAnyOrder("dueDate", "amount", "currency");
        assertThat(r.body().path("errors").toString()).contains("must not be before issueDate", "is required",
            "greater than zero");
    }

    @Test
    void aCaseThatCannotStartLeavesNoInvoiceBehind() {
        String customerId = createCustomer();
        String number = unique("INV");
        repository.suspendProcessDefinitionByKey(CaseVariables.PROCESS_COLLECTION);
        try {
            Response r = post(INTEGRATION, "/api/invoices", invoice(number, customerId));

            assertProblem(r, 500);
        } finally {
            repository.activateProcessDefinitionByKey(CaseVariables.PROCESS_COLLECTION);
        }
        assertThat(count("SELECT COUNT(*) FROM invoices WHERE invoice_number = ?", number)).isZero();
        assertThat(caseRunning(number)).isFalse();
    }

    @Test
    void showsTheCaseAsOfADate() {
        String customerId = createCustomer();
        LocalDate due = today().plusDays(5);
        String number = createInvoice(customerId, "800.00", "CNY", today().minusDays(25), due);

        Response r = get(FINANCE, "/api/invoices/" + number + "?asOf=" + today());

        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        var view = r.body();
        assertThat(view.path("invoiceNumber").asText()).isEqualTo(number);
        assertThat(view.path("customerId").asText()).isEqualTo(customerId);
        assertThat(view.path("status").asText()).isEqualTo("OPEN");
        assertThat(view.path("stage").asText()).isEqualTo("PRE_DUE");
        assertThat(view.path("dueDate").asText()).isEqualTo(due.toString());
        assertThat(view.path("daysOverdue").asInt()).isZero();
        assertThat(view.path("collector").asText()).isEqualTo(COLLECTOR);
        assertThat(view.path("currency").asText()).isEqualTo("CNY");
        assertThat(view.path("outstanding").path("principal").toString()).isEqualTo("800.00");
        assertThat(view.path("outstanding").path("interest").toString()).isEqualTo("0.00");
        assertThat(view.path("outstanding").path("fees").toString()).isEqualTo("0.00");
        assertThat(view.path("outstanding").path("total").toString()).isEqualTo("800.00");
        assertThat(view.path("limitationDate").asText()).isEqualTo(due.plusYears(3).toString());
        assertThat(view.path("promises").isArray()).isTrue();
        assertThat(view.has("agreement")).isTrue();
        assertThat(view.path("agreement").isNull()).isTrue();
        assertThat(view.path("disputes").isArray()).isTrue();
    }

    @Test
    void daysOverdueCountFromTheDueDateToTheAsOfDate() {
        String customerId = createCustomer();
        LocalDate due = today().plusDays(5);
        String number = createInvoice(customerId, "800.00", "CNY", today().minusDays(25), due);

        Response r = get(COLLECTOR, "/api/invoices/" + number + "?asOf=" + due.plusDays(12));

        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(r.body().path("daysOverdue").asInt()).isEqualTo(12);
    }

    @Test
    void badAsOfIsNamed() {
        Response r = get(FINANCE, "/api/invoices/ANY-1?asOf=yesterday");

        assertProblem(r, 400);
        assertThat(errorFields(r)).containsExactly("asOf");
    }

    @Test
    void unknownInvoiceIsNotFound() {
        assertProblem(get(FINANCE, "/api/invoices/" + unique("NOPE")), 404);
    }

    @Test
    void contactLogIsReadableByCollectorsSupervisorsAndLegal() {
        String customerId = createCustomer();
        String number = createInvoice(customerId, "300.00");
        contactLog.append(new ContactEntry(null, number, customerId, "PHONE", Instant.now(), COLLECTOR, "Ms. Wang",
            "PROMISE_TO_PAY", "pays Friday", new java.math.BigDecimal("300.00"), today().plusDays(3)));

        Response r = get(COLLECTOR, "/api/invoices/" + number + "/contacts");

        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(r.body().size()).isEqualTo(1);
        assertThat(r.body().get(0).path("outcome").asText()).isEqualTo("PROMISE_TO_PAY");
        assertThat(r.body().get(0).path("reachedPerson").asText()).isEqualTo("Ms. Wang");
        assertThat(get(SUPERVISOR, "/api/invoices/" + number + "/contacts").status()).isEqualTo(200);
        assertThat(get(LEGAL, "/api/invoices/" + number + "/contacts").status()).isEqualTo(200);
        assertProblem(get(INTEGRATION, "/api/invoices/" + number + "/contacts"), 403);
    }
}
