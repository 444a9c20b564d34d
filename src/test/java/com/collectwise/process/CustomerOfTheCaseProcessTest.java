package com.collectwise.process;

import static com.collectwise.kernel.CaseVariables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.test.context.ActiveProfiles;

import com.collectwise.customers.CustomerChange;
import com.collectwise.customers.CustomerChanged;
import com.collectwise.kernel.CaseEngine;
import com.collectwise.kernel.ContactEntry;
import com.collectwise.kernel.Customer;
import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.Segment;

/**
 * Issue 18: a case keeps no {@code customerId} variable. Its code reads the customer from the invoice
 * (kernel.CaseFacts), the processes it calls get it as an input, and the customer-level operations find the
 * customer's cases by the process instance ids on its invoices and the processes they called by their root instance:
 * a new owner collector takes the customer's open calls in its cases and in *Keep in contact*, the copies of the
 * owner follow, and the calls are ranked per customer.
 */
@SpringBootTest
@ActiveProfiles("test")
class CustomerOfTheCaseProcessTest extends CollectionTestSupport {

    @Autowired ApplicationEventPublisher events;

    @Test
    void aStartedCaseKeepsNoCustomerIdYetItsContactLogAndTheDisputeItCallsNameTheCustomer() {
        setClock(at(2026, 3, 5, 10, 0));
        Customer customer = customer(Segment.DOMESTIC);
        Invoice invoice = invoice(customer, LocalDate.of(2026, 3, 3), 30, "1000.00");
        ProcessInstance pi = start(invoice, customer);
        Map<String, Object> variables = runtime.getVariables(pi.getId());
        assertThat(variables).doesNotContainKey(CUSTOMER_ID);
        assertThat(runtime.createVariableInstanceQuery().processInstanceIdIn(pi.getId()).variableName(CUSTOMER_ID)
            .count()).isZero();

        BpmnAwareTests.complete(task(pi, "Task_CallCustomer"), withVariables(CALL_OUTCOME, "DISPUTED",
            DISPUTE_CATEGORY, "QUALITY", DISPUTED_AMOUNT, 400.0, DISPUTE_DESCRIPTION, "4 of 10 pumps leak"));
        ProcessInstance dispute = runtime.createProcessInstanceQuery().superProcessInstanceId(pi.getId())
            .processDefinitionKey(PROCESS_DISPUTE).singleResult();
        assertThat(dispute).isNotNull();
        started.add(dispute.getId());
        // the called process still gets the customer id while it runs (${caseFacts.customerId(execution)})
        assertThat(runtime.getVariable(dispute.getId(), CUSTOMER_ID)).isEqualTo(customer.customerId());
        assertThat(runtime.getVariables(pi.getId())).doesNotContainKey(CUSTOMER_ID);
        assertThat(contacts.list(invoice.invoiceNumber())).isNotEmpty()
            .extracting(ContactEntry::customerId).containsOnly(customer.customerId());
    }

    /**
     * Due 03-03, registered 03-05: after the letter (03-13) the collector calls in *Keep in contact* (03-18 15:30). A
     * second case of the customer, registered that morning, has its own call; a third case, started on an earlier
     * model version, still keeps the customer id as a variable. Another customer of the same owner stays as it is.
     */
    @Test
    void aNewOwnerTakesTheCustomersOpenCallsInItsCasesAndInTheProcessesTheyCalled() {
        setClock(at(2026, 3, 5, 10, 0));
        Customer customer = customer(Segment.DOMESTIC);
        ProcessInstance first = start(invoice(customer, LocalDate.of(2026, 3, 3), 30, "12000.00"), customer);
        moveTo(at(2026, 3, 13, 9, 5));
        BpmnAwareTests.assertThat(first).isWaitingAt("CallActivity_KeepInContactAfterLetter");
        // the follow-up call, planned for and created at 15:30 on 03-18, is the customer's call of 03-18 (its slot);
        // the second case, registered at 16:00 after the slot, calls on 03-19
        moveTo(at(2026, 3, 18, 15, 30));
        Task followUp = task(first, "Task_CallCustomer");
        assertThat(followUp.getFollowUpDate().toInstant()).isEqualTo(at(2026, 3, 18, 15, 30).toInstant());
        setClock(at(2026, 3, 18, 16, 0));
        ProcessInstance second = start(invoice(customer, LocalDate.of(2026, 3, 16), 30, "500.00"), customer);
        Task secondCall = task(second, "Task_CallCustomer");
        assertThat(secondCall.getAssignee()).isEqualTo("collector1");
        ProcessInstance contact = runtime.createProcessInstanceQuery().superProcessInstanceId(first.getId())
            .processDefinitionKey(PROCESS_KEEP_IN_CONTACT).singleResult();
        assertThat(followUp.getProcessInstanceId()).isEqualTo(contact.getId());
        assertThat(followUp.getAssignee()).isEqualTo("collector1");
        // a case of an earlier model version: it still has the variable, and is found like the others
        ProcessInstance older = start(invoice(customer, LocalDate.of(2026, 4, 30), 30, "300.00"), customer);
        runtime.setVariable(older.getId(), CUSTOMER_ID, customer.customerId());

        Customer other = customer(Segment.DOMESTIC);
        ProcessInstance othersCase = start(invoice(other, LocalDate.of(2026, 3, 16), 30, "700.00"), other);
        Task othersCall = task(othersCase, "Task_CallCustomer");

        // the calls per customer (CaseWatch ranks them): by the ids on the invoices, with the called processes
        assertThat(cases.activeTasksOfCustomer(TASK_CALL_CUSTOMER, customer.customerId()))
            .extracting(CaseEngine.CustomerTask::id).containsExactlyInAnyOrder(followUp.getId(), secondCall.getId());
        assertThat(cases.activeTasksWithCustomer(TASK_CALL_CUSTOMER))
            .filteredOn(t -> List.of(followUp.getId(), secondCall.getId(), othersCall.getId()).contains(t.id()))
            .extracting(CaseEngine.CustomerTask::customerId)
            .containsExactlyInAnyOrder(customer.customerId(), customer.customerId(), other.customerId());

        Customer after = new Customer(customer.customerId(), customer.name(), customer.segment(), customer.country(),
            customer.email(), customer.phone(), "collector2", customer.decisionMaker(), customer.createdAt(),
            customer.language());
        jdbc.sql("UPDATE customers SET collector = ? WHERE customer_id = ?")
            .params(after.collector(), customer.customerId()).update();
        events.publishEvent(new CustomerChanged(customer, after, customers.profile(customer), customers.profile(after),
            List.of(new CustomerChange("collector", "collector1", "collector2", "supervisor1",
                CaseEngine.engineTime())), "supervisor1"));

        assertThat(tasks.createTaskQuery().taskId(followUp.getId()).singleResult().getAssignee())
            .as("the call in Keep in contact").isEqualTo("collector2");
        assertThat(tasks.createTaskQuery().taskId(secondCall.getId()).singleResult().getAssignee())
            .isEqualTo("collector2");
        for (ProcessInstance instance : List.of(first, contact, second, older)) {
            assertThat(runtime.getVariable(instance.getId(), COLLECTOR)).isEqualTo("collector2");
        }
        assertThat(runtime.getVariables(second.getId())).doesNotContainKey(CUSTOMER_ID);
        assertThat(tasks.createTaskQuery().taskId(othersCall.getId()).singleResult().getAssignee())
            .isEqualTo("collector1");
        assertThat(runtime.getVariable(othersCase.getId(), COLLECTOR)).isEqualTo("collector1");
    }
}
