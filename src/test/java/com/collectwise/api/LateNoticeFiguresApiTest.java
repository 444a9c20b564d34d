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
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A notice that waits in the outbox for an e-mail address goes out days after it was written: it must ask for what is
 * owed the day it goes out (DOMAIN.md 1 and 5: "every figure is a replay"; demanding money that is not owed is a
 * liability), and a notice of an invoice settled meanwhile does not go out at all.
 *
 * <p>Customer without an e-mail address; invoice of CNY 1000.00 with a contract rate of 0% (no interest, so the
 * figures are the principal only), DOMESTIC (no reminder fee), due Tue 2026-03-03, registered Thu 03-05 at 10:00
 * Shanghai: the overdue reminder is written at once (in Chinese, the customer's language) and waits without a
 * recipient.
 */
class LateNoticeFiguresApiTest extends ApiTestSupport {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");


    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    static void at(int month, int day, int hour) {
        ClockUtil.setCurrentTime(Date.from(ZonedDateTime.of(2026, month, day, hour, 0, 0, 0, SHANGHAI).toInstant()));
    }

    /** The mail dispatcher with an SMTP server that accepts everything; returns the texts it handed over. */
    List<String> dispatch() {
        return dispatchMailAndRead().stream().map(m -> m.getTo()[0] + "\n" + m.getSubject() + "\n" + m.getText()).toList();
    }

    String register(String customerId) {
        String number = unique("INV");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("invoiceNumber", number);
        body.put("customerId", customerId);
        body.put("issueDate", "2026-02-01");
        body.put("dueDate", "2026-03-03");
        body.put("amount", "1000.00");
        body.put("currency", "CNY");
        body.put("contractInterestRatePercent", "0");
        Response r = post(INTEGRATION, "/api/invoices", body);
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        runDueJobsOfCase(number);
        return number;
    }

    void pay(String number, String amount, LocalDate on) {
        Response r = post(INTEGRATION, "/api/payments", Map.of("paymentReference", unique("PAY"),
            "invoiceNumber", number, "amount", amount, "currency", "CNY", "receivedOn", on.toString(),
            "method", "BANK_TRANSFER"));
        assertThat(r.status()).as(r.raw()).isIn(200, 201);
        runDueJobsOfCase(number);
    }

    void correctEmail(String customerId, String email) {
        Response r = exchange(SUPERVISOR, HttpMethod.PATCH, "/api/customers/" + customerId, Map.of("email", email),
            MediaType.APPLICATION_JSON);
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
    }

    JsonNode reminder(String number) {
        Response r = get(COLLECTOR, "/api/invoices/" + number + "/messages");
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        List<JsonNode> found = new ArrayList<>();
        r.body().findParents("kind").stream().filter(m -> m.path("kind").asText().equals("OVERDUE_REMINDER"))
            .forEach(found::add);
        assertThat(found).as(r.raw()).hasSize(1);
        return found.get(0);
    }

    /**
     * Fault: the reminder written on 03-05 (outstanding 1000.00) waited for an address; 400.00 was paid on Fri 03-06;
     * the address entered on Mon 03-09 took the reminder as written, demanding CNY 1000.00 when 600.00 was owed.
     * By hand: 1000.00 - 400.00 = 600.00 outstanding on 03-09 (principal 600.00, interest 0.00 at 0%, fees 0.00),
     * and 03-09 is 6 days after the due date 03-03.
     */
    @Test
    void aReminderThatWaitedForAnAddressAsksForWhatIsOwedTheDayItGoesOut() {
        at(3, 5, 10);
        String customerId = createCustomer();
        String number = register(customerId);
        assertThat(reminder(number).path("body").asText())
            .contains("至今逾期 2 天。截至今日应付金额：CNY 1000.00（本金 CNY 1000.00");
        assertThat(reminder(number).path("recipient").isTextual()).as("no recipient").isFalse();

        at(3, 6, 10);
        pay(number, "400.00", LocalDate.of(2026, 3, 6));

        at(3, 9, 11);
        String email = "ap-" + customerId + "@example.com";
        correctEmail(customerId, email);
        List<String> sent = dispatch();

        assertThat(sent).hasSize(1);
        assertThat(sent.get(0)).startsWith(email + "\n")
            .contains("至今逾期 6 天。截至今日应付金额：CNY 600.00（本金 CNY 600.00，逾期利息 CNY 0.00，费用 CNY 0.00）")
            .doesNotContain("1000.00");
        JsonNode reminder = reminder(number);
        assertThat(reminder.path("status").asText()).isEqualTo("SENT");
        assertThat(reminder.path("body").asText()).as("the outbox keeps what was sent")
            .contains("截至今日应付金额：CNY 600.00").doesNotContain("1000.00");
    }

    /**
     * Fault: the reminder of an invoice paid in full while it waited for an address stayed PENDING without a recipient
     * for ever, and went out demanding CNY 1000.00 once an address was entered. Written 03-05, the invoice paid in full
     * (1000.00) on 03-06: the reminder is CANCELLED that day with the reason, and the address of 03-09 sends nothing.
     */
    @Test
    void aWaitingReminderOfAnInvoicePaidMeanwhileIsCancelledAndNeverSent() {
        at(3, 5, 10);
        String customerId = createCustomer();
        String number = register(customerId);
        assertThat(reminder(number).path("status").asText()).isEqualTo("PENDING");

        at(3, 6, 10);
        pay(number, "1000.00", LocalDate.of(2026, 3, 6));
        assertThat(caseRunning(number)).isFalse();
        JsonNode cancelled = reminder(number);
        assertThat(cancelled.path("status").asText()).isEqualTo("CANCELLED");
        assertThat(cancelled.path("reason").asText()).contains("settled");

        at(3, 9, 11);
        correctEmail(customerId, "ap-" + customerId + "@example.com");
        assertThat(dispatch()).isEmpty();
        assertThat(reminder(number).path("status").asText()).isEqualTo("CANCELLED");
        assertThat(reminder(number).path("recipient").isTextual()).as("not given the new address").isFalse();
    }
}
