package com.collectwise.process;

import static com.collectwise.cases.CaseVariables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.time.LocalDate;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import com.collectwise.cases.Invoice;
import com.collectwise.customers.Customer;
import com.collectwise.customers.Segment;

/**
 * Instalment plans and disputes from the call form. Invoice due Tuesday 2026-03-03, 30-day term, first call on
 * 03-05 10:00; formal demand would be due on 03-13 09:00. Instalment checks run at 09:00 the day after the due
 * date; the grace is 5 days.
 */
@SpringBootTest
@ActiveProfiles("test")
@Import(ProcessEngineCoverageConfiguration.class)
class InstalmentAgreementProcessTest extends CollectionTestSupport {

    static final LocalDate DUE = LocalDate.of(2026, 3, 3);

    Customer customer;
    Invoice invoice;

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
        ProcessInstance plan = runtime.createProcessInstanceQuery().superProcessInstanceId(pi.getId()).singleResult();
        assertThat(plan).as("the plan runs as a called process").isNotNull();
        started.add(plan.getId());
        executeDueJobs();
        return plan;
    }

    long agreementId(ProcessInstance pi) {
        return ((Number) variable(pi, AGREEMENT_ID)).longValue();
    }

    String agreementStatus(ProcessInstance pi) {
        return jdbc.sql("SELECT status FROM agreements WHERE id = ?").param(agreementId(pi)).query(String.class).single();
    }

    java.math.BigDecimal instalment(ProcessInstance pi, int seq) {
        return jdbc.sql("SELECT amount FROM instalments WHERE agreement_id = ? AND seq = ?")
            .params(agreementId(pi), seq).query(java.math.BigDecimal.class).single();
    }

    @Test
    void planKeptToTheEndPausesEscalationAndResumesWithTheTimeLeft() {
        ProcessInstance pi = atFirstCall("1000.00");
        ProcessInstance plan = requestPlan(pi, 3, "2026-03-20");
        BpmnAwareTests.assertThat(pi).isWaitingAt("CallActivity_AgreeInstalments");
        BpmnAwareTests.assertThat(plan).hasPassed("Task_SendInstalmentSchedule").isWaitingAt("Timer_InstalmentReminderDue");
        assertThat(agreementStatus(pi)).isEqualTo("ACTIVE");
        // 1,000.00 + two days of statutory interest (0.25): the plan sums to the outstanding total
        assertThat(jdbc.sql("SELECT total FROM agreements WHERE id = ?").param(agreementId(pi))
            .query(java.math.BigDecimal.class).single()).isEqualByComparingTo("1000.25");
        assertThat(outboxKinds(invoice)).contains("INSTALMENT_SCHEDULE");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM acknowledgements WHERE invoice_number = ?")
            .param(invoice.invoiceNumber()).query(Integer.class).single()).isEqualTo(1);

        // the formal-demand date passes: nothing escalates while the plan is kept
        moveTo(at(2026, 3, 17, 9, 0));
        BpmnAwareTests.assertThat(pi).isWaitingAt("CallActivity_AgreeInstalments");
        assertThat(outboxKinds(invoice)).contains("INSTALMENT_REMINDER").doesNotContain("DUNNING_LETTER");

        payment(invoice, instalment(pi, 1).toPlainString(), LocalDate.of(2026, 3, 20));
        moveTo(at(2026, 3, 21, 9, 0));
        BpmnAwareTests.assertThat(plan).isWaitingAt("Timer_InstalmentReminderDue");
        payment(invoice, instalment(pi, 2).toPlainString(), LocalDate.of(2026, 4, 18));
        moveTo(at(2026, 4, 21, 9, 0));
        payment(invoice, instalment(pi, 3).toPlainString(), LocalDate.of(2026, 5, 20));
        moveTo(at(2026, 5, 21, 9, 0));

        BpmnAwareTests.assertThat(plan).isEnded().hasPassed("Task_CloseKeptAgreement", "EndEvent_AgreementKept");
        assertThat(agreementStatus(pi)).isEqualTo("KEPT");
        assertThat(variable(pi, AGREEMENT_OUTCOME)).isEqualTo("KEPT");
        // the case resumes in the internal stage; the formal demand moves by the 76 days of the pause
        BpmnAwareTests.assertThat(pi).hasPassed("Task_ResumeCollection").isWaitingAt("Task_CallCustomer");
        assertThat((String) variable(pi, FORMAL_DEMAND_AT)).startsWith("2026-05-29T08:00");
        assertThat(contactOutcomes(invoice)).contains("COLLECTION_RESUMED");
    }

    @Test
    void anUnpaidFifthAcceleratesTheRemainderAtOnceAndTheCaseResumes() {
        ProcessInstance pi = atFirstCall("1000.00");
        ProcessInstance plan = requestPlan(pi, 3, "2026-03-20");
        moveTo(at(2026, 3, 21, 9, 0));
        BpmnAwareTests.assertThat(plan).isEnded().hasPassed("Task_AccelerateAgreement", "EndEvent_AgreementAccelerated")
            .hasNotPassed("Timer_GraceEnded");
        assertThat(agreementStatus(pi)).isEqualTo("ACCELERATED");
        assertThat(outboxKinds(invoice)).contains("AGREEMENT_ACCELERATED");
        BpmnAwareTests.assertThat(pi).isWaitingAt("Task_CallCustomer");
        assertThat(variable(pi, STAGE)).isEqualTo("INTERNAL_REMINDER");
        // paused 03-05 10:00 .. 03-21 09:00: the 8 days left of the stage are kept
        assertThat((String) variable(pi, FORMAL_DEMAND_AT)).startsWith("2026-03-29T08:00");
        moveTo(at(2026, 3, 29, 8, 0));
        BpmnAwareTests.assertThat(pi).hasPassed("Timer_FormalDemandDue");
    }

    @Test
    void oneInstalmentLateWithinGraceThenTheNextUnpaidPastGraceAccelerates() {
        ProcessInstance pi = atFirstCall("1000.00");
        ProcessInstance plan = requestPlan(pi, 10, "2026-03-20");
        moveTo(at(2026, 3, 21, 9, 0));
        BpmnAwareTests.assertThat(plan).isWaitingAt("Timer_GraceEnded");
        payment(invoice, instalment(pi, 1).toPlainString(), LocalDate.of(2026, 3, 25));
        moveTo(at(2026, 3, 26, 9, 0));
        BpmnAwareTests.assertThat(plan).isWaitingAt("Timer_InstalmentReminderDue");
        assertThat(variable(plan, CURRENT_INSTALMENT)).isEqualTo(2);

        moveTo(at(2026, 4, 21, 9, 0));
        BpmnAwareTests.assertThat(plan).isWaitingAt("Timer_GraceEnded");
        moveTo(at(2026, 4, 26, 9, 0));
        BpmnAwareTests.assertThat(plan).isEnded().hasPassed("EndEvent_AgreementAccelerated");
        assertThat(jdbc.sql("SELECT body FROM outbox WHERE invoice_number = ? AND kind = 'AGREEMENT_ACCELERATED'")
            .param(invoice.invoiceNumber()).query(String.class).single()).contains("unpaid after 5 days of grace");
        BpmnAwareTests.assertThat(pi).isWaitingAt("Task_CallCustomer");
    }

    @Test
    void largePlansNeedASupervisorAndARejectedPlanResumesCollection() {
        ProcessInstance pi = atFirstCall("12000.00");
        ProcessInstance plan = requestPlan(pi, 3, "2026-03-20");
        BpmnAwareTests.assertThat(plan).isWaitingAt("Task_ApproveAgreement");
        BpmnAwareTests.assertThat(task(plan, "Task_ApproveAgreement")).hasCandidateGroup("supervisors");
        BpmnAwareTests.complete(task(plan, "Task_ApproveAgreement"),
            withVariables(AGREEMENT_DECISION, "REJECT", DECISION_REASON, "Broke two promises this year."));
        executeDueJobs();
        BpmnAwareTests.assertThat(plan).isEnded().hasPassed("EndEvent_AgreementRejected");
        assertThat(agreementStatus(pi)).isEqualTo("REJECTED");
        BpmnAwareTests.assertThat(pi).isWaitingAt("Task_CallCustomer");
    }

    @Test
    void approvedLargePlanIsSentToTheCustomer() {
        ProcessInstance pi = atFirstCall("12000.00");
        ProcessInstance plan = requestPlan(pi, 3, "2026-03-20");
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
