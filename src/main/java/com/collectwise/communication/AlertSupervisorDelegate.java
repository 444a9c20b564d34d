package com.collectwise.communication;

import static com.collectwise.kernel.CaseVariables.STAGE;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import com.collectwise.kernel.CaseFacts;
import com.collectwise.kernel.CaseVariables;
import com.collectwise.kernel.ElementProperty;

/**
 * "Alert supervisor": the reason is the task's extension property {@code alert}, set by the element template
 * (the case reached a stage, a field visit is overdue, the decision maker was not met twice).
 */
@Component("alertSupervisorDelegate")
public class AlertSupervisorDelegate implements JavaDelegate {

    /** The extension property that says why the supervisor is alerted. */
    public static final String ALERT_PROPERTY = "alert";

    /** Why a supervisor is alerted; the values of the template's "Reason" field. */
    public enum Alert {
        /** The default: the case was escalated to the stage it is in. */
        STAGE_REACHED,
        VISIT_OVERDUE,
        DECISION_MAKER_NOT_MET
    }

    private final NoticeContext context;
    private final CaseFacts facts;
    private final CollectionNotices notices;

    public AlertSupervisorDelegate(NoticeContext context, CollectionNotices notices, CaseFacts facts) {
        this.facts = facts;
        this.context = context;
        this.notices = notices;
    }

    @Override
    public void execute(DelegateExecution execution) {
        NoticeContext.Case c = context.of((String) execution.getVariable(CaseVariables.INVOICE_NUMBER),
            facts.stageEntry(execution));
        String reason = switch (alert(execution)) {
            case VISIT_OVERDUE -> "Field visit overdue";
            case DECISION_MAKER_NOT_MET -> "Decision maker not met at two field visits";
            case STAGE_REACHED -> "Case escalated to " + execution.getVariable(STAGE) + " after "
                + c.figures().daysOverdue() + " days overdue";
        };
        // the task is part of the outbox key (not of the behaviour): one alert per task and stage entry
        notices.supervisorAlert(c.figures().invoice(), c.customer(), reason,
            execution.getCurrentActivityId() + ":" + c.stageEntry());
    }

    /**
     * The task's {@code alert} property; a task of a model deployed before the property existed (cases still
     * running on it) has none: {@link AlertsOfEarlierModels} says why.
     */
    static Alert alert(DelegateExecution execution) {
        String alert = ElementProperty.of(execution, ALERT_PROPERTY);
        return alert != null ? Alert.valueOf(alert) : AlertsOfEarlierModels.of(execution.getCurrentActivityId());
    }
}
