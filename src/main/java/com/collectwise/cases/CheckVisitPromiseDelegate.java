package com.collectwise.cases;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Check promise" made at a field visit (see {@link PromiseChecks}). */
@Component("checkVisitPromiseDelegate")
public class CheckVisitPromiseDelegate implements JavaDelegate {

    private final PromiseChecks checks;

    public CheckVisitPromiseDelegate(PromiseChecks checks) {
        this.checks = checks;
    }

    @Override
    public void execute(DelegateExecution execution) {
        CheckPromiseDelegate.checkAndRecord(checks, execution);
    }
}
