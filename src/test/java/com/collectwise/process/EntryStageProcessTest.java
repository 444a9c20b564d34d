package com.collectwise.process;

import static com.collectwise.kernel.CaseVariables.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import com.collectwise.communication.DocumentRepository;
import com.collectwise.communication.Outbox;
import com.collectwise.communication.OutboxMessage;
import com.collectwise.kernel.CaseStageEntered;
import com.collectwise.kernel.Customer;
import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.Segment;
import com.collectwise.kernel.Stage;

/**
 * A case that starts after formal demand shows the stage it goes into from its start, while "Send formal letter
 * first" waits for its job: the invoice row and the {@code stage} variable say FIELD_VISIT, AGENCY or LITIGATION
 * (time-barred) at once. The stage is entered only when the job has run: the letter (outbox key with stage entry 0,
 * as before), its PDF, the credit hold, the stage entry number and {@link CaseStageEntered} happen exactly once.
 * Clock 2026-03-02 10:00 Asia/Shanghai, DOMESTIC customers, 30-day terms (policy: formal demand D+10, field visit
 * D+20, agency D+60).
 */
@SpringBootTest
@ActiveProfiles("test")
@Import(ProcessEngineCoverageConfiguration.class)
@RecordApplicationEvents
class EntryStageProcessTest extends CollectionTestSupport {

    @Autowired DocumentRepository documents;
    @Autowired ApplicationEvents events;

    /** Starts the case as the registration does, without running any of its jobs. */
    ProcessInstance startOnly(Invoice invoice, Customer customer) {
        String id = cases.start(invoice, customer);
        started.add(id);
        return runtime.createProcessInstanceQuery().processInstanceId(id).singleResult();
    }

    List<Stage> entered(Invoice invoice) {
        return events.stream(CaseStageEntered.class).filter(e -> e.invoiceNumber().equals(invoice.invoiceNumber()))
            .map(CaseStageEntered::stage).toList();
    }

    /** Starts a case of an invoice due on {@code due}; checks what it shows before and after the letter job. */
    ProcessInstance startsAfterFormalDemand(LocalDate due, Stage shown) {
        setClock(at(2026, 3, 2, 10, 0));
        Customer customer = customer(Segment.DOMESTIC);
        Invoice invoice = invoice(customer, due, 30, "5000.00");
        ProcessInstance pi = startOnly(invoice, customer);

        BpmnAwareTests.assertThat(pi).isWaitingAt("Task_SendFirstDunningLetter");
        assertThat(reload(invoice).stage()).as("the invoice before the letter job").isEqualTo(shown);
        assertThat(variable(pi, STAGE)).as("Cockpit's stage before the letter job").isEqualTo(shown.name());
        assertThat(reload(invoice).stageEntries()).as("no stage entered yet").isZero();
        assertThat(entered(invoice)).isEmpty();
        assertThat(outboxKinds(invoice)).isEmpty();
        assertThat(documents.forInvoice(invoice.invoiceNumber())).isEmpty();

        executeDueJobs();
        executeDueJobs();

        assertThat(reload(invoice).stage()).as("the invoice after the letter job").isEqualTo(shown);
        assertThat(variable(pi, STAGE)).isEqualTo(shown.name());
        assertThat(reload(invoice).stageEntries()).isEqualTo(1);
        assertThat(variable(pi, STAGE_ENTRY_NUMBER)).as("counted on the invoice, not in the case").isNull();
        assertThat(entered(invoice)).containsExactly(shown);
        assertThat(outboxKinds(invoice)).containsExactly(Outbox.DUNNING_LETTER, Outbox.CREDIT_HOLD);
        OutboxMessage letter = outbox.forInvoice(invoice.invoiceNumber()).get(0);
        assertThat(letter.idempotencyKey()).as("the letter's key names stage entry 0, as before")
            .isEqualTo(Outbox.DUNNING_LETTER + ":" + invoice.invoiceNumber() + ":0");
        assertThat(documents.forInvoice(invoice.invoiceNumber())).hasSize(1);
        return pi;
    }

    @Test
    void aCaseStartingInTheFieldStageShowsItBeforeTheLetterJobAndEntersItOnce() {
        ProcessInstance pi = startsAfterFormalDemand(LocalDate.of(2026, 1, 10), Stage.FIELD_VISIT);
        BpmnAwareTests.assertThat(pi).hasPassed("Task_SendFirstDunningLetter", "Task_PlaceFirstCreditHold")
            .isWaitingAt("Task_VisitCustomer");
    }

    @Test
    void aCaseStartingAtTheAgencyShowsItBeforeTheLetterJobAndEntersItOnce() {
        ProcessInstance pi = startsAfterFormalDemand(LocalDate.of(2025, 11, 2), Stage.AGENCY);
        BpmnAwareTests.assertThat(pi).isWaitingAt("Task_ApproveAgencyHandoff");
    }

    @Test
    void aTimeBarredClaimShowsLegalReviewFromItsStart() {
        // due 2022-01-10: limitation date 2025-01-10; the plan says AGENCY, "Check limitation date" sends it to legal
        ProcessInstance pi = startsAfterFormalDemand(LocalDate.of(2022, 1, 10), Stage.LITIGATION);
        assertThat(casePlan(pi).entryStage()).isEqualTo("AGENCY");
        assertAtLitigationReview(pi);
    }

    @Test
    void casesStartingAtFormalDemandOrBeforeEnterTheirStageAtOnceAsBefore() {
        setClock(at(2026, 3, 2, 10, 0));
        Customer customer = customer(Segment.DOMESTIC);
        Invoice formal = invoice(customer, LocalDate.of(2026, 2, 15), 30, "5000.00");
        Invoice internal = invoice(customer, LocalDate.of(2026, 2, 24), 30, "5000.00");
        Invoice preDue = invoice(customer, LocalDate.of(2026, 3, 20), 30, "5000.00");
        for (Invoice invoice : List.of(formal, internal, preDue)) {
            ProcessInstance pi = startOnly(invoice, customer);
            Stage stage = Stage.valueOf(casePlan(pi).entryStage());
            assertThat(reload(invoice).stage()).isEqualTo(stage);
            assertThat(reload(invoice).stageEntries()).isEqualTo(1);
            assertThat(variable(pi, STAGE_ENTRY_NUMBER)).isNull();
            assertThat(entered(invoice)).containsExactly(stage);
        }
        assertThat(reload(formal).stage()).isEqualTo(Stage.FORMAL_DEMAND);
        assertThat(reload(internal).stage()).isEqualTo(Stage.INTERNAL_REMINDER);
        assertThat(reload(preDue).stage()).isEqualTo(Stage.PRE_DUE);
    }

    /** The keys of the case's overdue reminders, in the order they were queued. */
    List<String> reminderKeys(Invoice invoice) {
        return outbox.forInvoice(invoice.invoiceNumber()).stream().filter(m -> m.kind().equals(Outbox.OVERDUE_REMINDER))
            .map(OutboxMessage::idempotencyKey).toList();
    }

    /** A supervisor moves the case back into the internal reminder stage: the stage is entered again. */
    void reenterInternalReminder(Invoice invoice) {
        runtime.createMessageCorrelation(MSG_STAGE_CHANGE).processInstanceBusinessKey(invoice.invoiceNumber())
            .setVariable(TARGET_STAGE, "INTERNAL_REMINDER").setVariable(STAGE_CHANGE_REASON, "new contact person")
            .correlate();
        executeDueJobs();
    }

    /**
     * Issue 18: the stage entries are counted on the invoice, in the UPDATE that sets its stage, and the reminder
     * of each entry is keyed with it as it was with the variable: entered at the start (due 02-24, registered 03-02:
     * internal reminder) the reminder's key ends in 1, entered again in 2.
     */
    @Test
    void theInvoiceCountsTheStageEntriesAndTheRemindersAreKeyedAsBefore() {
        setClock(at(2026, 3, 2, 10, 0));
        Customer customer = customer(Segment.DOMESTIC);
        Invoice invoice = invoice(customer, LocalDate.of(2026, 2, 24), 30, "5000.00");
        ProcessInstance pi = start(invoice, customer);
        assertThat(reminderKeys(invoice)).containsExactly(
            Outbox.OVERDUE_REMINDER + ":" + invoice.invoiceNumber() + ":1");

        reenterInternalReminder(invoice);

        assertThat(reminderKeys(invoice)).containsExactly(
            Outbox.OVERDUE_REMINDER + ":" + invoice.invoiceNumber() + ":1",
            Outbox.OVERDUE_REMINDER + ":" + invoice.invoiceNumber() + ":2");
        assertThat(reload(invoice).stageEntries()).isEqualTo(2);
        assertThat(variable(pi, STAGE_ENTRY_NUMBER)).isNull();
        assertThat(entered(invoice)).containsExactly(Stage.INTERNAL_REMINDER, Stage.INTERNAL_REMINDER);
    }

    /**
     * A case started before the counter moved to the invoice has its {@code stageEntryNumber} variable (set here the
     * way the earlier StageTracker set it on the process instance; 4 entries, the invoice, newly counting, knows of
     * one): the variable goes on counting and the keys name it, so no key of the case's earlier entries comes again.
     */
    @Test
    void aCaseStartedBeforeKeepsCountingInItsVariable() {
        setClock(at(2026, 3, 2, 10, 0));
        Customer customer = customer(Segment.DOMESTIC);
        Invoice invoice = invoice(customer, LocalDate.of(2026, 2, 24), 30, "5000.00");
        ProcessInstance pi = start(invoice, customer);
        runtime.setVariable(pi.getId(), STAGE_ENTRY_NUMBER, 4);

        reenterInternalReminder(invoice);

        assertThat(variable(pi, STAGE_ENTRY_NUMBER)).isEqualTo(5);
        assertThat(reminderKeys(invoice)).containsExactly(
            Outbox.OVERDUE_REMINDER + ":" + invoice.invoiceNumber() + ":1",
            Outbox.OVERDUE_REMINDER + ":" + invoice.invoiceNumber() + ":5");
    }
}
