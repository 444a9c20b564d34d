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
}
