package com.collectwise.communication;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Alert supervisor": the reason depends on where the model places it (formal demand reached, visit
 * overdue, or anywhere else a supervisor adds it with the element template).
 */
@Component("alertSupervisorDelegate")
public class AlertSupervisorDelegate implements JavaDelegate {

    static final String OVERDUE_VISIT_TASK = "Task_AlertSupervisorAboutOverdueVisit";
    static final String DECISION_MAKER_NOT_MET_TASK = "Task_AlertSupervisorDecisionMakerNotMet";

    private final NoticeContext context;
    private final CollectionNotices notices;

    public AlertSupervisorDelegate(NoticeContext context, CollectionNotices notices) {
        this.context = context;
        this.notices = notices;
    }

    @Override
    public void execute(DelegateExecution execution) {
        NoticeContext.Case c = context.of(execution);
        String activity = execution.getCurrentActivityId();
        String reason = OVERDUE_VISIT_TASK.equals(activity) ? "Field visit overdue"
            : DECISION_MAKER_NOT_MET_TASK.equals(activity) ? "Decision maker not met at two field visits"
            : "Case escalated to " + execution.getVariable("stage") + " after " + c.figures().daysOverdue() + " days overdue";
        notices.supervisorAlert(c.figures().invoice(), c.customer(), reason, activity + ":" + c.stageEntry());
    }
}
