package com.collectwise.cases;

import static com.collectwise.kernel.CaseVariables.*;

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
        boolean kept = checks.check((String) execution.getVariable(INVOICE_NUMBER),
            (String) execution.getVariable(CUSTOMER_ID), ((Number) execution.getVariable(PROMISE_ID)).longValue());
        execution.setVariable(BROKEN_PROMISE, !kept);
    }
}
