package com.collectwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

import com.collectwise.kernel.BusinessCalendar;
import com.collectwise.kernel.CaseVariables;

/**
 * Service levels counted in working days (DOMAIN.md 3 and 5: dispute 10 working days, visit 10 working days) follow
 * the calendar as it is when they end, not as it was when they were set: a year loaded, or reloaded with other days,
 * after the deadline was planned moves the deadline (the task's due date and its timer). The scenarios use CN 2027,
 * which V17 does not ship (until loaded: Monday to Friday minus the general holidays table, i.e. minus 1 January),
 * and remove what they load.
 */
class WorkingDayDeadlinesApiTest extends ApiTestSupport {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Autowired
    BusinessCalendar calendar;

    @Autowired
    TaskService tasks;

    @AfterEach
    void cleanUp() {
        ClockUtil.reset();
        jdbc.sql("DELETE FROM ACT_RU_JOB WHERE HANDLER_TYPE_ = 'collectwise-calendar-recount'").update();
        jdbc.sql("DELETE FROM calendar_days WHERE country = 'CN' AND calendar_date >= DATE '2027-01-01'").update();
        jdbc.sql("DELETE FROM calendar_years WHERE country = 'CN' AND cal_year >= 2027").update();
        calendar.invalidateAll();
    }

    private static ZonedDateTime at(int y, int m, int d, int hour, int minute) {
        return ZonedDateTime.of(y, m, d, hour, minute, 0, 0, SHANGHAI);
    }

    private static void clockAt(ZonedDateTime t) {
        ClockUtil.setCurrentTime(Date.from(t.toInstant()));
    }

    private Response putCalendar(int year, Map<String, Object> body) {
        return exchange(SUPERVISOR, HttpMethod.PUT, "/api/calendar/" + year, body, MediaType.APPLICATION_JSON);
    }

    private String register(String customerId, LocalDate due, int term, String amount) {
        String number = unique("INV");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("invoiceNumber", number);
        body.put("customerId", customerId);
        body.put("issueDate", due.minusDays(term).toString());
        body.put("dueDate", due.toString());
        body.put("amount", amount);
        body.put("currency", "CNY");
        Response r = post(INTEGRATION, "/api/invoices", body);
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return number;
    }

    private ProcessInstance disputeProcess(String number) {
        ProcessInstance collection = runtime.createProcessInstanceQuery()
            .processDefinitionKey(CaseVariables.PROCESS_COLLECTION).processInstanceBusinessKey(number).singleResult();
        List<ProcessInstance> disputes = runtime.createProcessInstanceQuery().processDefinitionKey("Process_Dispute")
            .superProcessInstanceId(collection.getId()).list();
        assertThat(disputes).hasSize(1);
        return disputes.get(0);
    }

    /** Runs what is due now in the dispute's process (the job executor is off in tests). */
    private void runDueJobsOfDispute(ProcessInstance dispute) {
        for (Job job : management.createJobQuery().processInstanceId(dispute.getId()).executable().list()) {
            management.executeJob(job.getId());
        }
    }

    private Task openTask(String processInstanceId, String key) {
        return tasks.createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey(key).singleResult();
    }

    /**
     * A dispute raised on Thursday 24 December 2026 (the 2026 calendar is loaded, 25 December is a working day in
     * China). Ten working days counted from the next day, with 2027 not loaded (1 January off, Monday to Friday):
     * 25, 28, 29, 30, 31 December (5), 4, 5, 6, 7, 8 January (10): due Friday 8 January 2027 at 18:00.
     *
     * <p>The supervisors then load 2027 (test dates, not the State Council's): 1-4 January off (Monday the 4th
     * included) and Sunday 10 January worked. Counted again: 25-31 December (5), 5, 6, 7, 8 January (9), Sunday 10
     * January (10): due Sunday 10 January 2027 at 18:00. Before the fix the task kept 8 January and the timer sent
     * the dispute to the supervisor on 8 January at 18:00, two calendar days (one working day) early.
     *
     * <p>Reloaded with only 1 January off and no make-up day: 25-31 December (5), 4-8 January (10): 8 January again.
     */
    @Test
    void aDisputeServiceLevelFollowsAYearLoadedAfterItWasSet() {
        clockAt(at(2026, 12, 24, 10, 0));
        String customerId = createCustomer();
        String number = register(customerId, LocalDate.of(2026, 12, 10), 30, "6000.00");
        runDueJobsOfCase(number);
        Response raised = post(COLLECTOR, "/api/invoices/" + number + "/disputes",
            Map.of("category", "QUALITY", "amount", "1000.00", "description", "scratched panels"));
        assertThat(raised.status()).as(raised.raw()).isEqualTo(201);
        runDueJobsOfCase(number);
        ProcessInstance dispute = disputeProcess(number);
        runDueJobsOfDispute(dispute);
        Task resolve = openTask(dispute.getId(), "Task_ResolveDispute");
        assertThat(resolve.getDueDate().toInstant()).isEqualTo(at(2027, 1, 8, 18, 0).toInstant());

        Response loaded = putCalendar(2027, Map.of("holidays", List.of("2027-01-01", "2027-01-02", "2027-01-03",
            "2027-01-04"), "workingWeekends", List.of("2027-01-10"), "source", "test"));
        assertThat(loaded.status()).as(loaded.raw()).isEqualTo(200);

        assertThat(openTask(dispute.getId(), "Task_ResolveDispute").getDueDate().toInstant())
            .as("the task's due date moved with the calendar").isEqualTo(at(2027, 1, 10, 18, 0).toInstant());
        Job sla = management.createJobQuery().processInstanceId(dispute.getId()).activityId("Timer_DisputeSlaExpired")
            .singleResult();
        assertThat(sla.getDuedate().toInstant()).isEqualTo(at(2027, 1, 10, 18, 0).toInstant());
        assertThat(runtime.getVariable(dispute.getId(), CaseVariables.DISPUTE_SLA))
            .isEqualTo("2027-01-10T18:00:00+08:00");

        clockAt(at(2027, 1, 8, 18, 30));
        runDueJobsOfDispute(dispute);
        assertThat(openTask(dispute.getId(), "Task_ResolveDispute")).as("still within the service level").isNotNull();
        assertThat(openTask(dispute.getId(), "Task_DecideOverdueDispute")).isNull();

        // reloaded before the end: back to 8 January, which has passed, so the timer is due now
        Response reloaded = putCalendar(2027, Map.of("holidays", List.of("2027-01-01"), "source", "test"));
        assertThat(reloaded.status()).as(reloaded.raw()).isEqualTo(200);
        assertThat(openTask(dispute.getId(), "Task_ResolveDispute").getDueDate().toInstant())
            .isEqualTo(at(2027, 1, 8, 18, 0).toInstant());
        runDueJobsOfDispute(dispute);
        assertThat(openTask(dispute.getId(), "Task_DecideOverdueDispute")).as("the supervisor decides now").isNotNull();
    }

    /**
     * A customer visit planned on Monday 21 December 2026: ten working days from the next day, 2027 not loaded:
     * 22, 23, 24, 25, 28, 29, 30, 31 December (8), 4, 5 January (10): due Tuesday 5 January 2027 at 18:00. Loaded
     * with Saturday 2 January 2027 worked (a test make-up day) the tenth working day is Monday 4 January: 22-31
     * December (8), Saturday 2 January (9), Monday 4 January (10).
     */
    @Test
    void aVisitServiceLevelFollowsAMakeUpDayLoadedAfterItWasSet() {
        // due 27 November 2026, 30-day terms: the visit stage begins at D + 10 + 10 = 17 December; registered on
        // 21 December at 10:00 the case starts at the visit (D+24, agency at D+60)
        clockAt(at(2026, 12, 21, 10, 0));
        String customerId = createCustomer();
        String number = register(customerId, LocalDate.of(2026, 11, 27), 30, "8000.00");
        runDueJobsOfCase(number);
        ProcessInstance pi = runtime.createProcessInstanceQuery().processDefinitionKey(CaseVariables.PROCESS_COLLECTION)
            .processInstanceBusinessKey(number).singleResult();
        Task visit = openTask(pi.getId(), "Task_VisitCustomer");
        assertThat(visit).as("the policy sends a field collector to a domestic customer in CN").isNotNull();
        assertThat(visit.getDueDate().toInstant()).isEqualTo(at(2027, 1, 5, 18, 0).toInstant());

        Response loaded = putCalendar(2027, Map.of("holidays", List.of("2027-01-01"),
            "workingWeekends", List.of("2027-01-02"), "source", "test"));
        assertThat(loaded.status()).as(loaded.raw()).isEqualTo(200);

        assertThat(openTask(pi.getId(), "Task_VisitCustomer").getDueDate().toInstant())
            .isEqualTo(at(2027, 1, 4, 18, 0).toInstant());
        Job sla = management.createJobQuery().processInstanceId(pi.getId()).activityId("Timer_VisitSlaExpired")
            .singleResult();
        assertThat(sla.getDuedate().toInstant()).isEqualTo(at(2027, 1, 4, 18, 0).toInstant());
    }

    /**
     * An unanswered call on Thursday 31 December 2026 at 16:00 (invoice due the day before, first call that day):
     * the next call is at 15:30 on the next working day. 2027 not loaded: Friday 1 January is off (general holidays
     * table), so Monday 4 January. 2027 then loaded with 1 January and (test) Monday 4 January off: Tuesday 5 January
     * 15:30. Before the fix the timer stayed at Monday 4 January 15:30, a holiday.
     */
    @Test
    void theNextCallFollowsAYearLoadedAfterItWasPlanned() {
        clockAt(at(2026, 12, 31, 16, 0));
        String customerId = createCustomer();
        String number = register(customerId, LocalDate.of(2026, 12, 30), 30, "3000.00");
        runDueJobsOfCase(number);
        ProcessInstance pi = runtime.createProcessInstanceQuery().processDefinitionKey(CaseVariables.PROCESS_COLLECTION)
            .processInstanceBusinessKey(number).singleResult();
        Task call = openTask(pi.getId(), CaseVariables.TASK_CALL_CUSTOMER);
        assertThat(call).isNotNull();
        tasks.complete(call.getId(), Map.of(CaseVariables.CALL_OUTCOME, "NO_ANSWER"));
        runDueJobsOfCase(number);
        Job next = management.createJobQuery().processInstanceId(pi.getId()).activityId("Timer_NextCallDue")
            .singleResult();
        assertThat(next.getDuedate().toInstant()).isEqualTo(at(2027, 1, 4, 15, 30).toInstant());

        Response loaded = putCalendar(2027, Map.of("holidays", List.of("2027-01-01", "2027-01-04"), "source", "test"));
        assertThat(loaded.status()).as(loaded.raw()).isEqualTo(200);

        next = management.createJobQuery().processInstanceId(pi.getId()).activityId("Timer_NextCallDue")
            .singleResult();
        assertThat(next.getDuedate().toInstant()).isEqualTo(at(2027, 1, 5, 15, 30).toInstant());
        assertThat(runtime.getVariable(pi.getId(), CaseVariables.NEXT_CALL_AT)).isEqualTo("2027-01-05T15:30:00+08:00");
        clockAt(at(2027, 1, 5, 15, 30));
        runDueJobsOfCase(number);
        Task again = openTask(pi.getId(), CaseVariables.TASK_CALL_CUSTOMER);
        assertThat(again).isNotNull();
        assertThat(again.getFollowUpDate().toInstant()).isEqualTo(at(2027, 1, 5, 15, 30).toInstant());
    }

    private ProcessInstance caseOf(String number) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(CaseVariables.PROCESS_COLLECTION)
            .processInstanceBusinessKey(number).singleResult();
    }

    /**
     * A call task opened on Thursday 31 December 2026 at 16:00 (invoice due the day before): today's slot has passed,
     * so its follow-up is the slot of the next working day; 2027 not loaded (1 January off by the general holidays
     * table): Monday 4 January 2027 15:30. The supervisors then load 2027 with 1 and (test) 4 January off: the call
     * moves to Tuesday 5 January 15:30, its call day with it, so "My calls today" lists it on a working day. Before the
     * fix it kept Monday 4 January, a holiday. A second customer's call whose follow-up a collector set by hand to
     * Monday 4 January 10:00 stays where the collector put it.
     */
    @Test
    void anOpenCallOnADayThatBecomesAHolidayMovesToTheNextWorkingDaysSlot() {
        clockAt(at(2026, 12, 31, 16, 0));
        String customerId = createCustomer();
        String number = register(customerId, LocalDate.of(2026, 12, 30), 30, "3000.00");
        runDueJobsOfCase(number);
        String byHandCustomer = createCustomer();
        String byHandNumber = register(byHandCustomer, LocalDate.of(2026, 12, 30), 30, "2000.00");
        runDueJobsOfCase(byHandNumber);
        Task call = openTask(caseOf(number).getId(), CaseVariables.TASK_CALL_CUSTOMER);
        assertThat(call.getFollowUpDate().toInstant()).isEqualTo(at(2027, 1, 4, 15, 30).toInstant());
        Task byHand = openTask(caseOf(byHandNumber).getId(), CaseVariables.TASK_CALL_CUSTOMER);
        byHand.setFollowUpDate(Date.from(at(2027, 1, 4, 10, 0).toInstant()));
        tasks.saveTask(byHand);

        Response loaded = putCalendar(2027, Map.of("holidays", List.of("2027-01-01", "2027-01-04"), "source", "test"));
        assertThat(loaded.status()).as(loaded.raw()).isEqualTo(200);

        Task moved = openTask(caseOf(number).getId(), CaseVariables.TASK_CALL_CUSTOMER);
        assertThat(moved.getId()).isEqualTo(call.getId());
        assertThat(moved.getFollowUpDate().toInstant()).isEqualTo(at(2027, 1, 5, 15, 30).toInstant());
        assertThat(moved.getAssignee()).isEqualTo(COLLECTOR);
        assertThat(tasks.getVariableLocal(moved.getId(), "callDay")).isEqualTo("2027-01-05");
        assertThat(jdbc.sql("SELECT call_day FROM customer_call_days WHERE customer_id = ?").param(customerId)
            .query(java.sql.Date.class).list()).extracting(java.sql.Date::toLocalDate)
            .containsExactly(LocalDate.of(2027, 1, 5));
        assertThat(openTask(caseOf(byHandNumber).getId(), CaseVariables.TASK_CALL_CUSTOMER).getFollowUpDate()
            .toInstant()).as("set by hand: stays").isEqualTo(at(2027, 1, 4, 10, 0).toInstant());

        // loaded again with the same days: nothing moves a second time
        Response again = putCalendar(2027, Map.of("holidays", List.of("2027-01-01", "2027-01-04"), "source", "test"));
        assertThat(again.status()).as(again.raw()).isEqualTo(200);
        assertThat(openTask(caseOf(number).getId(), CaseVariables.TASK_CALL_CUSTOMER).getFollowUpDate().toInstant())
            .isEqualTo(at(2027, 1, 5, 15, 30).toInstant());
    }

    /**
     * An instalment plan agreed on Tuesday 29 December 2026: instalments of 500.00 on Thursday 31 December 2026 and
     * 15 January 2027 (invoice due 28 January 2027: no interest). The first instalment is judged the morning after two
     * working days of the customer's country (CN) for the bank feed: 2027 not loaded (1 January off): Monday 4 (1),
     * Tuesday 5 January (2): checked Wednesday 6 January at 09:00. The supervisors then load 2027 with 1, 4 and 5
     * January off (test dates): Wednesday 6 (1), Thursday 7 (2): checked Friday 8 January at 09:00. Before the fix the
     * check stayed on 6 January, when a payment made on the due date may not be posted yet (the feed's two working days
     * were a holiday).
     */
    @Test
    void anInstalmentCheckFollowsAYearLoadedAfterItWasSet() {
        clockAt(at(2026, 12, 29, 10, 0));
        String customerId = createCustomer();
        String number = register(customerId, LocalDate.of(2027, 1, 28), 30, "1000.00");
        runDueJobsOfCase(number);
        Response plan = post(INTEGRATION, "/api/invoices/" + number + "/agreements", Map.of("instalments",
            List.of(Map.of("dueDate", "2026-12-31", "amount", "500.00"), Map.of("dueDate", "2027-01-15",
                "amount", "500.00")), "note", "two halves"));
        assertThat(plan.status()).as(plan.raw()).isEqualTo(201);
        ProcessInstance agreement = null;
        for (int round = 0; round < 5; round++) {
            runDueJobsOfCase(number);
            agreement = runtime.createProcessInstanceQuery()
                .processDefinitionKey(CaseVariables.PROCESS_INSTALMENT_AGREEMENT)
                .superProcessInstanceId(caseOf(number).getId()).singleResult();
            for (Job job : management.createJobQuery().processInstanceId(agreement.getId()).executable().list()) {
                management.executeJob(job.getId());
            }
        }
        Job check = management.createJobQuery().processInstanceId(agreement.getId()).activityId("Timer_InstalmentDue")
            .singleResult();
        assertThat(check).as("the plan waits for the first instalment's check").isNotNull();
        assertThat(check.getDuedate().toInstant()).isEqualTo(at(2027, 1, 6, 9, 0).toInstant());

        Response loaded = putCalendar(2027, Map.of("holidays", List.of("2027-01-01", "2027-01-04", "2027-01-05"),
            "source", "test"));
        assertThat(loaded.status()).as(loaded.raw()).isEqualTo(200);

        check = management.createJobQuery().processInstanceId(agreement.getId()).activityId("Timer_InstalmentDue")
            .singleResult();
        assertThat(check.getDuedate().toInstant()).isEqualTo(at(2027, 1, 8, 9, 0).toInstant());
        assertThat(runtime.getVariable(agreement.getId(), CaseVariables.INSTALMENT_DUE_CHECK_AT))
            .isEqualTo("2027-01-08T09:00:00+08:00");
    }

    @Autowired
    com.collectwise.kernel.CalendarRecounts recounts;

    private List<String> recountJobs() {
        return jdbc.sql("SELECT ID_ FROM ACT_RU_JOB WHERE HANDLER_TYPE_ = 'collectwise-calendar-recount'")
            .query(String.class).list();
    }

    /** Runs the calendar recount's continuations as the job executor would, until none is left. */
    private int runRecountJobs() {
        int pages = 0;
        for (List<String> jobs = recountJobs(); !jobs.isEmpty(); jobs = recountJobs()) {
            jobs.forEach(management::executeJob);
            pages += jobs.size();
            assertThat(pages).as("the recount ends").isLessThan(100_000);
        }
        return pages;
    }

    /** Two unanswered calls on Thursday 31 December 2026 at 16:00: next calls at Monday 4 January 2027 15:30. */
    private List<String> twoNextCalls() {
        clockAt(at(2026, 12, 31, 16, 0));
        List<String> numbers = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String number = register(createCustomer(), LocalDate.of(2026, 12, 30), 30, "3000.00");
            runDueJobsOfCase(number);
            Task call = openTask(caseOf(number).getId(), CaseVariables.TASK_CALL_CUSTOMER);
            tasks.complete(call.getId(), Map.of(CaseVariables.CALL_OUTCOME, "NO_ANSWER"));
            runDueJobsOfCase(number);
            assertThat(nextCall(number).getDuedate().toInstant()).isEqualTo(at(2027, 1, 4, 15, 30).toInstant());
            numbers.add(number);
        }
        return numbers;
    }

    private Job nextCall(String number) {
        return management.createJobQuery().processInstanceId(caseOf(number).getId()).activityId("Timer_NextCallDue")
            .singleResult();
    }

    /**
     * The recount of a calendar change runs in bounded pages, each a job of its own (with many open cases the PUT
     * must not hold a long transaction that a firing timer can fail): with pages of one deadline the PUT answers 200
     * with the calendar in, having moved at most one deadline; the job executor's continuations (run here as it
     * would) move the rest, each exactly once: 2027 loaded with 1 and 4 January off, the next calls of Monday 4
     * January 15:30 move to Tuesday 5 January 15:30 (not further).
     */
    @Test
    void theRecountRunsInBoundedBackgroundPagesEachDeadlineOnce() {
        List<String> numbers = twoNextCalls();
        int size = recounts.pageSize();
        try {
            recounts.pageSize(1);
            Response loaded = putCalendar(2027, Map.of("holidays", List.of("2027-01-01", "2027-01-04"),
                "source", "test"));
            assertThat(loaded.status()).as(loaded.raw()).isEqualTo(200);
            assertThat(get(FINANCE, "/api/calendar/2027").body().path("holidays")).hasSize(2);
            assertThat(recountJobs()).as("the rest goes on in the background").hasSize(1);
            assertThat(numbers.stream().filter(n -> nextCall(n).getDuedate().toInstant()
                .equals(at(2027, 1, 5, 15, 30).toInstant())).count()).isLessThanOrEqualTo(1);
            assertThat(runRecountJobs()).isGreaterThanOrEqualTo(2);
        } finally {
            recounts.pageSize(size);
        }
        for (String number : numbers) {
            assertThat(nextCall(number).getDuedate().toInstant()).isEqualTo(at(2027, 1, 5, 15, 30).toInstant());
            assertThat(runtime.getVariable(caseOf(number).getId(), CaseVariables.NEXT_CALL_AT))
                .isEqualTo("2027-01-05T15:30:00+08:00");
        }
    }

    /**
     * A timer the job executor holds while the calendar is loaded (it is firing on another node) does not fail the
     * PUT (before: the recount inside the request could lose the race and answer 503 with nothing loaded): the PUT
     * answers 200, the held timer is left to the end of its lock, and the recount goes on after it, moving every next
     * call from Monday 4 to Tuesday 5 January 2027 exactly once.
     */
    @Test
    void aTimerHeldByTheJobExecutorDoesNotFailTheCalendarPut() {
        List<String> numbers = twoNextCalls();
        Job held = nextCall(numbers.get(0));
        jdbc.sql("UPDATE ACT_RU_JOB SET LOCK_OWNER_ = 'other-node', LOCK_EXP_TIME_ = ? WHERE ID_ = ?")
            .params(java.sql.Timestamp.from(at(2026, 12, 31, 16, 5).toInstant()), held.getId()).update();

        Response loaded = putCalendar(2027, Map.of("holidays", List.of("2027-01-01", "2027-01-04"), "source", "test"));
        assertThat(loaded.status()).as(loaded.raw()).isEqualTo(200);
        assertThat(nextCall(numbers.get(0)).getDuedate().toInstant()).as("held: not touched")
            .isEqualTo(at(2027, 1, 4, 15, 30).toInstant());
        assertThat(recountJobs()).as("waits for the lock to end").hasSize(1);

        // the other node released it without firing (e.g. it crashed): the recount goes on from the held timer
        jdbc.sql("UPDATE ACT_RU_JOB SET LOCK_OWNER_ = NULL, LOCK_EXP_TIME_ = NULL WHERE ID_ = ?").param(held.getId())
            .update();
        runRecountJobs();
        for (String number : numbers) {
            assertThat(nextCall(number).getDuedate().toInstant()).isEqualTo(at(2027, 1, 5, 15, 30).toInstant());
        }
    }
}
