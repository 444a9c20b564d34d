package com.collectwise.cases;

import static com.collectwise.kernel.CaseVariables.*;

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
        boolean kept = checks.check((String) execution.getVariable(INVOICE_NUMBER),
            (String) execution.getVariable(CUSTOMER_ID), ((Number) execution.getVariable(PROMISE_ID)).longValue());
        execution.setVariable(BROKEN_PROMISE, !kept);
    }
}
