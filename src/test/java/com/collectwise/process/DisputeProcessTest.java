package com.collectwise.process;

import static com.collectwise.kernel.CaseVariables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.time.LocalDate;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.Customer;
import com.collectwise.kernel.Segment;
import com.collectwise.fees.StatementService;

/** Disputes raised on the call form: the calls go on for the undisputed part while Process_Dispute runs. */
@SpringBootTest
@ActiveProfiles("test")
@Import(ProcessEngineCoverageConfiguration.class)
class DisputeProcessTest extends CollectionTestSupport {

    @Autowired StatementService statements;
    @Autowired com.collectwise.payments.CreditNoteService creditNotes;
    @Autowired com.collectwise.disputes.DisputeService disputes;

    Customer customer;
    Invoice invoice;

    /** Call on Thursday 2026-03-05 (invoice due 03-03): the customer disputes 400.00 of 1,000.00. */
    ProcessInstance[] disputed(String category) {
        return disputed(category, 400.0);
    }

    ProcessInstance[] disputed(String category, double amount) {
        setClock(at(2026, 3, 5, 10, 0));
        customer = customer(Segment.DOMESTIC);
        invoice = invoice(customer, LocalDate.of(2026, 3, 3), 30, "1000.00");
        ProcessInstance pi = start(invoice, customer);
        BpmnAwareTests.complete(task(pi, "Task_CallCustomer"), withVariables(CALL_OUTCOME, "DISPUTED",
            DISPUTE_CATEGORY, category, DISPUTED_AMOUNT, amount, DISPUTE_DESCRIPTION, "4 of 10 pumps leak"));
        ProcessInstance dispute = runtime.createProcessInstanceQuery().superProcessInstanceId(pi.getId()).singleResult();
        assertThat(dispute).isNotNull();
        started.add(dispute.getId());
        executeDueJobs();
        return new ProcessInstance[] {pi, dispute};
    }

    String disputeStatus() {
        return jdbc.sql("SELECT status FROM disputes WHERE invoice_number = ?").param(invoice.invoiceNumber())
            .query(String.class).single();
    }

    @Test
    void acceptedDisputeCreditsTheInvoiceWhileCallsGoOnForTheRest() {
        ProcessInstance[] p = disputed("QUALITY");
        BpmnAwareTests.assertThat(p[0]).isWaitingAt("Timer_NextCallDue");
        BpmnAwareTests.assertThat(p[1]).isWaitingAt("Task_ResolveDispute");
        BpmnAwareTests.assertThat(task(p[1], "Task_ResolveDispute")).hasCandidateGroup("supervisors");

        // the next call asks only for the undisputed part
        moveTo(at(2026, 3, 6, 15, 30));
        BpmnAwareTests.assertThat(p[0]).isWaitingAt("Task_CallCustomer");
        assertThat(((Number) variable(p[0], "openDisputedAmount")).doubleValue()).isEqualTo(400.0);
        Task nextCall = task(p[0], "Task_CallCustomer");
        assertThat((String) tasks.getVariableLocal(nextCall.getId(), AMOUNT_TO_COLLECT)).startsWith("600.");
        // the case's outstanding total (Cockpit, API) still includes the disputed part
        assertThat(((Number) variable(p[0], OUTSTANDING_AMOUNT)).doubleValue()).isBetween(1000.0, 1001.0);

        BpmnAwareTests.complete(task(p[1], "Task_ResolveDispute"),
            withVariables(DISPUTE_DECISION, "CREDIT_NOTE", DECISION_REASON, "Quality report confirms the leaks."));
        BpmnAwareTests.assertThat(p[1]).isEnded().hasPassed("Task_IssueCreditNote", "EndEvent_InvoiceCredited");
        assertThat(disputeStatus()).isEqualTo("CREDIT_NOTE");
        assertThat(variable(p[0], DISPUTE_OUTCOME)).isEqualTo("CREDIT_NOTE");
        assertThat(statements.statement(reload(invoice), LocalDate.of(2026, 3, 6)).principal())
            .isEqualByComparingTo("600.00");
    }

    /** The whole invoice was never owed: the accepted dispute settles it and ends the case at once. */
    @Test
    void aDisputeAcceptedForTheWholeInvoiceSettlesItAndEndsTheCase() {
        ProcessInstance[] p = disputed("QUALITY", 1000.0);
        moveTo(at(2026, 3, 9, 11, 0));
        BpmnAwareTests.complete(task(p[1], "Task_ResolveDispute"),
            withVariables(DISPUTE_DECISION, "CREDIT_NOTE", DECISION_REASON, "The whole delivery was returned."));

        BpmnAwareTests.assertThat(p[1]).isEnded();
        assertThat(statements.statement(reload(invoice), LocalDate.of(2026, 3, 9)).total()).isZero();
        assertThat(reload(invoice).status()).isEqualTo(com.collectwise.kernel.CaseStatus.SETTLED);
        executeDueJobs();
        BpmnAwareTests.assertThat(p[0]).hasPassed("Task_CloseSettledCase", "EndEvent_CaseClosed").isEnded();
    }

    @Test
    void priceDisputeGoesToFinanceAndIsRejected() {
        ProcessInstance[] p = disputed("PRICE");
        BpmnAwareTests.assertThat(task(p[1], "Task_ResolveDispute")).hasCandidateGroup("finance");
        BpmnAwareTests.complete(task(p[1], "Task_ResolveDispute"),
            withVariables(DISPUTE_DECISION, "REJECT", DECISION_REASON, "Price as in the signed contract."));
        BpmnAwareTests.assertThat(p[1]).isEnded().hasPassed("Task_RejectDispute", "EndEvent_DisputeRejected");
        assertThat(disputeStatus()).isEqualTo("REJECTED");
    }

    @Test
    void aDisputeUndecidedForTenWorkingDaysGoesToTheSupervisor() {
        ProcessInstance[] p = disputed("PRICE");
        // 10 working days after Thursday 03-05: Thursday 03-19, end of the day
        assertThat((String) variable(p[1], DISPUTE_SLA)).startsWith("2026-03-19T18:00");
        moveTo(at(2026, 3, 19, 18, 0));
        BpmnAwareTests.assertThat(p[1]).hasPassed("Timer_DisputeSlaExpired").isWaitingAt("Task_DecideOverdueDispute");
        BpmnAwareTests.assertThat(task(p[1], "Task_DecideOverdueDispute")).hasCandidateGroup("supervisors");
        BpmnAwareTests.complete(task(p[1], "Task_DecideOverdueDispute"),
            withVariables(DISPUTE_DECISION, "REJECT", DECISION_REASON, "No evidence sent."));
        assertThat(disputeStatus()).isEqualTo("REJECTED");
    }

    /**
     * The department sees in Tasklist by when it must decide: "Resolve dispute" is due at the end of the service
     * level, 10 working days of the official calendar. Raised on Thursday 2026-09-24: 09-25..27 Mid-Autumn holidays,
     * 10-01..07 National Day, Saturday 10-10 a make-up working day: 09-28, 09-29, 09-30, 10-08, 10-09, 10-10, 10-12,
     * 10-13, 10-14, 10-15 -> due Thursday 2026-10-15 18:00, the moment the supervisor takes over.
     */
    @Test
    void theResolveDisputeTaskIsDueWhenTheServiceLevelEnds() {
        setClock(at(2026, 9, 24, 10, 0));
        customer = customer(Segment.DOMESTIC);
        invoice = invoice(customer, LocalDate.of(2026, 9, 22), 30, "1000.00");
        ProcessInstance pi = start(invoice, customer);
        BpmnAwareTests.complete(task(pi, "Task_CallCustomer"), withVariables(CALL_OUTCOME, "DISPUTED",
            DISPUTE_CATEGORY, "QUALITY", DISPUTED_AMOUNT, 300.0, DISPUTE_DESCRIPTION, "3 of 10 pumps leak"));
        ProcessInstance dispute = runtime.createProcessInstanceQuery().superProcessInstanceId(pi.getId()).singleResult();
        started.add(dispute.getId());
        executeDueJobs();

        assertThat((String) variable(dispute, DISPUTE_SLA)).startsWith("2026-10-15T18:00");
        org.camunda.bpm.engine.task.Task resolve = tasks.createTaskQuery().processInstanceId(dispute.getId())
            .taskDefinitionKey("Task_ResolveDispute").singleResult();
        assertThat(resolve.getDueDate()).isEqualTo(java.util.Date.from(at(2026, 10, 15, 18, 0).toInstant()));
    }

    void creditNote(String number, String amount, LocalDate issuedOn) {
        creditNotes.issue(invoice.invoiceNumber(), number + "-" + invoice.invoiceNumber(), new java.math.BigDecimal(amount),
            issuedOn, "pumps returned", "finance1");
    }

    /** Finance posts the credit note itself: the dispute ends as credited, as if the department had decided it. */
    @Test
    void aCreditNotePostedOverTheApiEndsTheDisputeAsCredited() {
        ProcessInstance[] p = disputed("QUALITY");
        setClock(at(2026, 3, 6, 10, 0));
        creditNote("CN", "400.00", LocalDate.of(2026, 3, 6));

        BpmnAwareTests.assertThat(p[1]).isEnded().hasPassed("EndEvent_DisputeSettledByCreditNote")
            .hasNotPassed("Task_IssueCreditNote", "Task_RejectDispute");
        assertThat(disputeStatus()).isEqualTo("CREDIT_NOTE");
        assertThat(variable(p[0], DISPUTE_OUTCOME)).isEqualTo("CREDIT_NOTE");
        assertThat(disputes.disputed(invoice.invoiceNumber())).isZero();
        // one credit note, 400.00, not 800.00
        assertThat(statements.statement(reload(invoice), LocalDate.of(2026, 3, 6)).principal())
            .isEqualByComparingTo("600.00");
        assertThat(jobs(p[1])).isZero();
    }

    /**
     * An invoice disputed in full (1,000.00) gets a credit note for 400.00: the rest (600.00) is still disputed, and
     * it is all the principal left, so the case still does not escalate; once the rest is rejected, the formal demand
     * goes out for what is left after the note.
     */
    @Test
    void aFullDisputeCreditedInPartStillHoldsEscalationUntilTheRestIsDecided() {
        ProcessInstance[] p = disputed("QUANTITY", 1000.0);
        setClock(at(2026, 3, 6, 10, 0));
        creditNote("CN", "400.00", LocalDate.of(2026, 3, 6));
        BpmnAwareTests.assertThat(p[1]).isWaitingAt("Task_ResolveDispute");
        assertThat(disputes.disputed(invoice.invoiceNumber())).isEqualByComparingTo("600.00");

        moveTo(at(2026, 3, 13, 9, 0));
        BpmnAwareTests.assertThat(p[0]).isWaitingAt("Event_NoFullDisputeBeforeDemand")
            .hasNotPassed("SubProcess_DemandPayment");

        setClock(at(2026, 3, 17, 11, 0));
        BpmnAwareTests.complete(task(p[1], "Task_ResolveDispute"),
            withVariables(DISPUTE_DECISION, "REJECT", DECISION_REASON, "Six pumps were delivered and work."));
        executeDueJobs();
        BpmnAwareTests.assertThat(p[0]).hasPassed("Event_NoFullDisputeBeforeDemand", "Task_SendDunningLetter");
        assertThat(statements.statement(reload(invoice), LocalDate.of(2026, 3, 17)).principal())
            .isEqualByComparingTo("600.00");
    }

    /** A credit note for all of a full dispute settles the invoice: the dispute and the case end. */
    @Test
    void aCreditNoteForAWholeInvoiceDisputedInFullSettlesIt() {
        ProcessInstance[] p = disputed("QUANTITY", 1000.0);
        setClock(at(2026, 3, 6, 10, 0));
        creditNote("CN", "1000.00", LocalDate.of(2026, 3, 6));
        assertThat(disputeStatus()).isEqualTo("CREDIT_NOTE");
        assertThat(reload(invoice).status()).isEqualTo(com.collectwise.kernel.CaseStatus.SETTLED);
        executeDueJobs();
        BpmnAwareTests.assertThat(p[1]).isEnded();
        BpmnAwareTests.assertThat(p[0]).isEnded();
    }

    /**
     * A dispute process started on a version of Process_Dispute from before the "Credit note posted" event
     * sub-process (a test-only copy of that shape) cannot receive Message_DisputeCredited: the credit note moves it
     * onto the newest version, which ends it as credited; its task is gone, the case hears CREDIT_NOTE, and the
     * instance keeps why it was moved (Cockpit, history).
     */
    @Test
    void aCreditNoteEndsADisputeStartedOnAVersionWithoutTheCreditNoteEvent() {
        org.camunda.bpm.engine.RepositoryService repository = engine.getRepositoryService();
        String earlier = repository.createDeployment().name("Process_Dispute before the credit note event (test)")
            .addClasspathResource("earlier-versions/dispute-before-credit-note-event.bpmn").deploy().getId();
        String current = null;
        try {
            ProcessInstance[] p = disputed("QUALITY");
            String earlierDefinition = repository.createProcessDefinitionQuery().deploymentId(earlier).singleResult()
                .getId();
            assertThat(p[1].getProcessDefinitionId()).as("the case called the earlier shape")
                .isEqualTo(earlierDefinition);
            BpmnAwareTests.assertThat(p[1]).isWaitingAt("Task_ResolveDispute");
            // the model as it is now, deployed after the dispute started
            current = repository.createDeployment().name("Process_Dispute as now (test)")
                .addClasspathResource("processes/dispute.bpmn").deploy().getId();
            String currentDefinition = repository.createProcessDefinitionQuery().deploymentId(current).singleResult()
                .getId();

            setClock(at(2026, 3, 6, 10, 0));
            creditNote("CN", "400.00", LocalDate.of(2026, 3, 6));

            BpmnAwareTests.assertThat(p[1]).isEnded().hasPassed("EndEvent_DisputeSettledByCreditNote")
                .hasNotPassed("Task_IssueCreditNote", "Task_RejectDispute");
            assertThat(tasks.createTaskQuery().processInstanceId(p[1].getId()).count()).as("no task left open").isZero();
            assertThat(jobs(p[1])).isZero();
            assertThat(disputeStatus()).isEqualTo("CREDIT_NOTE");
            assertThat(variable(p[0], DISPUTE_OUTCOME)).isEqualTo("CREDIT_NOTE");
            assertThat(statements.statement(reload(invoice), LocalDate.of(2026, 3, 6)).principal())
                .isEqualByComparingTo("600.00");
            var ended = history.createHistoricProcessInstanceQuery().processInstanceId(p[1].getId()).singleResult();
            assertThat(ended.getProcessDefinitionId()).isEqualTo(currentDefinition);
            assertThat(ended.getState()).isEqualTo("COMPLETED");
            assertThat((String) history.createHistoricVariableInstanceQuery().processInstanceId(p[1].getId())
                .variableName(com.collectwise.kernel.CaseEngine.MIGRATED_BECAUSE).singleResult().getValue())
                .contains("Credit note posted for dispute #", "could not receive Message_DisputeCredited",
                    "moved from version ");
            BpmnAwareTests.assertThat(p[0]).isWaitingAt("Timer_NextCallDue");
        } finally {
            if (current != null) {
                repository.deleteDeployment(current, true);
            }
            repository.deleteDeployment(earlier, true);
        }
    }

    /**
     * The earlier version waits in a task the newest version does not have (a test-only shape: "Task_DecideDispute"):
     * it cannot be moved, so the credit note ends it where it is, as a credited decision would (disputeOutcome
     * CREDIT_NOTE at "Invoice credited"), its task and its timer removed, the reason kept on the instance and on the
     * modification's user operation log entry.
     */
    @Test
    void aCreditNoteEndsADisputeOnAVersionThatCannotBeMovedWhereItIs() {
        org.camunda.bpm.engine.RepositoryService repository = engine.getRepositoryService();
        String earlier = repository.createDeployment().name("Process_Dispute with another task id (test)")
            .addClasspathResource("earlier-versions/dispute-decided-under-another-task-id.bpmn").deploy().getId();
        String current = null;
        try {
            ProcessInstance[] p = disputed("QUALITY");
            BpmnAwareTests.assertThat(p[1]).isWaitingAt("Task_DecideDispute");
            current = repository.createDeployment().name("Process_Dispute as now (test)")
                .addClasspathResource("processes/dispute.bpmn").deploy().getId();
            String earlierDefinition = p[1].getProcessDefinitionId();

            setClock(at(2026, 3, 6, 10, 0));
            creditNote("CN", "400.00", LocalDate.of(2026, 3, 6));

            BpmnAwareTests.assertThat(p[1]).isEnded().hasPassed("EndEvent_InvoiceCredited")
                .hasNotPassed("Task_IssueCreditNote", "Task_RejectDispute");
            assertThat(tasks.createTaskQuery().processInstanceId(p[1].getId()).count()).as("no task left open").isZero();
            assertThat(jobs(p[1])).isZero();
            assertThat(disputeStatus()).isEqualTo("CREDIT_NOTE");
            assertThat(variable(p[0], DISPUTE_OUTCOME)).isEqualTo("CREDIT_NOTE");
            BpmnAwareTests.assertThat(p[0]).hasPassed("EndEvent_CallDisputeResolved").isWaitingAt("Timer_NextCallDue");
            assertThat(statements.statement(reload(invoice), LocalDate.of(2026, 3, 6)).principal())
                .isEqualByComparingTo("600.00");
            var ended = history.createHistoricProcessInstanceQuery().processInstanceId(p[1].getId()).singleResult();
            assertThat(ended.getProcessDefinitionId()).as("not moved").isEqualTo(earlierDefinition);
            assertThat((String) history.createHistoricVariableInstanceQuery().processInstanceId(p[1].getId())
                .variableName(com.collectwise.kernel.CaseEngine.ENDED_BECAUSE).singleResult().getValue())
                .contains("Credit note posted for dispute #", "ended as credited");
        } finally {
            if (current != null) {
                repository.deleteDeployment(current, true);
            }
            repository.deleteDeployment(earlier, true);
        }
    }

    long jobs(ProcessInstance pi) {
        return management.createJobQuery().processInstanceId(pi.getId()).count();
    }
}
