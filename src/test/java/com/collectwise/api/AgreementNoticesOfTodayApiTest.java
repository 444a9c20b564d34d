package com.collectwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

import com.collectwise.kernel.CaseVariables;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * An instalment agreement's notice that waited for an e-mail address goes out on a later day: it must state what is so
 * that day (DOMAIN.md 5: every figure is as of the day the customer is told; demanding money that is not owed is a
 * liability), as the reminders do.
 *
 * <p>Customer without an e-mail address; invoice of CNY 1000.00 at 12%, due 2026-03-03, registered 03-05; plan of
 * 333.34 on 03-20, 333.33 on 04-20 and 349.18 on 05-20 (as InstalmentPlanApiTest: total 1015.85).
 */
class AgreementNoticesOfTodayApiTest extends ApiTestSupport {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");


    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    private void clockAt(int month, int day, int hour) {
        ClockUtil.setCurrentTime(Date.from(ZonedDateTime.of(2026, month, day, hour, 0, 0, 0, ZONE).toInstant()));
    }

    private void runJobs(String number) {
        for (int round = 0; round < 50; round++) {
            var instance = runtime.createProcessInstanceQuery().processDefinitionKey(CaseVariables.PROCESS_COLLECTION)
                .processInstanceBusinessKey(number).singleResult();
            List<Job> jobs = instance == null ? List.of()
                : management.createJobQuery().rootProcessInstanceId(instance.getId()).executable().list();
            if (jobs.isEmpty()) {
                return;
            }
            management.executeJob(jobs.get(0).getId());
        }
    }

    /** The mail dispatcher with an SMTP server that accepts everything; returns subject + text of what it sent. */
    private List<String> dispatch() {
        return dispatchMailAndRead().stream().map(m -> m.getSubject() + "\n" + m.getText()).toList();
    }

    private String customerOf(String number) {
        return get(COLLECTOR, "/api/invoices/" + number).body().path("customerId").asText();
    }

    private String planOnAnInvoiceOfACustomerWithoutEmail() {
        clockAt(3, 5, 10);
        String number = unique("INV");
        Response r = post(INTEGRATION, "/api/invoices", Map.of("invoiceNumber", number, "customerId", createCustomer(),
            "issueDate", "2026-02-01", "dueDate", "2026-03-03", "amount", "1000.00", "currency", "CNY",
            "contractInterestRatePercent", "12"));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        runJobs(number);
        List<Map<String, Object>> instalments = List.of(Map.of("dueDate", "2026-03-20", "amount", "333.34"),
            Map.of("dueDate", "2026-04-20", "amount", "333.33"), Map.of("dueDate", "2026-05-20", "amount", "349.18"));
        Response agreed = post(COLLECTOR, "/api/invoices/" + number + "/agreements",
            Map.of("instalments", instalments, "note", "asked on the phone"));
        assertThat(agreed.status()).as(agreed.raw()).isEqualTo(201);
        runJobs(number);
        return number;
    }

    private void pay(String number, String amount, LocalDate receivedOn) {
        Response r = post(INTEGRATION, "/api/payments", Map.of("paymentReference", unique("PAY"), "invoiceNumber",
            number, "amount", amount, "currency", "CNY", "receivedOn", receivedOn.toString(), "method",
            "BANK_TRANSFER"));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        runJobs(number);
    }

    private void correctEmail(String customerId, String email) {
        Response r = exchange(SUPERVISOR, HttpMethod.PATCH, "/api/customers/" + customerId, Map.of("email", email),
            MediaType.APPLICATION_JSON);
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
    }

    private JsonNode message(String number, String kind) {
        Response r = get(COLLECTOR, "/api/invoices/" + number + "/messages");
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        List<JsonNode> found = new ArrayList<>();
        r.body().findParents("kind").stream().filter(m -> m.path("kind").asText().equals(kind)).forEach(found::add);
        assertThat(found).as(r.raw()).hasSize(1);
        return found.get(0);
    }

    /**
     * Fault: the reminder of instalment 1 (written 03-17, 3 days before 03-20) waited for an address; the customer paid
     * the 333.34 on 03-18; the address entered on 03-19 sent "instalment 1 ... is due on 2026-03-20" for a paid
     * instalment. Now it is CANCELLED with the reason and not sent.
     */
    @Test
    void anInstalmentReminderOfAnInstalmentPaidMeanwhileIsNotSent() {
        String number = planOnAnInvoiceOfACustomerWithoutEmail();
        clockAt(3, 17, 10);
        runJobs(number);
        assertThat(message(number, "INSTALMENT_REMINDER").path("status").asText()).isEqualTo("PENDING");

        clockAt(3, 18, 10);
        pay(number, "333.34", LocalDate.of(2026, 3, 18));

        clockAt(3, 19, 10);
        correctEmail(customerOf(number), "ap-" + number + "@example.com");
        List<String> sent = dispatch();

        assertThat(sent).noneMatch(m -> m.startsWith("Instalment 1 of invoice " + number));
        JsonNode reminder = message(number, "INSTALMENT_REMINDER");
        assertThat(reminder.path("status").asText()).isEqualTo("CANCELLED");
        assertThat(reminder.path("reason").asText()).contains("paid");
    }

    /**
     * Fault: the payment demand of 03-25 (instalment 1 unpaid: 333.34, to be paid by 04-04) waited for an address; the
     * customer paid 200.00 on 03-26; the address entered on 03-27 sent the demand for CNY 333.34. By hand: 333.34 -
     * 200.00 = 133.34 unpaid on 03-27; the period runs from the day it goes out: 03-27 + 10 days = 2026-04-06.
     */
    @Test
    void aPaymentDemandThatWaitedForAnAddressStatesWhatIsUnpaidTheDayItGoesOut() {
        String number = planOnAnInvoiceOfACustomerWithoutEmail();
        clockAt(3, 25, 9);
        runJobs(number);
        assertThat(message(number, "AGREEMENT_DEMAND").path("body").asText()).contains("CNY 333.34 is unpaid");

        clockAt(3, 26, 10);
        pay(number, "200.00", LocalDate.of(2026, 3, 26));

        clockAt(3, 27, 10);
        correctEmail(customerOf(number), "ap-" + number + "@example.com");
        List<String> sent = dispatch();

        assertThat(sent).filteredOn(m -> m.startsWith("Payment demand: instalments of invoice " + number))
            .singleElement().satisfies(m -> assertThat(m)
                .contains("CNY 133.34 is unpaid. Please pay it by 2026-04-06").doesNotContain("333.34"));
        JsonNode demand = message(number, "AGREEMENT_DEMAND");
        assertThat(demand.path("status").asText()).isEqualTo("SENT");
        assertThat(demand.path("body").asText()).contains("CNY 133.34 is unpaid");
    }

    private String agreementStatus(String number) {
        return jdbc.sql("SELECT status FROM agreements WHERE invoice_number = ? ORDER BY id DESC").param(number)
            .query(String.class).list().get(0);
    }

    private String demandUntil(String number) {
        return get(COLLECTOR, "/api/invoices/" + number).body().path("agreement").path("demandUntil").asText();
    }

    /**
     * Fault (DOMAIN.md 5, art. 634): the demand written on Wed 03-25 (period "until 04-04") waited for an address and
     * went out on Mon 03-30, still saying 04-04 and checked on 04-09 as if it had gone out on 03-25: the customer had 5
     * of the 10 days. Now its period runs from 03-30: by hand 03-30 + 10 = Thu 04-09; the check is the morning after
     * the two grace working days (CN): Fri 04-10, Mon 04-13, so Tue 04-14 09:00. Not accelerated on 04-09 nor at
     * 04-14 08:00; accelerated at 04-14 09:00 (nothing paid).
     */
    @Test
    void aDemandThatWentOutLateGivesItsFullPeriodFromTheDayItWentOut() {
        String number = planOnAnInvoiceOfACustomerWithoutEmail();
        clockAt(3, 25, 9);
        runJobs(number);
        assertThat(message(number, "AGREEMENT_DEMAND").path("status").asText()).isEqualTo("PENDING");

        clockAt(3, 30, 10);
        correctEmail(customerOf(number), "ap-" + number + "@example.com");
        assertThat(dispatch()).filteredOn(m -> m.startsWith("Payment demand: instalments of invoice " + number))
            .singleElement().satisfies(m -> assertThat(m).contains("CNY 333.34 is unpaid. Please pay it by 2026-04-09"));
        assertThat(demandUntil(number)).isEqualTo("2026-04-09");

        clockAt(4, 9, 10);
        runJobs(number);
        assertThat(agreementStatus(number)).isEqualTo("ACTIVE");
        clockAt(4, 14, 8);
        runJobs(number);
        assertThat(agreementStatus(number)).isEqualTo("ACTIVE");
        assertThat(count("SELECT COUNT(*) FROM outbox WHERE invoice_number = ? AND kind = 'AGREEMENT_ACCELERATED'",
            number)).isZero();

        clockAt(4, 14, 9);
        runJobs(number);
        assertThat(agreementStatus(number)).isEqualTo("ACCELERATED");
    }

    /**
     * Fault: a demand that never went out (no e-mail address) led to acceleration on Thu 04-09 09:00 (written 03-25,
     * + 10 = Sat 04-04; grace: 04-04..04-06 Qingming, Tue 04-07, Wed 04-08; the morning after). Now the plan waits
     * (the collector has the "No e-mail address" task): still ACTIVE on 04-16, the demand PENDING. The address entered
     * on Thu 04-16 sends it: period until 04-26 (Sun); grace Mon 04-27, Tue 04-28; checked Wed 04-29 09:00.
     */
    @Test
    void aDemandThatHasNotGoneOutNeverLeadsToAcceleration() {
        String number = planOnAnInvoiceOfACustomerWithoutEmail();
        clockAt(3, 25, 9);
        runJobs(number);

        clockAt(4, 16, 9);
        runJobs(number);
        assertThat(agreementStatus(number)).isEqualTo("ACTIVE");
        assertThat(message(number, "AGREEMENT_DEMAND").path("status").asText()).isEqualTo("PENDING");
        assertThat(count("SELECT COUNT(*) FROM outbox WHERE invoice_number = ? AND kind = 'AGREEMENT_ACCELERATED'",
            number)).isZero();

        clockAt(4, 16, 10);
        correctEmail(customerOf(number), "ap-" + number + "@example.com");
        assertThat(dispatch()).filteredOn(m -> m.startsWith("Payment demand: instalments of invoice " + number))
            .singleElement().satisfies(m -> assertThat(m).contains("Please pay it by 2026-04-26"));

        clockAt(4, 29, 8);
        runJobs(number);
        assertThat(agreementStatus(number)).isEqualTo("ACTIVE");
        clockAt(4, 29, 9);
        runJobs(number);
        assertThat(agreementStatus(number)).isEqualTo("ACCELERATED");
    }
}
