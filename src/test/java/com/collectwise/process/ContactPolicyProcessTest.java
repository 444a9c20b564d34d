package com.collectwise.process;

import static com.collectwise.kernel.CaseVariables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.time.LocalDate;
import java.time.ZonedDateTime;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import com.collectwise.kernel.BusinessCalendar;
import com.collectwise.cases.CallSchedule;
import com.collectwise.kernel.ContactEntry;
import com.collectwise.kernel.ContactLog;
import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.Customer;
import com.collectwise.kernel.Segment;

/** The contact rules of DOMAIN.md section 3, enforced where the collector records the call. */
@SpringBootTest
@ActiveProfiles("test")
class ContactPolicyProcessTest extends CollectionTestSupport {

    @Autowired
    ContactLog contacts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    BusinessCalendar calendar;

    @Test
    void theSeventhUnansweredAttemptOnOneCustomerInADayIsRefused() {
        setClock(at(2026, 3, 5, 10, 0));
        Customer customer = customer(Segment.DOMESTIC);
        Invoice invoice = invoice(customer, LocalDate.of(2026, 3, 3), 30, "5000.00");
        ProcessInstance pi = start(invoice, customer);
        // six unanswered attempts today already (this or the customer's other cases)
        for (int i = 0; i < 6; i++) {
            contacts.append(new ContactEntry(null, invoice.invoiceNumber(), customer.customerId(), "PHONE",
                at(2026, 3, 5, 8, 10 + i).toInstant(), "chen", null, "NO_ANSWER", "rang", null, null));
        }
        Task call = task(pi, "Task_CallCustomer");

        assertThatThrownBy(() -> tasks.complete(call.getId(), withVariables(CALL_OUTCOME, "NO_ANSWER")))
            .isInstanceOf(ProcessEngineException.class)
            .hasMessageContaining("already called 6 times today without answer (at most 6 a day)");
        BpmnAwareTests.assertThat(pi).isWaitingAt("Task_CallCustomer");

        // a call that reached somebody is still recorded
        tasks.complete(call.getId(), withVariables(CALL_OUTCOME, "CALL_BACK", REACHED_PERSON, "reception"));
        BpmnAwareTests.assertThat(pi).isWaitingAt("Timer_NextCallDue");
    }

    /** 2027 has no calendar loaded (V17 ships CN 2025 and 2026): the general holidays table still counts. */
    @Test
    void aCallCreatedFridayAt16BeforeAMondayHolidayIsPlannedForTuesdayAt1530() {
        jdbc.sql("INSERT INTO holidays (holiday_date, name) VALUES ('2027-03-08', 'Test holiday')").update();
        calendar.invalidateAll();
        try {
            CallSchedule schedule = new CallSchedule(calendar, "15:30");
            ZonedDateTime fridayAt16 = at(2027, 3, 5, 16, 0);
            assertThat(schedule.nextSlot(fridayAt16)).isEqualTo(at(2027, 3, 9, 15, 30));
        } finally {
            jdbc.sql("DELETE FROM holidays WHERE holiday_date = '2027-03-08'").update();
            calendar.invalidateAll();
        }
    }
}
