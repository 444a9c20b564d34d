package com.collectwise.cases;

import static com.collectwise.kernel.CaseVariables.COLLECTOR;


import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import com.collectwise.customers.CallWorkers;

/**
 * The owner's tasks ({@code camunda:assignee="${collector}"}: "Call customer", "Clarify partial payment", on every
 * model version) go to the owner only while the owner can work the calls (DOMAIN.md 1; {@link CallWorkers}). An owner
 * who was deleted or left collectors, supervisors and camunda-admin would never see them in Tasklist: the task is
 * created without an assignee and waits in its candidate group's queue (collectors) until someone claims it or a
 * supervisor reassigns the customer. Added at parse time, after the model's own listeners (the call's listener has
 * made it the customer's call of the day by then), without touching the models.
 */
@Component
public class OwnerTaskPlugin extends UserTaskPlugin {

    /** The assignee expression of the tasks that belong to the customer's owner. */
    static final String OWNER = "${" + COLLECTOR + "}";

    private final ObjectProvider<CallWorkers> workers;

    public OwnerTaskPlugin(ObjectProvider<CallWorkers> workers) {
        this.workers = workers;
    }

    @Override
    protected void userTaskParsed(TaskDefinition task) {
        if (isOwnerTask(task.getAssigneeExpression())) {
            task.addTaskListener(TaskListener.EVENTNAME_CREATE, t -> releaseIfOwnerCannotCall(t, workers.getObject()));
        }
    }

    static boolean isOwnerTask(Expression assignee) {
        return assignee != null && OWNER.equals(assignee.getExpressionText());
    }

    static void releaseIfOwnerCannotCall(DelegateTask task, CallWorkers workers) {
        String assignee = task.getAssignee();
        if (assignee != null && !workers.worksCalls(assignee)) {
            task.setAssignee(null);
        }
    }
}
