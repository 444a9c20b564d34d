package com.collectwise.process;

import static com.collectwise.kernel.CaseVariables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import com.collectwise.kernel.ContactEntry;
import com.collectwise.cases.CustomerCalls;
import com.collectwise.kernel.Invoice;
import com.collectwise.cases.OverdueCauses;
import com.collectwise.communication.ContactPolicy;
import com.collectwise.kernel.Customer;
import com.collectwise.kernel.Segment;

/**
 * One call per customer per day (issue 16 item 2): the call tasks of a customer's cases share one lead task, the
 * lead's form lists every open invoice, and its outcome is recorded on every case it covered. The invoices are
 * registered on Thursday 2026-03-05 at 10:00, already overdue, so each case starts with a call at 15:30.
 */
@SpringBootTest
@ActiveProfiles("test")
@Import(ProcessEngineCoverageConfiguration.class)
class CustomerCallProcessTest extends CollectionTestSupport {

    @Autowired ContactPolicy contactPolicy;
    @Autowired OverdueCauses causes;
    @Autowired com.collectwise.payments.PaymentService payments;

    Customer customer;

    @BeforeEach
    void registeredOverdue() {
        setClock(at(2026, 3, 5, 10, 0));
        customer = customer(Segment.DOMESTIC);
    }

    ProcessInstance overdue(Invoice invoice) {
        ProcessInstance pi = start(invoice, customer);
        BpmnAwareTests.assertThat(pi).isWaitingAt("Task_CallCustomer");
        return pi;
    }

    List<Task> callsOfCustomer() {
        return tasks.createTaskQuery().taskDefinitionKey("Task_CallCustomer").processInstanceBusinessKeyIn(
            invoicesOfCustomer()).list();
    }

    /** The customer's cases by their business keys (the invoice numbers): no case keeps the customer id. */
    String[] invoicesOfCustomer() {
        return invoices.findByCustomer(customer.customerId()).stream().map(Invoice::invoiceNumber)
            .toArray(String[]::new);
    }

    /** What "My calls today" shows the owner collector (assignee, due by the end of the day). */
    List<Task> myCallsToday() {
        return tasks.createTaskQuery().taskDefinitionKey("Task_CallCustomer").taskAssignee("collector1")
            .processInstanceBusinessKeyIn(invoicesOfCustomer())
            .followUpBeforeOrNotExistent(java.util.Date.from(at(2026, 3, 6, 0, 0).toInstant())).list();
    }

    Task lead() {
        List<Task> leads = callsOfCustomer().stream()
            .filter(t -> tasks.getVariableLocal(t.getId(), CustomerCalls.COVERED_BY) == null).toList();
        assertThat(leads).hasSize(1);
        return leads.get(0);
    }

    @Test
    void threeOverdueInvoicesDueTheSameDayGetOneOpenCallThatListsThemAll() {
        LocalDate due = LocalDate.of(2026, 3, 3);
        Invoice a = invoice(customer, due, 30, "1000.00");
        Invoice b = invoice(customer, due, 30, "2000.00");
        Invoice c = invoice(customer, due, 30, "3000.00");
        overdue(a);
        overdue(b);
        overdue(c);

        assertThat(callsOfCustomer()).as("every case still has its call task").hasSize(3);
        assertThat(myCallsToday()).as("but the collector sees one call").hasSize(1);
        Task lead = lead();
        assertThat(lead.getFollowUpDate().toInstant()).isEqualTo(at(2026, 3, 5, 15, 30).toInstant());
        assertThat(callsOfCustomer()).filteredOn(t -> !t.getId().equals(lead.getId())).allSatisfy(t -> {
            assertThat(t.getAssignee()).isNull();
            assertThat(tasks.getVariableLocal(t.getId(), CustomerCalls.COVERED_BY)).isEqualTo(lead.getId());
        });
        String sheet = (String) tasks.getVariableLocal(lead.getId(), CustomerCalls.CUSTOMER_INVOICES);
        // statutory interest for 03-04 and 03-05 (LPR 3.00% x 1.5 = 4.5% p.a.): 1,000.00 x 4.5% x 2 / 365 = 0.25
        assertThat(sheet).contains(a.invoiceNumber(), b.invoiceNumber(), c.invoiceNumber())
            .contains("1,000.25 CNY", "2,000.49 CNY", "3,000.74 CNY").contains("**6,001.48 CNY**")
            .doesNotContain("| no |")
            // the stage in words, not its id (seen in Tasklist: "INTERNAL_REMINDER")
            .contains("| Internal reminder |").doesNotContain("INTERNAL_REMINDER");
        // the lead invoice's figures with their parts (DOMAIN.md 3: amount, fees; the brief: principal, interest)
        assertThat((String) tasks.getVariableLocal(lead.getId(), com.collectwise.cases.FormFactsListener.OUTSTANDING_FIGURES))
            .contains(" CNY (principal ", ", interest ", ", fees ", ", as of 2026-03-0");
        // the amount the collector says is the whole call's, not the lead invoice's
        assertThat(tasks.getVariableLocal(lead.getId(), CustomerCalls.CALL_TOTAL)).isEqualTo("6,001.48 CNY");
        // no case of the customer is at formal demand: the form does not speak of the letter
        assertThat(tasks.getVariableLocal(lead.getId(), CustomerCalls.AFTER_FORMAL_LETTER)).isEqualTo(false);

        // a part payment shows on the lead's list at once
        payments.receive(new com.collectwise.payments.IncomingPayment("PAY-" + a.invoiceNumber(), a.invoiceNumber(),
            null, new BigDecimal("400.00"), "CNY", LocalDate.of(2026, 3, 5),
            com.collectwise.payments.PaymentMethod.BANK_TRANSFER));
        assertThat((String) tasks.getVariableLocal(lead.getId(), CustomerCalls.CUSTOMER_INVOICES))
            .contains("600.25 CNY").contains("**5,601.48 CNY**");
        // and the call of the paid case shows its new figures
        assertThat(callsOfCustomer()).filteredOn(t -> a.invoiceNumber().equals(tasks.getVariable(t.getId(), INVOICE_NUMBER)))
            .singleElement().satisfies(t -> assertThat((String) tasks.getVariableLocal(t.getId(),
                com.collectwise.cases.FormFactsListener.OUTSTANDING_FIGURES)).startsWith("600.25 CNY (principal "));
        assertThat(tasks.getVariableLocal(lead.getId(), CustomerCalls.CALL_TOTAL)).isEqualTo("5,601.48 CNY");
        assertThat((String) tasks.getVariableLocal(lead.getId(), "playbookPrinciples")).contains("理", "情", "利", "法");
        assertThat((String) tasks.getVariable(lead.getId(), OBJECTION_PLAYBOOK))
            .contains("| Debtor tactic | Counter | Principles |").contains("statement of account");
    }

    @Test
    void completingTheLeadRecordsTheOutcomeOnEveryCoveredCaseAndCountsOneAttempt() {
        LocalDate due = LocalDate.of(2026, 3, 3);
        List<ProcessInstance> cases = List.of(overdue(invoice(customer, due, 30, "1000.00")),
            overdue(invoice(customer, due, 30, "2000.00")), overdue(invoice(customer, due, 30, "3000.00")));
        setClock(at(2026, 3, 5, 15, 40));

        BpmnAwareTests.complete(lead(), withVariables(CALL_OUTCOME, "NO_ANSWER", CALL_NOTE, "rang 10 times",
            CustomerCalls.OVERDUE_CAUSE, "POOR_COMMUNICATION"));
        executeDueJobs();

        assertThat(callsOfCustomer()).as("no call of the customer is left open today").isEmpty();
        for (ProcessInstance pi : cases) {
            BpmnAwareTests.assertThat(pi).isWaitingAt("Timer_NextCallDue")
                .variables().containsEntry(NEXT_CALL_AT, "2026-03-06T15:30:00+08:00");
            List<ContactEntry> log = contacts.list(pi.getBusinessKey());
            assertThat(log).extracting(ContactEntry::outcome).containsExactly("NO_ANSWER");
            assertThat(log.get(0).note()).contains("rang 10 times");
            assertThat(causes.causesOf(pi.getBusinessKey())).containsExactly("POOR_COMMUNICATION");
        }
        assertThat(contactPolicy.unansweredAttempts(customer.customerId(), LocalDate.of(2026, 3, 5), ZONE))
            .as("one call with the customer is one attempt, not three").isEqualTo(1);

        // the next day the three cases call again, again as one call
        moveTo(at(2026, 3, 6, 15, 30));
        assertThat(callsOfCustomer()).hasSize(3);
        assertThat(tasks.createTaskQuery().taskDefinitionKey("Task_CallCustomer").taskAssignee("collector1")
            .processInstanceBusinessKeyIn(invoicesOfCustomer()).count()).isEqualTo(1);
    }

    @Test
    void aPromiseForTheTotalPaysTheOldestInvoicesFirst() {
        Invoice oldest = invoice(customer, LocalDate.of(2026, 3, 1), 30, "1000.00");
        Invoice middle = invoice(customer, LocalDate.of(2026, 3, 2), 30, "2000.00");
        Invoice newest = invoice(customer, LocalDate.of(2026, 3, 3), 30, "3000.00");
        ProcessInstance newestCase = overdue(newest);
        ProcessInstance middleCase = overdue(middle);
        ProcessInstance oldestCase = overdue(oldest);
        BigDecimal oldestTotal = new BigDecimal(((String) tasks.getVariable(task(oldestCase, "Task_CallCustomer")
            .getId(), AMOUNT_TO_COLLECT)).replace(",", ""));

        Task lead = lead();
        assertThat(tasks.getVariable(lead.getId(), INVOICE_NUMBER)).isEqualTo(newest.invoiceNumber());
        BigDecimal promised = oldestTotal.add(new BigDecimal("1500.00"));
        BpmnAwareTests.complete(lead, withVariables(CALL_OUTCOME, "PROMISE_TO_PAY", PROMISED_AMOUNT,
            promised.doubleValue(), PROMISED_DATE, "2026-03-10", REACHED_PERSON, "Ms. Wang",
            CustomerCalls.OVERDUE_CAUSE, "CASH_TROUBLE"));
        executeDueJobs();

        assertThat(promise(oldest)).isEqualByComparingTo(oldestTotal);
        assertThat(promise(middle)).isEqualByComparingTo("1500.00");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM promises WHERE invoice_number = ?").param(newest.invoiceNumber())
            .query(Integer.class).single()).as("the promised total does not reach the newest invoice").isZero();
        BpmnAwareTests.assertThat(oldestCase).isWaitingAt("Timer_PromisedDatePassed");
        BpmnAwareTests.assertThat(middleCase).isWaitingAt("Timer_PromisedDatePassed");
        BpmnAwareTests.assertThat(newestCase).isWaitingAt("Timer_NextCallDue");
        assertThat(contactOutcomes(newest)).containsExactly("CALL_BACK");
        assertThat(contacts.list(newest.invoiceNumber()).get(0).note()).contains("covers older invoices first");
        assertThat(contacts.list(middle.invoiceNumber()).get(0).reachedPerson()).isEqualTo("Ms. Wang");
    }

    @Test
    void aDisputeNamesItsInvoiceAndTheOthersAreStillCollected() {
        LocalDate due = LocalDate.of(2026, 3, 3);
        Invoice first = invoice(customer, due, 30, "1000.00");
        Invoice second = invoice(customer, due, 30, "2000.00");
        ProcessInstance firstCase = overdue(first);
        overdue(second);
        Task lead = lead();
        assertThat(tasks.getVariable(lead.getId(), INVOICE_NUMBER)).isEqualTo(first.invoiceNumber());

        // 1,500.00 is more than the lead's invoice: checked against the invoice named
        BpmnAwareTests.complete(lead, withVariables(CALL_OUTCOME, "DISPUTED", DISPUTE_CATEGORY, "QUALITY",
            DISPUTED_AMOUNT, 1500.0, DISPUTE_DESCRIPTION, "scratched panels",
            CustomerCalls.DISPUTED_INVOICE, second.invoiceNumber()));
        executeDueJobs();

        assertThat(jdbc.sql("SELECT invoice_number FROM disputes WHERE invoice_number IN (?, ?)")
            .params(first.invoiceNumber(), second.invoiceNumber()).query(String.class).list())
            .containsExactly(second.invoiceNumber());
        assertThat(contactOutcomes(first)).containsExactly("CALL_BACK");
        assertThat(contactOutcomes(second)).containsExactly("DISPUTED");
        BpmnAwareTests.assertThat(firstCase).isWaitingAt("Timer_NextCallDue");
    }

    /**
     * The form lists the customer's invoice not yet due (03-20) too: the customer disputes it in the call, and the
     * dispute is raised on that invoice (its case has no call task: it is still before its due date), not on the
     * lead's, which is still collected.
     */
    @Test
    void aDisputeOnTheCustomersInvoiceNotYetDueIsRaisedOnIt() {
        Invoice overdue = invoice(customer, LocalDate.of(2026, 3, 3), 30, "1000.00");
        Invoice notYetDue = invoice(customer, LocalDate.of(2026, 3, 20), 30, "2000.00");
        ProcessInstance leadCase = overdue(overdue);
        ProcessInstance laterCase = start(notYetDue, customer);
        BpmnAwareTests.assertThat(laterCase).isNotWaitingAt("Task_CallCustomer");
        Task lead = lead();
        assertThat((String) tasks.getVariableLocal(lead.getId(), CustomerCalls.CUSTOMER_INVOICES))
            .contains(notYetDue.invoiceNumber());

        BpmnAwareTests.complete(lead, withVariables(CALL_OUTCOME, "DISPUTED", DISPUTE_CATEGORY, "DELIVERY",
            DISPUTED_AMOUNT, 2000.0, DISPUTE_DESCRIPTION, "never delivered",
            CustomerCalls.DISPUTED_INVOICE, notYetDue.invoiceNumber()));
        executeDueJobs();

        assertThat(jdbc.sql("SELECT invoice_number FROM disputes WHERE invoice_number IN (?, ?)")
            .params(overdue.invoiceNumber(), notYetDue.invoiceNumber()).query(String.class).list())
            .containsExactly(notYetDue.invoiceNumber());
        assertThat(runtime.createProcessInstanceQuery().superProcessInstanceId(laterCase.getId())
            .processDefinitionKey(PROCESS_DISPUTE).count()).isEqualTo(1);
        assertThat(contactOutcomes(notYetDue)).containsExactly("DISPUTED");
        assertThat(contactOutcomes(overdue)).containsExactly("CALL_BACK");
        BpmnAwareTests.assertThat(leadCase).isWaitingAt("Timer_NextCallDue");
    }

    @Test
    void aDisputeOnAnInvoiceOutsideTheCallIsRefused() {
        Invoice mine = invoice(customer, LocalDate.of(2026, 3, 3), 30, "1000.00");
        overdue(mine);
        Customer other = customer(Segment.DOMESTIC);
        Invoice theirs = invoice(other, LocalDate.of(2026, 3, 3), 30, "1000.00");
        Task lead = lead();
        assertThatThrownBy(() -> tasks.complete(lead.getId(), withVariables(CALL_OUTCOME, "DISPUTED",
            DISPUTE_CATEGORY, "QUALITY", DISPUTED_AMOUNT, 100.0, CustomerCalls.DISPUTED_INVOICE, theirs.invoiceNumber())))
            .isInstanceOf(ProcessEngineException.class).hasMessageContaining("not one of the invoices of this call");
        assertThat(callsOfCustomer()).hasSize(1);
    }

    @Test
    void aCallPlannedAfterTheDaysCallWasMadeMovesToTheNextSlot() {
        overdue(invoice(customer, LocalDate.of(2026, 3, 3), 30, "1000.00"));
        setClock(at(2026, 3, 5, 15, 40));
        BpmnAwareTests.complete(lead(), withVariables(CALL_OUTCOME, "CALL_BACK", REACHED_PERSON, "Mr. Li"));
        executeDueJobs();

        setClock(at(2026, 3, 5, 15, 50));
        Invoice late = invoice(customer, LocalDate.of(2026, 3, 2), 30, "500.00");
        ProcessInstance lateCase = overdue(late);
        Task call = task(lateCase, "Task_CallCustomer");
        assertThat(call.getFollowUpDate().toInstant()).as("Friday's call, not a second one today")
            .isEqualTo(at(2026, 3, 6, 15, 30).toInstant());
        assertThat(call.getAssignee()).as("it leads Friday's call").isEqualTo("collector1");
        assertThat(tasks.getVariableLocal(call.getId(), CustomerCalls.CALL_DAY)).isEqualTo("2026-03-06");
    }

    @Test
    void whenTheLeadsCaseIsSettledTheNextCallTakesOver() {
        LocalDate due = LocalDate.of(2026, 3, 3);
        Invoice first = invoice(customer, due, 30, "1000.00");
        Invoice second = invoice(customer, due, 30, "2000.00");
        Invoice third = invoice(customer, due, 30, "3000.00");
        ProcessInstance firstCase = overdue(first);
        overdue(second);
        overdue(third);
        assertThat(tasks.getVariable(lead().getId(), INVOICE_NUMBER)).isEqualTo(first.invoiceNumber());

        runtime.createMessageCorrelation(MSG_INVOICE_SETTLED).processInstanceBusinessKey(first.invoiceNumber())
            .correlate();
        executeDueJobs();
        BpmnAwareTests.assertThat(firstCase).isEnded();

        Task lead = lead();
        assertThat(lead.getAssignee()).isEqualTo("collector1");
        assertThat(lead.getName()).isEqualTo("Call customer");
        assertThat(myCallsToday()).hasSize(1);
        Task covered = callsOfCustomer().stream().filter(t -> !t.getId().equals(lead.getId())).findFirst().orElseThrow();
        assertThat(tasks.getVariableLocal(covered.getId(), CustomerCalls.COVERED_BY)).isEqualTo(lead.getId());

        BpmnAwareTests.complete(lead, withVariables(CALL_OUTCOME, "CALL_BACK"));
        assertThat(callsOfCustomer()).isEmpty();
    }

    /**
     * The lead's assignee may see nothing but the lead (here: a supervisor reassigned the call to a field collector,
     * who is no candidate for the collectors' tasks), yet the call covers the customer's other cases: their calls are completed with it, and the case file
     * names the collector.
     */
    @Test
    void theLeadsAssigneeCompletesTheCoveredCallsWithoutRightsOnThem() {
        LocalDate due = LocalDate.of(2026, 3, 3);
        overdue(invoice(customer, due, 30, "1000.00"));
        ProcessInstance second = overdue(invoice(customer, due, 30, "2000.00"));
        Task lead = lead();
        tasks.setAssignee(lead.getId(), "collector7");
        engine.getIdentityService().setAuthentication("collector7", List.of("fieldcollectors"));
        try {
            assertThat(tasks.createTaskQuery().processInstanceBusinessKeyIn(invoicesOfCustomer()).count())
                .as("the covered call is not the collector's to see").isEqualTo(1);
            tasks.complete(lead.getId(), withVariables(CALL_OUTCOME, "CALL_BACK", REACHED_PERSON, "Mr. Li"));
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
        assertThat(callsOfCustomer()).isEmpty();
        assertThat(contacts.list(second.getBusinessKey())).singleElement()
            .satisfies(e -> assertThat(e.collector()).isEqualTo("collector7"));
    }

    /**
     * Two cases of the customer reach their call at the same moment, each in its own thread (as two job executor
     * threads or two nodes would): the lock on the customer's row makes one the lead and the other covered.
     */
    @Test
    void twoCasesPlanningTheirCallsAtOnceStillShareOneCall() throws Exception {
        LocalDate due = LocalDate.of(2026, 3, 3);
        List<String> ids = new java.util.ArrayList<>();
        for (Invoice i : List.of(invoice(customer, due, 30, "1000.00"), invoice(customer, due, 30, "2000.00"))) {
            String id = cases.start(i, customer);
            started.add(id);
            ids.add(id);
        }
        java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(ids.size());
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(ids.size());
        try {
            List<java.util.concurrent.Future<?>> runs = new java.util.ArrayList<>();
            for (String id : ids) {
                runs.add(threads.submit(() -> {
                    together.await(10, java.util.concurrent.TimeUnit.SECONDS);
                    for (int round = 0; round < 50; round++) {
                        org.camunda.bpm.engine.runtime.Job next = management.createJobQuery().rootProcessInstanceId(id)
                            .executable().list().stream().findFirst().orElse(null);
                        if (next == null) {
                            return null;
                        }
                        management.executeJob(next.getId());
                    }
                    throw new AssertionError("jobs keep becoming due");
                }));
            }
            for (java.util.concurrent.Future<?> run : runs) {
                run.get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(callsOfCustomer()).hasSize(2);
        assertThat(myCallsToday()).hasSize(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM customer_call_days WHERE customer_id = ?")
            .param(customer.customerId()).query(Integer.class).single()).isEqualTo(1);
        Task lead = lead();
        assertThat(callsOfCustomer()).filteredOn(t -> !t.getId().equals(lead.getId()))
            .allSatisfy(t -> assertThat(tasks.getVariableLocal(t.getId(), CustomerCalls.COVERED_BY)).isEqualTo(lead.getId()));
    }

    private BigDecimal promise(Invoice invoice) {
        return jdbc.sql("SELECT amount FROM promises WHERE invoice_number = ?").param(invoice.invoiceNumber())
            .query(BigDecimal.class).single();
    }

}
