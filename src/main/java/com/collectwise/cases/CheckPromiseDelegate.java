package com.collectwise.cases;

import static com.collectwise.kernel.CaseVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Check promise" in the call loop of the collection model (see {@link PromiseChecks}). */
@Component("checkPromiseDelegate")
public class CheckPromiseDelegate implements JavaDelegate {

    private final PromiseChecks checks;

    public CheckPromiseDelegate(PromiseChecks checks) {
        this.checks = checks;
    }

    @Override
    public void execute(DelegateExecution execution) {
        checkAndRecord(checks, execution);
    }

    /** The step every promise check of the models runs: was the promise in {@code promiseId} kept? */
    static void checkAndRecord(PromiseChecks checks, DelegateExecution execution) {
        boolean kept = checks.check((String) execution.getVariable(INVOICE_NUMBER),
            (String) execution.getVariable(CUSTOMER_ID), ((Number) execution.getVariable(PROMISE_ID)).longValue());
        execution.setVariable(BROKEN_PROMISE, !kept);
    }
}
