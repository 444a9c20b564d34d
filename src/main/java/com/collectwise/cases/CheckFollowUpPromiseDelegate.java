package com.collectwise.cases;

import com.collectwise.kernel.CaseFacts;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Check promise" made in a follow-up call of Process_KeepInContact (see {@link PromiseChecks}). */
@Component("checkFollowUpPromiseDelegate")
public class CheckFollowUpPromiseDelegate implements JavaDelegate {

    private final PromiseChecks checks;
    private final CaseFacts facts;

    public CheckFollowUpPromiseDelegate(PromiseChecks checks, CaseFacts facts) {
        this.checks = checks;
        this.facts = facts;
    }

    @Override
    public void execute(DelegateExecution execution) {
        CheckPromiseDelegate.checkAndRecord(checks, facts, execution);
    }
}
