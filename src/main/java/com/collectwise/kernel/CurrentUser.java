package com.collectwise.kernel;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.identity.Authentication;

/**
 * Who acts: the user whose Tasklist or REST call runs this transaction (the one who completed the task),
 * so the case file names the person; jobs and tests have no user, then the fallback is named.
 */
public final class CurrentUser {

    private CurrentUser() {
    }

    public static String idOr(VariableScope scope, String fallback) {
        Authentication auth = null;
        if (scope instanceof DelegateExecution execution) {
            auth = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        } else if (scope instanceof DelegateTask task) {
            auth = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        }
        return auth != null && auth.getUserId() != null ? auth.getUserId() : fallback;
    }
}
