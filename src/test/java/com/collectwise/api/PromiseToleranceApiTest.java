package com.collectwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.Map;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The tolerance of a promise (DOMAIN.md 5: the larger of 1% of the promised amount and 1.00) at its boundary and one
 * minor unit below, over HTTP, in the currencies whose minor unit is not the cent: JPY (0 decimals: the 1.00 is one
 * yen) and KWD (3 decimals). The grace is 2 calendar days; the check runs at 09:00 the day after it. Invoices not yet
 * due (no interest): the money is the figure. Each promise on an invoice of its own.
 */
class PromiseToleranceApiTest extends ApiTestSupport {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    private void clockAt(int month, int day, int hour) {
        ClockUtil.setCurrentTime(Date.from(ZonedDateTime.of(2026, month, day, hour, 0, 0, 0, SHANGHAI).toInstant()));
    }

    /** A promise of {@code promised} by 06-05 (a Friday) on a fresh invoice, {@code paid} received on {@code paidOn}. */
    private long promiseAndPay(String customerId, String invoiceAmount, String currency, String promised, String paid,
                               int paidOn) {
        String number = createInvoice(customerId, invoiceAmount, currency, LocalDate.of(2026, 6, 1),
            LocalDate.of(2026, 7, 1));
        Response p = post(COLLECTOR, "/api/invoices/" + number + "/promises",
            Map.of("amount", promised, "promisedDate", "2026-06-05", "note", "on the phone"));
        assertThat(p.status()).as(p.raw()).isEqualTo(201);
        clockAt(6, paidOn, 8);
        Response r = post(INTEGRATION, "/api/payments", Map.of("paymentReference", unique("PAY"), "invoiceNumber",
            number, "amount", paid, "currency", currency, "receivedOn", "2026-06-0" + paidOn, "method",
            "BANK_TRANSFER"));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        clockAt(6, 1, 10);
        return p.body().path("id").asLong();
    }

    private String statusAtTheCheck(long promiseId) {
        clockAt(6, 8, 9);
        String number = jdbc.sql("SELECT invoice_number FROM promises WHERE id = ?").param(promiseId)
            .query(String.class).single();
        runDueJobsOfCase(number);
        return jdbc.sql("SELECT status FROM promises WHERE id = ?").param(promiseId).query(String.class).single();
    }

    /**
     * JPY 50,000 promised: 1% = 500 > 1: at least 49,500 keeps it, 49,499 does not. JPY 80 promised: 1% = 0.8 -> 1
     * (HALF_UP to the yen) and the minimum 1.00 is one yen: 79 keeps it, 78 does not.
     */
    @Test
    void yenPromisesAtTheToleranceAndOneYenBelow() {
        clockAt(6, 1, 10);
        String customerId = createCustomer();
        long atBoundary = promiseAndPay(customerId, "100000", "JPY", "50000", "49500", 5);
        long below = promiseAndPay(customerId, "100000", "JPY", "50000", "49499", 5);
        long smallAtBoundary = promiseAndPay(customerId, "1000", "JPY", "80", "79", 5);
        long smallBelow = promiseAndPay(customerId, "1000", "JPY", "80", "78", 5);

        assertThat(statusAtTheCheck(atBoundary)).isEqualTo("KEPT");
        assertThat(statusAtTheCheck(below)).isEqualTo("BROKEN");
        assertThat(statusAtTheCheck(smallAtBoundary)).isEqualTo("KEPT");
        assertThat(statusAtTheCheck(smallBelow)).isEqualTo("BROKEN");
    }

    /**
     * KWD 1,000.000 promised: 1% = 10.000: 990.000 keeps it, 989.999 does not. KWD 50.000: 1% = 0.500 < 1.000, the
     * minimum: 49.000 keeps it, 48.999 does not. The money of the boundary cases is dated 06-07, the last grace day
     * (06-05 + 2 calendar days, a Sunday): still in time.
     */
    @Test
    void kuwaitiDinarPromisesAtTheToleranceAndOneFilsBelow_paidOnTheLastGraceDay() {
        clockAt(6, 1, 10);
        String customerId = createCustomer();
        long atBoundary = promiseAndPay(customerId, "2000.000", "KWD", "1000.000", "990.000", 7);
        long below = promiseAndPay(customerId, "2000.000", "KWD", "1000.000", "989.999", 5);
        long minimumAtBoundary = promiseAndPay(customerId, "100.000", "KWD", "50.000", "49.000", 7);
        long minimumBelow = promiseAndPay(customerId, "100.000", "KWD", "50.000", "48.999", 5);

        assertThat(statusAtTheCheck(atBoundary)).isEqualTo("KEPT");
        assertThat(statusAtTheCheck(below)).isEqualTo("BROKEN");
        assertThat(statusAtTheCheck(minimumAtBoundary)).isEqualTo("KEPT");
        assertThat(statusAtTheCheck(minimumBelow)).isEqualTo("BROKEN");
    }
}
