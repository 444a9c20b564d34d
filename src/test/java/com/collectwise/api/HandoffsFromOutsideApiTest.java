package com.collectwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.collectwise.kernel.CaseVariables;

/**
 * Scenarios of DOMAIN.md sections 7 and 8 an outside checker runs over the HTTP API (and the engine's task list):
 * limitation, hand-offs. Dates are relative to the business clock's today; figures are worked out in the comments.
 */
class HandoffsFromOutsideApiTest extends ApiTestSupport {

    /** This test's invoices and their amounts: credited in full afterwards (see {@link #closeOpenInvoices}). */
    private final java.util.Map<String, String> registered = new java.util.LinkedHashMap<>();

    /**
     * The dashboard lists the 25 most overdue open cases of the shared database (DashboardApiTest looks for its own
     * among them): this test's old invoices still open are credited in full once their figures are checked.
     */
    @org.junit.jupiter.api.AfterEach
    void closeOpenInvoices() {
        registered.forEach((number, amount) -> {
            Response now = get(INTEGRATION, "/api/invoices/" + number);
            if (now.status() == 200 && now.body().path("status").asText().equals("OPEN")) {
                post(FINANCE, "/api/invoices/" + number + "/credit-notes", Map.of("creditNoteNumber", unique("CN"),
                    "amount", amount, "issuedOn", today().toString(), "reason", "test closed"));
            }
        });
    }

    @Override
    protected String createInvoice(String customerId, String amount, String currency, LocalDate issueDate,
                                   LocalDate dueDate) {
        String number = super.createInvoice(customerId, amount, currency, issueDate, dueDate);
        registered.put(number, amount);
        return number;
    }

    @Autowired
    TaskService tasks;

    private Task reviewLimitation(String invoiceNumber) {
        var instance = runtime.createProcessInstanceQuery().processDefinitionKey(CaseVariables.PROCESS_COLLECTION)
            .processInstanceBusinessKey(invoiceNumber).singleResult();
        assertThat(instance).as("the case of " + invoiceNumber + " runs").isNotNull();
        return tasks.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey("Task_ReviewLimitation")
            .singleResult();
    }

    /**
     * DOMAIN 7: legal gets a task 90 days before the limitation date. An invoice of the go-live import whose
     * limitation date (due + 3 years) is 49 days from today (due = today + 49 days - 3 years, e.g. today 2026-12-02:
     * due 2024-01-20, limitation 2027-01-20) is inside the 90 days the day it is registered, so legal's "Review
     * limitation" is there at once (due on the limitation date), not only after the next morning's daily check
     * ("never from today to tomorrow"). One with its limitation 91 days away (due 2024-03-03, limitation 2027-03-03)
     * gets none yet. Registering the first again changes nothing (409, no second warning).
     */
    @Test
    void anOldInvoiceRegisteredInsideTheNinetyDaysHasLegalsTaskAtOnce() {
        String customerId = createCustomer();
        LocalDate due = today().plusDays(49).minusYears(3);
        String near = createInvoice(customerId, "8000.00", "CNY", due.minusDays(30), due);
        LocalDate dueLater = today().plusDays(91).minusYears(3);
        if (dueLater.plusYears(3).isBefore(today().plusDays(91))) {
            dueLater = dueLater.plusDays(1); // today + 91 days is a 29 February: its "3 years before" + 3 years is the 28th
        }
        String far = createInvoice(customerId, "8000.00", "CNY", dueLater.minusDays(30), dueLater);

        Task review = reviewLimitation(near);
        assertThat(review).as("Review limitation for " + near + ", limitation date " + due.plusYears(3)).isNotNull();
        assertThat(tasks.getIdentityLinksForTask(review.getId())).anyMatch(l -> "legal".equals(l.getGroupId()));
        assertThat(review.getDueDate().toInstant().atZone(clock.zone()).toLocalDate()).isEqualTo(due.plusYears(3));
        assertThat(get(LEGAL, "/api/invoices/" + near).body().path("limitationDate").asText())
            .isEqualTo(due.plusYears(3).toString());
        assertThat(reviewLimitation(far)).as("91 days before: not yet").isNull();

        Response again = post(INTEGRATION, "/api/invoices", Map.of("invoiceNumber", near, "customerId", customerId,
            "issueDate", due.minusDays(30).toString(), "dueDate", due.toString(), "amount", "8000.00",
            "currency", "CNY"));
        assertProblem(again, 409);
        assertThat(count("SELECT COUNT(*) FROM limitation_warnings WHERE invoice_number = ?", near)).isEqualTo(1);
    }

    /** The day three years before the day, moved on where the day is a 29 February (so that + 3 years gives it back). */
    private static LocalDate threeYearsBefore(LocalDate day) {
        LocalDate due = day.minusYears(3);
        return due.plusYears(3).isBefore(day) ? due.plusDays(1) : due;
    }

    private int withdrawals(String invoiceNumber) {
        return count("SELECT COUNT(*) FROM contact_log WHERE invoice_number = ? AND outcome = 'LIMITATION_REVIEW_WITHDRAWN'",
            invoiceNumber);
    }

    /**
     * DOMAIN 7: legal's "Review limitation" opened for a limitation date that no longer holds is withdrawn when the
     * acknowledgement is recorded, not at the next morning's check. Invoice of 6,000.00 due today + 40 days - 3 years:
     * limitation date today + 40 days, the review is there at registration. The bank posts a part payment of
     * 1,000.00 received today: the period restarts, limitation date today + 3 years; the review is gone at once, the
     * case file says why (one note), no new review (today + 3 years - 90 days is far away). The bank feed replays the
     * payment: nothing more.
     */
    @Test
    void aPartPaymentWithdrawsLegalsReviewOfTheOldDateAtOnce() {
        String customerId = createCustomer();
        LocalDate due = threeYearsBefore(today().plusDays(40));
        String number = createInvoice(customerId, "6000.00", "CNY", due.minusDays(30), due);
        assertThat(reviewLimitation(number)).as("review opened at registration").isNotNull();

        Map<String, Object> payment = Map.of("paymentReference", unique("PAY"), "invoiceNumber", number,
            "amount", "1000.00", "currency", "CNY", "receivedOn", today().toString(), "method", "BANK_TRANSFER");
        Response paid = post(INTEGRATION, "/api/payments", payment);
        assertThat(paid.status()).as(paid.raw()).isEqualTo(201);

        assertThat(get(LEGAL, "/api/invoices/" + number).body().path("limitationDate").asText())
            .isEqualTo(today().plusYears(3).toString());
        assertThat(reviewLimitation(number)).as("withdrawn when the payment was recorded").isNull();
        assertThat(withdrawals(number)).isEqualTo(1);
        assertThat(post(INTEGRATION, "/api/payments", payment).status()).isEqualTo(200);
        assertThat(reviewLimitation(number)).isNull();
        assertThat(withdrawals(number)).isEqualTo(1);
    }

    /**
     * The same with a confirmed statement of account (DOMAIN 1 and 7): two invoices of one customer, both due
     * today + 60 days - 3 years (reviews open); the customer confirms today's statement, which lists both: both
     * reviews are withdrawn at once, both limitation dates are today + 3 years.
     */
    @Test
    void aConfirmedStatementWithdrawsTheReviewsOfEveryInvoiceItLists() {
        String customerId = createCustomer();
        LocalDate due = threeYearsBefore(today().plusDays(60));
        String first = createInvoice(customerId, "3000.00", "CNY", due.minusDays(30), due);
        String second = createInvoice(customerId, "4500.50", "CNY", due.minusDays(20), due);
        assertThat(reviewLimitation(first)).isNotNull();
        assertThat(reviewLimitation(second)).isNotNull();

        Response confirmed = post(COLLECTOR, "/api/customers/" + customerId + "/statement/confirmations",
            Map.of("statementDate", today().toString(), "confirmedBy", "Ms. Wang"));
        assertThat(confirmed.status()).as(confirmed.raw()).isEqualTo(201);

        for (String number : java.util.List.of(first, second)) {
            assertThat(get(LEGAL, "/api/invoices/" + number).body().path("limitationDate").asText())
                .isEqualTo(today().plusYears(3).toString());
            assertThat(reviewLimitation(number)).as(number).isNull();
            assertThat(withdrawals(number)).isEqualTo(1);
        }
    }

    private java.math.BigDecimal total(String invoiceNumber) {
        return get(FINANCE, "/api/invoices/" + invoiceNumber).body().path("outstanding").path("total").decimalValue();
    }

    private String creditStatus(String customerId) {
        return get(INTEGRATION, "/api/customers/" + customerId + "/credit-status").body().path("status").asText();
    }

    private int outboxOf(String customerId, String kind) {
        return count("SELECT COUNT(*) FROM outbox WHERE customer_id = ? AND kind = ?", customerId, kind);
    }

    /**
     * DOMAIN 8, credit hold: two invoices of one customer (1,000.00 and 2,500.00, due 20 days ago, 30-day terms) start
     * past formal demand (field visit at D+20): HOLD, the order system told once. The customer pays both at the same moment (two bank
     * postings in parallel): nothing is overdue any more, the hold is released once (OK, overdue 0). The second
     * payment bounces the next moment: the invoice owes again in the stage it was in, HOLD again and the order system
     * is told of a second hold.
     */
    @Test
    void twoPaymentsAtOnceReleaseTheHoldOnce_aBounceAfterwardsPutsItBack() throws Exception {
        String customerId = createCustomer();
        LocalDate due = today().minusDays(20);
        String a = createInvoice(customerId, "1000.00", "CNY", due.minusDays(30), due);
        String b = createInvoice(customerId, "2500.00", "CNY", due.minusDays(30), due);
        runDueJobsOfCase(a);
        runDueJobsOfCase(b);
        String stageOfB = get(FINANCE, "/api/invoices/" + b).body().path("stage").asText();
        assertThat(creditStatus(customerId)).isEqualTo("HOLD");
        assertThat(outboxOf(customerId, "CREDIT_HOLD")).isEqualTo(1);

        String payB = unique("PAY");
        java.util.List<java.util.concurrent.Callable<Response>> postings = java.util.List.of(
            () -> post(INTEGRATION, "/api/payments", Map.of("paymentReference", unique("PAY"), "invoiceNumber", a,
                "amount", total(a).toPlainString(), "currency", "CNY", "receivedOn", today().toString(),
                "method", "BANK_TRANSFER")),
            () -> post(INTEGRATION, "/api/payments", Map.of("paymentReference", payB, "invoiceNumber", b,
                "amount", total(b).toPlainString(), "currency", "CNY", "receivedOn", today().toString(),
                "method", "BANK_TRANSFER")));
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (var answer : pool.invokeAll(postings)) {
                Response r = answer.get(90, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(r.status()).as(r.raw()).isEqualTo(201);
            }
        } finally {
            pool.shutdownNow();
        }
        runDueJobsOfCase(a);
        runDueJobsOfCase(b);
        Response ok = get(INTEGRATION, "/api/customers/" + customerId + "/credit-status");
        assertThat(ok.body().path("status").asText()).isEqualTo("OK");
        assertThat(ok.body().path("overdueTotal").decimalValue()).isEqualByComparingTo("0");
        assertThat(outboxOf(customerId, "CREDIT_RELEASE")).isEqualTo(1);

        Response bounced = post(FINANCE, "/api/payments/" + payB + "/reversal",
            Map.of("reversedOn", today().toString(), "reason", "bounced"));
        assertThat(bounced.status()).as(bounced.raw()).isEqualTo(200);
        runDueJobsOfCase(b);
        assertThat(get(FINANCE, "/api/invoices/" + b).body().path("stage").asText()).isEqualTo(stageOfB);
        assertThat(creditStatus(customerId)).isEqualTo("HOLD");
        assertThat(outboxOf(customerId, "CREDIT_HOLD")).as("the order system is told again").isEqualTo(2);
    }

    /**
     * DOMAIN 5 and 7: a bounced payment acknowledged nothing. Invoice of 7,000.00 due today + 30 days - 3 years:
     * limitation date today + 30 days, legal's review at registration. A part payment of 700.00 received today
     * restarts the period (today + 3 years) and withdraws the review. The payment bounces the same day: the
     * limitation date is today + 30 days again, and legal has a review again at once, due on it (the review of that
     * date was withdrawn, not done).
     */
    @Test
    void aBouncedPaymentBringsTheOldDateAndLegalsReviewBack() {
        String customerId = createCustomer();
        LocalDate due = threeYearsBefore(today().plusDays(30));
        String number = createInvoice(customerId, "7000.00", "CNY", due.minusDays(30), due);
        assertThat(reviewLimitation(number)).isNotNull();
        String reference = unique("PAY");
        Response paid = post(INTEGRATION, "/api/payments", Map.of("paymentReference", reference, "invoiceNumber", number,
            "amount", "700.00", "currency", "CNY", "receivedOn", today().toString(), "method", "BANK_TRANSFER"));
        assertThat(paid.status()).as(paid.raw()).isEqualTo(201);
        assertThat(reviewLimitation(number)).isNull();

        Response bounced = post(FINANCE, "/api/payments/" + reference + "/reversal",
            Map.of("reversedOn", today().toString(), "reason", "bounced"));
        assertThat(bounced.status()).as(bounced.raw()).isEqualTo(200);

        assertThat(get(LEGAL, "/api/invoices/" + number).body().path("limitationDate").asText())
            .isEqualTo(due.plusYears(3).toString());
        Task again = reviewLimitation(number);
        assertThat(again).as("legal reviews the old date again").isNotNull();
        assertThat(again.getDueDate().toInstant().atZone(clock.zone()).toLocalDate()).isEqualTo(due.plusYears(3));
    }
}
