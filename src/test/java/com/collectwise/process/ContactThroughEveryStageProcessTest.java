package com.collectwise.process;

import static com.collectwise.kernel.CaseVariables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.time.LocalDate;
import java.util.List;

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
import com.collectwise.kernel.Stage;
import com.collectwise.communication.CaseWatch;
import com.collectwise.communication.DocumentRepository;
import com.collectwise.communication.Outbox;
import com.collectwise.communication.OutboxMessage;
import com.collectwise.kernel.Customer;
import com.collectwise.kernel.Segment;

/**
 * Issue 16, item 4: contact does not stop after the formal letter (Process_KeepInContact: a call every 3 working
 * days, a written reminder every 10 days, until the agency), the no-contact watch covers every stage before the
 * agency, a case that starts after formal demand gets the letter and the credit hold first, and a time-barred
 * claim goes to legal review with a letter that threatens no suit. Invoice due Tuesday 2026-03-03, 30-day term:
 * formal demand 03-13, field stage 03-23, agency 05-02 (09:00 Asia/Shanghai).
 */
@SpringBootTest
@ActiveProfiles("test")
@Import(ProcessEngineCoverageConfiguration.class)
class ContactThroughEveryStageProcessTest extends CollectionTestSupport {

    static final LocalDate DUE = LocalDate.of(2026, 3, 3);

    @Autowired CaseWatch watch;
    @Autowired DocumentRepository documents;

    Customer customer;
    Invoice invoice;

    /** Registered on 03-05, two days overdue; the formal demand date is passed at 09:05 (not 09:00, see below). */
    ProcessInstance afterTheLetter(Segment segment) {
        setClock(at(2026, 3, 5, 10, 0));
        customer = customer(segment);
        invoice = invoice(customer, DUE, 30, "12000.00");
        ProcessInstance pi = start(invoice, customer);
        // five past nine: the written reminder's 10 days then end after the next stage's 09:00 deadline, never with it
        moveTo(at(2026, 3, 13, 9, 5));
        BpmnAwareTests.assertThat(pi).isWaitingAt("CallActivity_KeepInContactAfterLetter")
            .variables().containsEntry(STAGE, "FORMAL_DEMAND");
        return pi;
    }

    ProcessInstance contact(ProcessInstance pi) {
        ProcessInstance contact = runtime.createProcessInstanceQuery().superProcessInstanceId(pi.getId())
            .processDefinitionKey(PROCESS_KEEP_IN_CONTACT).singleResult();
        assertThat(contact).as("the case keeps in contact").isNotNull();
        return contact;
    }

    void call(ProcessInstance pi, Object... outcome) {
        BpmnAwareTests.complete(task(pi, "Task_CallCustomer"), withVariables(outcome[0].toString(), outcome[1],
            java.util.Arrays.copyOfRange(outcome, 2, outcome.length)));
        executeDueJobs();
    }

    List<OutboxMessage> writtenReminders() {
        return outbox.forInvoice(invoice.invoiceNumber()).stream()
            .filter(m -> m.idempotencyKey().contains(":written:")).toList();
    }

    @Test
    void afterTheLetterTheCollectorCallsEveryThreeWorkingDaysUntilTheFieldStage() {
        ProcessInstance pi = afterTheLetter(Segment.DOMESTIC);
        ProcessInstance contact = contact(pi);
        // Friday 03-13: the third working day after it is Wednesday 03-18, at the 15:30 call slot
        BpmnAwareTests.assertThat(contact).isWaitingAt("Timer_FollowUpCallDue", "Timer_WrittenReminderDue")
            .variables().containsEntry(NEXT_CALL_AT, "2026-03-18T15:30:00+08:00");
        assertThat(task(pi, "Task_CallCustomer")).as("the internal call ended with the internal stage").isNull();

        moveTo(at(2026, 3, 18, 15, 30));
        Task followUp = task(pi, "Task_CallCustomer");
        BpmnAwareTests.assertThat(followUp).isAssignedTo("collector1");
        assertThat(followUp.getProcessInstanceId()).isEqualTo(contact.getId());
        // the same call form with fresh figures, and it is in "My calls today"
        assertThat((String) tasks.getVariableLocal(followUp.getId(), AMOUNT_TO_COLLECT)).startsWith("12,0");

        call(pi, CALL_OUTCOME, "NO_ANSWER", CALL_NOTE, "line busy");
        // Wednesday: Thursday, Friday, Monday 03-23
        BpmnAwareTests.assertThat(contact).isWaitingAt("Timer_FollowUpCallDue")
            .variables().containsEntry(NEXT_CALL_AT, "2026-03-23T15:30:00+08:00");
        // the formal letter of 03-13 is in the contact log too (a contact attempt and the evidence of the demand)
        assertThat(contactOutcomes(invoice)).containsExactly("FORMAL_LETTER", "NO_ANSWER");

        // the field stage begins at 09:00 on 03-23: contact of the demand stage ends with it
        moveTo(at(2026, 3, 23, 9, 0));
        BpmnAwareTests.assertThat(pi).isWaitingAt("Task_VisitCustomer").hasPassed("Timer_FieldVisitDue");
        BpmnAwareTests.assertThat(contact).isEnded();
        assertThat(writtenReminders()).as("no written reminder was due within the ten days").isEmpty();
    }

    /**
     * DOMAIN 2: contact does not stop after the letter, also while a visit is pending. The field stage begins Monday
     * 03-23 09:00; Keep in contact runs beside Visit customer: the written reminder ten days after the letter
     * (03-13 09:05 -> 03-23 09:05) and a call on the third working day (Thursday 03-26 15:30) while the visit is
     * open; the visit report ends that contact and the one until the agency takes over, without a second reminder
     * for 03-23 (next 04-02).
     */
    @Test
    void aVisitedCustomerIsCalledAndWrittenToWhileTheVisitIsPending() {
        ProcessInstance pi = afterTheLetter(Segment.DOMESTIC);
        ProcessInstance beforeVisit = contact(pi);
        moveTo(at(2026, 3, 23, 9, 0));
        BpmnAwareTests.assertThat(beforeVisit).isEnded();
        BpmnAwareTests.assertThat(pi).isWaitingAt("Task_VisitCustomer", "CallActivity_KeepInContactDuringVisit");
        ProcessInstance duringVisit = contact(pi);
        BpmnAwareTests.assertThat(duringVisit).variables().containsEntry(NEXT_CALL_AT, "2026-03-26T15:30:00+08:00");

        moveTo(at(2026, 3, 23, 9, 10));
        assertThat(writtenReminders()).extracting(OutboxMessage::idempotencyKey)
            .containsExactly(Outbox.OVERDUE_REMINDER + ":" + invoice.invoiceNumber() + ":written:2026-03-23");

        moveTo(at(2026, 3, 26, 15, 30));
        Task call = task(pi, "Task_CallCustomer");
        assertThat(call).as("the collector calls while the visit is pending").isNotNull();
        assertThat(call.getProcessInstanceId()).isEqualTo(duringVisit.getId());
        call(pi, CALL_OUTCOME, "NO_ANSWER", CALL_NOTE, "line busy");

        setClock(at(2026, 3, 27, 11, 0));
        BpmnAwareTests.complete(task(pi, "Task_VisitCustomer"), withVariables(VISIT_OUTCOME, "CANNOT_PAY",
            DECISION_MAKER_MET, true, VISIT_REPORT, "Met Ms. Wang."));
        executeDueJobs();
        BpmnAwareTests.assertThat(duringVisit).isEnded();
        BpmnAwareTests.assertThat(pi).hasPassed("Task_DecideNextStep").isWaitingAt("CallActivity_KeepInContactUntilAgency");
        assertThat(task(pi, "Task_CallCustomer")).isNull();
        ProcessInstance untilAgency = contact(pi);
        assertThat(untilAgency.getId()).isNotEqualTo(duringVisit.getId());

        moveTo(at(2026, 4, 2, 9, 10));
        assertThat(writtenReminders()).extracting(OutboxMessage::idempotencyKey).as("none sent twice").containsExactly(
            Outbox.OVERDUE_REMINDER + ":" + invoice.invoiceNumber() + ":written:2026-03-23",
            Outbox.OVERDUE_REMINDER + ":" + invoice.invoiceNumber() + ":written:2026-04-02");
        assertThat(contactOutcomes(invoice)).contains("NO_ANSWER").filteredOn("WRITTEN_REMINDER"::equals).hasSize(2);
    }

    /**
     * A promise pauses dunning (DOMAIN.md 5): the decision maker promises at the visit on Tuesday 03-24 to pay by
     * 03-31; the contact beside the visit ends at once, so no call on Thursday 03-26 (the third working day) nor on
     * the promised date, and no written reminder on 04-02. The promise is checked on 04-03 at 09:00 (31 + 2 grace
     * days + 1): nothing came, the next step is decided, and its contact takes over the calls.
     */
    @Test
    void aPaymentPromisedAtTheVisitPausesTheCallsUntilThePromisedDatePassesUnpaid() {
        ProcessInstance pi = afterTheLetter(Segment.DOMESTIC);
        moveTo(at(2026, 3, 23, 9, 10));
        BpmnAwareTests.assertThat(pi).isWaitingAt("Task_VisitCustomer", "CallActivity_KeepInContactDuringVisit");
        ProcessInstance duringVisit = contact(pi);

        setClock(at(2026, 3, 24, 11, 0));
        BpmnAwareTests.complete(task(pi, "Task_VisitCustomer"), withVariables(VISIT_OUTCOME, "PROMISED_PAYMENT",
            DECISION_MAKER_MET, true, VISIT_REPORT, "Ms. Wang promises the whole amount by 03-31.",
            PROMISED_AMOUNT, 12100.0, PROMISED_DATE, "2026-03-31"));
        executeDueJobs();
        BpmnAwareTests.assertThat(duringVisit).as("the contact beside the visit ends with the promise").isEnded();
        BpmnAwareTests.assertThat(pi).hasPassed("Event_PaymentPromisedAtVisit", "EndEvent_ContactPausedForPromise")
            .isWaitingAt("Timer_VisitPromiseDatePassed");
        assertThat(runtime.createProcessInstanceQuery().superProcessInstanceId(pi.getId())
            .processDefinitionKey(PROCESS_KEEP_IN_CONTACT).count()).isZero();

        moveTo(at(2026, 3, 26, 15, 30));
        assertThat(task(pi, "Task_CallCustomer")).as("no call while the promise is pending").isNull();
        moveTo(at(2026, 4, 2, 23, 0));
        assertThat(task(pi, "Task_CallCustomer")).isNull();
        assertThat(writtenReminders()).extracting(OutboxMessage::idempotencyKey).as("no written reminder either")
            .containsExactly(Outbox.OVERDUE_REMINDER + ":" + invoice.invoiceNumber() + ":written:2026-03-23");

        moveTo(at(2026, 4, 3, 9, 0));
        BpmnAwareTests.assertThat(pi).hasPassed("Task_CheckVisitPromise", "Task_DecideNextStep")
            .isWaitingAt("CallActivity_KeepInContactUntilAgency");
        assertThat(contact(pi).getId()).as("contact resumes once the promise is broken")
            .isNotEqualTo(duringVisit.getId());
    }

    @Test
    void aCustomerWhoIsNotVisitedGetsCallsAndAWrittenReminderEveryTenDaysUntilTheAgency() {
        ProcessInstance pi = afterTheLetter(Segment.FOREIGN);
        moveTo(at(2026, 3, 23, 9, 10));
        // the policy sends nobody abroad: more calls instead, and on to the agency date
        BpmnAwareTests.assertThat(pi).hasPassed("Task_RecordNoVisit", "Task_DecideNextStep")
            .hasNotPassed("Task_VisitCustomer").isWaitingAt("CallActivity_KeepInContactUntilAgency")
            .variables().containsEntry(STAGE, "FIELD_VISIT").containsEntry(NEXT_STEP, "AGENCY")
            .containsEntry(VISIT_OUTCOME, NO_VISIT);
        // ten days after the letter (03-13 09:05) the first written reminder is due, whichever Keep in contact runs
        assertThat(contactOutcomes(invoice)).containsExactlyInAnyOrder("FORMAL_LETTER", NO_VISIT, "WRITTEN_REMINDER");

        // Monday 03-23: Thursday 03-26 is the third working day
        moveTo(at(2026, 3, 26, 15, 30));
        call(pi, CALL_OUTCOME, "CALL_BACK", REACHED_PERSON, "Mr. Li");
        BpmnAwareTests.assertThat(contact(pi)).variables().containsEntry(NEXT_CALL_AT, "2026-03-31T15:30:00+08:00");

        // the engine's clock walks through the weeks as the job executor would: 04-02, 04-12, 04-22 (every 10 days from
        // the letter of 03-13 09:05, not ten fresh days from the field stage); each states the rate and what to pay today
        for (int day : new int[] {2, 12, 22}) {
            moveTo(at(2026, 4, day, 9, 10));
        }
        moveTo(at(2026, 5, 2, 8, 59));
        assertThat(writtenReminders()).extracting(OutboxMessage::idempotencyKey).containsExactly(
            Outbox.OVERDUE_REMINDER + ":" + invoice.invoiceNumber() + ":written:2026-03-23",
            Outbox.OVERDUE_REMINDER + ":" + invoice.invoiceNumber() + ":written:2026-04-02",
            Outbox.OVERDUE_REMINDER + ":" + invoice.invoiceNumber() + ":written:2026-04-12",
            Outbox.OVERDUE_REMINDER + ":" + invoice.invoiceNumber() + ":written:2026-04-22");
        assertThat(writtenReminders().get(3).body()).contains("Late-payment interest:").contains("Please pay today");

        moveTo(at(2026, 5, 2, 9, 0));
        BpmnAwareTests.assertThat(pi).hasPassed("Timer_AgencyDue", "Task_CheckLimitation")
            .isWaitingAt("Task_ApproveAgencyHandoff");
        assertThat(writtenReminders()).hasSize(4);
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS_KEEP_IN_CONTACT)
            .processInstanceBusinessKey(invoice.invoiceNumber()).count()).as("contact ends at the agency").isZero();
    }

    @Test
    void aPromiseOnAFollowUpCallIsCheckedAndAnInstalmentRequestLeavesTheStage() {
        ProcessInstance pi = afterTheLetter(Segment.DOMESTIC);
        moveTo(at(2026, 3, 18, 15, 30));
        call(pi, CALL_OUTCOME, "PROMISE_TO_PAY", PROMISED_AMOUNT, 5000, PROMISED_DATE, "2026-03-19",
            REACHED_PERSON, "Ms. Wang");
        ProcessInstance contact = contact(pi);
        BpmnAwareTests.assertThat(contact).isWaitingAt("Timer_FollowUpPromiseDatePassed")
            .variables().containsEntry(PROMISE_CHECK_AT, "2026-03-22T09:00:00+08:00");
        moveTo(at(2026, 3, 22, 9, 0));
        BpmnAwareTests.assertThat(contact).hasPassed("Task_CheckFollowUpPromise").isWaitingAt("Timer_FollowUpCallDue");
        assertThat(contactOutcomes(invoice)).containsExactly("FORMAL_LETTER", "PROMISE_TO_PAY", "PROMISE_BROKEN");
        assertThat(variable(contact, BROKEN_PROMISE)).isEqualTo(true);

        // field stage, visit, agency date: contact again until then, and an instalment request on a call
        moveTo(at(2026, 3, 23, 9, 0));
        BpmnAwareTests.complete(task(pi, "Task_VisitCustomer"), withVariables(VISIT_OUTCOME, "CANNOT_PAY",
            DECISION_MAKER_MET, true, VISIT_REPORT, "Cash is short until May."));
        executeDueJobs();
        BpmnAwareTests.assertThat(pi).isWaitingAt("CallActivity_KeepInContactUntilAgency");
        moveTo(at(2026, 3, 26, 15, 30));
        call(pi, CALL_OUTCOME, "INSTALMENT_REQUESTED", INSTALMENT_COUNT, 3, FIRST_INSTALMENT_DATE, "2026-04-15",
            REACHED_PERSON, "Ms. Wang");
        BpmnAwareTests.assertThat(pi).hasPassed("Event_InstalmentsRequested").isWaitingAt("CallActivity_AgreeInstalments")
            .variables().containsKey(AGREEMENT_ID);
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS_KEEP_IN_CONTACT)
            .processInstanceBusinessKey(invoice.invoiceNumber()).count()).isZero();
    }

    @Test
    void aDisputeOnAFollowUpCallGoesToTheOwningDepartmentWhileTheCallsGoOn() {
        ProcessInstance pi = afterTheLetter(Segment.DOMESTIC);
        moveTo(at(2026, 3, 18, 15, 30));
        call(pi, CALL_OUTCOME, "DISPUTED", DISPUTE_CATEGORY, "PRICE", DISPUTED_AMOUNT, 2000.0,
            DISPUTE_DESCRIPTION, "list price was 10% lower");
        ProcessInstance dispute = runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS_DISPUTE)
            .processInstanceBusinessKey(invoice.invoiceNumber()).singleResult();
        assertThat(dispute).isNotNull();
        BpmnAwareTests.assertThat(dispute).isWaitingAt("Task_ResolveDispute");
        BpmnAwareTests.assertThat(task(dispute, "Task_ResolveDispute")).hasCandidateGroup("finance");
        BpmnAwareTests.assertThat(pi).hasPassed("StartEvent_DisputeRaisedInCall")
            .isWaitingAt("CallActivity_KeepInContactAfterLetter", "CallActivity_ResolveDisputeFromCall");
        BpmnAwareTests.assertThat(contact(pi)).isWaitingAt("Timer_FollowUpCallDue");
    }

    @Autowired com.collectwise.kernel.BusinessCalendar calendar;
    @Autowired com.collectwise.cases.CallSchedule schedule;

    /**
     * DOMAIN.md 2 and 3 across a Chinese holiday week: a year loaded as PUT /api/calendar/2031 loads it (National Day
     * Wednesday 1 - Tuesday 7 October off, Sunday 28 September and Saturday 11 October worked, 调休). A customer who is
     * not visited (FOREIGN), 30-day term, due Saturday 2031-09-06: formal demand 09-16, field stage Friday 09-26
     * 09:00, agency 11-05. From the field stage on: a call every 3 working days at 15:30 (Sun 09-28, Mon 09-29, Tue
     * 09-30; then Wed 10-08, Thu 10-09, Fri 10-10 - the holiday week is skipped; then Sat 10-11, Mon 10-13, Tue 10-14
     * - the make-up Saturday counts), each call task followed up at its own slot, a written reminder every 10 days
     * from the letter (09-16 09:05: 09-26, 10-06 - an e-mail may wait in the inbox over a holiday - and 10-16), and
     * every call and written reminder is in the contact log.
     */
    @Test
    void afterTheLetterCallsEveryThreeWorkingDaysAndWritesEveryTenDaysAcrossAHolidayWeekAndAMakeUpSaturday() {
        calendar.replace("CN", 2031,
            List.of(LocalDate.of(2031, 10, 1), LocalDate.of(2031, 10, 2), LocalDate.of(2031, 10, 3),
                LocalDate.of(2031, 10, 4), LocalDate.of(2031, 10, 5), LocalDate.of(2031, 10, 6),
                LocalDate.of(2031, 10, 7)),
            List.of(LocalDate.of(2031, 9, 28), LocalDate.of(2031, 10, 11)), "test", "test", java.time.Instant.now());
        try {
            // the follow-up slot of a call made after 15:30: the next working day, make-up weekends included
            assertThat(schedule.nextSlot(at(2031, 9, 26, 16, 0))).isEqualTo(at(2031, 9, 28, 15, 30));
            assertThat(schedule.nextSlot(at(2031, 9, 30, 16, 0))).isEqualTo(at(2031, 10, 8, 15, 30));
            assertThat(schedule.nextSlot(at(2031, 10, 10, 16, 0))).isEqualTo(at(2031, 10, 11, 15, 30));

            setClock(at(2031, 9, 8, 10, 0));
            customer = customer(Segment.FOREIGN);
            invoice = invoice(customer, LocalDate.of(2031, 9, 6), 30, "12000.00");
            ProcessInstance pi = start(invoice, customer);
            moveTo(at(2031, 9, 16, 9, 5));
            BpmnAwareTests.assertThat(pi).isWaitingAt("CallActivity_KeepInContactAfterLetter");
            moveTo(at(2031, 9, 26, 9, 0));
            BpmnAwareTests.assertThat(pi).isWaitingAt("CallActivity_KeepInContactUntilAgency");
            BpmnAwareTests.assertThat(contact(pi)).variables()
                .containsEntry(NEXT_CALL_AT, "2031-09-30T15:30:00+08:00");
            assertThat(writtenReminders()).isEmpty();
            moveTo(at(2031, 9, 26, 9, 5));

            moveTo(at(2031, 9, 30, 15, 30));
            Task first = task(pi, "Task_CallCustomer");
            assertThat(first.getFollowUpDate().toInstant()).as("the call is due at the slot that created it")
                .isEqualTo(at(2031, 9, 30, 15, 30).toInstant());
            call(pi, CALL_OUTCOME, "NO_ANSWER");
            BpmnAwareTests.assertThat(contact(pi)).variables()
                .containsEntry(NEXT_CALL_AT, "2031-10-10T15:30:00+08:00");

            moveTo(at(2031, 10, 6, 9, 5));
            assertThat(task(pi, "Task_CallCustomer")).as("nobody calls in the holiday week").isNull();
            // the job executor is a little late: the call is still today's, at its slot
            moveTo(at(2031, 10, 10, 15, 30, 40));
            Task second = task(pi, "Task_CallCustomer");
            assertThat(second.getFollowUpDate().toInstant()).isEqualTo(at(2031, 10, 10, 15, 30).toInstant());
            call(pi, CALL_OUTCOME, "CALL_BACK", REACHED_PERSON, "Mr. Li");
            BpmnAwareTests.assertThat(contact(pi)).variables()
                .containsEntry(NEXT_CALL_AT, "2031-10-14T15:30:00+08:00");

            moveTo(at(2031, 10, 16, 9, 5));
            assertThat(writtenReminders()).extracting(OutboxMessage::idempotencyKey).containsExactly(
                Outbox.OVERDUE_REMINDER + ":" + invoice.invoiceNumber() + ":written:2031-09-26",
                Outbox.OVERDUE_REMINDER + ":" + invoice.invoiceNumber() + ":written:2031-10-06",
                Outbox.OVERDUE_REMINDER + ":" + invoice.invoiceNumber() + ":written:2031-10-16");
            assertThat(contactOutcomes(invoice)).as("the letter, every call and written reminder are in the contact log")
                .containsExactly("FORMAL_LETTER", NO_VISIT, "WRITTEN_REMINDER", "NO_ANSWER", "WRITTEN_REMINDER", "CALL_BACK",
                    "WRITTEN_REMINDER");
            assertThat(contacts.list(invoice.invoiceNumber())).filteredOn(e -> "WRITTEN_REMINDER".equals(e.outcome()))
                .extracting(e -> e.channel()).containsOnly("EMAIL");
        } finally {
            jdbc.sql("DELETE FROM calendar_days WHERE country = 'CN' AND calendar_date BETWEEN '2031-01-01' AND "
                + "'2031-12-31'").update();
            jdbc.sql("DELETE FROM calendar_years WHERE country = 'CN' AND cal_year = 2031").update();
            calendar.invalidateAll();
        }
    }

    static java.time.ZonedDateTime at(int year, int month, int day, int hour, int minute, int second) {
        return at(year, month, day, hour, minute).withSecond(second);
    }

    @Test
    void theNoContactWatchCoversTheFormalDemandStage() {
        afterTheLetter(Segment.DOMESTIC);
        // nobody called since the case began on 03-05; the case is at formal demand, which the watch now covers. The
        // letter of Fri 03-13 09:05 is the last contact attempt: five working days of silence from Mon 03-16 on
        setClock(at(2026, 3, 20, 10, 0));
        assertThat(watch.raiseContactGaps()).doesNotContain(invoice.invoiceNumber());
        setClock(at(2026, 3, 23, 10, 0));
        assertThat(reload(invoice).stage()).isEqualTo(Stage.FORMAL_DEMAND);
        assertThat(watch.raiseContactGaps()).contains(invoice.invoiceNumber());
    }

    @Test
    void aCaseStartingInTheFieldStageGetsTheLetterAndTheCreditHoldFirstAndOnlyOnce() {
        setClock(at(2026, 3, 26, 10, 0));
        customer = customer(Segment.DOMESTIC);
        invoice = invoice(customer, DUE, 30, "12000.00");
        ProcessInstance pi = start(invoice, customer);
        BpmnAwareTests.assertThat(pi).hasPassed("Task_SendFirstDunningLetter", "Task_ChargeFirstLetterFee",
            "Task_PlaceFirstCreditHold").isWaitingAt("Task_VisitCustomer").variables()
            .containsEntry(STAGE, "FIELD_VISIT");
        assertThat(casePlan(pi).entryStage()).isEqualTo("FIELD_VISIT");
        assertThat(outboxKinds(invoice)).containsExactly(Outbox.DUNNING_LETTER, Outbox.CREDIT_HOLD);
        assertThat(documents.forInvoice(invoice.invoiceNumber())).hasSize(1);

        // a supervisor moves it on to the agency: the letter is there already, no second one
        runtime.createMessageCorrelation(MSG_STAGE_CHANGE).processInstanceBusinessKey(invoice.invoiceNumber())
            .setVariable(TARGET_STAGE, "AGENCY").setVariable(STAGE_CHANGE_REASON, "customer stopped answering")
            .correlate();
        executeDueJobs();
        BpmnAwareTests.assertThat(pi).isWaitingAt("Task_ApproveAgencyHandoff");
        // "Was a formal letter sent?" answered yes: its answer is transient now (issue 18, step 5), the path tells it
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(pi.getId())
            .activityId("Task_CheckFormalLetter").count()).isEqualTo(2);
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(pi.getId())
            .activityId("Task_SendFirstDunningLetter").count()).isEqualTo(1);
        assertThat(outboxKinds(invoice)).containsExactly(Outbox.DUNNING_LETTER, Outbox.CREDIT_HOLD);
        assertThat(documents.forInvoice(invoice.invoiceNumber())).hasSize(1);
    }

    @Test
    void aTimeBarredClaimGoesToLegalReviewNotToTheAgencyAndItsLetterThreatensNoSuit() {
        setClock(at(2026, 3, 2, 10, 0));
        customer = customer(Segment.DOMESTIC);
        // due 2022-01-10: limitation date 2025-01-10, long gone, nothing ever interrupted it
        invoice = invoice(customer, LocalDate.of(2022, 1, 10), 30, "8000.00");
        ProcessInstance pi = start(invoice, customer);
        BpmnAwareTests.assertThat(pi).hasPassed("Task_SendFirstDunningLetter", "Task_CheckLimitation")
            .hasNotPassed("SubProcess_CollectThroughAgency").variables()
            .containsEntry(TIME_BARRED, true).containsEntry(STAGE, "LITIGATION");
        assertThat(casePlan(pi).entryStage()).isEqualTo("AGENCY");
        assertAtLitigationReview(pi);
        OutboxMessage letter = outbox.forInvoice(invoice.invoiceNumber()).stream()
            .filter(m -> m.kind().equals(Outbox.DUNNING_LETTER)).findFirst().orElseThrow();
        assertThat(letter.subject()).startsWith("Request for payment");
        assertThat(letter.body()).contains("We ask you to pay").doesNotContain("legal action")
            .doesNotContain("collection agency").doesNotContain("We demand");
    }

    @Test
    void aClaimWithinItsLimitationPeriodStillGoesToTheAgency() {
        setClock(at(2026, 3, 2, 10, 0));
        customer = customer(Segment.DOMESTIC);
        invoice = invoice(customer, LocalDate.of(2025, 12, 20), 30, "8000.00");
        ProcessInstance pi = start(invoice, customer);
        BpmnAwareTests.assertThat(pi).hasPassed("Task_CheckLimitation").isWaitingAt("Task_ApproveAgencyHandoff")
            .variables().containsEntry(TIME_BARRED, false);
        OutboxMessage letter = outbox.forInvoice(invoice.invoiceNumber()).stream()
            .filter(m -> m.kind().equals(Outbox.DUNNING_LETTER)).findFirst().orElseThrow();
        assertThat(letter.body()).contains("We demand payment").contains("legal action");
    }
}
