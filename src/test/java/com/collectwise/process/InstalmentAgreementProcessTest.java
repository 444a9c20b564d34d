package com.collectwise.process;

import static com.collectwise.kernel.CaseVariables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import com.collectwise.agreements.AgreementService;
import com.collectwise.agreements.Instalment;
import com.collectwise.kernel.CaseStatus;
import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.Customer;
import com.collectwise.kernel.Segment;
import com.collectwise.fees.StatementService;
import com.collectwise.payments.IncomingPayment;
import com.collectwise.payments.PaymentMethod;
import com.collectwise.payments.PaymentService;

/**
 * Instalment plans. Invoice of 1,000.00 CNY due Tuesday 2026-03-03 (statutory interest: LPR 3.00% x 1.5 = 4.5%),
 * first call on 03-05 10:00; the formal demand would be due on 03-13 09:00. A plan of three agreed on that call is
 * due on Friday 03-20, Monday 04-20 and Wednesday 05-20. An instalment is checked at 09:00 the morning after the
 * two grace working days that follow its due date (03-25, 04-23, 05-23); a payment demand gives 10 days.
 */
@SpringBootTest
@ActiveProfiles("test")
@Import(ProcessEngineCoverageConfiguration.class)
class InstalmentAgreementProcessTest extends CollectionTestSupport {

    static final LocalDate DUE = LocalDate.of(2026, 3, 3);
    static final LocalDate FIRST = LocalDate.of(2026, 3, 20);

    @Autowired AgreementService agreements;
    @Autowired StatementService statements;
    @Autowired PaymentService paymentService;
    @Autowired IdentityService identity;

    @Autowired com.collectwise.communication.CommunicationSettings communicationSettings;
    @Autowired com.collectwise.communication.QuietHours quietHours;
    @Autowired com.collectwise.kernel.BusinessClock businessClock;
    @Autowired com.collectwise.communication.DispatchFollowUp dispatchFollowUp;

    Customer customer;
    Invoice invoice;

    /** What the mail dispatcher sends now (an SMTP server that accepts everything: the tests have no mail host). */
    void sendMail() {
        org.springframework.mail.javamail.JavaMailSender smtp =
            org.mockito.Mockito.mock(org.springframework.mail.javamail.JavaMailSender.class);
        var provider = new org.springframework.beans.factory.support.StaticListableBeanFactory(
            Map.of("smtp", smtp)).getBeanProvider(org.springframework.mail.javamail.JavaMailSender.class);
        new com.collectwise.communication.MailDispatcher(jdbc, provider, communicationSettings, quietHours,
            businessClock, List.of(), dispatchFollowUp).dispatchPending();
    }

    ProcessInstance atFirstCall(String amount) {
        setClock(at(2026, 3, 5, 10, 0));
        customer = customer(Segment.DOMESTIC);
        invoice = invoice(customer, DUE, 30, amount);
        ProcessInstance pi = start(invoice, customer);
        BpmnAwareTests.assertThat(pi).isWaitingAt("Task_CallCustomer");
        return pi;
    }

    /** The collector agrees a plan on the call; returns the plan's process instance. */
    ProcessInstance requestPlan(ProcessInstance pi, int count, String firstDate) {
        BpmnAwareTests.complete(task(pi, "Task_CallCustomer"), withVariables(CALL_OUTCOME, "INSTALMENT_REQUESTED",
            INSTALMENT_COUNT, count, FIRST_INSTALMENT_DATE, firstDate, REACHED_PERSON, "Ms. Wang"));
        return plan(pi);
    }

    ProcessInstance plan(ProcessInstance pi) {
        ProcessInstance plan = runtime.createProcessInstanceQuery().superProcessInstanceId(pi.getId()).singleResult();
        assertThat(plan).as("the plan runs as a called process").isNotNull();
        started.add(plan.getId());
        executeDueJobs();
        return plan;
    }

    long agreementId(ProcessInstance pi) {
        return jdbc.sql("SELECT MAX(id) FROM agreements WHERE invoice_number = ?").param(pi.getBusinessKey())
            .query(Long.class).single();
    }

    String agreementStatus(ProcessInstance pi) {
        return jdbc.sql("SELECT status FROM agreements WHERE id = ?").param(agreementId(pi)).query(String.class).single();
    }

    BigDecimal instalment(ProcessInstance pi, int seq) {
        return jdbc.sql("SELECT amount FROM instalments WHERE agreement_id = ? AND seq = ?")
            .params(agreementId(pi), seq).query(BigDecimal.class).single();
    }

    BigDecimal owedToday() {
        return statements.statement(invoice, LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), ZONE)).total();
    }

    /** Posted over the payment service, as POST /api/payments does: the case and the plan are told. */
    void receive(String amount, LocalDate receivedOn) {
        paymentService.receive(new IncomingPayment("PAY-" + UUID.randomUUID(), invoice.invoiceNumber(), null,
            new BigDecimal(amount), "CNY", receivedOn, PaymentMethod.BANK_TRANSFER));
    }

    long clarifyTasks() {
        return tasks.createTaskQuery().processInstanceBusinessKey(invoice.invoiceNumber())
            .taskDefinitionKey("Task_ClarifyPartialPayment").count();
    }

    void assertCaseClosedByThePlan(ProcessInstance pi) {
        executeDueJobs();
        BpmnAwareTests.assertThat(pi).hasPassed("Gateway_PlanSettledInvoice", "Task_ClosePlanSettledCase",
            "EndEvent_PlanSettledCaseClosed").hasNotPassed("Task_ResumeCollection").isEnded();
        assertThat(reload(invoice).status()).isEqualTo(CaseStatus.SETTLED);
        assertThat(agreementStatus(pi)).isEqualTo("KEPT");
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
            .variableName(AGREEMENT_OUTCOME).singleResult().getValue()).isEqualTo("KEPT");
    }

    @Test
    void aPlanKeptToTheEndSettlesTheInvoiceAndEndsTheCase() {
        ProcessInstance pi = atFirstCall("1000.00");
        ProcessInstance plan = requestPlan(pi, 3, FIRST.toString());
        BpmnAwareTests.assertThat(pi).isWaitingAt("CallActivity_AgreeInstalments");
        BpmnAwareTests.assertThat(plan).hasPassed("Task_SendInstalmentSchedule").isWaitingAt("Timer_InstalmentReminderDue");
        assertThat(agreementStatus(pi)).isEqualTo("ACTIVE");
        // 1,000.00 + two days of interest (0.25) is outstanding today; the plan also covers the interest up to 05-20
        BigDecimal total = jdbc.sql("SELECT total FROM agreements WHERE id = ?").param(agreementId(pi))
            .query(BigDecimal.class).single();
        assertThat(total).isGreaterThan(new BigDecimal("1000.25"));
        assertThat(instalment(pi, 1)).isEqualByComparingTo("333.41").isEqualByComparingTo(instalment(pi, 2));
        assertThat(outboxKinds(invoice)).contains("INSTALMENT_SCHEDULE");

        // the formal-demand date passes: nothing escalates while the plan is kept
        moveTo(at(2026, 3, 17, 9, 0));
        BpmnAwareTests.assertThat(pi).isWaitingAt("CallActivity_AgreeInstalments");
        assertThat(outboxKinds(invoice)).contains("INSTALMENT_REMINDER").doesNotContain("DUNNING_LETTER");

        // paid on the due date, posted by the bank on the next working day: the morning after is too early to judge
        moveTo(at(2026, 3, 21, 9, 0));
        BpmnAwareTests.assertThat(plan).isWaitingAt("Timer_InstalmentDue");
        assertThat((String) variable(plan, INSTALMENT_DUE_CHECK_AT)).startsWith("2026-03-25T09:00");
        setClock(at(2026, 3, 23, 11, 0));
        payment(invoice, instalment(pi, 1).toPlainString(), FIRST);
        moveTo(at(2026, 3, 25, 9, 0));
        BpmnAwareTests.assertThat(plan).hasPassed("Task_CheckInstalment").isWaitingAt("Timer_InstalmentReminderDue");
        assertThat(variable(plan, CURRENT_INSTALMENT)).isEqualTo(2);

        payment(invoice, instalment(pi, 2).toPlainString(), LocalDate.of(2026, 4, 20));
        moveTo(at(2026, 4, 23, 9, 0));
        setClock(at(2026, 5, 20, 15, 0));
        payment(invoice, instalment(pi, 3).toPlainString(), LocalDate.of(2026, 5, 20));
        moveTo(at(2026, 5, 23, 9, 0));

        BpmnAwareTests.assertThat(plan).isEnded().hasPassed("Task_CloseKeptAgreement", "EndEvent_AgreementKept")
            .hasNotPassed("Task_SendPaymentDemand");
        assertCaseClosedByThePlan(pi);
        assertThat(owedToday()).isEqualByComparingTo("0.00");
        assertThat(outboxKinds(invoice)).doesNotContain("AGREEMENT_DEMAND", "AGREEMENT_ACCELERATED");
    }

    @Test
    void aPlanThatWaivesItsInterestIsApprovedByASupervisorAndKeptItSettlesWithTheWaiverBooked() {
        ProcessInstance pi = atFirstCall("1000.00");
        List<Instalment> schedule = agreements.proposeEven(invoice, 3, FIRST, true);
        assertThat(schedule).extracting(i -> i.amount().toPlainString()).containsExactly("333.41", "333.41", "333.43");
        long id = agreements.propose(invoice, schedule, true, "Hardship", "API", "collector1");
        runtime.correlateMessage(MSG_AGREEMENT_PROPOSED, invoice.invoiceNumber(), Map.of(AGREEMENT_ID, id));
        ProcessInstance plan = plan(pi);
        BpmnAwareTests.assertThat(plan).isWaitingAt("Task_ApproveAgreement");
        var approval = task(plan, "Task_ApproveAgreement");
        // the approver is who completes the task (queries with an authenticated user obey the authorizations)
        identity.setAuthentication("supervisor1", List.of("supervisors"));
        try {
            BpmnAwareTests.complete(approval,
                withVariables(AGREEMENT_DECISION, "APPROVE", DECISION_REASON, "Hardship, reliable payer."));
        } finally {
            identity.clearAuthentication();
        }
        executeDueJobs();
        BpmnAwareTests.assertThat(plan).isWaitingAt("Timer_InstalmentReminderDue");

        moveTo(at(2026, 3, 20, 15, 0));
        payment(invoice, "333.41", FIRST);
        moveTo(at(2026, 4, 20, 10, 0));
        payment(invoice, "333.41", LocalDate.of(2026, 4, 20));
        moveTo(at(2026, 5, 20, 10, 0));
        payment(invoice, "333.43", LocalDate.of(2026, 5, 20));
        // before the plan is judged, the invoice still owes the interest of the plan
        assertThat(owedToday()).isPositive();
        moveTo(at(2026, 5, 23, 9, 0));

        BpmnAwareTests.assertThat(plan).isEnded().hasPassed("Task_CloseKeptAgreement", "EndEvent_AgreementKept");
        assertCaseClosedByThePlan(pi);
        assertThat(owedToday()).isEqualByComparingTo("0.00");
        // one waiver line per day the plan's money came, approved by the approver of the plan; together they are the
        // interest that accrued from 03-06 on (the 0.25 of 03-04 and 03-05 was in the plan)
        List<Map<String, Object>> lines = jdbc.sql("""
                SELECT booked_on, amount, approved_by FROM ledger_entries
                WHERE invoice_number = ? AND entry_type = 'INTEREST_WAIVER' ORDER BY booked_on""")
            .param(invoice.invoiceNumber()).query().listOfRows();
        assertThat(lines).extracting(r -> r.get("BOOKED_ON").toString())
            .containsExactly("2026-03-20", "2026-04-20", "2026-05-20");
        assertThat(lines).extracting(r -> r.get("APPROVED_BY")).containsOnly("supervisor1");
        BigDecimal waived = lines.stream().map(r -> (BigDecimal) r.get("AMOUNT")).reduce(BigDecimal.ZERO, BigDecimal::add);
        // 03-06..03-20: 15 days x 1,000.00 x 4.5% / 365 = 1.85 (sum 2.10 - 0.25); after that the principal
        // falls by each instalment, so the whole plan's interest is a few yuan
        assertThat((BigDecimal) lines.get(0).get("AMOUNT")).isEqualByComparingTo("1.85");
        assertThat(waived).isGreaterThan(new BigDecimal("1.85")).isLessThan(new BigDecimal("6.00"));
    }

    @Test
    void anInstalmentIsAnExpectedPaymentAndPayingTheRestEarlyEndsThePlanAsKept() {
        ProcessInstance pi = atFirstCall("1000.00");
        ProcessInstance plan = requestPlan(pi, 3, FIRST.toString());
        setClock(at(2026, 3, 20, 15, 0));
        receive(instalment(pi, 1).toPlainString(), FIRST);
        assertThat(clarifyTasks()).as("no \"why not in full?\" for an instalment").isZero();
        // Cockpit's copy of the outstanding total follows the instalment although the case does not react to it
        assertThat(((Number) variable(pi, OUTSTANDING_AMOUNT)).doubleValue())
            .isEqualTo(statements.statement(reload(invoice), FIRST).total().doubleValue())
            .isLessThan(1000.0 - instalment(pi, 1).doubleValue() + 5.0);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM acknowledgements WHERE invoice_number = ? AND source = 'PARTIAL_PAYMENT'")
            .param(invoice.invoiceNumber()).query(Integer.class).single()).isEqualTo(1);
        moveTo(at(2026, 3, 25, 9, 0));
        BpmnAwareTests.assertThat(plan).isWaitingAt("Timer_InstalmentReminderDue");

        setClock(at(2026, 4, 1, 11, 0));
        receive(owedToday().toPlainString(), LocalDate.of(2026, 4, 1));
        BpmnAwareTests.assertThat(plan).isEnded().hasPassed("StartEvent_PlanPaidOff", "Task_ClosePaidOffAgreement",
            "EndEvent_PlanPaidOff");
        assertCaseClosedByThePlan(pi);
        assertThat(clarifyTasks()).isZero();
    }

    @Test
    void aFifthUnpaidBringsAPaymentDemandAndUnpaidAfterItsPeriodTheRemainderFallsDue() {
        ProcessInstance pi = atFirstCall("1000.00");
        ProcessInstance plan = requestPlan(pi, 3, FIRST.toString());
        moveTo(at(2026, 3, 25, 9, 0));
        BpmnAwareTests.assertThat(plan).hasPassed("Task_SendPaymentDemand").isWaitingAt("Timer_DemandPeriodOver");
        sendMail(); // the demand goes out the day it is written: its period runs from 03-25
        assertThat(outboxKinds(invoice)).contains("AGREEMENT_DEMAND").doesNotContain("AGREEMENT_ACCELERATED");
        assertThat(jdbc.sql("SELECT demand_until FROM agreements WHERE id = ?").param(agreementId(pi))
            .query(LocalDate.class).single()).isEqualTo(LocalDate.of(2026, 4, 4));
        // the period ends Saturday 04-04; Monday 04-06 is Qingming (清明节, the customer's CN calendar), so the bank
        // feed of Tuesday and Wednesday is awaited: judged Thursday 09:00
        assertThat((String) variable(plan, DEMAND_CHECK_AT)).startsWith("2026-04-09T09:00");
        assertThat(agreementStatus(pi)).isEqualTo("ACTIVE");
        moveTo(at(2026, 4, 8, 9, 0));
        assertThat(agreementStatus(pi)).isEqualTo("ACTIVE");

        moveTo(at(2026, 4, 9, 9, 0));
        BpmnAwareTests.assertThat(plan).isEnded().hasPassed("Task_CheckDemand", "Task_AccelerateAgreement",
            "EndEvent_AgreementAccelerated");
        assertThat(agreementStatus(pi)).isEqualTo("ACCELERATED");
        assertThat(jdbc.sql("SELECT body FROM outbox WHERE invoice_number = ? AND kind = 'AGREEMENT_ACCELERATED'")
            .param(invoice.invoiceNumber()).query(String.class).single()).contains("one fifth")
            .contains("not paid within the period of the payment demand");
        BpmnAwareTests.assertThat(pi).hasPassed("Task_ResumeCollection").isWaitingAt("Task_CallCustomer");
        assertThat(variable(pi, STAGE)).isEqualTo("INTERNAL_REMINDER");
        // paused 03-05 .. 04-09: the formal demand (03-13 09:00) moves by the 35 days of the pause and still falls
        // due at 09:00 (before: by the exact 34 days 23 hours, to 08:00)
        assertThat(casePlan(pi).formalDemandAt()).startsWith("2026-04-17T09:00");
        assertThat(reload(invoice).status()).isEqualTo(CaseStatus.OPEN);
    }

    @Test
    void aPaymentDatedInTimeThatTheBankPostsAfterTheDemandUndoesItAndThePlanGoesOn() {
        ProcessInstance pi = atFirstCall("1000.00");
        ProcessInstance plan = requestPlan(pi, 3, FIRST.toString());
        moveTo(at(2026, 3, 25, 9, 0));
        BpmnAwareTests.assertThat(plan).isWaitingAt("Timer_DemandPeriodOver");
        // paid on the due date, posted only after the demand went out
        setClock(at(2026, 3, 27, 10, 0));
        payment(invoice, instalment(pi, 1).toPlainString(), FIRST);
        moveTo(at(2026, 4, 9, 9, 0)); // the demand check (Qingming 04-06 is no grace day)
        BpmnAwareTests.assertThat(plan).hasPassed("Task_CheckDemand").hasNotPassed("Task_AccelerateAgreement")
            .isWaitingAt("Timer_InstalmentReminderDue");
        assertThat(variable(plan, DEMAND_MET)).isEqualTo(true);
        assertThat(variable(plan, CURRENT_INSTALMENT)).isEqualTo(2);
        assertThat(agreementStatus(pi)).isEqualTo("ACTIVE");
        BpmnAwareTests.assertThat(pi).isWaitingAt("CallActivity_AgreeInstalments");
    }

    @Test
    void lessThanAFifthUnpaidOnlyPutsTheCustomerBehindAndTheNextCheckCountsEverything() {
        ProcessInstance pi = atFirstCall("1000.00");
        ProcessInstance plan = requestPlan(pi, 10, FIRST.toString());
        moveTo(at(2026, 3, 25, 9, 0));
        // 100.02 unpaid of a plan of about 1,003: less than a fifth
        assertThat(variable(plan, INSTALMENT_VERDICT)).isEqualTo("BEHIND");
        BpmnAwareTests.assertThat(plan).hasNotPassed("Task_SendPaymentDemand").isWaitingAt("Timer_InstalmentReminderDue");
        assertThat(variable(plan, CURRENT_INSTALMENT)).isEqualTo(2);
        // the customer catches up with both on the second due date
        payment(invoice, instalment(pi, 1).add(instalment(pi, 2)).toPlainString(), LocalDate.of(2026, 4, 20));
        moveTo(at(2026, 4, 23, 9, 0));
        assertThat(variable(plan, INSTALMENT_VERDICT)).isEqualTo("PAID");
        assertThat(variable(plan, CURRENT_INSTALMENT)).isEqualTo(3);
        assertThat(outboxKinds(invoice)).doesNotContain("AGREEMENT_DEMAND");
    }

    @Test
    void aPaymentPostedBeforeTheProposalDoesNotPayAnInstalment() {
        ProcessInstance pi = atFirstCall("1000.00");
        // the customer paid 100.00 this morning; the plan proposed a little later covers what was left
        receive("100.00", LocalDate.of(2026, 3, 5));
        setClock(at(2026, 3, 5, 10, 5));
        ProcessInstance plan = requestPlan(pi, 3, FIRST.toString());
        assertThat(jdbc.sql("SELECT total FROM agreements WHERE id = ?").param(agreementId(pi))
            .query(BigDecimal.class).single()).isLessThan(new BigDecimal("1000.00"));
        // nothing paid since: the morning's payment, dated the plan's first day, is not an instalment
        moveTo(at(2026, 3, 25, 9, 0));
        BpmnAwareTests.assertThat(plan).hasPassed("Task_SendPaymentDemand");
    }

    @Test
    void largePlansNeedASupervisorAndARejectedPlanResumesCollection() {
        ProcessInstance pi = atFirstCall("12000.00");
        ProcessInstance plan = requestPlan(pi, 3, FIRST.toString());
        BpmnAwareTests.assertThat(plan).isWaitingAt("Task_ApproveAgreement");
        BpmnAwareTests.assertThat(task(plan, "Task_ApproveAgreement")).hasCandidateGroup("supervisors");
        BpmnAwareTests.complete(task(plan, "Task_ApproveAgreement"),
            withVariables(AGREEMENT_DECISION, "REJECT", DECISION_REASON, "Broke two promises this year."));
        executeDueJobs();
        BpmnAwareTests.assertThat(plan).isEnded().hasPassed("EndEvent_AgreementRejected");
        assertThat(agreementStatus(pi)).isEqualTo("REJECTED");
        BpmnAwareTests.assertThat(pi).hasPassed("Task_ResumeCollection").isWaitingAt("Task_CallCustomer");
    }

    @Test
    void approvedLargePlanIsSentToTheCustomer() {
        ProcessInstance pi = atFirstCall("12000.00");
        ProcessInstance plan = requestPlan(pi, 3, FIRST.toString());
        BpmnAwareTests.complete(task(plan, "Task_ApproveAgreement"),
            withVariables(AGREEMENT_DECISION, "APPROVE", DECISION_REASON, "Reliable payer."));
        executeDueJobs();
        BpmnAwareTests.assertThat(plan).isWaitingAt("Timer_InstalmentReminderDue");
        assertThat(agreementStatus(pi)).isEqualTo("ACTIVE");
    }

    @Test
    void aPlanThatDoesNotFitIsRefusedOnTheCallForm() {
        ProcessInstance pi = atFirstCall("1000.00");
        var call = task(pi, "Task_CallCustomer");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> tasks.complete(call.getId(),
                withVariables(CALL_OUTCOME, "INSTALMENT_REQUESTED", INSTALMENT_COUNT, 1, FIRST_INSTALMENT_DATE, "2026-03-01")))
            .hasMessageContaining("between 2 and 24").hasMessageContaining("in the past");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM agreements WHERE invoice_number = ?").param(invoice.invoiceNumber())
            .query(Integer.class).single()).isZero();
    }
}
