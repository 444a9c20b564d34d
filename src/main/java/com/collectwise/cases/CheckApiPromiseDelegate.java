package com.collectwise.cases;

import com.collectwise.kernel.CaseFacts;

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
    private final CaseFacts facts;

    public CheckApiPromiseDelegate(PromiseChecks checks, CaseFacts facts) {
        this.checks = checks;
        this.facts = facts;
    }

    @Override
    public void execute(DelegateExecution execution) {
        CheckPromiseDelegate.checkAndRecord(checks, facts, execution);
    }
}
