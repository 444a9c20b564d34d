package com.collectwise.cases;

import com.collectwise.kernel.CaseFacts;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Check promise" made at a field visit (see {@link PromiseChecks}). */
@Component("checkVisitPromiseDelegate")
public class CheckVisitPromiseDelegate implements JavaDelegate {

    private final PromiseChecks checks;
    private final CaseFacts facts;

    public CheckVisitPromiseDelegate(PromiseChecks checks, CaseFacts facts) {
        this.checks = checks;
        this.facts = facts;
    }

    @Override
    public void execute(DelegateExecution execution) {
        CheckPromiseDelegate.checkAndRecord(checks, facts, execution);
    }
}
