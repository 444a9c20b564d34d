package com.collectwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.collectwise.communication.ContactProblems;
import com.collectwise.communication.NoticesOfToday;
import com.collectwise.kernel.CaseVariables;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A pre-due reminder says "due on ..."; it must never go out after the due date (DOMAIN.md 2: the pre-due reminder
 * is the friendly one before D; DOMAIN.md 1: a notice waiting for an address is a task, not a silent PENDING message).
 *
 * <p>Customer without an e-mail address; invoice of CNY 1000.00 due Thu 2026-03-12, registered Thu 03-05 at 10:00
 * Shanghai: the pre-due reminder (D-7 = 03-05, 09:00) is written at once and waits without a recipient.
 */
class PreDueReminderPastDueApiTest extends ApiTestSupport {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Autowired ContactProblems contactProblems;
    @Autowired NoticesOfToday noticesOfToday;
    @Autowired TaskService tasks;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    static void at(int month, int day, int hour, int minute) {
        ClockUtil.setCurrentTime(Date.from(ZonedDateTime.of(2026, month, day, hour, minute, 0, 0, SHANGHAI)
            .toInstant()));
    }

    String register(String customerId) {
        String number = unique("INV");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("invoiceNumber", number);
        body.put("customerId", customerId);
        body.put("issueDate", "2026-02-10");
        body.put("dueDate", "2026-03-12");
        body.put("amount", "1000.00");
        body.put("currency", "CNY");
        body.put("contractInterestRatePercent", "0");
        Response r = post(INTEGRATION, "/api/invoices", body);
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        runDueJobsOfCase(number);
        return number;
    }

    JsonNode preDueReminder(String number) {
        Response r = get(COLLECTOR, "/api/invoices/" + number + "/messages");
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        List<JsonNode> found = new ArrayList<>();
        r.body().findParents("kind").stream().filter(m -> m.path("kind").asText().equals("PRE_DUE_REMINDER"))
            .forEach(found::add);
        assertThat(found).as(r.raw()).hasSize(1);
        return found.get(0);
    }

    List<Task> missingEmailTasks(String customerId) {
        return tasks.createTaskQuery().taskVariableValueEquals(CaseVariables.CUSTOMER_ID, customerId).list().stream()
            .filter(t -> t.getName().startsWith("No e-mail address")).toList();
    }

    /**
     * Fault: the pre-due reminder that waited for an address stayed PENDING after the due date (it would have told an
     * overdue customer the invoice is "due on 2026-03-12"). On Fri 03-13 10:00 (D+1, the case is overdue) it is
     * CANCELLED with the reason naming the due date, and the overdue reminder takes over.
     */
    @Test
    void aWaitingPreDueReminderIsCancelledOnceTheDueDateHasPassed() {
        at(3, 5, 10, 0);
        String customerId = createCustomer();
        String number = register(customerId);
        assertThat(preDueReminder(number).path("status").asText()).isEqualTo("PENDING");
        assertThat(preDueReminder(number).path("recipient").isTextual()).as("no recipient").isFalse();

        at(3, 12, 23, 0); // the due date itself: the reminder may still go
        noticesOfToday.cancelOutdatedPreDueReminders();
        assertThat(preDueReminder(number).path("status").asText()).isEqualTo("PENDING");

        at(3, 13, 10, 0);
        runDueJobsOfCase(number);

        JsonNode cancelled = preDueReminder(number);
        assertThat(cancelled.path("status").asText()).isEqualTo("CANCELLED");
        assertThat(cancelled.path("reason").asText()).contains("2026-03-12");
    }

    /**
     * Fault: the owner's "No e-mail address" task waited for a pre-due reminder that can no longer go. The invoice is
     * disputed in full (CNY 1000.00) on 03-09, so nothing else waits for an address; the task opened for the pre-due
     * reminder on 03-09 is completed by the watch on Fri 03-13 00:30, after the due date, and the reminder is
     * CANCELLED with its reason.
     */
    @Test
    void theNoEmailTaskDoesNotWaitForAPreDueReminderPastItsDueDate() {
        at(3, 5, 10, 0);
        String customerId = createCustomer();
        String number = register(customerId);

        at(3, 9, 10, 0);
        Response dispute = post(COLLECTOR, "/api/invoices/" + number + "/disputes",
            Map.of("category", "QUALITY", "amount", "1000.00", "description", "goods damaged"));
        assertThat(dispute.status()).as(dispute.raw()).isEqualTo(201);
        runDueJobsOfCase(number);
        contactProblems.raise();
        assertThat(missingEmailTasks(customerId)).as("the pre-due reminder waits for an address").hasSize(1);

        at(3, 13, 0, 30);
        noticesOfToday.cancelOutdatedPreDueReminders();
        contactProblems.raise();

        assertThat(missingEmailTasks(customerId)).isEmpty();
        JsonNode cancelled = preDueReminder(number);
        assertThat(cancelled.path("status").asText()).isEqualTo("CANCELLED");
        assertThat(cancelled.path("reason").asText()).contains("2026-03-12");
    }
}
