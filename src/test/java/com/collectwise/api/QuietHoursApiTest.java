package com.collectwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * No contact 22:00-08:00 on any channel (DOMAIN.md 3), in the company's zone (Asia/Shanghai, also for a customer
 * abroad: docs/operations.md "Working calendar and quiet hours"): the customer e-mails that the cases write at
 * night wait until 08:00, as {@code GET /api/invoices/{n}/messages} shows.
 */
class QuietHoursApiTest extends ApiTestSupport {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    private String register(String customerId, LocalDate due, int term) {
        String number = unique("INV");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("invoiceNumber", number);
        body.put("customerId", customerId);
        body.put("issueDate", due.minusDays(term).toString());
        body.put("dueDate", due.toString());
        body.put("amount", "2400.00");
        body.put("currency", "CNY");
        Response r = post(INTEGRATION, "/api/invoices", body);
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        runDueJobsOfCase(number);
        return number;
    }

    private List<JsonNode> messages(String number, String kind) {
        Response r = get(COLLECTOR, "/api/invoices/" + number + "/messages");
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        List<JsonNode> found = new ArrayList<>();
        r.body().findParents("kind").stream().filter(m -> m.path("kind").asText().equals(kind)).forEach(found::add);
        return found;
    }

    /**
     * Registered on Tuesday 10 March 2026 at 23:30 Shanghai (15:30 UTC): an invoice due on the 13th (pre-due reminder
     * at D-7, already past), one due on the 9th (D+1: overdue reminder) and one due on 24 February, 30-day terms
     * (D+14, past the letter at D+10: formal letter). Each e-mail waits until Wednesday 11 March 08:00 Shanghai,
     * 00:00 UTC. Registered at 07:59 the next morning a fourth invoice's reminder waits one minute, to 08:00.
     */
    @Test
    void customerEmailsWrittenAtNightWaitUntilEightInTheMorning() {
        ClockUtil.setCurrentTime(Date.from(ZonedDateTime.of(2026, 3, 10, 23, 30, 0, 0, SHANGHAI).toInstant()));
        String customerId = createCustomer();
        String preDue = register(customerId, LocalDate.of(2026, 3, 13), 30);
        String overdue = register(customerId, LocalDate.of(2026, 3, 9), 30);
        String letter = register(customerId, LocalDate.of(2026, 2, 24), 30);

        String morning = "2026-03-11T00:00:00Z";
        assertThat(messages(preDue, "PRE_DUE_REMINDER")).hasSize(1)
            .allSatisfy(m -> assertThat(m.path("notBefore").asText()).isEqualTo(morning));
        assertThat(messages(overdue, "OVERDUE_REMINDER")).hasSize(1)
            .allSatisfy(m -> assertThat(m.path("notBefore").asText()).isEqualTo(morning));
        assertThat(messages(letter, "DUNNING_LETTER")).hasSize(1)
            .allSatisfy(m -> assertThat(m.path("notBefore").asText()).isEqualTo(morning));

        ClockUtil.setCurrentTime(Date.from(ZonedDateTime.of(2026, 3, 11, 7, 59, 0, 0, SHANGHAI).toInstant()));
        String early = register(customerId, LocalDate.of(2026, 3, 10), 30);
        assertThat(messages(early, "OVERDUE_REMINDER")).hasSize(1)
            .allSatisfy(m -> assertThat(m.path("notBefore").asText()).isEqualTo(morning));
    }
}
