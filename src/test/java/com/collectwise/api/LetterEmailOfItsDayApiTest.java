package com.collectwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;


/**
 * The formal letter is a dated PDF, kept as evidence and never altered (DOMAIN.md 2, 7); its e-mail covers it. An
 * e-mail that waited for an address goes out later with the letter's own figures, dated as of the letter's day: the
 * same total as the PDF, never a second, different one (the reminders after the letter state the day's figures).
 *
 * <p>Customer without an e-mail address; invoice of CNY 1000.00 at 0%, issued 02-01, due 03-03 (30-day term: the
 * formal demand at D+10 = 03-13), registered on 03-13 at 10:00 Shanghai: it starts at the formal demand, letter first.
 */
class LetterEmailOfItsDayApiTest extends ApiTestSupport {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");


    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    static void at(int month, int day, int hour) {
        ClockUtil.setCurrentTime(Date.from(ZonedDateTime.of(2026, month, day, hour, 0, 0, 0, SHANGHAI).toInstant()));
    }

    List<String> dispatch() {
        return dispatchMailAndRead().stream().map(m -> m.getSubject() + "\n" + m.getText()).toList();
    }

    /**
     * The letter of 03-13 states CNY 1000.00 owed as of 03-13; 400.00 is paid on 03-16; the address entered on 03-17
     * sends the letter's e-mail as of 2026年3月13日 with its total CNY 1000.00, as the PDF says, not the 600.00 of 03-17.
     */
    @Test
    void theLettersEmailSentLaterStatesThePdfsFiguresAsOfTheLettersDay() {
        at(3, 13, 10);
        String customerId = createCustomer();
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
        assertThat(get(COLLECTOR, "/api/invoices/" + number + "/documents").body().findValuesAsText("id"))
            .as("the letter's PDF").isNotEmpty();

        at(3, 16, 10);
        Response paid = post(INTEGRATION, "/api/payments", Map.of("paymentReference", unique("PAY"),
            "invoiceNumber", number, "amount", "400.00", "currency", "CNY", "receivedOn", LocalDate.of(2026, 3, 16)
                .toString(), "method", "BANK_TRANSFER"));
        assertThat(paid.status()).as(paid.raw()).isIn(200, 201);
        runDueJobsOfCase(number);

        at(3, 17, 10);
        Response patched = exchange(SUPERVISOR, HttpMethod.PATCH, "/api/customers/" + customerId,
            Map.of("email", "ap-" + customerId + "@example.com"), MediaType.APPLICATION_JSON);
        assertThat(patched.status()).as(patched.raw()).isEqualTo(200);
        List<String> sent = dispatch();

        assertThat(sent).filteredOn(m -> m.startsWith("正式催款函：发票 " + number)).singleElement()
            .satisfies(m -> assertThat(m).contains("截至 2026年3月13日").contains("CNY 1000.00")
                .doesNotContain("600.00"));
    }
}
