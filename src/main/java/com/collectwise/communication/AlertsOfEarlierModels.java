package com.collectwise.communication;

import com.collectwise.communication.AlertSupervisorDelegate.Alert;
import com.collectwise.kernel.CaseVariables;

/**
 * Why "Alert supervisor" alerts, for the cases still running on a model deployed before its tasks had the
 * {@code alert} property (element template version 1): those tasks told the delegate by their ids, which the
 * later versions kept. Models deployed since set the property on every alert task (ModelGlueTest checks the
 * values), so this mapping only ever answers for those older versions; it goes when no case runs on them.
 */
final class AlertsOfEarlierModels {

    private AlertsOfEarlierModels() {
    }

    static Alert of(String taskId) {
        if (CaseVariables.TASK_ALERT_SUPERVISOR_ABOUT_OVERDUE_VISIT.equals(taskId)) {
            return Alert.VISIT_OVERDUE;
        }
        if (CaseVariables.TASK_ALERT_SUPERVISOR_DECISION_MAKER_NOT_MET.equals(taskId)) {
            return Alert.DECISION_MAKER_NOT_MET;
        }
        return Alert.STAGE_REACHED;
    }
}
