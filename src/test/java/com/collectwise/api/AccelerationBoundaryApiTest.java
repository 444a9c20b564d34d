package com.collectwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.collectwise.kernel.CaseVariables;

/**
 * Acceleration (DOMAIN.md 5, Civil Code art. 634) at its boundary over HTTP: a demand when the unpaid instalments
 * reach one fifth of the plan's total, none one cent below; the demand period is 10 days. 1,000.00 CNY due
 * 2026-03-03 at a contract 12%, registered 03-05; a plan of three instalments whose total covers the interest to
 * its last instalment, paid as agreed (the last instalment is read from the 400 that names it). 203.56 on 03-20,
 * 400.41 on 04-20:
 * <pre>
 *   03-04..03-20 17 days: 1,000.00 x 12 x 17 / 36,500 = 5.5890411; accrued 5.59, principal 197.97 -> 802.03
 *   03-21..04-20 31 days:   802.03 x 12 x 31 / 36,500 = 8.1741140; accrued 13.7631551 -> 13.76, interest 8.17,
 *                                                                   principal 392.24 -> 409.79
 *   04-21..05-20 30 days:   409.79 x 12 x 30 / 36,500 = 4.0417644; accrued 17.8049195 -> 17.80
 *   last 409.79 + 17.80 - 13.76 = 413.83; total 203.56 + 400.41 + 413.83 = 1,017.80, one fifth exactly 203.56
 * </pre>
 * With 203.55 first the principal is a cent higher from 03-21: total 1,017.81, one fifth 203.562. Nothing is paid;
 * the first instalment's check runs on 03-25 at 09:00.
 */
class AccelerationBoundaryApiTest extends ApiTestSupport {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final Pattern LAST = Pattern.compile("last instalment ([0-9.]+) CNY");
    static final Pattern TOTAL = Pattern.compile("must total exactly ([0-9.]+) CNY");

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

    private static Map<String, Object> plan(String first, String second, String last) {
        return Map.of("instalments", List.of(Map.of("dueDate", "2026-03-20", "amount", first),
            Map.of("dueDate", "2026-04-20", "amount", second), Map.of("dueDate", "2026-05-20", "amount", last)),
            "note", "asked on the phone");
    }

    /** A plan whose first instalment is {@code first}, 400.41 the second; the last is what the 400 names. */
    private String invoiceWithPlan(String first, String expectedTotal) {
        clockAt(3, 5, 10);
        String number = unique("INV");
        Response r = post(INTEGRATION, "/api/invoices", Map.of("invoiceNumber", number, "customerId", createCustomer(),
            "issueDate", "2026-02-01", "dueDate", "2026-03-03", "amount", "1000.00", "currency", "CNY",
            "contractInterestRatePercent", "12"));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        runJobs(number);
        Response guess = post(COLLECTOR, "/api/invoices/" + number + "/agreements", plan(first, "400.41", "400.00"));
        assertProblem(guess, 400);
        Matcher total = TOTAL.matcher(guess.raw());
        assertThat(total.find()).as(guess.raw()).isTrue();
        assertThat(total.group(1)).isEqualTo(expectedTotal);
        Matcher last = LAST.matcher(guess.raw());
        assertThat(last.find()).as(guess.raw()).isTrue();
        Response agreed = post(COLLECTOR, "/api/invoices/" + number + "/agreements",
            plan(first, "400.41", last.group(1)));
        assertThat(agreed.status()).as(agreed.raw()).isEqualTo(201);
        assertThat(agreed.body().path("total").decimalValue()).isEqualByComparingTo(expectedTotal);
        runJobs(number);
        return number;
    }

    private int demands(String number) {
        return count("SELECT COUNT(*) FROM outbox WHERE invoice_number = ? AND kind = 'AGREEMENT_DEMAND'", number);
    }

    /** 203.56 unpaid = 1,017.80 / 5 exactly: a demand, its period until 03-25 + 10 days = 04-04. */
    @Test
    void unpaidInstalmentsOfExactlyAFifthOfTheTotalCallForADemand() {
        String number = invoiceWithPlan("203.56", "1017.80");
        clockAt(3, 25, 9);
        runJobs(number);
        assertThat(demands(number)).isEqualTo(1);
        assertThat(get(COLLECTOR, "/api/invoices/" + number).body().path("agreement").path("demandUntil").asText())
            .isEqualTo("2026-04-04");
    }

    /** 203.55 unpaid, below the fifth 203.562 (1,017.81 / 5): the customer is behind, no demand; the plan goes on. */
    @Test
    void oneCentBelowAFifthSendsNoDemand() {
        String number = invoiceWithPlan("203.55", "1017.81");
        clockAt(3, 25, 9);
        runJobs(number);
        assertThat(demands(number)).isZero();
        assertThat(jdbc.sql("SELECT status FROM agreements WHERE invoice_number = ? ORDER BY id DESC").param(number)
            .query(String.class).list().get(0)).isEqualTo("ACTIVE");
    }
}
