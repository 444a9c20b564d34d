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

import com.fasterxml.jackson.databind.JsonNode;

/** Scenarios an outside checker runs over the API (DOMAIN.md 2, 5, 7), with figures worked out by hand. */
class LifecycleScenariosApiTest extends ApiTestSupport {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    private void clockAt(LocalDate day, int hour, int minute) {
        ClockUtil.setCurrentTime(Date.from(ZonedDateTime.of(day.atTime(hour, minute), SHANGHAI).toInstant()));
    }

    private Response register(String customerId, String number, LocalDate due, int term, String amount) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("invoiceNumber", number);
        body.put("customerId", customerId);
        body.put("issueDate", due.minusDays(term).toString());
        body.put("dueDate", due.toString());
        body.put("amount", amount);
        body.put("currency", "CNY");
        return post(INTEGRATION, "/api/invoices", body);
    }

    private JsonNode view(String number) {
        Response r = get(SUPERVISOR, "/api/invoices/" + number);
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.body();
    }

    /**
     * The stage an invoice starts in follows its age in days, whatever the hour it is registered at: at 07:30 in
     * Shanghai (before the 09:00 at which running cases' stage timers fire) an invoice D+1 days old is in the
     * internal reminder, not PRE_DUE, and one floor(T/3) days old is at formal demand. Policy for a DOMESTIC customer in
     * CN (Decision_CollectionPolicy): formal demand after floor(T/3) days (T=45: 15, T=14: 4, T=90: 30), field visit
     * floor(T/3)+10 (T=45: 25, T=14: 14, T=90: 40), agency max(60, floor(T/3)+24) (60 for all three).
     */
    @Test
    void anInvoiceRegisteredBeforeNineStartsInTheStageItsAgeInDaysCallsFor() {
        LocalDate today = LocalDate.of(2026, 11, 17); // a Tuesday
        clockAt(today, 7, 30);
        String customerId = createCustomer();
        record Age(int daysOverdue, int term, String stage) {
        }
        for (Age age : java.util.List.of(new Age(1, 30, "INTERNAL_REMINDER"), new Age(15, 45, "FORMAL_DEMAND"),
            new Age(14, 45, "INTERNAL_REMINDER"), new Age(4, 14, "FORMAL_DEMAND"), new Age(3, 14, "INTERNAL_REMINDER"),
            new Age(14, 14, "FIELD_VISIT"), new Age(25, 45, "FIELD_VISIT"), new Age(30, 90, "FORMAL_DEMAND"),
            new Age(40, 90, "FIELD_VISIT"), new Age(60, 90, "AGENCY"), new Age(59, 90, "FIELD_VISIT"))) {
            String number = unique("EARLY");
            Response r = register(customerId, number, today.minusDays(age.daysOverdue()), age.term(), "900.00");
            assertThat(r.status()).as(r.raw()).isEqualTo(201);
            assertThat(r.body().path("stage").asText()).as("POST answer " + age).isEqualTo(age.stage());
            runDueJobsOfCase(number);
            assertThat(view(number).path("stage").asText()).as("case view " + age).isEqualTo(age.stage());
            assertThat(view(number).path("daysOverdue").asInt()).isEqualTo(age.daysOverdue());
        }
    }

    /**
     * A promise of 400.00 by today + 5; the customer pays the whole invoice (1,000.00, not yet due: no interest)
     * today. The case ends as settled, and the promise was kept: 1,000.00 >= 400.00 - max(4.00, 1.00) received
     * before the promised date. The customer's habits count it as kept.
     */
    @Test
    void aPromiseIsKeptWhenThePaymentSettlesTheCaseBeforeThePromisedDate() {
        String customerId = createCustomer();
        String number = createInvoice(customerId, "1000.00");
        Response promised = post(COLLECTOR, "/api/invoices/" + number + "/promises",
            Map.of("amount", "400.00", "promisedDate", today().plusDays(5).toString(), "note", "by Friday"));
        assertThat(promised.status()).as(promised.raw()).isEqualTo(201);

        Response paid = post(INTEGRATION, "/api/payments", Map.of("paymentReference", unique("PAY"),
            "invoiceNumber", number, "amount", "1000.00", "currency", "CNY", "receivedOn", today().toString(),
            "method", "BANK_TRANSFER"));
        assertThat(paid.status()).as(paid.raw()).isEqualTo(201);
        runDueJobsOfCase(number);

        JsonNode v = view(number);
        assertThat(v.path("status").asText()).isEqualTo("SETTLED");
        assertThat(v.path("promises").get(0).path("status").asText()).isEqualTo("KEPT");
        assertThat(v.path("promisesKept").asInt()).isEqualTo(1);
        assertThat(v.path("promisesBroken").asInt()).isZero();
    }

    /**
     * Customer credit is no acknowledgement (DOMAIN 7: an acknowledgement is an act of the debtor). The customer
     * overpays invoice A (500.00, not yet due) by 200.00 today: 200.00 customer credit. Invoice B (1,000.00, due
     * 400 days ago, registered today at go-live) is paid 200.00 from that credit, but the customer acknowledged
     * nothing of B: its limitation date stays due + 3 years.
     */
    @Test
    void customerCreditPayingANewlyRegisteredInvoiceIsNoAcknowledgementOfIt() {
        String customerId = createCustomer();
        String a = createInvoice(customerId, "500.00");
        Response paid = post(INTEGRATION, "/api/payments", Map.of("paymentReference", unique("PAY"),
            "invoiceNumber", a, "amount", "700.00", "currency", "CNY", "receivedOn", today().toString(),
            "method", "BANK_TRANSFER"));
        assertThat(paid.status()).as(paid.raw()).isEqualTo(201);
        runDueJobsOfCase(a);
        assertThat(get(COLLECTOR, "/api/customers/" + customerId).body().path("credit").path("CNY").decimalValue())
            .isEqualByComparingTo("200.00");

        LocalDate due = today().minusDays(400);
        String b = unique("OLD");
        Response r = register(customerId, b, due, 30, "1000.00");
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        runDueJobsOfCase(b);

        JsonNode v = view(b);
        // the 200.00 of credit went to B (its interest first, then principal: Civil Code art. 561)
        assertThat(get(COLLECTOR, "/api/customers/" + customerId).body().path("credit").path("CNY").decimalValue())
            .isEqualByComparingTo("0");
        assertThat(v.path("outstanding").path("principal").decimalValue()).isLessThan(new java.math.BigDecimal("1000"));
        assertThat(v.path("limitationDate").asText()).isEqualTo(due.plusYears(3).toString());
        assertThat(count("SELECT COUNT(*) FROM acknowledgements WHERE invoice_number = ?", b)).isZero();
    }

    /**
     * A demand interrupts a running limitation period only (Civil Code art. 195; DOMAIN 7): once the period has run
     * out, the creditor's letter does not revive the claim. Invoice due 4 years + 10 days ago: limitation date
     * due + 3 years, passed, so the case goes to legal review (LITIGATION) and its formal letter (sent first, as for
     * every case starting after formal demand) threatens no suit. Its proof of delivery, recorded today, leaves the
     * limitation date at due + 3 years (was: restarted to today + 3 years, as if the claim were alive).
     */
    @Test
    void aDeliveredLetterAfterTheLimitationDateDoesNotReviveTheClaim() {
        String customerId = createCustomer();
        LocalDate due = today().minusYears(4).minusDays(10);
        String number = unique("BARRED");
        Response r = register(customerId, number, due, 30, "2500.00");
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        assertThat(r.body().path("stage").asText()).isEqualTo("LITIGATION");
        runDueJobsOfCase(number);
        Response documents = get(COLLECTOR, "/api/invoices/" + number + "/documents");
        assertThat(documents.status()).as(documents.raw()).isEqualTo(200);
        long letter = documents.body().get(0).path("id").asLong();

        Response delivered = post(INTEGRATION, "/api/invoices/" + number + "/documents/" + letter + "/delivery",
            Map.of("status", "DELIVERED", "proof", "EMS EA000000001CN signed"));
        assertThat(delivered.status()).as(delivered.raw()).isEqualTo(200);

        JsonNode v = view(number);
        assertThat(v.path("limitationDate").asText()).isEqualTo(due.plusYears(3).toString());
        assertThat(v.path("stage").asText()).isEqualTo("LITIGATION");
    }

    /**
     * The debtor's own acknowledgement still counts after the limitation date (Civil Code art. 192: a debtor who agrees
     * to pay after the period cannot plead it): a time-barred invoice (due 4 years + 10 days ago) for which the
     * customer promises today to pay 500.00 in a week has its limitation date restarted to today + 3 years.
     */
    @Test
    void aPromiseAfterTheLimitationDateRestartsIt() {
        String customerId = createCustomer();
        LocalDate due = today().minusYears(4).minusDays(10);
        String number = unique("BARRED");
        Response r = register(customerId, number, due, 30, "2500.00");
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        runDueJobsOfCase(number);
        assertThat(view(number).path("limitationDate").asText()).isEqualTo(due.plusYears(3).toString());

        Response promised = post(COLLECTOR, "/api/invoices/" + number + "/promises",
            Map.of("amount", "500.00", "promisedDate", today().plusDays(7).toString(), "note", "will pay part"));
        assertThat(promised.status()).as(promised.raw()).isEqualTo(201);

        assertThat(view(number).path("limitationDate").asText()).isEqualTo(today().plusYears(3).toString());
    }
}
