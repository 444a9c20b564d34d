package com.collectwise.process;

import static com.collectwise.kernel.CaseVariables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import com.collectwise.cases.CaseRequestService;
import com.collectwise.communication.Outbox;
import com.collectwise.disputes.DisputeCategory;
import com.collectwise.disputes.DisputeService;
import com.collectwise.fees.StatementService;
import com.collectwise.kernel.CaseStatus;
import com.collectwise.kernel.Customer;
import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.Segment;
import com.collectwise.kernel.Stage;
import com.collectwise.payments.CreditNoteService;
import com.collectwise.payments.IncomingPayment;
import com.collectwise.payments.PaymentMethod;
import com.collectwise.payments.PaymentService;

/**
 * A dispute raised in each stage of the case, walked with the engine clock (DOMAIN.md 2 and 5): dunning pauses for the
 * disputed amount only (an invoice disputed in full does not escalate), a rejection resumes it in the stage the
 * invoice's age calls for, and a credit note that covers what is left ends the case. 1,000.00 CNY due Tuesday
 * 2026-03-03 on a 30-day term, no interest agreed (contract rate 0: the figures are the principal): formal demand
 * 03-13, field stage 03-23, agency 05-02, 09:00 Asia/Shanghai. Posted as over the API (CaseRequestService, the payment
 * intake, the credit note service).
 */
@SpringBootTest
@ActiveProfiles("test")
@Import(ProcessEngineCoverageConfiguration.class)
class DisputeThroughTheStagesProcessTest extends CollectionTestSupport {

    static final LocalDate DUE = LocalDate.of(2026, 3, 3);

    @Autowired CaseRequestService requests;
    @Autowired PaymentService payments;
    @Autowired CreditNoteService creditNotes;
    @Autowired DisputeService disputes;
    @Autowired StatementService statements;

    Customer customer;
    Invoice invoice;

    ProcessInstance registeredOn(int month, int day) {
        setClock(at(2026, month, day, 10, 0));
        customer = customer(Segment.DOMESTIC);
        String number = "INV-" + UUID.randomUUID().toString().substring(0, 8);
        invoice = new Invoice(number, customer.customerId(), DUE.minusDays(30), DUE, 30, new BigDecimal("1000.00"),
            "CNY", BigDecimal.ZERO, CaseStatus.OPEN, Stage.PRE_DUE, null, null);
        invoices.insert(invoice);
        return start(invoice, customer);
    }

    void dispute(String amount) {
        requests.dispute(invoice.invoiceNumber(), DisputeCategory.QUALITY, new BigDecimal(amount), "pumps leak",
            "collector1");
        executeDueJobs();
    }

    ProcessInstance disputeProcess() {
        ProcessInstance dispute = runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS_DISPUTE)
            .processInstanceBusinessKey(invoice.invoiceNumber()).active().singleResult();
        assertThat(dispute).as("the dispute's process").isNotNull();
        return dispute;
    }

    void decide(String decision) {
        ProcessInstance dispute = disputeProcess();
        var resolve = tasks.createTaskQuery().processInstanceId(dispute.getId()).active().singleResult();
        tasks.complete(resolve.getId(), withVariables(DISPUTE_DECISION, decision, DECISION_REASON, "checked"));
        executeDueJobs();
    }

    void pay(String amount, LocalDate receivedOn) {
        payments.receive(new IncomingPayment("PAY-" + UUID.randomUUID(), invoice.invoiceNumber(), null,
            new BigDecimal(amount), "CNY", receivedOn, PaymentMethod.BANK_TRANSFER));
        executeDueJobs();
    }

    void creditNote(String amount, LocalDate issuedOn) {
        creditNotes.issue(invoice.invoiceNumber(), "CN-" + invoice.invoiceNumber(), new BigDecimal(amount), issuedOn,
            "pumps returned", "finance1");
        executeDueJobs();
    }

    Stage stage() {
        return reload(invoice).stage();
    }

    long letters() {
        return outboxKinds(invoice).stream().filter(Outbox.DUNNING_LETTER::equals).count();
    }

    /**
     * Disputed in full before the due date (02-25): no call at D+1 (it would ask for 0.00), no letter at the formal
     * demand date (03-13). Rejected on 03-16: the case resumes in the stage its age calls for, the letter first, for
     * all 1,000.00.
     */
    @Test
    void disputedInFullBeforeTheDueDate_nothingEscalatesUntilTheRejection() {
        ProcessInstance pi = registeredOn(2, 20);
        moveTo(at(2026, 2, 25, 10, 0));
        dispute("1000.00");
        moveTo(at(2026, 3, 4, 16, 0));
        moveTo(at(2026, 3, 13, 9, 5));
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(invoice.invoiceNumber())
            .taskDefinitionKey("Task_CallCustomer").count()).as("no call for 0.00").isZero();
        assertThat(letters()).isZero();
        assertThat(stage()).isEqualTo(Stage.INTERNAL_REMINDER);

        setClock(at(2026, 3, 16, 10, 0));
        decide("REJECT");
        assertThat(letters()).isOne();
        assertThat(stage()).isEqualTo(Stage.FORMAL_DEMAND);
        BpmnAwareTests.assertThat(pi).hasPassed("Task_SendDunningLetter");
    }

    /**
     * After the letter (formal demand), 400.00 disputed on 03-16: the field stage still comes on 03-23 (only the
     * disputed part pauses). Disputed in full instead, it waits before the field stage; rejected on 03-25 it goes on
     * in the field stage at once (its date passed).
     */
    @Test
    void disputedInFullAtFormalDemand_theFieldStageWaitsUntilTheRejection() {
        ProcessInstance pi = registeredOn(3, 5);
        moveTo(at(2026, 3, 13, 9, 5));
        assertThat(stage()).isEqualTo(Stage.FORMAL_DEMAND);
        setClock(at(2026, 3, 16, 10, 0));
        dispute("1000.00");
        moveTo(at(2026, 3, 23, 9, 10));
        assertThat(stage()).isEqualTo(Stage.FORMAL_DEMAND);
        BpmnAwareTests.assertThat(pi).isWaitingAt("Event_NoFullDisputeBeforeFieldVisit");

        setClock(at(2026, 3, 25, 10, 0));
        decide("REJECT");
        assertThat(stage()).isEqualTo(Stage.FIELD_VISIT);
    }

    @Test
    void disputedInPartAtFormalDemand_theFieldStageComesForTheRest() {
        registeredOn(3, 5);
        moveTo(at(2026, 3, 13, 9, 5));
        setClock(at(2026, 3, 16, 10, 0));
        dispute("400.00");
        moveTo(at(2026, 3, 23, 9, 10));
        assertThat(stage()).isEqualTo(Stage.FIELD_VISIT);
    }

    /**
     * 400.00 disputed at formal demand (03-16), the undisputed 600.00 paid on 03-17: what is left (400.00) is all
     * disputed, so the field stage waits (03-23). Finance posts a credit note of 400.00 on 03-24: it settles the
     * dispute and leaves 1,000.00 - 600.00 - 400.00 = 0.00: the case ends, settled, with no task left.
     */
    @Test
    void aCreditNoteCoveringWhatIsLeftAfterTheUndisputedPartIsPaidEndsTheCase() {
        ProcessInstance pi = registeredOn(3, 5);
        moveTo(at(2026, 3, 13, 9, 5));
        setClock(at(2026, 3, 16, 10, 0));
        dispute("400.00");
        setClock(at(2026, 3, 17, 10, 0));
        pay("600.00", LocalDate.of(2026, 3, 17));
        moveTo(at(2026, 3, 23, 9, 10));
        assertThat(stage()).isEqualTo(Stage.FORMAL_DEMAND);
        BpmnAwareTests.assertThat(pi).isWaitingAt("Event_NoFullDisputeBeforeFieldVisit");

        setClock(at(2026, 3, 24, 10, 0));
        creditNote("400.00", LocalDate.of(2026, 3, 24));
        assertThat(statements.statement(reload(invoice), LocalDate.of(2026, 3, 24)).total())
            .isEqualByComparingTo("0.00");
        assertThat(reload(invoice).status()).isEqualTo(CaseStatus.SETTLED);
        BpmnAwareTests.assertThat(pi).isEnded();
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(invoice.invoiceNumber()).count()).isZero();
    }

    /** The same at the field stage, the department accepting the dispute: its credit note ends the case. */
    @Test
    void anAcceptedDisputeCoveringWhatIsLeftAtTheFieldStageEndsTheCase() {
        ProcessInstance pi = registeredOn(3, 5);
        moveTo(at(2026, 3, 23, 9, 10));
        assertThat(stage()).isEqualTo(Stage.FIELD_VISIT);
        setClock(at(2026, 3, 24, 10, 0));
        dispute("400.00");
        pay("600.00", LocalDate.of(2026, 3, 24));
        setClock(at(2026, 3, 26, 10, 0));
        decide("CREDIT_NOTE");
        assertThat(reload(invoice).status()).isEqualTo(CaseStatus.SETTLED);
        BpmnAwareTests.assertThat(pi).isEnded();
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(invoice.invoiceNumber()).count()).isZero();
    }

    /**
     * Disputed in full at the field stage, the visit still pending (contact goes on beside it, Process_KeepInContact):
     * letter 03-13 09:05, written reminders every 10 days from it, the first sent on 03-23 09:05 (nothing disputed
     * yet). 1,000.00 disputed on 03-24: the visit is withdrawn and the field stage with it, contact beside the visit
     * included (the case waits before the field stage, as when the dispute comes before it). So no written reminder is
     * due any more: none is sent or left out up to the agency date (05-02), no reminder timer is left that could fire
     * again and again (the timer loop of a left-out day counted as "not sent"), and no hand-off is asked for.
     */
    @Test
    void disputedInFullAtTheFieldStage_noWrittenReminderNoTimerLoop() {
        ProcessInstance pi = registeredOn(3, 5);
        moveTo(at(2026, 3, 13, 9, 5));
        moveTo(at(2026, 3, 23, 9, 10));
        assertThat(stage()).isEqualTo(Stage.FIELD_VISIT);
        assertThat(writtenReminderDaysSent()).containsExactly("2026-03-23");
        setClock(at(2026, 3, 24, 10, 0));
        dispute("1000.00");

        moveTo(at(2026, 4, 2, 10, 0));
        assertThat(management.createJobQuery().rootProcessInstanceId(pi.getId()).timers().list().stream()
            .filter(j -> "Timer_WrittenReminderDue".equals(management.createJobDefinitionQuery()
                .jobDefinitionId(j.getJobDefinitionId()).singleResult().getActivityId()))).isEmpty();
        for (int day : new int[] {9, 12, 16, 22, 26, 30}) {
            moveTo(at(2026, 4, day, 10, 0));
        }
        moveTo(at(2026, 5, 2, 9, 10));
        assertThat(leftOut()).isEmpty();
        assertThat(writtenReminderDaysSent()).containsExactly("2026-03-23");
        assertThat(stage()).isEqualTo(Stage.FIELD_VISIT);
        BpmnAwareTests.assertThat(pi).isWaitingAt("Event_NoFullDisputeBeforeFieldVisit");
        assertThat(task(pi, "Task_ApproveAgencyHandoff")).isNull();
    }

    /** The case file's notes of stage tasks withdrawn for a dispute covering all that is owed. */
    java.util.List<String> withdrawnNotes() {
        return contacts.list(invoice.invoiceNumber()).stream()
            .filter(e -> "TASK_WITHDRAWN_DISPUTED".equals(e.outcome()))
            .map(e -> e.note().substring(0, e.note().indexOf(" withdrawn"))).toList();
    }

    long openTasks(String key) {
        return tasks.createTaskQuery().processInstanceBusinessKey(invoice.invoiceNumber()).taskDefinitionKey(key)
            .active().count();
    }

    /**
     * Field stage from 03-23 09:10, the visit open (due at the end of the service level). 1,000.00 disputed on 03-24
     * 10:00 = the whole principal (no interest agreed): disputed in full. The visit would demand money nobody may
     * demand now: it is withdrawn (a note in the case file), the case waits before the field stage. Rejected on 03-26:
     * the field stage starts again with a new visit.
     */
    @Test
    void disputedInFullWhileTheVisitIsOpen_theVisitIsWithdrawnAndComesAgainOnRejection() {
        ProcessInstance pi = registeredOn(3, 5);
        moveTo(at(2026, 3, 13, 9, 5));
        moveTo(at(2026, 3, 23, 9, 10));
        assertThat(stage()).isEqualTo(Stage.FIELD_VISIT);
        assertThat(openTasks("Task_VisitCustomer")).isOne();
        setClock(at(2026, 3, 24, 10, 0));
        dispute("1000.00");

        assertThat(openTasks("Task_VisitCustomer")).as("no visit for a debt disputed in full").isZero();
        assertThat(openTasks("Task_CallCustomer")).isZero();
        BpmnAwareTests.assertThat(pi).isWaitingAt("Event_NoFullDisputeBeforeFieldVisit");
        assertThat(withdrawnNotes()).containsExactly("Visit customer");
        moveTo(at(2026, 5, 2, 9, 10));
        assertThat(task(pi, "Task_ApproveAgencyHandoff")).as("no escalation while disputed in full").isNull();

        setClock(at(2026, 5, 4, 10, 0));
        decide("REJECT");
        assertThat(stage()).isEqualTo(Stage.FIELD_VISIT);
        assertThat(openTasks("Task_VisitCustomer")).as("the visit comes again").isOne();
    }

    /**
     * The same dispute raised by the customer on a call of the contact beside the visit (the first one after the
     * field stage started 03-23, completed with the outcome DISPUTED for 1,000.00 = the whole principal): the visit is
     * withdrawn once the call is recorded, as for a dispute posted over the API.
     */
    @Test
    void disputedInFullOnACallBesideTheVisit_theVisitIsWithdrawn() {
        ProcessInstance pi = registeredOn(3, 5);
        moveTo(at(2026, 3, 13, 9, 5));
        moveTo(at(2026, 3, 23, 9, 10));
        for (int day = 24; openTasks("Task_CallCustomer") == 0 && day <= 31; day++) {
            moveTo(at(2026, 3, day, 10, 0));
        }
        assertThat(openTasks("Task_VisitCustomer")).isOne();
        var call = tasks.createTaskQuery().processInstanceBusinessKey(invoice.invoiceNumber())
            .taskDefinitionKey("Task_CallCustomer").active().singleResult();
        assertThat(call).as("a call beside the visit").isNotNull();
        tasks.complete(call.getId(), withVariables(CALL_OUTCOME, "DISPUTED", DISPUTE_CATEGORY, "QUALITY",
            DISPUTED_AMOUNT, 1000.0, DISPUTE_DESCRIPTION, "pumps leak"));
        executeDueJobs();

        assertThat(openTasks("Task_VisitCustomer")).as("no visit for a debt disputed in full").isZero();
        BpmnAwareTests.assertThat(pi).isWaitingAt("Event_NoFullDisputeBeforeFieldVisit");
        assertThat(withdrawnNotes()).containsExactly("Visit customer");
        decide("REJECT");
        assertThat(openTasks("Task_VisitCustomer")).as("the visit comes again").isOne();
    }

    /**
     * Registered on 05-04, past the agency date (05-02): the case enters the agency stage, the supervisor's approval
     * open. 1,000.00 disputed on 05-05 10:00 = the whole principal: the approval is withdrawn (a note in the case
     * file), the case waits before the agency stage and cannot be handed off. Rejected on 05-07: the hand-off is asked
     * for again.
     */
    @Test
    void disputedInFullWhileTheHandOffAwaitsApproval_theApprovalIsWithdrawnAndAskedAgainOnRejection() {
        ProcessInstance pi = registeredOn(5, 4);
        executeDueJobs();
        BpmnAwareTests.assertThat(pi).isWaitingAt("Task_ApproveAgencyHandoff");
        setClock(at(2026, 5, 5, 10, 0));
        dispute("1000.00");

        assertThat(openTasks("Task_ApproveAgencyHandoff")).as("no hand-off of a debt disputed in full").isZero();
        BpmnAwareTests.assertThat(pi).isWaitingAt("Event_NoFullDisputeBeforeAgency");
        assertThat(withdrawnNotes()).containsExactly("Approve hand-off to agency");

        setClock(at(2026, 5, 7, 10, 0));
        decide("REJECT");
        assertThat(stage()).isEqualTo(Stage.AGENCY);
        BpmnAwareTests.assertThat(pi).isWaitingAt("Task_ApproveAgencyHandoff");
        assertThat(openTasks("Task_ApproveAgencyHandoff")).isOne();
    }

    /**
     * The same, the department accepting the dispute on 05-07: its credit note of 1,000.00 leaves 1,000.00 - 1,000.00
     * = 0.00 of principal: the case ends, settled, with no task left and no hand-off.
     */
    @Test
    void disputedInFullWhileTheHandOffAwaitsApproval_aCreditNoteEndsTheCase() {
        ProcessInstance pi = registeredOn(5, 4);
        executeDueJobs();
        BpmnAwareTests.assertThat(pi).isWaitingAt("Task_ApproveAgencyHandoff");
        setClock(at(2026, 5, 5, 10, 0));
        dispute("1000.00");
        setClock(at(2026, 5, 7, 10, 0));
        decide("CREDIT_NOTE");
        assertThat(reload(invoice).status()).isEqualTo(CaseStatus.SETTLED);
        BpmnAwareTests.assertThat(pi).isEnded();
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(invoice.invoiceNumber()).count()).isZero();
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("Process_AgencyHandoff")
            .processInstanceBusinessKey(invoice.invoiceNumber()).count()).isZero();
    }

    /** The days a written reminder was left out for the open dispute (the case file's notes), in order. */
    java.util.List<String> leftOut() {
        return contacts.list(invoice.invoiceNumber()).stream()
            .filter(e -> "REMINDER_NOT_SENT_DISPUTED".equals(e.outcome()) && e.note().startsWith("Written reminder"))
            .map(e -> e.contactedAt().atZone(ZONE).toLocalDate().toString()).toList();
    }

    java.util.List<String> writtenReminderDaysSent() {
        return outbox.forInvoice(invoice.invoiceNumber()).stream()
            .filter(m -> m.idempotencyKey().contains(":written:"))
            .map(m -> m.idempotencyKey().substring(m.idempotencyKey().lastIndexOf(':') + 1)).sorted().toList();
    }
}
