package com.collectwise.cases;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Check promise" made in a follow-up call of Process_KeepInContact (see {@link PromiseChecks}). */
@Component("checkFollowUpPromiseDelegate")
public class CheckFollowUpPromiseDelegate implements JavaDelegate {

    private final PromiseChecks checks;

    public CheckFollowUpPromiseDelegate(PromiseChecks checks) {
        this.checks = checks;
    }

    @Override
    public void execute(DelegateExecution execution) {
        CheckPromiseDelegate.checkAndRecord(checks, execution);
    }
}
