package com.collectwise.process;

import static com.collectwise.kernel.CaseVariables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.time.LocalDate;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import com.collectwise.kernel.Invoice;
import com.collectwise.communication.CaseWatch;
import com.collectwise.communication.DangerSignals;
import com.collectwise.kernel.Customer;
import com.collectwise.kernel.Segment;

/** Between the process steps: danger signals rank the calls, silence raises a supervisor task. */
@SpringBootTest
@ActiveProfiles("test")
class CaseWatchTest extends CollectionTestSupport {

    @Autowired
    CaseWatch watch;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aBrokenPromiseRaisesThePriorityOfTheCustomersNextCall() {
        setClock(at(2026, 3, 5, 10, 0));
        Customer customer = customer(Segment.DOMESTIC);
        Invoice invoice = invoice(customer, LocalDate.of(2026, 3, 3), 30, "5000.00");
        ProcessInstance pi = start(invoice, customer);
        assertThat(task(pi, "Task_CallCustomer").getPriority()).isEqualTo(DangerSignals.NORMAL);

        tasksComplete(pi, "PROMISE_TO_PAY");
        moveTo(at(2026, 3, 12, 10, 0)); // promised 03-06 + 2 days grace: checked on 03-09, nothing paid
        Task next = task(pi, "Task_CallCustomer");
        assertThat(jdbc.sql("SELECT status FROM promises WHERE invoice_number = ?").param(invoice.invoiceNumber())
            .query(String.class).single()).isEqualTo("BROKEN");

        watch.rankCalls();

        assertThat(tasks.createTaskQuery().taskId(next.getId()).singleResult().getPriority())
            .isEqualTo(DangerSignals.NORMAL + 15);
    }

    @Test
    void fiveWorkingDaysWithoutAContactAttemptRaiseOneTaskForTheSupervisors() {
        setClock(at(2026, 4, 1, 10, 0)); // Wednesday; due 03-31: internal stage from 04-01
        Customer customer = customer(Segment.DOMESTIC);
        Invoice invoice = invoice(customer, LocalDate.of(2026, 3, 31), 60, "5000.00");
        start(invoice, customer);
        assertThat(watch.raiseContactGaps()).doesNotContain(invoice.invoiceNumber());

        // Qingming (清明节, 4-6 April 2026, State Council calendar) is no working day: Monday the 6th does not count
        setClock(at(2026, 4, 8, 10, 0)); // 4 working days of silence (04-01, 02, 03, 07): not yet
        assertThat(watch.raiseContactGaps()).doesNotContain(invoice.invoiceNumber());

        setClock(at(2026, 4, 9, 10, 0)); // 5 working days later (04-01 .. 04-08 without the festival), nobody called
        assertThat(watch.raiseContactGaps()).contains(invoice.invoiceNumber());
        assertThat(watch.raiseContactGaps()).doesNotContain(invoice.invoiceNumber()); // once per gap

        Task gap = tasks.createTaskQuery().taskCandidateGroup("supervisors")
            .taskNameLike("%" + invoice.invoiceNumber() + "%").singleResult();
        assertThat(gap.getName()).isEqualTo("No contact for 5 working days: invoice " + invoice.invoiceNumber());
        assertThat(gap.getPriority()).isEqualTo(80);

        // Friday 04-10: the same silence, now since 04-02 by the count: still the one task (before the fix a second
        // task for the same gap came every working day, its key naming the moving cutoff)
        setClock(at(2026, 4, 10, 10, 0));
        assertThat(watch.raiseContactGaps()).doesNotContain(invoice.invoiceNumber());
        assertThat(tasks.createTaskQuery().taskCandidateGroup("supervisors")
            .taskNameLike("%" + invoice.invoiceNumber() + "%").count()).isOne();

        // the supervisor calls at 11:00 and closes the task; a new silence counts from that call: 04-13 .. 04-17
        // are its five working days, so nothing on Friday 04-17 (cutoff 04-10, the day of the call) and a new task
        // on Monday 04-20 (cutoff 04-13)
        contacts.append(new com.collectwise.kernel.ContactEntry(null, invoice.invoiceNumber(), customer.customerId(),
            "PHONE", at(2026, 4, 10, 11, 0).toInstant(), "sup1", null, "NO_ANSWER", null, null, null));
        tasks.complete(gap.getId());
        setClock(at(2026, 4, 17, 10, 0));
        assertThat(watch.raiseContactGaps()).doesNotContain(invoice.invoiceNumber());
        setClock(at(2026, 4, 20, 10, 0));
        assertThat(watch.raiseContactGaps()).contains(invoice.invoiceNumber());
    }

    /**
     * An invoice registered when it is already at formal demand (go-live import: due 25 March 2026, 30-day terms,
     * registered Thursday 9 April at 10:00, D+15) has had no chance of a contact yet: the letter went out, its first
     * call comes three working days later. The five working days count from its registration day, as they count
     * from D+1 for a case registered in time; the formal letter sent at registration is itself a contact attempt
     * (the case file records it), so the silence counts from it: 04-10 (1), 04-13 .. 04-16 (5): a task on Friday
     * 04-17 if nobody tried by then, none before. Before the fix the watch raised the task within the hour of the import
     * (cutoff 04-01, after D+1 and with no contact since: "no contact for 5 working days" for a case a day old).
     */
    @Test
    void anOverdueInvoiceRegisteredTodayHasFiveWorkingDaysBeforeItsFirstGap() {
        setClock(at(2026, 4, 9, 10, 0));
        Customer customer = customer(Segment.DOMESTIC);
        Invoice invoice = invoice(customer, LocalDate.of(2026, 3, 25), 30, "5000.00");
        start(invoice, customer);
        assertThat(reload(invoice).stage().name()).isEqualTo("FORMAL_DEMAND");
        assertThat(watch.raiseContactGaps()).doesNotContain(invoice.invoiceNumber());

        setClock(at(2026, 4, 15, 10, 0)); // cutoff 04-08: registered after it
        assertThat(watch.raiseContactGaps()).doesNotContain(invoice.invoiceNumber());
        // the formal letter of 04-09 10:00 is a contact attempt in the case file (it was none before): the silence
        // counts from it, so none on 04-16 (cutoff 04-09, the letter on it) and a task on Friday 04-17 (cutoff 04-10)
        setClock(at(2026, 4, 16, 10, 0));
        assertThat(watch.raiseContactGaps()).doesNotContain(invoice.invoiceNumber());
        setClock(at(2026, 4, 17, 10, 0));
        assertThat(watch.raiseContactGaps()).contains(invoice.invoiceNumber());
    }

    /**
     * A note of the case file (a promise checked, a stage moved, a waiver asked for) is no contact attempt: it does
     * not restart the five working days. Same dates as above: a note on 04-07, nobody called since 04-01.
     */
    @Test
    void aNoteInTheCaseFileIsNoContactAttempt() {
        setClock(at(2026, 4, 1, 10, 0));
        Customer customer = customer(Segment.DOMESTIC);
        Invoice invoice = invoice(customer, LocalDate.of(2026, 3, 31), 60, "5000.00");
        start(invoice, customer);
        contacts.append(new com.collectwise.kernel.ContactEntry(null, invoice.invoiceNumber(), customer.customerId(),
            "NOTE", at(2026, 4, 7, 10, 0).toInstant(), null, null, "PROMISE_BROKEN", "Promise #1 broken.", null, null));
        contacts.append(new com.collectwise.kernel.ContactEntry(null, invoice.invoiceNumber(), customer.customerId(),
            "INTERNAL", at(2026, 4, 8, 10, 0).toInstant(), "sup1", null, "WAIVER_REQUESTED", "fees", null, null));

        setClock(at(2026, 4, 9, 10, 0));
        assertThat(watch.raiseContactGaps()).contains(invoice.invoiceNumber());
    }

    private void tasksComplete(ProcessInstance pi, String outcome) {
        tasks.complete(task(pi, "Task_CallCustomer").getId(), withVariables(CALL_OUTCOME, outcome,
            REACHED_PERSON, "Ms. Wang", PROMISED_AMOUNT, 5000, PROMISED_DATE, "2026-03-06"));
        executeDueJobs();
    }
}
