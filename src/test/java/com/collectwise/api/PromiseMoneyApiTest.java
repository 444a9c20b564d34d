package com.collectwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Which money keeps a promise to pay (DOMAIN.md 5), over HTTP with the engine clock. A promise is kept when the money
 * that reached its invoice, dated by the promised date plus the grace (2 calendar days) and not known when the promise
 * was made, reaches the promised amount less the tolerance (the larger of 1% and 1.00). The check runs at 09:00 the
 * day after the grace. Invoices of 1,000.00 CNY not yet due (no interest): every figure is the money itself.
 */
class PromiseMoneyApiTest extends ApiTestSupport {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    private void clockAt(int month, int day, int hour) {
        ClockUtil.setCurrentTime(Date.from(ZonedDateTime.of(2026, month, day, hour, 0, 0, 0, SHANGHAI).toInstant()));
    }

    private String invoice(String customerId, LocalDate due) {
        return createInvoice(customerId, "1000.00", "CNY", due.minusDays(30), due);
    }

    private long promise(String number, String amount, LocalDate by) {
        Response r = post(COLLECTOR, "/api/invoices/" + number + "/promises",
            Map.of("amount", amount, "promisedDate", by.toString(), "note", "on the phone"));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return r.body().path("id").asLong();
    }

    private Response pay(String customerId, String number, String amount, LocalDate receivedOn) {
        Map<String, Object> body = new HashMap<>(Map.of("paymentReference", unique("PAY"), "customerId", customerId,
            "amount", amount, "currency", "CNY", "receivedOn", receivedOn.toString(), "method", "BANK_TRANSFER"));
        if (number != null) {
            body.put("invoiceNumber", number);
        }
        Response r = post(INTEGRATION, "/api/payments", body);
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return r;
    }

    private JsonNode view(String number) {
        Response r = get(SUPERVISOR, "/api/invoices/" + number);
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.body();
    }

    private String status(long promiseId) {
        return jdbc.sql("SELECT status FROM promises WHERE id = ?").param(promiseId).query(String.class).single();
    }

    /**
     * A payment without an invoice number counts for the promise of the invoice it paid, not for every promise of the
     * customer. Invoices A (due 06-20) and B (due 06-30), 1,000.00 each; on 06-01 the customer promises 1,000.00 on
     * each by 06-05. On 06-02 it pays 1,000.00 naming no invoice: the oldest due date, A, takes all of it (A settled,
     * its promise kept). B received 0.00 of the 990.00 (1,000.00 - max(10.00, 1.00)) its promise needs: at its check
     * on 06-08 09:00 it is broken; the customer has 1 kept and 1 broken. Before: the whole customer-level payment
     * counted for B's promise too, kept with nothing paid on B (2 kept, 0 broken).
     */
    @Test
    void aPaymentWithoutInvoiceNumberKeepsThePromiseOfTheInvoiceItPaidOnly() {
        clockAt(6, 1, 10);
        String customerId = createCustomer();
        String a = invoice(customerId, LocalDate.of(2026, 6, 20));
        String b = invoice(customerId, LocalDate.of(2026, 6, 30));
        long onA = promise(a, "1000.00", LocalDate.of(2026, 6, 5));
        long onB = promise(b, "1000.00", LocalDate.of(2026, 6, 5));

        clockAt(6, 2, 10);
        Response paid = pay(customerId, null, "1000.00", LocalDate.of(2026, 6, 2));
        assertThat(paid.body().path("allocations").toString()).contains(a).doesNotContain(b);
        runDueJobsOfCase(a);
        assertThat(view(a).path("status").asText()).isEqualTo("SETTLED");
        assertThat(status(onA)).isEqualTo("KEPT");

        clockAt(6, 8, 9);
        runDueJobsOfCase(b);
        assertThat(status(onB)).isEqualTo("BROKEN");
        JsonNode v = view(b);
        assertThat(v.path("outstanding").path("total").decimalValue()).isEqualByComparingTo("1000.00");
        assertThat(v.path("promisesKept").asInt()).isEqualTo(1);
        assertThat(v.path("promisesBroken").asInt()).isEqualTo(1);
    }

    /**
     * Two promises on one invoice share the money, the earlier promised date first: one payment does not keep both.
     * On 06-01 the customer promises 400.00 by 06-03 and another 400.00 by 06-10; it pays 400.00 on 06-03. The first
     * promise takes it (kept at its check on 06-06); the second finds 0.00 of the 396.00 (400.00 - max(4.00, 1.00))
     * it needs at its check on 06-13: broken. Before: the 400.00 counted for both, both kept (600.00 still owed).
     */
    @Test
    void twoPromisesOnOneInvoiceAreNotBothKeptByOnePayment() {
        clockAt(6, 1, 10);
        String customerId = createCustomer();
        String number = invoice(customerId, LocalDate.of(2026, 7, 1));
        long first = promise(number, "400.00", LocalDate.of(2026, 6, 3));
        long second = promise(number, "400.00", LocalDate.of(2026, 6, 10));

        clockAt(6, 3, 14);
        pay(customerId, number, "400.00", LocalDate.of(2026, 6, 3));
        clockAt(6, 6, 9);
        runDueJobsOfCase(number);
        assertThat(status(first)).isEqualTo("KEPT");
        assertThat(status(second)).isEqualTo("OPEN");

        clockAt(6, 13, 9);
        runDueJobsOfCase(number);
        assertThat(status(second)).isEqualTo("BROKEN");
        JsonNode v = view(number);
        assertThat(v.path("outstanding").path("total").decimalValue()).isEqualByComparingTo("600.00");
        assertThat(v.path("promisesKept").asInt()).isEqualTo(1);
        assertThat(v.path("promisesBroken").asInt()).isEqualTo(1);
    }

    /**
     * Money the bank posts after the promise was made counts for it even when it is dated the day before (the
     * customer had paid, the feed was late: the promise was made on an outstanding figure without it). On 06-03 10:00
     * the customer promises 500.00 by 06-05; at 11:00 the bank posts 500.00 dated 06-02. At the check on 06-08 09:00
     * the promise is kept (500.00 >= 495.00). Before: only money dated from the day of the promise counted, 0.00:
     * broken, with the money on the invoice.
     */
    @Test
    void moneyPostedAfterThePromiseButDatedTheDayBeforeKeepsIt() {
        clockAt(6, 3, 10);
        String customerId = createCustomer();
        String number = invoice(customerId, LocalDate.of(2026, 7, 1));
        long promised = promise(number, "500.00", LocalDate.of(2026, 6, 5));

        clockAt(6, 3, 11);
        pay(customerId, number, "500.00", LocalDate.of(2026, 6, 2));
        clockAt(6, 8, 9);
        runDueJobsOfCase(number);

        assertThat(status(promised)).isEqualTo("KEPT");
        JsonNode v = view(number);
        assertThat(v.path("promisesKept").asInt()).isEqualTo(1);
        assertThat(v.path("promisesBroken").asInt()).isZero();
    }

    /**
     * Money posted before the promise was made is in the figure the promise was made on: it does not keep it, whatever
     * its date. On 06-03 at 10:00 the bank posts 500.00 dated 06-03; at 11:00 the customer promises 500.00 more by
     * 06-05 and pays nothing else: broken at the check on 06-08 09:00. Before: money dated from the day of the promise
     * counted, whenever it was posted: kept by the 500.00 the promise was made on top of.
     */
    @Test
    void moneyPostedBeforeThePromiseDoesNotKeepIt() {
        clockAt(6, 3, 10);
        String customerId = createCustomer();
        String number = invoice(customerId, LocalDate.of(2026, 7, 1));
        pay(customerId, number, "500.00", LocalDate.of(2026, 6, 3));
        clockAt(6, 3, 11);
        long promised = promise(number, "500.00", LocalDate.of(2026, 6, 5));

        clockAt(6, 8, 9);
        runDueJobsOfCase(number);
        assertThat(status(promised)).isEqualTo("BROKEN");
    }
}
