package com.collectwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
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

import com.fasterxml.jackson.databind.JsonNode;

/**
 * DOMAIN.md 3 from outside, with a year's calendar loaded over the API (PUT /api/calendar/2032, a year no other test
 * uses): Spring Festival holidays Wed 2032-02-11 .. Tue 02-17, make-up working days Sun 02-08 and Sat 02-21 (调休).
 * An invoice of CNY 8,000.00 issued 2031-12-03, due Sun 2032-02-01 (60-day term: formal demand at D+20 = 02-21) is
 * registered on the eve of the holiday, Tue 02-10 at 23:30 (9 days overdue, internal reminder stage):
 * <ul>
 * <li>its overdue reminder e-mail waits until Wed 02-11 08:00 (no contact 22:00-08:00; an e-mail may go on a
 * holiday morning);</li>
 * <li>its call is followed up at the next 15:30 slot of a working day: Wed 02-18 15:30 (02-11 .. 02-17 holidays);</li>
 * <li>the call made on Fri 02-20 at 15:45 without answer plans the next one for the make-up Saturday 02-21 at
 * 15:30.</li>
 * </ul>
 */
class HolidayEveImportApiTest extends ApiTestSupport {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Autowired
    org.camunda.bpm.engine.TaskService tasks;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    private static ZonedDateTime at(int month, int day, int hour, int minute) {
        return ZonedDateTime.of(2032, month, day, hour, minute, 0, 0, SHANGHAI);
    }

    private static void clockAt(ZonedDateTime t) {
        ClockUtil.setCurrentTime(Date.from(t.toInstant()));
    }

    private org.camunda.bpm.engine.task.Task call(String invoiceNumber) {
        return tasks.createTaskQuery().processInstanceBusinessKey(invoiceNumber).taskDefinitionKey("Task_CallCustomer")
            .singleResult();
    }

    @Test
    void anInvoiceRegisteredAt2330OnTheEveOfTheSpringFestival() {
        clockAt(at(2, 1, 10, 0));
        Response loaded = exchange(SUPERVISOR, HttpMethod.PUT, "/api/calendar/2032", Map.of(
            "holidays", List.of("2032-01-01", "2032-02-11", "2032-02-12", "2032-02-13", "2032-02-14", "2032-02-15",
                "2032-02-16", "2032-02-17"),
            "workingWeekends", List.of("2032-02-08", "2032-02-21"), "source", "test: Spring Festival 2032"),
            MediaType.APPLICATION_JSON);
        assertThat(loaded.status()).as(loaded.raw()).isIn(200, 201);
        String customerId = unique("C");
        Response customer = post(INTEGRATION, "/api/customers", Map.of("customerId", customerId, "name", "Acme "
            + customerId, "segment", "DOMESTIC", "country", "CN", "collector", COLLECTOR, "email", "ap@"
            + customerId.toLowerCase() + ".example", "phone", "+86 21 0000 0000"));
        assertThat(customer.status()).as(customer.raw()).isEqualTo(201);

        clockAt(at(2, 10, 23, 30));
        String number = createInvoice(customerId, "8000.00", "CNY", LocalDate.of(2031, 12, 3),
            LocalDate.of(2032, 2, 1));
        runDueJobsOfCase(number);

        JsonNode reminder = null;
        for (JsonNode m : get(SUPERVISOR, "/api/invoices/" + number + "/messages").body()) {
            if ("OVERDUE_REMINDER".equals(m.path("kind").asText())) {
                reminder = m;
            }
        }
        assertThat(reminder).as("the overdue reminder").isNotNull();
        assertThat(Instant.parse(reminder.path("notBefore").asText())).isEqualTo(at(2, 11, 8, 0).toInstant());
        var first = call(number);
        assertThat(first).isNotNull();
        assertThat(first.getFollowUpDate().toInstant()).isEqualTo(at(2, 18, 15, 30).toInstant());

        clockAt(at(2, 20, 15, 45));
        tasks.complete(first.getId(), Map.of("callOutcome", "NO_ANSWER"));
        var timer = management.createJobQuery().processInstanceId(first.getProcessInstanceId()).timers().list()
            .stream().filter(j -> j.getDuedate().toInstant().isBefore(at(2, 21, 23, 0).toInstant()))
            .map(j -> j.getDuedate().toInstant()).sorted().toList();
        assertThat(timer).as("the next call's timer").contains(at(2, 21, 15, 30).toInstant());
    }
}
