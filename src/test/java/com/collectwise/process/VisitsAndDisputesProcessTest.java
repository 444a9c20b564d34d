package com.collectwise.process;

import static com.collectwise.kernel.CaseVariables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.time.LocalDate;
import java.time.OffsetDateTime;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.Stage;
import com.collectwise.communication.Outbox;
import com.collectwise.communication.OutboxMessage;
import com.collectwise.kernel.Customer;
import com.collectwise.kernel.Segment;

/**
 * Issue 16, items 5 and 7: field visits by policy with a due date on the working calendar, "decision maker not
 * met" leads to a second visit and then to the supervisor; disputes protect the disputed part: notices demand
 * the undisputed amount, and an invoice disputed in full does not escalate while its dispute is open. Invoice due
 * Tuesday 2026-03-03, 30-day term: formal demand 03-13, field stage 03-23, agency 05-02.
 */
@SpringBootTest
@ActiveProfiles("test")
@Import(ProcessEngineCoverageConfiguration.class)
class VisitsAndDisputesProcessTest extends CollectionTestSupport {

    static final LocalDate DUE = LocalDate.of(2026, 3, 3);

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.context.ApplicationEventPublisher events;

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

    ProcessInstance atFieldVisit() {
        ProcessInstance pi = atFirstCall("12000.00");
        moveTo(at(2026, 3, 23, 9, 0));
        BpmnAwareTests.assertThat(pi).isWaitingAt("Task_VisitCustomer");
        return pi;
    }

    void visit(ProcessInstance pi, boolean decisionMakerMet) {
        BpmnAwareTests.complete(task(pi, "Task_VisitCustomer"), withVariables(VISIT_OUTCOME, "CANNOT_PAY",
            DECISION_MAKER_MET, decisionMakerMet, VISIT_REPORT, "Only the receptionist was there."));
        executeDueJobs();
    }

    OffsetDateTime visitDueAt(ProcessInstance pi) {
        return OffsetDateTime.parse((String) variable(pi, VISIT_DUE_AT));
    }

    // ---- field visits (item 7)

    @Test
    void decisionMakerNotMetLeadsToASecondVisitThenToTheSupervisor() {
        ProcessInstance pi = atFieldVisit();
        Task first = task(pi, "Task_VisitCustomer");
        // 10 working days from Monday 03-23 on the CN calendar: 03-24 .. 04-03 are nine, Qingming (04-04 .. 04-06)
        // none, the tenth is Tuesday 04-07, due at the end of the day
        assertThat(variable(pi, VISIT_DUE_AT)).isEqualTo("2026-04-07T18:00:00+08:00");
        assertThat(first.getDueDate().toInstant()).isEqualTo(visitDueAt(pi).toInstant());

        setClock(at(2026, 3, 25, 11, 0));
        visit(pi, false);
        BpmnAwareTests.assertThat(pi).hasPassed("Gateway_DecisionMakerMet").isWaitingAt("Task_VisitCustomer")
            .variables().containsEntry(VISIT_NUMBER, 2);
        Task second = task(pi, "Task_VisitCustomer");
        assertThat(second.getId()).isNotEqualTo(first.getId());
        // a new service level from the day of the first visit: Wednesday 03-25 -> Thursday 04-09 (Qingming,
        // 04-04 .. 04-06, is no working day)
        assertThat(variable(pi, VISIT_DUE_AT)).isEqualTo("2026-04-09T18:00:00+08:00");
        assertThat(variable(pi, VISIT_OUTCOME)).as("the second visit starts with an empty report").isNull();

        visit(pi, false);
        BpmnAwareTests.assertThat(pi).hasPassed("Task_AlertSupervisorDecisionMakerNotMet", "Task_DecideNextStep")
            .isWaitingAt("CallActivity_KeepInContactUntilAgency").variables().containsEntry(NEXT_STEP, "AGENCY");
        assertThat(outbox.forInvoice(invoice.invoiceNumber())).filteredOn(m -> m.kind().equals(Outbox.SUPERVISOR_ALERT))
            .anyMatch(m -> m.subject().startsWith("Decision maker not met at two field visits"));
        assertThat(contacts.list(invoice.invoiceNumber())).filteredOn(e -> e.channel().equals("VISIT"))
            .extracting(e -> e.note()).allMatch(n -> n.startsWith("Decision maker not met."));
    }

    /**
     * Issue 18, step 5: the case no longer carries the due date, the days overdue and the decision maker from its
     * start; the visit task gets them when it opens (cases.FormFactsListener), a changed decision maker follows on
     * the open form (OwnerReassignment), and the visit report names the one in the master data.
     */
    @Test
    void theVisitFormShowsTheDueDateTheDaysOverdueAndTheDecisionMakerOfTheMasterData() {
        ProcessInstance pi = atFieldVisit();
        Task visit = task(pi, "Task_VisitCustomer");
        assertThat(tasks.getVariablesLocal(visit.getId())).containsEntry(DUE_DATE, "2026-03-03")
            .containsEntry(DAYS_OVERDUE, 20L).containsEntry(DECISION_MAKER, "Ms. Wang");
        assertThat(runtime.getVariables(pi.getId())).doesNotContainKeys(DUE_DATE, DAYS_OVERDUE, DECISION_MAKER);
        // the stage in words and today's figures with currency and parts, not FIELD_VISIT and a bare number
        assertThat(tasks.getVariableLocal(visit.getId(), com.collectwise.cases.FormFactsListener.STAGE_NAME))
            .isEqualTo("Field visit");
        assertThat((String) tasks.getVariableLocal(visit.getId(), com.collectwise.cases.FormFactsListener.OUTSTANDING_FIGURES))
            .matches("[0-9,]+\\.[0-9]{2} " + invoice.currency() + " \\(principal [0-9,]+\\.[0-9]{2}, interest [0-9,]+\\.[0-9]{2}, "
                + "fees [0-9,]+\\.[0-9]{2}, as of [0-9-]{10}\\)");

        Customer after = new Customer(customer.customerId(), customer.name(), customer.segment(), customer.country(),
            customer.email(), customer.phone(), customer.collector(), "Mr. Li", customer.createdAt(),
            customer.language());
        jdbc.sql("UPDATE customers SET decision_maker = ? WHERE customer_id = ?")
            .params(after.decisionMaker(), customer.customerId()).update();
        events.publishEvent(new com.collectwise.customers.CustomerChanged(customer, after,
            customers.profile(customer), customers.profile(after), java.util.List.of(), "supervisor1"));
        assertThat(tasks.getVariableLocal(visit.getId(), DECISION_MAKER)).isEqualTo("Mr. Li");
        assertThat(runtime.getVariables(pi.getId())).doesNotContainKey(DECISION_MAKER);

        visit(pi, true);
        assertThat(contacts.list(invoice.invoiceNumber())).filteredOn(e -> e.channel().equals("VISIT"))
            .extracting(e -> e.reachedPerson()).containsExactly("Mr. Li");
    }

    @Test
    void decisionMakerMetAtTheFirstVisitNeedsNoSecond() {
        ProcessInstance pi = atFieldVisit();
        visit(pi, true);
        BpmnAwareTests.assertThat(pi).hasNotPassed("Task_AlertSupervisorDecisionMakerNotMet")
            .hasPassed("Task_DecideNextStep").isWaitingAt("CallActivity_KeepInContactUntilAgency")
            .variables().containsEntry(VISIT_NUMBER, 1);
    }

    @Test
    void aVisitPromiseNeedsAnAmountAndADateAndABrokenOneIsFlagged() {
        ProcessInstance pi = atFieldVisit();
        Task visit = task(pi, "Task_VisitCustomer");
        assertThatThrownBy(() -> tasks.complete(visit.getId(), withVariables(VISIT_OUTCOME, "PROMISED_PAYMENT",
            DECISION_MAKER_MET, true, VISIT_REPORT, "Promised to pay soon.")))
            .hasMessageContaining("enter the promised amount").hasMessageContaining("enter the promised date");
        BpmnAwareTests.assertThat(pi).isWaitingAt("Task_VisitCustomer");

        BpmnAwareTests.complete(visit, withVariables(VISIT_OUTCOME, "PROMISED_PAYMENT", DECISION_MAKER_MET, true,
            VISIT_REPORT, "The owner promised half by Friday.", PROMISED_AMOUNT, 6000, PROMISED_DATE, "2026-03-27"));
        executeDueJobs();
        BpmnAwareTests.assertThat(pi).isWaitingAt("Timer_VisitPromiseDatePassed")
            .variables().containsEntry(PROMISE_CHECK_AT, "2026-03-30T09:00:00+08:00");
        payment(invoice, "1000.00", LocalDate.of(2026, 3, 27));
        moveTo(at(2026, 3, 30, 9, 0));
        BpmnAwareTests.assertThat(pi).hasPassed("Task_CheckVisitPromise").isWaitingAt("CallActivity_KeepInContactUntilAgency")
            .variables().containsEntry(BROKEN_PROMISE, true);
        // the formal letter before the field stage is in the contact log too
        assertThat(contactOutcomes(invoice)).containsExactly("FORMAL_LETTER", "PROMISED_PAYMENT", "PROMISE_BROKEN");
    }

    // ---- disputes (item 5)

    @Test
    void anInvoiceDisputedInFullDoesNotEscalateUntilTheDisputeIsDecided() {
        ProcessInstance pi = atFirstCall("1000.00");
        BpmnAwareTests.complete(task(pi, "Task_CallCustomer"), withVariables(CALL_OUTCOME, "DISPUTED",
            DISPUTE_CATEGORY, "QUANTITY", DISPUTED_AMOUNT, 1000.0, DISPUTE_DESCRIPTION, "nothing was delivered"));
        executeDueJobs();
        ProcessInstance dispute = runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS_DISPUTE)
            .processInstanceBusinessKey(invoice.invoiceNumber()).singleResult();
        started.add(dispute.getId());
        BpmnAwareTests.assertThat(task(dispute, "Task_ResolveDispute")).hasCandidateGroup("supervisors");

        moveTo(at(2026, 3, 13, 9, 0));
        BpmnAwareTests.assertThat(pi).hasPassed("Timer_FormalDemandDue").isWaitingAt("Event_NoFullDisputeBeforeDemand")
            .hasNotPassed("SubProcess_DemandPayment");
        assertThat(reload(invoice).stage()).isEqualTo(Stage.INTERNAL_REMINDER);
        assertThat(outboxKinds(invoice)).doesNotContain(Outbox.DUNNING_LETTER, Outbox.CREDIT_HOLD);

        // the department rejects the dispute a week later (it took longer than ten working days? not yet): on it goes
        setClock(at(2026, 3, 17, 11, 0));
        BpmnAwareTests.complete(task(dispute, "Task_ResolveDispute"),
            withVariables(DISPUTE_DECISION, "REJECT", DECISION_REASON, "Signed delivery note for all 10 pumps."));
        executeDueJobs();
        BpmnAwareTests.assertThat(pi).hasPassed("Event_NoFullDisputeBeforeDemand", "Task_SendDunningLetter")
            .isWaitingAt("CallActivity_KeepInContactAfterLetter");
        assertThat(reload(invoice).stage()).isEqualTo(Stage.FORMAL_DEMAND);
        assertThat(outboxKinds(invoice)).contains(Outbox.DUNNING_LETTER, Outbox.CREDIT_HOLD);
    }

    long callTasks(ProcessInstance pi) {
        return tasks.createTaskQuery().processInstanceBusinessKey(pi.getBusinessKey())
            .taskDefinitionKey("Task_CallCustomer").count();
    }

    ProcessInstance disputedInFullAtTheFirstCall() {
        ProcessInstance pi = atFirstCall("1000.00");
        BpmnAwareTests.complete(task(pi, "Task_CallCustomer"), withVariables(CALL_OUTCOME, "DISPUTED",
            DISPUTE_CATEGORY, "QUANTITY", DISPUTED_AMOUNT, 1000.0, DISPUTE_DESCRIPTION, "nothing was delivered"));
        executeDueJobs();
        return pi;
    }

    ProcessInstance disputeOf(ProcessInstance pi) {
        ProcessInstance dispute = runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS_DISPUTE)
            .processInstanceBusinessKey(pi.getBusinessKey()).active().singleResult();
        started.add(dispute.getId());
        return dispute;
    }

    /**
     * DOMAIN.md 5: an invoice disputed in full is not called for payment while the dispute is open (a call would ask
     * for 0.00). The next call slot (Friday 03-06 15:30) passes without a Call task; the department rejects the dispute
     * on Monday 03-09 (before the formal demand date 03-13): the call comes at once, for the whole 1,000.00 again.
     */
    @Test
    void anInvoiceDisputedInFullIsNotCalledUntilTheDisputeIsRejected() {
        ProcessInstance pi = disputedInFullAtTheFirstCall();
        ProcessInstance dispute = disputeOf(pi);
        moveTo(at(2026, 3, 6, 16, 0));
        moveTo(at(2026, 3, 9, 10, 0));
        assertThat(callTasks(pi)).as("no call for 0.00").isZero();
        BpmnAwareTests.assertThat(pi).isWaitingAt("Event_NoFullDisputeBeforeCall");
        assertThat(reload(invoice).stage()).isEqualTo(Stage.INTERNAL_REMINDER);

        BpmnAwareTests.complete(task(dispute, "Task_ResolveDispute"),
            withVariables(DISPUTE_DECISION, "REJECT", DECISION_REASON, "Signed delivery note."));
        executeDueJobs();
        assertThat(callTasks(pi)).isOne();
        BpmnAwareTests.assertThat(pi).isWaitingAt("Task_CallCustomer");
        // 1,000.00 + 6 days (03-04 .. 03-09) of 4.5% = 0.739726 -> 0.74: all of it asked for again
        assertThat(((Number) tasks.getVariable(task(pi, "Task_CallCustomer").getId(), OUTSTANDING_AMOUNT)).doubleValue())
            .isEqualTo(1000.74);
    }

    /**
     * Disputed in full at the first call and decided only after the formal demand date and the field stage date
     * (03-13, 03-23) have passed: no call, no letter meanwhile; rejected on 03-25, the case goes on in the stage its age
     * calls for: the letter first (the evidence of demand), then at once the field stage whose date has passed.
     */
    @Test
    void aFullDisputeRejectedLateResumesInTheStageItsAgeCallsFor() {
        ProcessInstance pi = disputedInFullAtTheFirstCall();
        ProcessInstance dispute = disputeOf(pi);
        moveTo(at(2026, 3, 13, 9, 0));
        moveTo(at(2026, 3, 23, 9, 0));
        assertThat(callTasks(pi)).isZero();
        BpmnAwareTests.assertThat(pi).isWaitingAt("Event_NoFullDisputeBeforeDemand");
        assertThat(outboxKinds(invoice)).doesNotContain(Outbox.DUNNING_LETTER);

        setClock(at(2026, 3, 25, 11, 0));
        BpmnAwareTests.complete(task(dispute, "Task_DecideOverdueDispute"),
            withVariables(DISPUTE_DECISION, "REJECT", DECISION_REASON, "Signed delivery note."));
        executeDueJobs();
        assertThat(outboxKinds(invoice)).contains(Outbox.DUNNING_LETTER, Outbox.CREDIT_HOLD);
        BpmnAwareTests.assertThat(pi).hasPassed("Task_SendDunningLetter").isWaitingAt("Task_VisitCustomer");
        assertThat(reload(invoice).stage()).isEqualTo(Stage.FIELD_VISIT);
    }

    /** Disputed in full and accepted: the credit note of 1,000.00 (from the due date: no interest) settles the case. */
    @Test
    void aFullDisputeAcceptedSettlesTheCase() {
        ProcessInstance pi = disputedInFullAtTheFirstCall();
        ProcessInstance dispute = disputeOf(pi);
        moveTo(at(2026, 3, 9, 10, 0));
        BpmnAwareTests.complete(task(dispute, "Task_ResolveDispute"),
            withVariables(DISPUTE_DECISION, "CREDIT_NOTE", DECISION_REASON, "Nothing was delivered."));
        executeDueJobs();
        assertThat(callTasks(pi)).isZero();
        BpmnAwareTests.assertThat(pi).isEnded();
        assertThat(reload(invoice).status()).isEqualTo(com.collectwise.kernel.CaseStatus.SETTLED);
    }

    @Test
    void aPartDisputeDoesNotStopEscalationButTheLetterDemandsOnlyTheUndisputedPart() {
        ProcessInstance pi = atFirstCall("12000.00");
        BpmnAwareTests.complete(task(pi, "Task_CallCustomer"), withVariables(CALL_OUTCOME, "DISPUTED",
            DISPUTE_CATEGORY, "PRICE", DISPUTED_AMOUNT, 2000.0, DISPUTE_DESCRIPTION, "price list says less"));
        executeDueJobs();
        ProcessInstance dispute = runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS_DISPUTE)
            .processInstanceBusinessKey(invoice.invoiceNumber()).singleResult();
        BpmnAwareTests.assertThat(task(dispute, "Task_ResolveDispute")).as("price: Decision_DisputeRouting")
            .hasCandidateGroup("finance");

        moveTo(at(2026, 3, 13, 9, 0));
        BpmnAwareTests.assertThat(pi).hasPassed("Task_SendDunningLetter").isWaitingAt("CallActivity_KeepInContactAfterLetter");
        OutboxMessage letter = outbox.forInvoice(invoice.invoiceNumber()).stream()
            .filter(m -> m.kind().equals(Outbox.DUNNING_LETTER)).findFirst().orElseThrow();
        // 10 days of 4.5% on 12,000.00 (03-04 .. 03-13) = 14.79 interest; the undisputed part is the invoice as if
        // the 2,000.00 were credited from the due date: 10,000.00 + 10 days of 4.5% on it (12.328767 -> 12.33)
        assertThat(letter.body()).contains("total     CNY 12014.79").contains("disputed  CNY 2000.00")
            .contains("demanded  CNY 10012.33").contains("We demand payment of CNY 10012.33");
    }

    @Test
    void writtenRemindersAfterTheLetterAskOnlyForTheUndisputedPart() {
        setClock(at(2026, 3, 5, 10, 0));
        customer = customer(Segment.FOREIGN);
        invoice = invoice(customer, DUE, 30, "12000.00");
        ProcessInstance pi = start(invoice, customer);
        BpmnAwareTests.complete(task(pi, "Task_CallCustomer"), withVariables(CALL_OUTCOME, "DISPUTED",
            DISPUTE_CATEGORY, "QUALITY", DISPUTED_AMOUNT, 2000.0, DISPUTE_DESCRIPTION, "two pumps leak"));
        executeDueJobs();
        moveTo(at(2026, 3, 13, 9, 5));
        // not visited abroad: from the field stage date on, contact until the agency; reminders every 10 days from the
        // letter (03-23, 04-02, ...)
        moveTo(at(2026, 3, 23, 9, 10));
        moveTo(at(2026, 4, 2, 9, 10));
        OutboxMessage reminder = outbox.forInvoice(invoice.invoiceNumber()).stream()
            .filter(m -> m.idempotencyKey().endsWith(":written:2026-04-02")).findFirst().orElseThrow();
        assertThat(reminder.kind()).isEqualTo(Outbox.OVERDUE_REMINDER);
        assertThat(reminder.body()).contains("Of this, CNY 2000.00 is disputed: we do not ask for it, nor for the "
            + "interest on it, until the dispute is decided.").containsPattern("Undisputed and due now: CNY 10\\d{3}\\.\\d{2}\\.");
        BpmnAwareTests.assertThat(pi).isWaitingAt("CallActivity_KeepInContactUntilAgency");
    }
}
