package com.collectwise.disputes;

import static com.collectwise.kernel.CaseVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;

import com.collectwise.kernel.CurrentUser;

/** What the delegates of Process_Dispute read alike: the dispute, the reason and who decided. */
final class DisputeVariables {

    private DisputeVariables() {
    }

    static long disputeId(DelegateExecution execution) {
        return ((Number) execution.getVariable(DISPUTE_ID)).longValue();
    }

    static String reason(DelegateExecution execution) {
        Object reason = execution.getVariable(DECISION_REASON);
        return reason == null || reason.toString().isBlank() ? "no reason given" : reason.toString();
    }

    /** The user who completed the decision task; jobs and tests have none, then the deciding group is named. */
    static String decidedBy(DelegateExecution execution) {
        return CurrentUser.idOr(execution, "group:" + execution.getVariable(DISPUTE_GROUP));
    }
}
