package com.collectwise.cases;

import java.util.List;

import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.task.listener.DelegateExpressionTaskListener;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Makes every call task one customer's call of the day without touching the models: each user task prepared by
 * {@code ${callCustomerListener}} (Task_CallCustomer and any call task a supervisor adds in Modeler; on model
 * versions before that name {@code ${prepareCallListener}}) also gets a complete and a delete listener of
 * {@link CustomerCalls}. Added at parse time, after the model's own listeners, so the outcome is checked before it
 * is passed on.
 */
@Component
public class CustomerCallPlugin extends UserTaskPlugin {

    /** The create listener that makes a user task a call task, by its name now and on earlier model versions. */
    static final java.util.Set<String> PREPARE_CALL = java.util.Set.of("${callCustomerListener}",
        "${prepareCallListener}");

    private final ObjectProvider<CustomerCalls> calls;

    public CustomerCallPlugin(ObjectProvider<CustomerCalls> calls) {
        this.calls = calls;
    }

    @Override
    protected void userTaskParsed(TaskDefinition task) {
        if (isCallTask(task)) {
            task.addTaskListener(TaskListener.EVENTNAME_COMPLETE, t -> calls.getObject().completed(t));
            task.addTaskListener(TaskListener.EVENTNAME_DELETE, t -> calls.getObject().deleted(t));
        }
    }

    static boolean isCallTask(TaskDefinition task) {
        List<TaskListener> created = task.getTaskListenersForEvent(TaskListener.EVENTNAME_CREATE);
        return created != null && created.stream()
            .anyMatch(l -> l instanceof DelegateExpressionTaskListener d
                && PREPARE_CALL.contains(d.getExpressionText()));
    }
}
