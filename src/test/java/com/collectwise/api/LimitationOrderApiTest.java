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

    @org.springframework.beans.factory.annotation.Autowired
    com.collectwise.communication.DunningLetterService letters;
    @org.springframework.beans.factory.annotation.Autowired
    com.collectwise.kernel.InvoiceRepository invoices;
    @org.springframework.beans.factory.annotation.Autowired
    com.collectwise.customers.CustomerRepository customers;
    @org.springframework.beans.factory.annotation.Autowired
    com.collectwise.fees.StatementService statements;

    /** An invoice of 10,000.00 CNY issued 2025-01-02, due 2025-02-01, registered 2025-01-10; its formal letter. */
    private long letterOf(String number, String customerId, LocalDate on) {
        clockAt(on);
        var invoice = invoices.find(number).orElseThrow();
        return letters.create(invoice, customers.find(customerId).orElseThrow(), statements.statement(invoice, on),
            com.collectwise.communication.LateCharges.of(statements.detail(invoice, on).basis(), on, null), on, 1).id();
    }

    private String invoiceDue20250201(String customerId) {
        clockAt(LocalDate.of(2025, 1, 10));
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
        return number;
    }

    /**
     * A demand restarts limitation from the day it was delivered (DOMAIN.md 7), which the POST could not say: the
     * period restarted from the letter's date. Due 2025-02-01: limitation date 2028-02-01. Letter of Mon 2025-03-03,
     * signed for on Thu 2025-03-06 (recorded 2025-03-12): 2028-03-06, not 2028-03-03; as of 2025-03-05 (not yet
     * delivered) still 2028-02-01. deliveredOn before the letter (03-02), after today (03-13) or with a status other
     * than DELIVERED: 400 naming deliveredOn. The same delivery again: 200, nothing changes; another day (03-07, or
     * none: the letter's date 03-03): 409, the date stays 2028-03-06.
     */
    @Test
    void aDemandRestartsLimitationFromTheDayItWasDelivered() {
        String customerId = createCustomer();
        String number = invoiceDue20250201(customerId);
        long letter = letterOf(number, customerId, LocalDate.of(2025, 3, 3));
        String path = "/api/invoices/" + number + "/documents/" + letter + "/delivery";

        clockAt(LocalDate.of(2025, 3, 12));
        for (Map<String, Object> bad : java.util.List.<Map<String, Object>>of(
            Map.of("status", "DELIVERED", "proof", "EMS EA100000001CN signed", "deliveredOn", "2025-03-02"),
            Map.of("status", "DELIVERED", "proof", "EMS EA100000001CN signed", "deliveredOn", "2025-03-13"),
            Map.of("status", "SENT", "deliveredOn", "2025-03-06"),
            Map.of("status", "DELIVERED", "proof", "EMS EA100000001CN signed", "deliveredOn", "6.3.2025"))) {
            Response r = post(INTEGRATION, path, bad);
            assertProblem(r, 400);
            assertThat(errorFields(r)).as(bad.toString()).containsExactly("deliveredOn");
        }
        assertThat(post(INTEGRATION, path, Map.of("status", "DELIVERED", "proof", "EMS EA100000001CN signed",
            "deliveredOn", "2025-03-02")).body().path("errors").get(0).path("message").asText())
            .isEqualTo("must not be before the letter's date 2025-03-03");
        assertThat(limitationDate(number, null)).as("nothing recorded").isEqualTo("2028-02-01");

        Map<String, Object> delivery = Map.of("status", "DELIVERED", "proof", "EMS EA100000001CN signed",
            "deliveredOn", "2025-03-06");
        Response delivered = post(INTEGRATION, path, delivery);
        assertThat(delivered.status()).as(delivered.raw()).isEqualTo(200);
        assertThat(delivered.body().path("deliveredOn").asText()).isEqualTo("2025-03-06");
        assertThat(limitationDate(number, null)).isEqualTo("2028-03-06");
        assertThat(limitationDate(number, LocalDate.of(2025, 3, 5))).isEqualTo("2028-02-01");
        assertThat(limitationDate(number, LocalDate.of(2025, 3, 6))).isEqualTo("2028-03-06");
        Response documents = get(LEGAL, "/api/invoices/" + number + "/documents");
        assertThat(documents.body().get(0).path("deliveryStatus").asText()).isEqualTo("DELIVERED");
        assertThat(documents.body().get(0).path("deliveredOn").asText()).isEqualTo("2025-03-06");

        Response replay = post(INTEGRATION, path, delivery);
        assertThat(replay.status()).as(replay.raw()).isEqualTo(200);
        assertThat(replay.body().path("deliveredOn").asText()).isEqualTo("2025-03-06");
        Response otherDay = post(INTEGRATION, path, Map.of("status", "DELIVERED", "proof", "EMS EA100000001CN signed",
            "deliveredOn", "2025-03-07"));
        assertProblem(otherDay, 409);
        Response noDay = post(INTEGRATION, path, Map.of("status", "DELIVERED", "proof", "EMS EA100000001CN signed"));
        assertProblem(noDay, 409);
        assertThat(limitationDate(number, null)).isEqualTo("2028-03-06");
    }

    /**
     * Without deliveredOn the letter's date counts, as before: letter of 2025-03-03 delivered (recorded 03-12) ->
     * 2028-03-03; the same POST again is a replay (200), one naming a day (03-06) a 409.
     */
    @Test
    void aDeliveryWithoutItsDayRestartsLimitationFromTheLettersDate() {
        String customerId = createCustomer();
        String number = invoiceDue20250201(customerId);
        long letter = letterOf(number, customerId, LocalDate.of(2025, 3, 3));
        String path = "/api/invoices/" + number + "/documents/" + letter + "/delivery";

        clockAt(LocalDate.of(2025, 3, 12));
        Map<String, Object> delivery = Map.of("status", "DELIVERED", "proof", "signed receipt");
        Response delivered = post(INTEGRATION, path, delivery);
        assertThat(delivered.status()).as(delivered.raw()).isEqualTo(200);
        assertThat(delivered.body().path("deliveredOn").textValue()).as("no day given").isNull();
        assertThat(limitationDate(number, null)).isEqualTo("2028-03-03");
        assertThat(post(INTEGRATION, path, delivery).status()).isEqualTo(200);
        assertProblem(post(INTEGRATION, path, Map.of("status", "DELIVERED", "proof", "signed receipt",
            "deliveredOn", "2025-03-06")), 409);
        assertThat(limitationDate(number, null)).isEqualTo("2028-03-03");
    }
}
