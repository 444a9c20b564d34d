package com.collectwise.cases;

import static com.collectwise.kernel.CaseVariables.COLLECTOR;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
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
public class OwnerTaskPlugin extends AbstractProcessEnginePlugin {

    /** The assignee expression of the tasks that belong to the customer's owner. */
    static final String OWNER = "${" + COLLECTOR + "}";

    private final ObjectProvider<CallWorkers> workers;

    public OwnerTaskPlugin(ObjectProvider<CallWorkers> workers) {
        this.workers = workers;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null
            ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
        listeners.add(new AbstractBpmnParseListener() {
            @Override
            public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
                if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior behavior
                    && isOwnerTask(behavior.getTaskDefinition().getAssigneeExpression())) {
                    // the bean is looked up per event: the engine is built before the services it would need
                    behavior.getTaskDefinition().addTaskListener(TaskListener.EVENTNAME_CREATE,
                        task -> releaseIfOwnerCannotCall(task, workers.getObject()));
                }
            }
        });
        configuration.setCustomPostBPMNParseListeners(listeners);
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
