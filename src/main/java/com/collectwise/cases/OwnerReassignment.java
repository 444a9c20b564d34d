package com.collectwise.cases;

import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.InvoiceRepository;
import static com.collectwise.kernel.CaseVariables.*;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.collectwise.kernel.Customer;
import com.collectwise.customers.CustomerChanged;

/**
 * The running cases keep copies of the customer (the owner collector who is the default assignee of calls, the
 * segment, and the decision maker the open forms show): when the master data changes they follow, in the transaction of
 * the change. Tasks assigned to the old owner move to the new one; a task someone else claimed stays with them.
 */
@Component
public class OwnerReassignment {

    private final InvoiceRepository invoices;
    private final RuntimeService runtime;
    private final TaskService tasks;

    public OwnerReassignment(InvoiceRepository invoices, RuntimeService runtime, TaskService tasks) {
        this.invoices = invoices;
        this.runtime = runtime;
        this.tasks = tasks;
    }

    @EventListener
    public void customerChanged(CustomerChanged change) {
        Customer before = change.before();
        Customer after = change.after();
        Map<String, Object> copies = new LinkedHashMap<>();
        if (change.collectorChanged()) {
            copies.put(COLLECTOR, after.collector());
        }
        if (!Objects.equals(before.segment(), after.segment())) {
            copies.put(SEGMENT, after.segment().name());
        }
        if (!Objects.equals(before.decisionMaker(), after.decisionMaker())) {
            copies.put(DECISION_MAKER, after.decisionMaker());
        }
        if (copies.isEmpty()) {
            return;
        }
        for (ProcessInstance instance : instancesOf(after.customerId())) {
            for (Map.Entry<String, Object> copy : copies.entrySet()) {
                // only where the model keeps that copy: no new variables in instances that never had one
                if (runtime.getVariables(instance.getId(), List.of(copy.getKey())).containsKey(copy.getKey())) {
                    runtime.setVariable(instance.getId(), copy.getKey(), copy.getValue());
                }
            }
            if (copies.containsKey(DECISION_MAKER)) {
                // open forms show the decision maker from their task (FormFactsListener): those follow as well
                for (Task task : tasks.createTaskQuery().processInstanceId(instance.getId()).list()) {
                    if (tasks.getVariablesLocal(task.getId(), List.of(DECISION_MAKER)).containsKey(DECISION_MAKER)) {
                        tasks.setVariableLocal(task.getId(), DECISION_MAKER, after.decisionMaker());
                    }
                }
            }
        }
        if (change.collectorChanged() && before.collector() != null) {
            for (Task task : openTasksOf(after.customerId(), before.collector())) {
                tasks.setAssignee(task.getId(), after.collector());
            }
        }
    }

    /** The customer's running instances: cases by business key, and any instance (or sub-process) naming it. */
    private List<ProcessInstance> instancesOf(String customerId) {
        Map<String, ProcessInstance> found = new LinkedHashMap<>();
        for (Invoice invoice : invoices.findOpenByCustomer(customerId)) {
            runtime.createProcessInstanceQuery().processInstanceBusinessKey(invoice.invoiceNumber()).list()
                .forEach(pi -> found.put(pi.getId(), pi));
        }
        runtime.createProcessInstanceQuery().variableValueEquals(CUSTOMER_ID, customerId).list()
            .forEach(pi -> found.put(pi.getId(), pi));
        return List.copyOf(found.values());
    }

    /** Tasks of the customer's instances and standalone tasks about the customer, assigned to the given user. */
    private List<Task> openTasksOf(String customerId, String assignee) {
        Map<String, Task> found = new LinkedHashMap<>();
        tasks.createTaskQuery().taskAssignee(assignee).processVariableValueEquals(CUSTOMER_ID, customerId).list()
            .forEach(t -> found.put(t.getId(), t));
        tasks.createTaskQuery().taskAssignee(assignee).taskVariableValueEquals(CUSTOMER_ID, customerId).list()
            .forEach(t -> found.put(t.getId(), t));
        for (Invoice invoice : invoices.findOpenByCustomer(customerId)) {
            tasks.createTaskQuery().taskAssignee(assignee).processInstanceBusinessKey(invoice.invoiceNumber()).list()
                .forEach(t -> found.put(t.getId(), t));
        }
        return List.copyOf(found.values());
    }
}
