package com.collectwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.collectwise.kernel.CaseVariables;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * GET /api/invoices/{n}?asOf=D over HTTP: the disputes, promises, plans and status as they stood on D, not as
 * they are today (DESIGN.md: "a statement as of a date counts only what happened on or before that date").
 */
public class CaseViewAsOfApiTest extends ApiTestSupport {

    private Response view(String number, LocalDate asOf) {
        Response r = get(INTEGRATION, "/api/invoices/" + number + "?asOf=" + asOf);
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r;
    }

    private Timestamp daysAgo(int days) {
        return Timestamp.from(clock.now().minus(days, ChronoUnit.DAYS));
    }

    @Test
    void aDisputeRaisedOrDecidedAfterTheDateIsShownAsItWasThen() {
        String number = createInvoice(createCustomer(), "1000.00");
        Response raised = post(COLLECTOR, "/api/invoices/" + number + "/disputes",
            Map.of("category", "QUALITY", "amount", "250.00", "description", "two pallets damaged"));
        assertThat(raised.status()).as(raised.raw()).isEqualTo(201);

        // raised today: not there yesterday
        Response yesterday = view(number, today().minusDays(1));
        assertThat(yesterday.body().path("disputes")).isEmpty();
        assertThat(yesterday.body().path("disputed").decimalValue()).isEqualByComparingTo("0");
        assertThat(view(number, today()).body().path("disputed").decimalValue()).isEqualByComparingTo("250.00");

        // the same dispute, had it been raised 10 days ago and rejected 3 days ago
        jdbc.sql("UPDATE disputes SET raised_at = ?, status = 'REJECTED', resolution = 'no damage found',"
                + " resolved_by = 'apisupervisor', resolved_at = ? WHERE invoice_number = ?")
            .params(daysAgo(10), daysAgo(3), number).update();
        Response open = view(number, today().minusDays(5));
        assertThat(open.body().path("disputes")).hasSize(1);
        assertThat(open.body().path("disputes").get(0).path("status").asText()).isEqualTo("OPEN");
        assertThat(open.body().path("disputes").get(0).path("resolution").asText(""))
            .as("not decided yet: no resolution").isIn("", "null");
        assertThat(open.body().path("disputed").decimalValue()).isEqualByComparingTo("250.00");
        Response decided = view(number, today());
        assertThat(decided.body().path("disputes").get(0).path("status").asText()).isEqualTo("REJECTED");
        assertThat(decided.body().path("disputed").decimalValue()).isEqualByComparingTo("0");
    }

    @Test
    void aPromiseDecidedAfterTheDateIsStillOpenOnIt() {
        String customer = createCustomer();
        String number = createInvoice(customer, "1000.00");
        Response made = post(COLLECTOR, "/api/invoices/" + number + "/promises",
            Map.of("amount", "400.00", "promisedDate", today().plusDays(5).toString(), "note", "portal"));
        assertThat(made.status()).as(made.raw()).isEqualTo(201);
        assertThat(view(number, today().minusDays(1)).body().path("promises")).isEmpty();

        // had it been made 10 days ago and found broken 3 days ago
        jdbc.sql("UPDATE promises SET created_at = ?, status = 'BROKEN', resolved_at = ? WHERE invoice_number = ?")
            .params(daysAgo(10), daysAgo(3), number).update();
        Response then = view(number, today().minusDays(5));
        assertThat(then.body().path("promises")).hasSize(1);
        assertThat(then.body().path("promises").get(0).path("status").asText()).isEqualTo("OPEN");
        assertThat(then.body().path("promisesBroken").asInt()).isZero();
        Response now = view(number, today());
        assertThat(now.body().path("promises").get(0).path("status").asText()).isEqualTo("BROKEN");
        assertThat(now.body().path("promisesBroken").asInt()).isEqualTo(1);
    }

    @Test
    void aPlanIsShownOnlyFromItsProposalAndKeptOnlyFromItsEnd() {
        String number = createInvoice(createCustomer(), "1000.00");
        Response made = post(COLLECTOR, "/api/invoices/" + number + "/agreements", Map.of("instalments", List.of(
            Map.of("dueDate", today().plusDays(10).toString(), "amount", "500.00"),
            Map.of("dueDate", today().plusDays(20).toString(), "amount", "500.00")), "note", "portal"));
        assertThat(made.status()).as(made.raw()).isEqualTo(201);
        assertThat(view(number, today().minusDays(1)).body().path("agreement").isNull()).isTrue();

        // had it been proposed 10 days ago and kept 3 days ago
        jdbc.sql("UPDATE agreements SET created_at = ?, status = 'KEPT', resolved_at = ? WHERE invoice_number = ?")
            .params(daysAgo(10), daysAgo(3), number).update();
        assertThat(view(number, today().minusDays(11)).body().path("agreement").isNull()).isTrue();
        assertThat(view(number, today().minusDays(5)).body().path("agreement").path("status").asText())
            .isEqualTo("ACTIVE");
        assertThat(view(number, today()).body().path("agreement").path("status").asText()).isEqualTo("KEPT");
    }

    /**
     * A plan above the CNY 10,000 approval limit proposed on 06-01 and approved by a supervisor on 06-03: as of 06-01
     * and 06-02 it was PROPOSED and nobody had approved it; from 06-03 it is ACTIVE with its approver.
     */
    @Test
    void aPlanApprovedAfterTheDateWasProposedAndUnapprovedOnIt() {
        LocalDate proposed = LocalDate.of(2026, 6, 1);
        clockAt(proposed);
        // not due before 07-01: the two instalments before it owe no interest, the plan's total is the amount
        String number = createInvoice(createCustomer(), "12000.00", "CNY", proposed.minusDays(30), proposed.plusDays(30));
        Response made = post(COLLECTOR, "/api/invoices/" + number + "/agreements", Map.of("instalments", List.of(
            Map.of("dueDate", proposed.plusDays(10).toString(), "amount", "6000.00"),
            Map.of("dueDate", proposed.plusDays(20).toString(), "amount", "6000.00")), "note", "portal"));
        assertThat(made.status()).as(made.raw()).isEqualTo(201);
        runJobsOfCaseAndPlan(number);
        Task approval = tasks.createTaskQuery().processInstanceBusinessKey(number)
            .taskDefinitionKey("Task_ApproveAgreement").singleResult();
        assertThat(approval).as("above CNY 10,000: a supervisor approves").isNotNull();

        clockAt(proposed.plusDays(2));
        identity.setAuthentication(SUPERVISOR, List.of("supervisors"));
        try {
            tasks.complete(approval.getId(), Map.of(CaseVariables.AGREEMENT_DECISION, "APPROVE",
                CaseVariables.DECISION_REASON, "reliable payer"));
        } finally {
            identity.clearAuthentication();
        }
        runJobsOfCaseAndPlan(number);
        JsonNode now = view(number, proposed.plusDays(2)).body().path("agreement");
        assertThat(now.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(now.path("approvedBy").asText()).isEqualTo(SUPERVISOR);

        for (LocalDate before : List.of(proposed, proposed.plusDays(1))) {
            JsonNode then = view(number, before).body().path("agreement");
            assertThat(then.path("status").asText()).as("as of " + before).isEqualTo("PROPOSED");
            assertThat(then.path("approvedBy").asText("")).as("as of " + before).isIn("", "null");
        }
    }

    @Autowired
    TaskService tasks;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    private void clockAt(LocalDate day) {
        ClockUtil.setCurrentTime(Date.from(ZonedDateTime.of(day.atTime(10, 0), ZoneId.of("Asia/Shanghai")).toInstant()));
    }

    /** What the job executor would run by now, for the case and the plan it calls. */
    private void runJobsOfCaseAndPlan(String number) {
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

    @Test
    void aCaseSettledTodayWasOpenYesterday() {
        String number = createInvoice(createCustomer(), "1000.00");
        Response paid = post(INTEGRATION, "/api/payments", Map.of("paymentReference", unique("PAY"),
            "invoiceNumber", number, "amount", "1000.00", "currency", "CNY", "receivedOn", today().toString(),
            "method", "BANK_TRANSFER"));
        assertThat(paid.status()).as(paid.raw()).isEqualTo(201);
        runDueJobsOfCase(number);

        assertThat(view(number, today()).body().path("status").asText()).isEqualTo("SETTLED");
        Response yesterday = view(number, today().minusDays(1));
        assertThat(yesterday.body().path("status").asText()).isEqualTo("OPEN");
        assertThat(yesterday.body().path("outstanding").path("total").decimalValue()).isEqualByComparingTo("1000.00");
    }
}
