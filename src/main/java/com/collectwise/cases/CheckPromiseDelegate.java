package com.collectwise.cases;

import com.collectwise.kernel.CaseFacts;

import static com.collectwise.kernel.CaseVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Check promise" in the call loop of the collection model (see {@link PromiseChecks}). */
@Component("checkPromiseDelegate")
public class CheckPromiseDelegate implements JavaDelegate {

    private final PromiseChecks checks;
    private final CaseFacts facts;

    public CheckPromiseDelegate(PromiseChecks checks, CaseFacts facts) {
        this.checks = checks;
        this.facts = facts;
    }

    @Override
    public void execute(DelegateExecution execution) {
        checkAndRecord(checks, facts, execution);
    }

    /** The step every promise check of the models runs: was the promise in {@code promiseId} kept? */
    static void checkAndRecord(PromiseChecks checks, CaseFacts facts, DelegateExecution execution) {
        boolean kept = checks.check((String) execution.getVariable(INVOICE_NUMBER), facts.customerId(execution),
            ((Number) execution.getVariable(PROMISE_ID)).longValue());
        execution.setVariable(BROKEN_PROMISE, !kept);
    }
}
