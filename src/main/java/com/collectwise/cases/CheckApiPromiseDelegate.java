package com.collectwise.cases;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Check promise" made over the API (POST /api/invoices/{n}/promises; see {@link PromiseChecks}). The
 * event sub-process keeps its own {@code promiseId} ({@link PromiseMadeListener}).
 */
@Component("checkApiPromiseDelegate")
public class CheckApiPromiseDelegate implements JavaDelegate {

    private final PromiseChecks checks;

    public CheckApiPromiseDelegate(PromiseChecks checks) {
        this.checks = checks;
    }

    @Override
    public void execute(DelegateExecution execution) {
        CheckPromiseDelegate.checkAndRecord(checks, execution);
    }
}
