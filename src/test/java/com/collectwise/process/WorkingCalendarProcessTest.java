package com.collectwise.process;

import static com.collectwise.kernel.CaseVariables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.time.LocalDate;
import java.time.ZonedDateTime;

import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.Customer;
import com.collectwise.kernel.Segment;

/**
 * The working-day rules of the collection process follow China's official calendar as shipped by V17 (State Council
 * notices for 2025 and 2026): make-up working weekends (调休) are worked, the Spring Festival is not.
 */
@SpringBootTest
@ActiveProfiles("test")
class WorkingCalendarProcessTest extends CollectionTestSupport {

    /** A case at its first call on {@code now}: the invoice fell due the day before. */
    ProcessInstance atFirstCall(ZonedDateTime now) {
        setClock(now);
        Customer customer = customer(Segment.DOMESTIC);
        // 90-day terms: the formal demand (D + T/3) stays a month away
        Invoice invoice = invoice(customer, now.toLocalDate().minusDays(1), 90, "8000.00");
        ProcessInstance pi = start(invoice, customer);
        BpmnAwareTests.assertThat(pi).isWaitingAt("Task_CallCustomer");
        return pi;
    }

    void noAnswer(ProcessInstance pi) {
        BpmnAwareTests.complete(task(pi, "Task_CallCustomer"), withVariables(CALL_OUTCOME, "NO_ANSWER"));
        executeDueJobs();
    }

    @Test
    void aCallDueOnTheSaturdayMakeUpWorkingDayIsScheduledThatDay() {
        // Friday 13 February 2026; Saturday the 14th is worked (春节调休, 国办发明电〔2025〕7号)
        ProcessInstance pi = atFirstCall(at(2026, 2, 13, 16, 0));
        noAnswer(pi);
        BpmnAwareTests.assertThat(pi).isWaitingAt("Timer_NextCallDue")
            .variables().containsEntry(NEXT_CALL_AT, "2026-02-14T15:30:00+08:00");

        moveTo(at(2026, 2, 14, 15, 30));
        BpmnAwareTests.assertThat(pi).isWaitingAt("Task_CallCustomer");
    }

    @Test
    void aCallDueOnTheFirstDayOfTheSpringFestivalMovesToTheNextWorkingDay() {
        // Monday 27 January 2025 after the slot: the next day, 28 January, is the first of the festival (to 4 Feb)
        ProcessInstance pi = atFirstCall(at(2025, 1, 27, 16, 0));
        noAnswer(pi);
        BpmnAwareTests.assertThat(pi).isWaitingAt("Timer_NextCallDue")
            .variables().containsEntry(NEXT_CALL_AT, "2025-02-05T15:30:00+08:00");

        moveTo(at(2025, 1, 28, 15, 30));
        BpmnAwareTests.assertThat(pi).as("nobody calls on the first day of the festival")
            .isWaitingAt("Timer_NextCallDue");
        moveTo(at(2025, 2, 5, 15, 30));
        BpmnAwareTests.assertThat(pi).isWaitingAt("Task_CallCustomer");
    }

    @Test
    void theVisitServiceLevelCountsWorkingDaysOfTheCalendar() {
        // entered on Friday 13 February 2026 at 09:00 (due 20 January: D+24, past the visit at D+20)
        setClock(at(2026, 2, 13, 9, 0));
        Customer customer = customer(Segment.DOMESTIC);
        Invoice invoice = invoice(customer, LocalDate.of(2026, 1, 20), 30, "8000.00");
        ProcessInstance pi = start(invoice, customer);
        BpmnAwareTests.assertThat(pi).isWaitingAt("Task_VisitCustomer");

        Job sla = management.createJobQuery().processInstanceId(pi.getId()).activityId("Timer_VisitSlaExpired")
            .singleResult();
        // 10 working days: Sat 14 Feb (调休), 24-27 Feb, Sat 28 Feb (调休), 2-5 March; not 15-23 Feb (春节)
        // the visit is due at the end of the tenth working day
        assertThat(sla.getDuedate().toInstant()).isEqualTo(at(2026, 3, 5, 18, 0).toInstant());
    }

    /**
     * After the formal letter a call every 3 working days (DOMAIN.md 2). Invoice due Sunday 13 September 2026,
     * 30-day terms: the letter goes on Wednesday 23 September (D+10) at 09:00. Working days after it: Thursday 24
     * (1), not 25-27 (中秋节), Monday 28 (2), Tuesday 29 (3): the first call after the letter is on 29 September at
     * 15:30. Unanswered then: Wednesday 30 September (1), not 1-7 October (国庆节), Thursday 8 (2), Friday 9 (3):
     * 9 October 15:30 (not Saturday 10 October, the make-up day, which is the fourth).
     */
    @Test
    void theCallsAfterTheLetterComeEveryThirdWorkingDayAcrossMidAutumnAndNationalDay() {
        setClock(at(2026, 9, 23, 9, 0));
        Customer customer = customer(Segment.DOMESTIC);
        Invoice invoice = invoice(customer, LocalDate.of(2026, 9, 13), 30, "8000.00");
        ProcessInstance pi = start(invoice, customer);
        ProcessInstance contact = runtime.createProcessInstanceQuery().processDefinitionKey("Process_KeepInContact")
            .processInstanceBusinessKey(pi.getBusinessKey()).singleResult();
        if (contact == null) {
            contact = runtime.createProcessInstanceQuery().processDefinitionKey("Process_KeepInContact")
                .superProcessInstanceId(pi.getId()).singleResult();
        }
        assertThat(contact).as("the case keeps in contact after the letter").isNotNull();
        assertThat(runtime.getVariable(contact.getId(), NEXT_CALL_AT)).isEqualTo("2026-09-29T15:30:00+08:00");

        moveTo(at(2026, 9, 28, 15, 30));
        assertThat(task(pi, "Task_CallCustomer")).as("not before the third working day").isNull();
        moveTo(at(2026, 9, 29, 15, 30));
        BpmnAwareTests.complete(task(pi, "Task_CallCustomer"), withVariables(CALL_OUTCOME, "NO_ANSWER"));
        executeDueJobs();
        assertThat(runtime.getVariable(contact.getId(), NEXT_CALL_AT)).isEqualTo("2026-10-09T15:30:00+08:00");
    }
}
