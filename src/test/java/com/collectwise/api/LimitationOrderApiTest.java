package com.collectwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The limitation date (DOMAIN.md 7: due + 3 years, restarted by an acknowledgement, a delivered demand or a suit)
 * with the facts posted out of date order: the latest dated fact wins, whatever was posted last, and the case view as
 * of a past day counts only the facts dated by then.
 */
class LimitationOrderApiTest extends ApiTestSupport {

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    void clockAt(LocalDate day) {
        ClockUtil.setCurrentTime(Date.from(ZonedDateTime.of(day.atTime(11, 0), ZoneId.of("Asia/Shanghai"))
            .toInstant()));
    }

    String limitationDate(String number, LocalDate asOf) {
        Response view = get(SUPERVISOR, "/api/invoices/" + number + (asOf == null ? "" : "?asOf=" + asOf));
        assertThat(view.status()).as(view.raw()).isEqualTo(200);
        return view.body().path("limitationDate").asText();
    }

    /**
     * Invoice of 10,000.00 issued 2025-01-02, due 2025-02-01, registered 2025-01-10: limitation date 2028-02-01.
     * 2025-09-01: the customer confirms the statement of 2025-09-01 -> 2028-09-01.
     * 2025-10-01: the bank feed posts a part payment of 1,000.00 received 2025-03-15 (an acknowledgement dated before
     * the confirmation): the date stays 2028-09-01 (not 2028-03-15); as of 2025-08-31 the case showed 2028-03-15 (the
     * payment was made by then, the confirmation not yet), as of 2025-03-14 2028-02-01.
     * 2025-10-02: the customer promises 2,000.00 for 2025-10-20 -> 2028-10-02.
     * 2025-10-03: a part payment received 2025-06-30 is posted: still 2028-10-02.
     */
    @Test
    void anAcknowledgementDatedBeforeOneAlreadyRecordedDoesNotMoveTheDateBack() {
        clockAt(LocalDate.of(2025, 1, 10));
        String customerId = createCustomer();
        String number = unique("LIM");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("invoiceNumber", number);
        body.put("customerId", customerId);
        body.put("issueDate", "2025-01-02");
        body.put("dueDate", "2025-02-01");
        body.put("amount", "10000.00");
        body.put("currency", "CNY");
        Response r = post(INTEGRATION, "/api/invoices", body);
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        assertThat(r.body().path("limitationDate").asText()).isEqualTo("2028-02-01");

        clockAt(LocalDate.of(2025, 9, 1));
        Response confirmed = post(COLLECTOR, "/api/customers/" + customerId + "/statement/confirmations",
            Map.of("statementDate", "2025-09-01", "confirmedOn", "2025-09-01", "confirmedBy", "Ms. Wang"));
        assertThat(confirmed.status()).as(confirmed.raw()).isEqualTo(201);
        assertThat(limitationDate(number, null)).isEqualTo("2028-09-01");

        clockAt(LocalDate.of(2025, 10, 1));
        Response paid = post(INTEGRATION, "/api/payments", Map.of("paymentReference", unique("PAY"),
            "invoiceNumber", number, "amount", "1000.00", "currency", "CNY", "receivedOn", "2025-03-15",
            "method", "BANK_TRANSFER"));
        assertThat(paid.status()).as(paid.raw()).isEqualTo(201);
        assertThat(limitationDate(number, null)).as("not moved back by the earlier payment").isEqualTo("2028-09-01");
        assertThat(limitationDate(number, LocalDate.of(2025, 8, 31))).isEqualTo("2028-03-15");
        assertThat(limitationDate(number, LocalDate.of(2025, 3, 14))).isEqualTo("2028-02-01");

        clockAt(LocalDate.of(2025, 10, 2));
        Response promised = post(COLLECTOR, "/api/invoices/" + number + "/promises",
            Map.of("amount", "2000.00", "promisedDate", "2025-10-20", "note", "after the month end"));
        assertThat(promised.status()).as(promised.raw()).isEqualTo(201);
        assertThat(limitationDate(number, null)).isEqualTo("2028-10-02");

        clockAt(LocalDate.of(2025, 10, 3));
        Response late = post(INTEGRATION, "/api/payments", Map.of("paymentReference", unique("PAY"),
            "invoiceNumber", number, "amount", "500.00", "currency", "CNY", "receivedOn", "2025-06-30",
            "method", "BANK_TRANSFER"));
        assertThat(late.status()).as(late.raw()).isEqualTo(201);
        assertThat(limitationDate(number, null)).isEqualTo("2028-10-02");
        assertThat(limitationDate(number, LocalDate.of(2025, 7, 1))).isEqualTo("2028-06-30");
    }
}
