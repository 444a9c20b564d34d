package com.collectwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The customer-level rules for a customer with five open invoices in two currencies (DOMAIN.md 1, 7, 8): the customer
 * file agrees with the case views, the credit status holds while anything is overdue, the statement confirmation
 * acknowledges every invoice it lists.
 */
public class FiveInvoiceCustomerApiTest extends ApiTestSupport {

    record Five(String customerId, String a, String b, String c, String d, String e) {
        List<String> all() {
            return List.of(a, b, c, d, e);
        }
    }

    /** A, B at formal demand from the start, C (CNY) and D (EUR) in the internal reminder, E not yet due. */
    Five five() {
        String customerId = createCustomer();
        String a = createInvoice(customerId, "1000.00", "CNY", today().minusDays(45), today().minusDays(15));
        String b = createInvoice(customerId, "2000.00", "CNY", today().minusDays(42), today().minusDays(12));
        String c = createInvoice(customerId, "500.00", "CNY", today().minusDays(33), today().minusDays(3));
        String d = createInvoice(customerId, "300.00", "EUR", today().minusDays(35), today().minusDays(5));
        String e = createInvoice(customerId, "800.00", "CNY", today().minusDays(10), today().plusDays(20));
        Five x = new Five(customerId, a, b, c, d, e);
        x.all().forEach(this::runDueJobsOfCase);
        return x;
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

    void pay(String invoiceNumber, BigDecimal amount, String currency) {
        Response paid = post(INTEGRATION, "/api/payments", Map.of("paymentReference", unique("PAY"),
            "invoiceNumber", invoiceNumber, "amount", amount.toPlainString(), "currency", currency,
            "receivedOn", today().toString(), "method", "BANK_TRANSFER"));
        assertThat(paid.status()).as(paid.raw()).isEqualTo(201);
        runDueJobsOfCase(invoiceNumber);
    }

    @Test
    void theCustomerFileAgreesWithTheCaseViewsOfAllFiveInvoices() {
        Five x = five();

        Response r = get(COLLECTOR, "/api/customers/" + x.customerId());
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        JsonNode open = r.body().path("openInvoices");
        assertThat(open.findValuesAsText("invoiceNumber")).containsExactlyInAnyOrderElementsOf(x.all());
        BigDecimal cny = BigDecimal.ZERO;
        BigDecimal eur = BigDecimal.ZERO;
        for (JsonNode line : open) {
            JsonNode v = view(line.path("invoiceNumber").asText());
            assertThat(line.path("stage").asText()).as(line.toString()).isEqualTo(v.path("stage").asText());
            assertThat(line.path("outstanding").decimalValue()).as(line.toString())
                .isEqualByComparingTo(v.path("outstanding").path("total").decimalValue());
            assertThat(line.path("daysOverdue").asLong()).isEqualTo(v.path("daysOverdue").asLong());
            if (line.path("currency").asText().equals("EUR")) {
                eur = eur.add(line.path("outstanding").decimalValue());
            } else {
                cny = cny.add(line.path("outstanding").decimalValue());
            }
        }
        assertThat(view(x.a()).path("stage").asText()).isEqualTo("FORMAL_DEMAND");
        assertThat(view(x.c()).path("stage").asText()).isEqualTo("INTERNAL_REMINDER");
        assertThat(view(x.e()).path("stage").asText()).isEqualTo("PRE_DUE");
        assertThat(r.body().path("outstanding").path("CNY").decimalValue()).isEqualByComparingTo(cny);
        assertThat(r.body().path("outstanding").path("EUR").decimalValue()).isEqualByComparingTo(eur);
        assertThat(r.body().path("creditStatus").asText()).isEqualTo("HOLD");

        JsonNode status = creditStatus(x.customerId());
        assertThat(status.path("status").asText()).isEqualTo("HOLD");
        assertThat(status.path("currency").asText()).isEqualTo("CNY");
        assertThat(status.path("overdueTotal").decimalValue())
            .isEqualByComparingTo(total(x.a()).add(total(x.b())).add(total(x.c())));
        assertThat(status.path("otherCurrencies").get(0).path("currency").asText()).isEqualTo("EUR");
        assertThat(status.path("otherCurrencies").get(0).path("overdueTotal").decimalValue())
            .isEqualByComparingTo(total(x.d()));
    }

    /**
     * DOMAIN 1: one call per customer per day covers all of its open invoices. A feed (or the go-live import) that
     * registers the customer's newest overdue invoice first and older ones after it: the call of the newest (internal
     * reminder, due 9 days ago) was planned while it was the customer's only invoice; the three older ones start at
     * formal demand and field visit (no call task of their own today). Before: the call form kept listing the newest
     * invoice alone (asking 1,001.11 of 6,014.00-odd owed) and said nothing of the letter. Now every registration
     * (any stage entry) refreshes the customer's open call: all four invoices listed and in the call, the call total
     * their sum, the contact rules after the letter shown.
     */
    @Test
    void theCustomersCallListsInvoicesRegisteredAfterItWasPlanned() {
        String customerId = createCustomer();
        String newest = createInvoice(customerId, "1000.00", "CNY", today().minusDays(39), today().minusDays(9));
        runDueJobsOfCase(newest);
        String lead = callTaskOf(newest);
        assertThat(lead).as("the newest invoice's call").isNotNull();
        String older = createInvoice(customerId, "2000.00", "CNY", today().minusDays(48), today().minusDays(18));
        String oldest = createInvoice(customerId, "3000.00", "CNY", today().minusDays(57), today().minusDays(27));
        String eur = createInvoice(customerId, "400.00", "EUR", today().minusDays(50), today().minusDays(20));
        List.of(older, oldest, eur).forEach(this::runDueJobsOfCase);

        String sheet = (String) taskVariable(lead, "customerInvoices");
        for (String number : List.of(newest, older, oldest, eur)) {
            assertThat(sheet).as(sheet).contains("| " + number + " |");
        }
        BigDecimal cny = total(newest).add(total(older)).add(total(oldest));
        assertThat((String) taskVariable(lead, "callTotal"))
            .isEqualTo(String.format(java.util.Locale.ROOT, "%,.2f CNY + %,.2f EUR", cny, total(eur)));
        assertThat(taskVariable(lead, "afterFormalLetter")).isEqualTo(Boolean.TRUE);
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.camunda.bpm.engine.TaskService tasks;

    private String callTaskOf(String invoiceNumber) {
        return jdbc.sql("""
                SELECT t.ID_ FROM ACT_RU_TASK t JOIN ACT_RU_EXECUTION e ON e.ID_ = t.PROC_INST_ID_
                WHERE e.BUSINESS_KEY_ = ? AND t.TASK_DEF_KEY_ = 'Task_CallCustomer'""")
            .param(invoiceNumber).query(String.class).optional().orElse(null);
    }

    private Object taskVariable(String taskId, String name) {
        return tasks.getVariableLocal(taskId, name);
    }

    @Test
    void theHoldIsReleasedOnlyWhenNothingOfTheCustomerIsOverdue() {
        Five x = five();
        assertThat(creditStatus(x.customerId()).path("status").asText()).isEqualTo("HOLD");

        pay(x.a(), total(x.a()), "CNY");
        assertThat(caseRunning(x.a())).isFalse();
        assertThat(creditStatus(x.customerId()).path("status").asText()).as("B is at formal demand").isEqualTo("HOLD");

        pay(x.b(), total(x.b()), "CNY");
        assertThat(caseRunning(x.b())).isFalse();
        JsonNode afterB = creditStatus(x.customerId());
        assertThat(afterB.path("status").asText()).as("C and D are still overdue").isEqualTo("HOLD");
        assertThat(afterB.path("overdueTotal").decimalValue()).isEqualByComparingTo(total(x.c()));
        assertThat(get(COLLECTOR, "/api/customers/" + x.customerId()).body().path("creditStatus").asText())
            .isEqualTo("HOLD");

        pay(x.c(), total(x.c()), "CNY");
        assertThat(creditStatus(x.customerId()).path("status").asText()).as("D (EUR) is still overdue")
            .isEqualTo("HOLD");

        pay(x.d(), total(x.d()), "EUR");
        JsonNode ok = creditStatus(x.customerId());
        assertThat(ok.path("status").asText()).as("E is not due yet").isEqualTo("OK");
        assertThat(ok.path("overdueTotal").decimalValue()).isEqualByComparingTo("0");
    }

    @Test
    void aConfirmedStatementRestartsTheLimitationOfEveryInvoiceItLists() {
        Five x = five();
        Map<String, Object> body = Map.of("statementDate", today().toString(), "confirmedBy", "Mr. Zhou");
        Response r = post(COLLECTOR, "/api/customers/" + x.customerId() + "/statement/confirmations", body);
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        assertThat(r.body().path("invoices").findValuesAsText("invoiceNumber")).containsExactlyInAnyOrderElementsOf(x.all());
        for (String overdue : List.of(x.a(), x.b(), x.c(), x.d())) {
            assertThat(view(overdue).path("limitationDate").asText()).as(overdue)
                .isEqualTo(today().plusYears(3).toString());
        }
    }

    /**
     * Only the invoices on the statement of that date: not one issued after it, not one settled before it, and not one
     * issued before it but registered after it (the statement of that day could not list it). The five are registered
     * on the statement date (the engine clock moved back two days), so the statement of that day lists them.
     */
    @Test
    void aConfirmationLeavesOutInvoicesIssuedAfterTheStatementAndThoseSettledBeforeIt() {
        LocalDate statementDate = today().minusDays(2);
        ClockUtil.setCurrentTime(Date.from(clock.now().minus(2, ChronoUnit.DAYS)));
        Five x = five();
        ClockUtil.reset();
        // not due until today + 10, paid in full three days ago: no interest, settled before the statement date
        String settled = createInvoice(x.customerId(), "100.00", "CNY", today().minusDays(20), today().plusDays(10));
        Response paid = post(INTEGRATION, "/api/payments", Map.of("paymentReference", unique("PAY"),
            "invoiceNumber", settled, "amount", "100.00", "currency", "CNY",
            "receivedOn", today().minusDays(3).toString(), "method", "BANK_TRANSFER"));
        assertThat(paid.status()).as(paid.raw()).isEqualTo(201);
        runDueJobsOfCase(settled);
        String later = createInvoice(x.customerId(), "700.00", "CNY", today().minusDays(1), today().minusDays(1));
        runDueJobsOfCase(later);
        String laterLimitation = view(later).path("limitationDate").asText();
        // issued 70 days ago, due 40 days ago, registered today: after the statement date, so on no statement of it
        String registeredLate = createInvoice(x.customerId(), "400.00", "CNY", today().minusDays(70),
            today().minusDays(40));
        runDueJobsOfCase(registeredLate);
        assertThat(view(registeredLate).path("limitationDate").asText()).as("3 years from its due date")
            .isEqualTo(today().minusDays(40).plusYears(3).toString());
        BigDecimal fiveCny = BigDecimal.ZERO;
        for (String number : List.of(x.a(), x.b(), x.c(), x.e())) {
            fiveCny = fiveCny.add(get(FINANCE, "/api/invoices/" + number + "?asOf=" + statementDate).body()
                .path("outstanding").path("total").decimalValue());
        }

        Response r = post(COLLECTOR, "/api/customers/" + x.customerId() + "/statement/confirmations",
            Map.of("statementDate", statementDate.toString(), "confirmedBy", "Mr. Zhou"));

        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        assertThat(r.body().path("invoices").findValuesAsText("invoiceNumber"))
            .containsExactlyInAnyOrderElementsOf(x.all());
        assertThat(r.body().path("totals").path("CNY").decimalValue()).as("the figures confirmed: the five's")
            .isEqualByComparingTo(fiveCny);
        assertThat(count("SELECT COUNT(*) FROM acknowledgements WHERE invoice_number IN (?, ?, ?)", settled, later,
            registeredLate)).isZero();
        assertThat(view(later).path("limitationDate").asText()).isEqualTo(laterLimitation);
        assertThat(view(registeredLate).path("limitationDate").asText())
            .isEqualTo(today().minusDays(40).plusYears(3).toString());
        assertThat(view(x.a()).path("limitationDate").asText()).isEqualTo(today().plusYears(3).toString());
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }
}
