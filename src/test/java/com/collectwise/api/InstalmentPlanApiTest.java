package com.collectwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
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
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Instalment plans over HTTP (issue 15 item 6). Invoice of 1,000.00 CNY at a contract rate of 12% p.a., due Tuesday
 * 2026-03-03; the plan is agreed on 03-05 for 03-20, 04-20 and 05-20. Interest, actual/365, the running sum rounded
 * to the cent, each payment paying interest first:
 * <ul>
 *   <li>03-04..03-20: 17 days x 1,000.00 x 12% / 365 = 5.589041 -> 5.59; 333.34 pays 5.59 interest and 327.75
 *       principal: 672.25 left;</li>
 *   <li>03-21..04-20: 31 days x 672.25 x 12% / 365 = 6.851424; the sum 12.440465 -> 12.44, 6.85 due; 333.33 pays
 *       6.85 and 326.48 principal: 345.77 left;</li>
 *   <li>04-21..05-20: 30 days x 345.77 x 12% / 365 = 3.410334; the sum 15.850800 -> 15.85, 3.41 due;</li>
 *   <li>the last instalment is 345.77 + 3.41 = 349.18; the plan 1,015.85 = 1,000.00 + 15.85 interest.</li>
 * </ul>
 */
class InstalmentPlanApiTest extends ApiTestSupport {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final LocalDate MARCH = LocalDate.of(2026, 3, 20);
    static final LocalDate APRIL = LocalDate.of(2026, 4, 20);
    static final LocalDate MAY = LocalDate.of(2026, 5, 20);
    static final Pattern LAST = Pattern.compile("last instalment ([0-9.]+) CNY");

    @Autowired
    HistoryService history;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    private void clockAt(int month, int day, int hour) {
        ClockUtil.setCurrentTime(Date.from(ZonedDateTime.of(2026, month, day, hour, 0, 0, 0, ZONE).toInstant()));
    }

    /** What the job executor would run by now, for the case and the plan it calls. */
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

    private String overdueInvoice() {
        clockAt(3, 5, 10);
        String number = unique("INV");
        Response r = post(INTEGRATION, "/api/invoices", Map.of("invoiceNumber", number, "customerId", createCustomerWithEmail(),
            "issueDate", "2026-02-01", "dueDate", "2026-03-03", "amount", "1000.00", "currency", "CNY",
            "contractInterestRatePercent", "12"));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        runJobs(number);
        return number;
    }

    private static Map<String, Object> plan(String first, String second, String last) {
        List<Map<String, Object>> instalments = new ArrayList<>();
        instalments.add(Map.of("dueDate", MARCH.toString(), "amount", first));
        instalments.add(Map.of("dueDate", APRIL.toString(), "amount", second));
        instalments.add(Map.of("dueDate", MAY.toString(), "amount", last));
        return Map.of("instalments", instalments, "note", "asked on the portal");
    }

    /** The collector tries thirds of today's figure, reads the exact last instalment from the error, agrees. */
    private Response agreePlan(String number) {
        Response thirds = post(COLLECTOR, "/api/invoices/" + number + "/agreements",
            plan("333.34", "333.33", "333.33"));
        assertProblem(thirds, 400);
        assertThat(errorFields(thirds)).containsExactly("instalments");
        assertThat(thirds.raw()).contains("must total exactly 1015.85 CNY").contains("up to 2026-05-20");
        Matcher last = LAST.matcher(thirds.raw());
        assertThat(last.find()).isTrue();
        assertThat(last.group(1)).isEqualTo("349.18");

        Response agreed = post(COLLECTOR, "/api/invoices/" + number + "/agreements",
            plan("333.34", "333.33", last.group(1)));
        assertThat(agreed.status()).as(agreed.raw()).isEqualTo(201);
        assertThat(agreed.body().path("total").decimalValue()).isEqualByComparingTo("1015.85");
        runJobs(number);
        assertThat(agreementStatus(number)).isEqualTo("ACTIVE");
        return agreed;
    }

    private Response pay(String number, String amount, LocalDate receivedOn) {
        Map<String, Object> body = new HashMap<>(Map.of("paymentReference", unique("PAY"), "invoiceNumber", number,
            "amount", amount, "currency", "CNY", "receivedOn", receivedOn.toString(), "method", "BANK_TRANSFER"));
        Response r = post(INTEGRATION, "/api/payments", body);
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return r;
    }

    private String agreementStatus(String number) {
        return jdbc.sql("SELECT status FROM agreements WHERE invoice_number = ? ORDER BY id DESC").param(number)
            .query(String.class).list().get(0);
    }

    private long whyNotInFullTasks(String number) {
        return history.createHistoricTaskInstanceQuery().processInstanceBusinessKey(number)
            .taskDefinitionKey("Task_ClarifyPartialPayment").count();
    }

    private boolean planRunning(String number) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(CaseVariables.PROCESS_INSTALMENT_AGREEMENT)
            .processInstanceBusinessKey(number).count() > 0;
    }

    private boolean waitsAt(String number, String activityId) {
        return runtime.createExecutionQuery().processInstanceBusinessKey(number).activityId(activityId).count() > 0;
    }

    @Test
    void everyInstalmentPaidOnTimeSettlesTheInvoiceWithoutAskingWhyNotInFull() {
        String number = overdueInvoice();
        agreePlan(number);

        clockAt(3, 20, 14);
        pay(number, "333.34", MARCH);
        clockAt(3, 25, 9);
        runJobs(number);
        clockAt(4, 20, 14);
        runJobs(number);
        pay(number, "333.33", APRIL);
        clockAt(4, 23, 9);
        runJobs(number);
        clockAt(5, 20, 14);
        runJobs(number);
        Response last = pay(number, "349.18", MAY);
        runJobs(number);

        assertThat(last.body().path("allocations").toString()).contains("PRINCIPAL");
        Response view = get(COLLECTOR, "/api/invoices/" + number);
        assertThat(view.status()).as(view.raw()).isEqualTo(200);
        assertThat(view.body().path("status").asText()).isEqualTo("SETTLED");
        assertThat(view.body().path("outstanding").path("total").decimalValue()).isEqualByComparingTo("0.00");
        assertThat(view.body().path("agreement").path("status").asText()).isEqualTo("KEPT");
        assertThat(caseRunning(number)).isFalse();
        assertThat(whyNotInFullTasks(number)).isZero();
        // the instalments still acknowledge the debt
        assertThat(count("SELECT COUNT(*) FROM acknowledgements WHERE invoice_number = ? AND source = 'PARTIAL_PAYMENT'",
            number)).isEqualTo(2);
        // the last payment left nothing owed: the plan ended as kept and closed the case
        String plan = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(number)
            .processDefinitionKey(CaseVariables.PROCESS_INSTALMENT_AGREEMENT).finished().singleResult().getId();
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(plan)
            .activityId("EndEvent_PlanPaidOff").finished().count()).isEqualTo(1);
        String theCase = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(number)
            .processDefinitionKey(CaseVariables.PROCESS_COLLECTION).singleResult().getId();
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(theCase)
            .activityId("Task_ClosePlanSettledCase").finished().count()).isEqualTo(1);
    }

    /**
     * The last instalment, 349.18, paid on Thursday 05-21, a day after its due date and within the grace (05-20 + 2
     * working days: the check runs 05-23): the plan is kept, and a kept plan settles the invoice. The day of grace
     * costs 345.77 x 12% / 365 = 0.113678 of interest: the running sum 15.850800 + 0.113678 = 15.964478 -> 15.96, so
     * 349.18 pays 3.52 interest and 345.66 principal, 0.11 left. That 0.11 ran beyond the plan's interest (accrued
     * 03-06..05-21 15.96 - 0.66 = 15.30 less the plan's 1,015.85 - 1,000.66 = 15.19) and is waived on 05-21. Before,
     * the plan ended KEPT and the case resumed collection over 0.11.
     */
    @Test
    void aLastInstalmentPaidWithinTheGraceStillSettlesTheInvoice() {
        String number = overdueInvoice();
        agreePlan(number);

        clockAt(3, 20, 14);
        pay(number, "333.34", MARCH);
        clockAt(3, 25, 9);
        runJobs(number);
        clockAt(4, 20, 14);
        runJobs(number);
        pay(number, "333.33", APRIL);
        clockAt(4, 23, 9);
        runJobs(number);
        clockAt(5, 21, 14);
        runJobs(number);
        pay(number, "349.18", MAY.plusDays(1));
        runJobs(number);
        assertThat(get(COLLECTOR, "/api/invoices/" + number).body().path("outstanding").path("total").decimalValue())
            .isEqualByComparingTo("0.11");

        clockAt(5, 25, 9);
        runJobs(number);
        Response view = get(COLLECTOR, "/api/invoices/" + number);
        assertThat(view.body().path("agreement").path("status").asText()).isEqualTo("KEPT");
        assertThat(view.body().path("status").asText()).as(view.raw()).isEqualTo("SETTLED");
        assertThat(view.body().path("outstanding").path("total").decimalValue()).isEqualByComparingTo("0.00");
        assertThat(caseRunning(number)).isFalse();
        assertThat(jdbc.sql("SELECT amount FROM ledger_entries WHERE invoice_number = ? AND entry_type = 'INTEREST_WAIVER'"
            + " AND booked_on = ?").params(number, MAY.plusDays(1)).query(java.math.BigDecimal.class).list())
            .singleElement().satisfies(a -> assertThat(a).isEqualByComparingTo("0.11"));
    }

    /**
     * The April instalment (333.33) bounces on 05-22, after the plan was kept and the case closed on 05-20: the
     * invoice owes again, its case reopens and the plan is kept no longer; it runs again and judges its instalments
     * against the money as it stands. Replayed without 333.33: 333.34 on 03-20 leaves 672.25 principal (as above);
     * 03-21..05-20, 61 days x 672.25 x 12% / 365 = 13.481836, the sum 19.070877 -> 19.07, 13.48 due; 349.18 pays
     * 13.48 and 335.70 principal: 336.55 left. The plan's money is 333.34 + 349.18 = 682.52: the first two
     * instalments (666.67) are covered, of the three 1,015.85 - 682.52 = 333.33 is unpaid >= 203.17: at the check of
     * the last instalment (05-23, run 05-25) the customer gets the payment demand, until 06-04. Before, the plan stayed
     * KEPT and the new case collected as if no plan had ever been agreed.
     */
    @Test
    void anInstalmentBouncedAfterThePlanWasKeptReopensThePlanAndTheCase() {
        String number = overdueInvoice();
        agreePlan(number);
        clockAt(3, 20, 14);
        pay(number, "333.34", MARCH);
        clockAt(3, 25, 9);
        runJobs(number);
        clockAt(4, 20, 14);
        runJobs(number);
        String april = pay(number, "333.33", APRIL).body().path("paymentReference").asText();
        clockAt(4, 23, 9);
        runJobs(number);
        clockAt(5, 20, 14);
        runJobs(number);
        pay(number, "349.18", MAY);
        runJobs(number);
        assertThat(agreementStatus(number)).isEqualTo("KEPT");
        assertThat(caseRunning(number)).isFalse();

        clockAt(5, 22, 10);
        Response reversed = post(FINANCE, "/api/payments/" + april + "/reversal",
            Map.of("reversedOn", "2026-05-22", "reason", "returned by the bank"));
        assertThat(reversed.status()).as(reversed.raw()).isEqualTo(200);
        assertThat(caseRunning(number)).isTrue();
        assertThat(agreementStatus(number)).isEqualTo("ACTIVE");
        assertThat(waitsAt(number, "CallActivity_AgreeInstalments")).isTrue();
        runJobs(number);
        Response view = get(COLLECTOR, "/api/invoices/" + number);
        assertThat(view.body().path("status").asText()).isEqualTo("OPEN");
        assertThat(view.body().path("outstanding").path("principal").decimalValue()).isEqualByComparingTo("336.55");
        assertThat(view.body().path("agreement").path("status").asText()).isEqualTo("ACTIVE");

        clockAt(5, 25, 9);
        runJobs(number);
        assertThat(count("SELECT COUNT(*) FROM outbox WHERE invoice_number = ? AND kind = 'AGREEMENT_DEMAND'", number))
            .isEqualTo(1);
        assertThat(get(COLLECTOR, "/api/invoices/" + number).body().path("agreement").path("demandUntil").asText())
            .isEqualTo("2026-06-04");
        // the schedule is not sent again
        assertThat(count("SELECT COUNT(*) FROM outbox WHERE invoice_number = ? AND kind = 'INSTALMENT_SCHEDULE'",
            number)).isEqualTo(1);
    }

    /**
     * Money dated before the plan but posted after it (the bank feed came late) was not in the outstanding figure the
     * plan was agreed on (1,000.66 on 03-05): it pays the plan. The customer paid 333.34 on 03-04, posted on 03-06;
     * the check of the first instalment (333.34, 03-25) finds it paid: no demand, the plan goes on with the second.
     * Before, only money dated from the plan's first day counted: 0.00 paid, 333.34 unpaid >= 203.17, a payment
     * demand for money the invoice had received.
     */
    @Test
    void moneyDatedBeforeThePlanButPostedAfterItPaysThePlan() {
        String number = overdueInvoice();
        agreePlan(number);

        clockAt(3, 6, 10);
        pay(number, "333.34", LocalDate.of(2026, 3, 4));
        clockAt(3, 25, 9);
        runJobs(number);

        assertThat(count("SELECT COUNT(*) FROM outbox WHERE invoice_number = ? AND kind = 'AGREEMENT_DEMAND'", number))
            .isZero();
        assertThat(agreementStatus(number)).isEqualTo("ACTIVE");
        var plan = runtime.createProcessInstanceQuery().processDefinitionKey(CaseVariables.PROCESS_INSTALMENT_AGREEMENT)
            .processInstanceBusinessKey(number).singleResult();
        assertThat(runtime.getVariable(plan.getId(), CaseVariables.CURRENT_INSTALMENT)).isEqualTo(2);
        assertThat(whyNotInFullTasks(number)).isZero();
    }

    @Test
    void aPaymentDatedWithinTheDemandPeriodButPostedAfterItUndoesTheAcceleration() {
        String number = overdueInvoice();
        agreePlan(number);

        // nothing posted by the check of the first instalment: a third unpaid, the customer gets a demand until 04-04
        clockAt(3, 25, 9);
        runJobs(number);
        assertThat(count("SELECT COUNT(*) FROM outbox WHERE invoice_number = ? AND kind = 'AGREEMENT_DEMAND'", number))
            .isEqualTo(1);
        assertThat(get(COLLECTOR, "/api/invoices/" + number).body().path("agreement").path("demandUntil").asText())
            .isEqualTo("2026-04-04");
        // nothing posted when the period and the bank feed are over: the remainder is due, collection resumes
        // (04-04 + 2 working days of the customer's CN calendar: Qingming 04-04..06 is off, so 04-07, 04-08)
        clockAt(4, 8, 9);
        runJobs(number);
        assertThat(agreementStatus(number)).as("the grace does not count the Qingming Monday").isEqualTo("ACTIVE");
        clockAt(4, 9, 9);
        runJobs(number);
        assertThat(agreementStatus(number)).isEqualTo("ACCELERATED");
        assertThat(planRunning(number)).isFalse();
        assertThat(caseRunning(number)).isTrue();
        assertThat(waitsAt(number, "CallActivity_AgreeInstalments")).isFalse();

        // the bank posts on 04-10 a payment the customer made on 04-03, within the period
        clockAt(4, 10, 10);
        pay(number, "333.34", LocalDate.of(2026, 4, 3));
        assertThat(agreementStatus(number)).isEqualTo("ACTIVE");
        assertThat(waitsAt(number, "CallActivity_AgreeInstalments")).isTrue();
        assertThat(whyNotInFullTasks(number)).isZero();
        runJobs(number);
        // the plan goes on with the second instalment; the schedule is not sent again
        assertThat(planRunning(number)).isTrue();
        var plan = runtime.createProcessInstanceQuery().processDefinitionKey(CaseVariables.PROCESS_INSTALMENT_AGREEMENT)
            .processInstanceBusinessKey(number).singleResult();
        assertThat(runtime.getVariable(plan.getId(), CaseVariables.CURRENT_INSTALMENT)).isEqualTo(2);
        assertThat(waitsAt(number, "Timer_InstalmentReminderDue")).isTrue();
        assertThat(count("SELECT COUNT(*) FROM outbox WHERE invoice_number = ? AND kind = 'INSTALMENT_SCHEDULE'",
            number)).isEqualTo(1);

        // the case view as of a day shows the plan as it stood then: accelerated 04-09 09:00, reinstated 04-10 10:00
        // (Shanghai); ACTIVE the day before, ACCELERATED with its demand period on 04-09, ACTIVE again on 04-10
        assertThat(planAsOf(number, LocalDate.of(2026, 4, 8)).path("status").asText()).isEqualTo("ACTIVE");
        JsonNode accelerated = planAsOf(number, LocalDate.of(2026, 4, 9));
        assertThat(accelerated.path("status").asText()).isEqualTo("ACCELERATED");
        assertThat(accelerated.path("demandUntil").asText()).isEqualTo("2026-04-04");
        JsonNode reinstated = planAsOf(number, LocalDate.of(2026, 4, 10));
        assertThat(reinstated.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(reinstated.path("demandUntil").asText("")).isIn("", "null");
    }

    /**
     * A plan accelerated twice: the first acceleration (demand until 04-04, accelerated 04-09) is undone on 04-10 by
     * the 03 April payment posted late; the plan goes on, the April instalment (04-20) is not paid: its check on
     * 04-23 sends a second demand, until 05-03 (04-23 + 10 days), and after that period and the bank feed the plan is
     * accelerated again (run 05-15). The case view as of each day shows the plan as it stood then: ACCELERATED with
     * 04-04 on 04-09; ACTIVE without a demand on 04-15; ACTIVE with 05-03 on 04-24; ACCELERATED with 05-03 on
     * 05-15. Before, the second acceleration overwrote the first (04-09 read ACTIVE with 05-03) and 04-15 showed the
     * demand sent on 04-23.
     */
    @Test
    void aPlanAcceleratedTwiceShowsEachDemandAsOfItsDays() {
        String number = overdueInvoice();
        agreePlan(number);
        clockAt(3, 25, 9);
        runJobs(number);
        clockAt(4, 9, 9);
        runJobs(number);
        assertThat(agreementStatus(number)).isEqualTo("ACCELERATED");
        clockAt(4, 10, 10);
        pay(number, "333.34", LocalDate.of(2026, 4, 3));
        runJobs(number);
        assertThat(agreementStatus(number)).isEqualTo("ACTIVE");

        clockAt(4, 23, 9);
        runJobs(number);
        assertThat(get(COLLECTOR, "/api/invoices/" + number).body().path("agreement").path("demandUntil").asText())
            .isEqualTo("2026-05-03");
        clockAt(5, 15, 9);
        runJobs(number);
        assertThat(agreementStatus(number)).isEqualTo("ACCELERATED");

        JsonNode first = planAsOf(number, LocalDate.of(2026, 4, 9));
        assertThat(first.path("status").asText()).isEqualTo("ACCELERATED");
        assertThat(first.path("demandUntil").asText()).isEqualTo("2026-04-04");
        JsonNode between = planAsOf(number, LocalDate.of(2026, 4, 15));
        assertThat(between.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(between.path("demandUntil").asText("")).isIn("", "null");
        JsonNode second = planAsOf(number, LocalDate.of(2026, 4, 24));
        assertThat(second.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(second.path("demandUntil").asText()).isEqualTo("2026-05-03");
        JsonNode last = planAsOf(number, LocalDate.of(2026, 5, 15));
        assertThat(last.path("status").asText()).isEqualTo("ACCELERATED");
        assertThat(last.path("demandUntil").asText()).isEqualTo("2026-05-03");
    }

    /**
     * An instalment paid without the invoice number is the plan's money when it reaches the plan's invoice: the
     * customer's only open invoice takes it (oldest due date first). The first instalment, 333.34, is paid on 03-20
     * naming only the customer; its check on 03-25 09:00 finds 333.34 of 333.34 paid: no payment demand, the plan goes
     * on with the second instalment. Before, only payments naming the invoice counted: 0.00 paid, 333.34 unpaid >=
     * 1,015.85 / 5 = 203.17, a demand until 04-04 for money the invoice had received.
     */
    @Test
    void anInstalmentPaidWithoutTheInvoiceNumberCountsWhenItReachesThePlansInvoice() {
        String number = overdueInvoice();
        agreePlan(number);
        String customerId = get(COLLECTOR, "/api/invoices/" + number).body().path("customerId").asText();

        clockAt(3, 20, 14);
        Response paid = post(INTEGRATION, "/api/payments", Map.of("paymentReference", unique("PAY"), "customerId",
            customerId, "amount", "333.34", "currency", "CNY", "receivedOn", MARCH.toString(), "method",
            "BANK_TRANSFER"));
        assertThat(paid.status()).as(paid.raw()).isEqualTo(201);
        assertThat(paid.body().path("allocations").toString()).contains(number);
        clockAt(3, 25, 9);
        runJobs(number);

        assertThat(count("SELECT COUNT(*) FROM outbox WHERE invoice_number = ? AND kind = 'AGREEMENT_DEMAND'", number))
            .isZero();
        assertThat(agreementStatus(number)).isEqualTo("ACTIVE");
        var plan = runtime.createProcessInstanceQuery().processDefinitionKey(CaseVariables.PROCESS_INSTALMENT_AGREEMENT)
            .processInstanceBusinessKey(number).singleResult();
        assertThat(runtime.getVariable(plan.getId(), CaseVariables.CURRENT_INSTALMENT)).isEqualTo(2);
        assertThat(waitsAt(number, "Timer_InstalmentReminderDue")).isTrue();
        assertThat(whyNotInFullTasks(number)).isZero();
    }

    /**
     * A payment dated in time that the bank posts after the check undoes the premature demand at once, not only when
     * the demand's period is over. Nothing is posted by the check of instalment 1 on 03-25: a demand until 04-04. On
     * 03-26 the bank posts 333.34 dated 03-20 (the due date): instalment 1 is paid, nothing of the plan is overdue,
     * the case view shows no demand period any more. The check after the period (04-09) lets the plan go on with
     * instalment 2. Before: the view showed demandUntil 2026-04-04 until that check, for a demand that was met.
     */
    @Test
    void aPaymentDatedInTimeButPostedAfterTheCheckEndsTheDemandAtOnce() {
        String number = overdueInvoice();
        agreePlan(number);

        clockAt(3, 25, 9);
        runJobs(number);
        assertThat(get(COLLECTOR, "/api/invoices/" + number).body().path("agreement").path("demandUntil").asText())
            .isEqualTo("2026-04-04");

        clockAt(3, 26, 10);
        pay(number, "333.34", MARCH);
        JsonNode plan = get(COLLECTOR, "/api/invoices/" + number).body().path("agreement");
        assertThat(plan.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(plan.path("demandUntil").asText("")).isIn("", "null");
        // the demand ended now, not in the past: the view as of 03-25 still shows it (before, clearing it lost it)
        assertThat(planAsOf(number, LocalDate.of(2026, 3, 25)).path("demandUntil").asText()).isEqualTo("2026-04-04");
        assertThat(planAsOf(number, LocalDate.of(2026, 3, 26)).path("demandUntil").asText("")).isIn("", "null");
        assertThat(whyNotInFullTasks(number)).isZero();

        clockAt(4, 9, 9);
        runJobs(number);
        assertThat(agreementStatus(number)).isEqualTo("ACTIVE");
        var running = runtime.createProcessInstanceQuery()
            .processDefinitionKey(CaseVariables.PROCESS_INSTALMENT_AGREEMENT).processInstanceBusinessKey(number)
            .singleResult();
        assertThat(runtime.getVariable(running.getId(), CaseVariables.CURRENT_INSTALMENT)).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM outbox WHERE invoice_number = ? AND kind = 'AGREEMENT_ACCELERATED'",
            number)).isZero();
    }

    /**
     * A plan in yen: the interest of the plan at the yen's 0 decimals, and the yen's own approval limit (JPY 200,000,
     * Decision_AgreementApproval; nothing converted). 300,000 JPY at 12% due 03-03, agreed 03-05 for 03-20, 04-20,
     * 05-20, each payment paying the interest first (the running sum rounded HALF_UP to the yen):
     * 03-04..03-20 17 days x 300,000 x 12% / 365 = 1,676.71 -> 1,677; 100,000 leaves 201,677 principal;
     * 04-20: 31 days x 201,677 x 12% / 365 = 2,055.45, the sum 3,732.16 -> 3,732, 2,055 due; 100,000 leaves 103,732;
     * 05-20: 30 days x 103,732 x 12% / 365 = 1,023.11, the sum 4,755.27 -> 4,755, 1,023 due: the last instalment is
     * 104,755 and the plan 304,755. Above 200,000: a supervisor approves it before it runs.
     */
    @Test
    void aYenPlanCoversItsInterestToTheYenAndASupervisorApprovesItAboveTheYenLimit() {
        clockAt(3, 5, 10);
        String number = unique("INV");
        Response r = post(INTEGRATION, "/api/invoices", Map.of("invoiceNumber", number, "customerId", createCustomerWithEmail(),
            "issueDate", "2026-02-01", "dueDate", "2026-03-03", "amount", "300000", "currency", "JPY",
            "contractInterestRatePercent", "12"));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        runJobs(number);

        Response thirds = post(COLLECTOR, "/api/invoices/" + number + "/agreements",
            plan("100000", "100000", "100000"));
        assertProblem(thirds, 400);
        assertThat(errorFields(thirds)).containsExactly("instalments");
        assertThat(thirds.raw()).contains("must total exactly 304755 JPY").contains("last instalment 104755 JPY");
        Response decimals = post(COLLECTOR, "/api/invoices/" + number + "/agreements",
            plan("100000", "100000", "104755.5"));
        assertProblem(decimals, 400);
        assertThat(errorFields(decimals)).containsExactly("instalments[2].amount");

        Response agreed = post(COLLECTOR, "/api/invoices/" + number + "/agreements",
            plan("100000", "100000", "104755"));
        assertThat(agreed.status()).as(agreed.raw()).isEqualTo(201);
        assertThat(agreed.body().path("total").decimalValue()).isEqualByComparingTo("304755");
        runJobs(number);
        assertThat(agreementStatus(number)).isEqualTo("PROPOSED");
        assertThat(waitsAt(number, "Task_ApproveAgreement")).isTrue();
        assertThat(count("SELECT COUNT(*) FROM outbox WHERE invoice_number = ? AND kind = 'INSTALMENT_SCHEDULE'",
            number)).isZero();
    }

    /**
     * The acceleration is undone by exactly what would have met the demand: the instalments the demand asked for,
     * not those that fell due during its period. Weekly plan from 03-20 (03-20, 03-27, 04-03, 04-10), 250.00 each
     * but the last (the plan's interest). Nothing posted by the check of instalment 1 (03-25): the demand asks for
     * 250.00 by 04-04; nothing posted by its check (04-09): accelerated. On 04-10 the bank posts 250.00 dated 04-03,
     * within the period: the demand was met, the acceleration was premature, the plan is ACTIVE again (and goes on
     * with instalment 2, now overdue). Before: the reinstatement also wanted instalments 2 and 3 (due 03-27 and
     * 04-03, inside the period; 750.00), which the demand never asked for: the acceleration stood.
     */
    @Test
    void aPaymentMeetingTheDemandUndoesTheAccelerationThoughLaterInstalmentsFellDueInItsPeriod() {
        String number = overdueInvoice();
        List<Map<String, Object>> weekly = new ArrayList<>();
        for (String due : List.of("2026-03-20", "2026-03-27", "2026-04-03", "2026-04-10")) {
            weekly.add(new HashMap<>(Map.of("dueDate", due, "amount", "250.00")));
        }
        Response first = post(COLLECTOR, "/api/invoices/" + number + "/agreements", Map.of("instalments", weekly));
        assertProblem(first, 400);
        Matcher last = LAST.matcher(first.raw());
        assertThat(last.find()).as(first.raw()).isTrue();
        weekly.get(3).put("amount", last.group(1));
        Response agreed = post(COLLECTOR, "/api/invoices/" + number + "/agreements", Map.of("instalments", weekly));
        assertThat(agreed.status()).as(agreed.raw()).isEqualTo(201);
        runJobs(number);
        assertThat(agreementStatus(number)).isEqualTo("ACTIVE");

        clockAt(3, 25, 9);
        runJobs(number);
        assertThat(get(COLLECTOR, "/api/invoices/" + number).body().path("agreement").path("demandUntil").asText())
            .isEqualTo("2026-04-04");
        clockAt(4, 9, 9);
        runJobs(number);
        assertThat(agreementStatus(number)).isEqualTo("ACCELERATED");

        clockAt(4, 10, 10);
        pay(number, "250.00", LocalDate.of(2026, 4, 3));
        assertThat(agreementStatus(number)).isEqualTo("ACTIVE");
        assertThat(waitsAt(number, "CallActivity_AgreeInstalments")).isTrue();
    }

    @Autowired
    com.collectwise.communication.DangerSignals dangerSignals;

    /**
     * Instalments are expected payments, not part payments without explanation: no danger signal for the customer
     * (which would raise the priority of its calls on its other invoices, 50 -> 60). The plan of 3 is agreed on 03-05,
     * instalment 1 (333.34) paid on 03-20: the customer's signals name no part payment. Instalment 2 (due 04-20) is
     * not paid: a demand at its check on 04-23 until 05-03, still unpaid after it (and after the May holidays' bank
     * feed): accelerated. A payment posted after that is a part payment again. Before: every applied payment on an open invoice counted, the instalment included.
     */
    @Test
    void anInstalmentIsNoPartPaymentWithoutExplanationForTheDangerSignals() {
        String number = overdueInvoice();
        agreePlan(number);
        String customerId = get(COLLECTOR, "/api/invoices/" + number).body().path("customerId").asText();

        clockAt(3, 20, 14);
        pay(number, "333.34", MARCH);
        assertThat(dangerSignals.assess(customerId, clock.now()).signals())
            .noneMatch(signal -> signal.contains("part payment"));

        // instalment 2 unpaid: a demand on 04-23, unpaid after its period (05-03 + 2 working days), accelerated
        clockAt(4, 23, 9);
        runJobs(number);
        clockAt(5, 12, 9);
        runJobs(number);
        assertThat(agreementStatus(number)).isEqualTo("ACCELERATED");
        clockAt(5, 12, 10);
        pay(number, "100.00", LocalDate.of(2026, 5, 12));
        assertThat(dangerSignals.assess(customerId, clock.now()).signals())
            .anyMatch(signal -> signal.contains("part payment"));
    }

    private JsonNode planAsOf(String number, LocalDate asOf) {
        Response r = get(INTEGRATION, "/api/invoices/" + number + "?asOf=" + asOf);
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.body().path("agreement");
    }
}
