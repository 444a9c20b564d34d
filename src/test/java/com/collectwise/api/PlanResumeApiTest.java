package com.collectwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.collectwise.kernel.CaseVariables;

/**
 * An accelerated plan resumes the case where it was paused (DOMAIN.md 5), its later stage deadlines moved by the
 * pause in whole days so that they still fall due at 09:00 like every stage deadline (CollectionPlanner). 2,400.00
 * CNY issued 02-01, due 03-03, statutory interest (term 30 days: formal demand D+10 = 03-13, field visit D+20 = 03-23, agency D+60 =
 * 05-02, each at 09:00), no contract rate. Registered 03-05 at 10:00 (internal reminder); a plan agreed then at
 * 14:00 for 03-20, 04-20, 05-20; nothing is ever paid: demand on 03-25 until 04-04, acceleration on 04-09 at 09:00
 * (04-04 + 2 working days of the CN calendar, Qingming 04-04..06 off: 04-07, 04-08). The pause ran from 03-05
 * (14:00) to 04-09: 35 days of the calendar; formal demand 04-17 09:00, field visit 04-27 09:00, agency 06-06 09:00.
 * Before: moved by the exact 34 days 19 hours, 04-17 04:00 (quiet hours) and so on.
 */
class PlanResumeApiTest extends ApiTestSupport {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final Pattern LAST = Pattern.compile("last instalment ([0-9.]+) ");

    @Autowired
    HistoryService history;

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
                dispatchMail(); // the demand's period runs from the day it goes out
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

    private ZonedDateTime planned(String number, String field) throws Exception {
        var instance = runtime.createProcessInstanceQuery().processDefinitionKey(CaseVariables.PROCESS_COLLECTION)
            .processInstanceBusinessKey(number).singleResult();
        String plan = (String) runtime.getVariable(instance.getId(), CaseVariables.CASE_PLAN);
        return OffsetDateTime.parse(json.readTree(plan).path(field).asText()).atZoneSameInstant(ZONE);
    }

    @Test
    void anAcceleratedPlanResumesTheCaseWithItsDeadlinesAtNine() throws Exception {
        clockAt(3, 5, 10);
        String number = unique("INV");
        Response r = post(INTEGRATION, "/api/invoices", Map.of("invoiceNumber", number, "customerId", createCustomerWithEmail(),
            "issueDate", "2026-02-01", "dueDate", "2026-03-03", "amount", "2400.00", "currency", "CNY"));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        runJobs(number);
        assertThat(planned(number, "formalDemandAt")).isEqualTo(ZonedDateTime.of(2026, 3, 13, 9, 0, 0, 0, ZONE));

        clockAt(3, 5, 14);
        Response guess = post(COLLECTOR, "/api/invoices/" + number + "/agreements", plan("800.00", "800.00", "700.00"));
        assertProblem(guess, 400);
        Matcher last = LAST.matcher(guess.raw());
        assertThat(last.find()).as(guess.raw()).isTrue();
        // the last instalment with the statutory interest (LPR 3.00% x 1.5) up to 05-20, as the 400 names it
        Response agreed = post(COLLECTOR, "/api/invoices/" + number + "/agreements",
            plan("800.00", "800.00", last.group(1)));
        assertThat(agreed.status()).as(agreed.raw()).isEqualTo(201);
        runJobs(number);

        clockAt(3, 25, 9);
        runJobs(number);
        clockAt(4, 9, 9);
        runJobs(number);
        assertThat(jdbc.sql("SELECT status FROM agreements WHERE invoice_number = ?").param(number)
            .query(String.class).single()).isEqualTo("ACCELERATED");
        assertThat(get(COLLECTOR, "/api/invoices/" + number).body().path("stage").asText())
            .isEqualTo("INTERNAL_REMINDER");

        assertThat(planned(number, "formalDemandAt")).isEqualTo(ZonedDateTime.of(2026, 4, 17, 9, 0, 0, 0, ZONE));
        assertThat(planned(number, "fieldVisitAt")).isEqualTo(ZonedDateTime.of(2026, 4, 27, 9, 0, 0, 0, ZONE));
        assertThat(planned(number, "agencyAt")).isEqualTo(ZonedDateTime.of(2026, 6, 6, 9, 0, 0, 0, ZONE));
        // the formal demand comes at 09:00 on 04-17, not before
        clockAt(4, 17, 8);
        runJobs(number);
        assertThat(get(COLLECTOR, "/api/invoices/" + number).body().path("stage").asText())
            .isEqualTo("INTERNAL_REMINDER");
        clockAt(4, 17, 9);
        runJobs(number);
        assertThat(get(COLLECTOR, "/api/invoices/" + number).body().path("stage").asText())
            .isEqualTo("FORMAL_DEMAND");
    }

    /**
     * Instalments are ordinary expected payments (DOMAIN.md 5) and money beyond one pays the next: the same plan, the
     * customer, reminded of instalment 1 on 03-17, pays 1,600.00 on 03-20, the first two instalments at once. The check of 03-25 finds nothing unpaid (no
     * demand), the reminder of instalment 2 (04-17, 3 days before 04-20) is not sent, its check on 04-23 finds it paid:
     * no demand, the plan waits for the last instalment; no "why not in full?" task at any time.
     */
    @Test
    void moneyBeyondAnInstalmentPaysTheNextOnes() {
        clockAt(3, 5, 10);
        String number = unique("INV");
        Response r = post(INTEGRATION, "/api/invoices", Map.of("invoiceNumber", number, "customerId", createCustomerWithEmail(),
            "issueDate", "2026-02-01", "dueDate", "2026-03-03", "amount", "2400.00", "currency", "CNY"));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        runJobs(number);
        Response guess = post(COLLECTOR, "/api/invoices/" + number + "/agreements", plan("800.00", "800.00", "700.00"));
        Matcher last = LAST.matcher(guess.raw());
        assertThat(last.find()).as(guess.raw()).isTrue();
        Response agreed = post(COLLECTOR, "/api/invoices/" + number + "/agreements",
            plan("800.00", "800.00", last.group(1)));
        assertThat(agreed.status()).as(agreed.raw()).isEqualTo(201);
        runJobs(number);

        clockAt(3, 17, 9);
        runJobs(number);
        clockAt(3, 20, 15);
        Response paid = post(INTEGRATION, "/api/payments", Map.of("paymentReference", unique("PAY"), "invoiceNumber",
            number, "amount", "1600.00", "currency", "CNY", "receivedOn", "2026-03-20", "method", "BANK_TRANSFER"));
        assertThat(paid.status()).as(paid.raw()).isEqualTo(201);
        runJobs(number);
        for (int[] at : new int[][] {{3, 25}, {4, 17}, {4, 23}}) {
            clockAt(at[0], at[1], 9);
            runJobs(number);
        }
        assertThat(count("SELECT COUNT(*) FROM outbox WHERE invoice_number = ? AND kind = 'AGREEMENT_DEMAND'", number))
            .isZero();
        assertThat(count("SELECT COUNT(*) FROM outbox WHERE invoice_number = ? AND kind = 'INSTALMENT_REMINDER'",
            number)).as("the reminders of instalments 1 and 2: 1 before the payment (03-17), none for 2").isEqualTo(1);
        assertThat(jdbc.sql("SELECT status FROM agreements WHERE invoice_number = ?").param(number)
            .query(String.class).single()).isEqualTo("ACTIVE");
        var plan = runtime.createProcessInstanceQuery().processDefinitionKey(CaseVariables.PROCESS_INSTALMENT_AGREEMENT)
            .processInstanceBusinessKey(number).singleResult();
        assertThat(runtime.getVariable(plan.getId(), CaseVariables.CURRENT_INSTALMENT)).isEqualTo(3);
        assertThat(history.createHistoricTaskInstanceQuery().processInstanceBusinessKey(number)
            .taskDefinitionKey("Task_ClarifyPartialPayment").count()).isZero();
    }
}
