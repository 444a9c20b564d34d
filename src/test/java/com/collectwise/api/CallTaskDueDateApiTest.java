package com.collectwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

/**
 * DOMAIN.md 3: no case goes more than 5 working days without a contact attempt. A call task is due at the end of that
 * window (22:00, when the quiet hours begin, on the 5th working day of the company calendar after the last contact
 * attempt, or after the due date / the day before registration when there was none), so Tasklist sorts and colours
 * the calls by it. Calendar 2036 loaded over the API (a year no other test uses): Wed 2036-03-12 a holiday, Sat
 * 2036-03-15 a make-up working day.
 */
class CallTaskDueDateApiTest extends ApiTestSupport {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Autowired
    org.camunda.bpm.engine.TaskService tasks;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    private static ZonedDateTime at(int day, int hour, int minute) {
        return ZonedDateTime.of(2036, 3, day, hour, minute, 0, 0, SHANGHAI);
    }

    private static void clockAt(ZonedDateTime t) {
        ClockUtil.setCurrentTime(Date.from(t.toInstant()));
    }

    private org.camunda.bpm.engine.task.Task call(String invoiceNumber) {
        return tasks.createTaskQuery().processInstanceBusinessKey(invoiceNumber).taskDefinitionKey("Task_CallCustomer")
            .active().singleResult();
    }

    @Test
    void aCallIsDueAtTheEndOfTheFiveWorkingDayContactWindow() {
        clockAt(at(2, 10, 0));
        Response loaded = exchange(SUPERVISOR, HttpMethod.PUT, "/api/calendar/2036", Map.of(
            "holidays", List.of("2036-01-01", "2036-03-12"), "workingWeekends", List.of("2036-03-15"),
            "source", "test: contact window 2036"), MediaType.APPLICATION_JSON);
        assertThat(loaded.status()).as(loaded.raw()).isIn(200, 201);
        String customerId = unique("C");
        Response customer = post(INTEGRATION, "/api/customers", Map.of("customerId", customerId, "name", "Acme "
            + customerId, "segment", "DOMESTIC", "country", "CN", "collector", COLLECTOR, "email", "ap@"
            + customerId.toLowerCase() + ".example", "phone", "+86 21 0000 0000"));
        assertThat(customer.status()).as(customer.raw()).isEqualTo(201);

        // registered Mon 03-10 10:00, due Fri 03-07: no contact yet, the window starts the day before registration
        // (Sun 03-09; later than the due date). Its 5 working days: Mon 10, Tue 11, (Wed 12 holiday), Thu 13,
        // Fri 14, Sat 15 (make-up day): due Sat 2036-03-15 22:00 (plain weekdays would say Fri 03-14)
        clockAt(at(10, 10, 0));
        String number = createInvoice(customerId, "6400.00", "NOK", LocalDate.of(2036, 2, 6), LocalDate.of(2036, 3, 7));
        runDueJobsOfCase(number);
        var first = call(number);
        assertThat(first).isNotNull();
        assertThat(first.getFollowUpDate().toInstant()).isEqualTo(at(10, 15, 30).toInstant());
        assertThat(first.getDueDate()).as("due at the end of the contact window").isNotNull();
        assertThat(first.getDueDate().toInstant()).isEqualTo(at(15, 22, 0).toInstant());

        // the call on Thu 03-13 15:45 reaches nobody: a contact attempt. The next call (the slot of Fri 03-14) is
        // due 5 working days after Thu 13: Fri 14, Sat 15 (make-up), Mon 17, Tue 18, Wed 19, at 22:00
        clockAt(at(13, 15, 45));
        tasks.complete(first.getId(), Map.of("callOutcome", "NO_ANSWER"));
        clockAt(at(14, 15, 31));
        runDueJobsOfCase(number);
        var next = call(number);
        assertThat(next).isNotNull();
        assertThat(next.getId()).isNotEqualTo(first.getId());
        assertThat(next.getFollowUpDate().toInstant()).isEqualTo(at(14, 15, 30).toInstant());
        assertThat(next.getDueDate().toInstant()).isEqualTo(at(19, 22, 0).toInstant());
    }
}
