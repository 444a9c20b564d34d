package com.collectwise.handoff;

import static com.collectwise.kernel.CaseVariables.*;

import com.collectwise.kernel.ElementProperty;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Start listener of the end events of Process_Litigation: how the legal action ended, as the end event names it
 * in its extension property {@code litigationOutcome} (COLLECTED, ENFORCEMENT_FAILED, SETTLED, LOST, WRITE_OFF);
 * the case reads it from the call.
 */
@Component("litigationOutcomeListener")
public class LitigationOutcomeListener implements ExecutionListener {

    @Override
    public void notify(DelegateExecution execution) {
        execution.setVariable(LITIGATION_OUTCOME, ElementProperty.required(execution, LITIGATION_OUTCOME));
    }
}
