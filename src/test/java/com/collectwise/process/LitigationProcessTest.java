package com.collectwise.process;

import static com.collectwise.kernel.CaseVariables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.time.LocalDate;
import java.util.Map;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import com.collectwise.kernel.Invoice;
import com.collectwise.communication.Outbox;
import com.collectwise.kernel.Customer;
import com.collectwise.kernel.Segment;
import com.collectwise.handoff.Lawsuits;

/**
 * Walks every path of Process_Litigation, called from the litigation stage. The invoice (150,000.00, due
 * 2026-03-03) reaches litigation at the field visit on 2026-03-23 when the customer denies the debt.
 */
@SpringBootTest
@ActiveProfiles("test")
@Import(ProcessEngineCoverageConfiguration.class)
class LitigationProcessTest extends CollectionTestSupport {

    @org.springframework.beans.factory.annotation.Autowired Lawsuits lawsuits;

    Customer customer;
    Invoice invoice;
    @org.springframework.beans.factory.annotation.Autowired com.collectwise.handoff.CostBenefit costBenefit;
    @org.springframework.beans.factory.annotation.Autowired com.collectwise.fees.CaseFigures caseFigures;

    ProcessInstance atLitigationReview() {
        setClock(at(2026, 3, 5, 10, 0));
        customer = customer(Segment.DOMESTIC);
        invoice = invoice(customer, LocalDate.of(2026, 3, 3), 30, "150000.00");
        ProcessInstance pi = start(invoice, customer);
        moveTo(at(2026, 3, 23, 9, 0));
        BpmnAwareTests.complete(task(pi, "Task_VisitCustomer"),
            withVariables(VISIT_OUTCOME, "DENIES_DEBT", DECISION_MAKER_MET, true, VISIT_REPORT, "Denies the delivery."));
        executeDueJobs();
        assertAtLitigationReview(pi);
        return pi;
    }

    void complete(ProcessInstance pi, String taskKey, Map<String, Object> variables) {
        BpmnAwareTests.complete(task(pi, taskKey), variables);
        executeDueJobs();
    }

    /** Sues and records the judgment; @return the litigation instance */
    ProcessInstance judged(ProcessInstance pi, String judgment) {
        ProcessInstance litigation = called(pi);
        complete(pi, "Task_ReviewLitigation", withVariables(LITIGATION_DECISION, "SUE", DECISION_REASON, "strong evidence"));
        complete(pi, "Task_FileSuit", withVariables(SUIT_FILED_ON, "2026-03-30", COURT, "Shanghai Pudong People's Court",
            COURT_CASE_REFERENCE, "(2026) Hu 0115 Min Chu 123", HEARING_DATE, "2026-05-20"));
        complete(pi, "Task_AttendHearing", withVariables(DECISION_REASON, "delivery notes shown"));
        complete(pi, "Task_RecordJudgment", withVariables(JUDGMENT, judgment, DECISION_REASON, "judgment of 2026-06-10"));
        return litigation;
    }

    void assertAtWriteOffWith(ProcessInstance pi, ProcessInstance litigation, String outcome) {
        BpmnAwareTests.assertThat(litigation).isEnded();
        BpmnAwareTests.assertThat(pi).hasPassed("EndEvent_LegalActionEnded").isWaitingAt("Task_ApproveWriteOff")
            .variables().containsEntry(LITIGATION_OUTCOME, outcome);
    }

    @Test
    void legalSeesTheCostsAndMayAdviseWriteOff() {
        ProcessInstance pi = atLitigationReview();
        ProcessInstance litigation = called(pi);
        BpmnAwareTests.assertThat(task(pi, "Task_ReviewLitigation")).hasCandidateGroup("legal");
        assertThat((String) variable(litigation, LITIGATION_COST_BENEFIT))
            // claim = 150,000.00 + 20 days of 4.5% = 150,369.86; court fee 50 + 2.5% x 90,000 + 2% x 50,369.86
            // = 3,307.40; lawyer 8% = 12,029.59; net 150,369.86 - 3,307.40 - 12,029.59 = 135,032.87
            .contains("Claim CNY 150,369.86").contains("Court acceptance fee CNY 3,307.40")
            .contains("Lawyer estimate CNY 12,029.59").contains("Net if won and enforced: CNY 135,032.87")
            .contains("Limitation date 2029-03-03");
        // a Chinese installation words the same figures in Chinese (cases.HandoffFormWords)
        var today = caseFigures.today(invoice.invoiceNumber());
        assertThat(new com.collectwise.cases.HandoffFormWords("zh-CN")
            .litigation(costBenefit.litigationFigures(today.invoice(), today.statement())))
            .contains("诉讼标的 150,369.86 CNY", "案件受理费 3,307.40 CNY", "律师费预估 12,029.59 CNY",
                "胜诉并执行到位后净得：135,032.87 CNY", "诉讼时效届满日 2029-03-03").containsPattern("\\p{IsHan}");
        complete(pi, "Task_ReviewLitigation", withVariables(LITIGATION_DECISION, "WRITE_OFF", DECISION_REASON, "no assets"));
        BpmnAwareTests.assertThat(litigation).hasPassed("EndEvent_WriteOffAdvised");
        assertAtWriteOffWith(pi, litigation, "WRITE_OFF");
        assertThat(outboxKinds(invoice)).doesNotContain(Outbox.LEGAL_HANDOFF);
    }

    /**
     * DOMAIN.md 5 and 8: while a dispute of 50,000.00 is open the suit is for the undisputed part only. Undisputed =
     * the invoice as if the 50,000.00 were credited from the due date: 100,000.00 + 20 days of 4.5% (246.575342 ->
     * 246.58) = 100,246.58 (not the 150,369.86 outstanding). Court fee 50 + 2.5% x 90,000 + 2% x 246.58 (4.93) =
     * 2,304.93; lawyer 8% = 8,019.73 (8,019.7264); net 100,246.58 - 2,304.93 - 8,019.73 = 89,921.92. The disputed
     * amount is named on the form and in the case data legal gets.
     */
    @Test
    void whileADisputeIsOpenLegalWeighsASuitForTheUndisputedPartOnly() {
        setClock(at(2026, 3, 5, 10, 0));
        customer = customer(Segment.DOMESTIC);
        invoice = invoice(customer, LocalDate.of(2026, 3, 3), 30, "150000.00");
        ProcessInstance pi = start(invoice, customer);
        BpmnAwareTests.complete(task(pi, "Task_CallCustomer"), withVariables(CALL_OUTCOME, "DISPUTED",
            DISPUTE_CATEGORY, "QUALITY", DISPUTED_AMOUNT, 50000.0, DISPUTE_DESCRIPTION, "one machine of three broken"));
        executeDueJobs();
        moveTo(at(2026, 3, 23, 9, 0));
        BpmnAwareTests.complete(task(pi, "Task_VisitCustomer"),
            withVariables(VISIT_OUTCOME, "DENIES_DEBT", DECISION_MAKER_MET, true, VISIT_REPORT, "Denies the delivery."));
        executeDueJobs();
        // the dispute process runs beside the litigation: two called processes
        ProcessInstance litigation = runtime.createProcessInstanceQuery().superProcessInstanceId(pi.getId())
            .processDefinitionKey(PROCESS_LITIGATION).singleResult();
        BpmnAwareTests.assertThat(litigation).isWaitingAt("Task_ReviewLitigation");
        assertThat((String) variable(litigation, LITIGATION_COST_BENEFIT))
            .contains("Claim CNY 100,246.58 undisputed (CNY 50,000.00 under open dispute is not claimed")
            .contains("Court acceptance fee CNY 2,304.93").contains("Lawyer estimate CNY 8,019.73")
            .contains("Net if won and enforced: CNY 89,921.92").doesNotContain("150,369.86");
        complete(pi, "Task_ReviewLitigation", withVariables(LITIGATION_DECISION, "SUE", DECISION_REASON, "evidence"));
        assertThat(outbox.forInvoice(invoice.invoiceNumber())).filteredOn(m -> m.kind().equals(Outbox.LEGAL_HANDOFF))
            .singleElement().satisfies(m -> assertThat(m.body()).contains("total=150369.86")
                .contains("disputed=50000.00").contains("claim=100246.58"));
    }

    @Test
    void suitTasksCarryDueDatesAndTheFilingIsRecorded() {
        ProcessInstance pi = atLitigationReview();
        complete(pi, "Task_ReviewLitigation", withVariables(LITIGATION_DECISION, "SUE", DECISION_REASON, "strong evidence"));
        assertThat(outboxKinds(invoice)).contains(Outbox.LEGAL_HANDOFF);
        // keyed with the case's stage entry, counted on the invoice and given to the litigation process as an input
        int entries = reload(invoice).stageEntries();
        assertThat(entries).isPositive();
        assertThat(variable(called(pi), STAGE_ENTRY_NUMBER)).isEqualTo(entries);
        assertThat(outbox.forInvoice(invoice.invoiceNumber())).filteredOn(m -> m.kind().equals(Outbox.LEGAL_HANDOFF))
            .extracting(m -> m.idempotencyKey())
            .containsExactly(Outbox.LEGAL_HANDOFF + ":" + invoice.invoiceNumber() + ":" + entries);
        Task file = task(pi, "Task_FileSuit");
        assertThat(file.getDueDate().toInstant()).as("two weeks to file").isEqualTo(at(2026, 4, 6, 9, 0).toInstant());
        // the form's header facts are on the task (issue 18, step 5), not mapped into the litigation instance
        assertThat(tasks.getVariablesLocal(file.getId())).containsEntry(DUE_DATE, "2026-03-03")
            .containsEntry(DECISION_MAKER, "Ms. Wang").containsKey(DAYS_OVERDUE);
        assertThat(runtime.getVariables(called(pi).getId())).doesNotContainKeys(DUE_DATE, DECISION_MAKER);
        complete(pi, "Task_FileSuit", withVariables(SUIT_FILED_ON, "2026-03-30", COURT, "Pudong court",
            COURT_CASE_REFERENCE, "(2026) 123", HEARING_DATE, "2026-05-20"));
        assertThat(lawsuits.filingDates(invoice.invoiceNumber())).containsExactly(LocalDate.of(2026, 3, 30));
        Task hearing = task(pi, "Task_AttendHearing");
        assertThat(hearing.getDueDate()).as("due on the hearing date").isNotNull();
        assertThat(hearing.getDueDate().toInstant().atZone(ZONE).toLocalDate()).isEqualTo(LocalDate.of(2026, 5, 20));
        complete(pi, "Task_AttendHearing", withVariables(DECISION_REASON, "heard"));
        assertThat(task(pi, "Task_RecordJudgment").getDueDate()).isNotNull();
    }

    @Test
    void wonAndCollectedGoesToClosingIfAnythingIsLeft() {
        ProcessInstance pi = atLitigationReview();
        ProcessInstance litigation = judged(pi, "WON");
        assertThat(task(pi, "Task_EnforceJudgment").getDueDate()).isNotNull();
        complete(pi, "Task_EnforceJudgment", withVariables(ENFORCEMENT_RESULT, "COLLECTED", DECISION_REASON, "bank account seized"));
        BpmnAwareTests.assertThat(litigation).hasPassed("EndEvent_DebtCollected");
        assertAtWriteOffWith(pi, litigation, "COLLECTED");
    }

    @Test
    void wonButEnforcementFailed() {
        ProcessInstance pi = atLitigationReview();
        ProcessInstance litigation = judged(pi, "WON");
        complete(pi, "Task_EnforceJudgment", withVariables(ENFORCEMENT_RESULT, "FAILED", DECISION_REASON, "no assets"));
        BpmnAwareTests.assertThat(litigation).hasPassed("EndEvent_EnforcementFailed");
        assertAtWriteOffWith(pi, litigation, "ENFORCEMENT_FAILED");
    }

    @Test
    void settledInCourt() {
        ProcessInstance pi = atLitigationReview();
        ProcessInstance litigation = judged(pi, "SETTLED");
        BpmnAwareTests.assertThat(litigation).hasPassed("EndEvent_CaseSettled");
        assertAtWriteOffWith(pi, litigation, "SETTLED");
    }

    @Test
    void lostGoesToWriteOff() {
        ProcessInstance pi = atLitigationReview();
        ProcessInstance litigation = judged(pi, "LOST");
        BpmnAwareTests.assertThat(litigation).hasPassed("EndEvent_CaseLost");
        assertAtWriteOffWith(pi, litigation, "LOST");
    }
}
