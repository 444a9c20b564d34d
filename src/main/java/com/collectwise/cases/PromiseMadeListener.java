package com.collectwise.cases;

import static com.collectwise.kernel.CaseVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * End listener of "Promise made" (a promise posted over the API): the event sub-process keeps the id of its own
 * promise, so that a second promise posted while it waits does not change which one it checks.
 */
@Component("promiseMadeListener")
public class PromiseMadeListener implements ExecutionListener {

    @Override
    public void notify(DelegateExecution execution) {
        execution.setVariableLocal(PROMISE_ID, execution.getVariable(API_PROMISE_ID));
    }
}
