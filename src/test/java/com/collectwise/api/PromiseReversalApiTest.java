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
 * Promises and the money that kept them, over HTTP (DOMAIN.md 5): a promise is kept by money received, and a bounced
 * or recalled payment was never received (its allocations undone, every figure a replay): the promise it kept is
 * broken after all once its grace is over, and the customer's habits (customer file, case view) count it so. Invoices
 * of 3,000.00 CNY issued 06-01, due 07-01 (not due: no interest). The grace is 2 calendar days; the check of a
 * promise for Friday 06-05 runs on 06-08 at 09:00.
 */
class PromiseReversalApiTest extends ApiTestSupport {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    private void clockAt(int month, int day, int hour) {
        ClockUtil.setCurrentTime(Date.from(ZonedDateTime.of(2026, month, day, hour, 0, 0, 0, SHANGHAI).toInstant()));
    }

    private long promise(String number, String amount, String date) {
        Response p = post(COLLECTOR, "/api/invoices/" + number + "/promises",
            Map.of("amount", amount, "promisedDate", date, "note", "on the phone"));
        assertThat(p.status()).as(p.raw()).isEqualTo(201);
        return p.body().path("id").asLong();
    }

    private String pay(String number, String amount, String receivedOn) {
        String reference = unique("PAY");
        Response r = post(INTEGRATION, "/api/payments", Map.of("paymentReference", reference, "invoiceNumber", number,
            "amount", amount, "currency", "CNY", "receivedOn", receivedOn, "method", "BANK_TRANSFER"));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return reference;
    }

    private String status(long promiseId) {
        return jdbc.sql("SELECT status FROM promises WHERE id = ?").param(promiseId).query(String.class).single();
    }

    /**
     * Two invoices of one customer, a promise on each: 1,200.00 by 06-05 kept by 1,190.00 (tolerance 12.00) dated
     * 06-05; 800.00 by 06-05 broken (790.99 paid, tolerance 8.00: 792.00 needed). The customer file counts 1 kept,
     * 1 broken, like the case view.
     */
    @Test
    void theCustomerFileCountsTheKeptAndBrokenPromises() {
        clockAt(6, 1, 10);
        String customerId = createCustomer();
        String first = createInvoice(customerId, "3000.00", "CNY", LocalDate.of(2026, 6, 1), LocalDate.of(2026, 7, 1));
        String second = createInvoice(customerId, "3000.00", "CNY", LocalDate.of(2026, 6, 1), LocalDate.of(2026, 7, 1));
        long kept = promise(first, "1200.00", "2026-06-05");
        long broken = promise(second, "800.00", "2026-06-05");
        clockAt(6, 5, 16);
        pay(first, "1190.00", "2026-06-05");
        pay(second, "790.99", "2026-06-05");
        clockAt(6, 8, 9);
        runDueJobsOfCase(first);
        runDueJobsOfCase(second);
        assertThat(status(kept)).isEqualTo("KEPT");
        assertThat(status(broken)).isEqualTo("BROKEN");

        Response file = get(COLLECTOR, "/api/customers/" + customerId);
        assertThat(file.status()).as(file.raw()).isEqualTo(200);
        assertThat(file.body().path("promisesKept").isInt()).as(file.raw()).isTrue();
        assertThat(file.body().path("promisesKept").asInt()).isEqualTo(1);
        assertThat(file.body().path("promisesBroken").asInt()).isEqualTo(1);
        assertThat(get(COLLECTOR, "/api/invoices/" + first).body().path("promisesKept").asInt()).isEqualTo(1);
    }

    /**
     * 1,500.00 promised by 06-05, 1,500.00 dated 06-05 keeps it (check 06-08). On 06-10 the bank recalls that
     * payment: nothing was received, 0.00 < 1,485.00; the grace is over: BROKEN, the case file says so, the customer's
     * habits count 0 kept, 1 broken. A second promise, 400.00 by 06-12, kept at once when 3,000.00 dated 06-11 pays
     * the other invoice off (its case ends); that payment recalled on 06-11: the invoice owes again, the promise's
     * grace still runs, so it is OPEN again, not broken yet.
     */
    @Test
    void aReversedPaymentBreaksThePromiseItKept() {
        clockAt(6, 1, 10);
        String customerId = createCustomer();
        String number = createInvoice(customerId, "3000.00", "CNY", LocalDate.of(2026, 6, 1), LocalDate.of(2026, 7, 1));
        long promiseId = promise(number, "1500.00", "2026-06-05");
        clockAt(6, 5, 16);
        String reference = pay(number, "1500.00", "2026-06-05");
        clockAt(6, 8, 9);
        runDueJobsOfCase(number);
        assertThat(status(promiseId)).isEqualTo("KEPT");

        clockAt(6, 10, 11);
        Response reversed = post(FINANCE, "/api/payments/" + reference + "/reversal",
            Map.of("reason", "recalled by the bank", "reversedOn", "2026-06-10"));
        assertThat(reversed.status()).as(reversed.raw()).isEqualTo(200);
        assertThat(status(promiseId)).isEqualTo("BROKEN");
        assertThat(count("SELECT COUNT(*) FROM contact_log WHERE invoice_number = ? AND outcome = 'PROMISE_BROKEN'",
            number)).isEqualTo(1);
        var view = get(COLLECTOR, "/api/invoices/" + number).body();
        assertThat(view.path("promisesKept").asInt()).isZero();
        assertThat(view.path("promisesBroken").asInt()).isEqualTo(1);

        String other = createInvoice(customerId, "3000.00", "CNY", LocalDate.of(2026, 6, 1), LocalDate.of(2026, 7, 1));
        long second = promise(other, "400.00", "2026-06-12");
        clockAt(6, 11, 10);
        String full = pay(other, "3000.00", "2026-06-11");
        runDueJobsOfCase(other);
        assertThat(status(second)).isEqualTo("KEPT");
        Response recalled = post(FINANCE, "/api/payments/" + full + "/reversal",
            Map.of("reason", "bounced", "reversedOn", "2026-06-11"));
        assertThat(recalled.status()).as(recalled.raw()).isEqualTo(200);
        assertThat(status(second)).isEqualTo("OPEN");
    }
}
