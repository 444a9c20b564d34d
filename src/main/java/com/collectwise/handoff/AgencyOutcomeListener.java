package com.collectwise.handoff;

import static com.collectwise.kernel.CaseVariables.*;

import com.collectwise.kernel.ElementProperty;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Start listener of the end events of Process_AgencyHandoff: how the mandate ended, as the end event names it in
 * its extension property {@code agencyOutcome} (COLLECTED, UNCOLLECTIBLE); the case reads it from the call.
 */
@Component("agencyOutcomeListener")
public class AgencyOutcomeListener implements ExecutionListener {

    @Override
    public void notify(DelegateExecution execution) {
        execution.setVariable(AGENCY_OUTCOME, ElementProperty.required(execution, AGENCY_OUTCOME));
    }
}
