package com.collectwise.handoff;

import static com.collectwise.kernel.CaseVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "End mandate at agency": the mandate expired or a supervisor recalled the case. A recall brings its
 * reason with the message; without one the mandate has run out.
 */
@Component("endAgencyMandateDelegate")
public class EndAgencyMandateDelegate implements JavaDelegate {

    private final AgencyHandoffService handoffs;

    public EndAgencyMandateDelegate(AgencyHandoffService handoffs) {
        this.handoffs = handoffs;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Object recallReason = execution.getVariable(AGENCY_RECALL_REASON);
        String reason = recallReason == null ? "the mandate has expired" : "recalled: " + recallReason;
        handoffs.endMandate((String) execution.getVariable(INVOICE_NUMBER),
            ((Number) execution.getVariable(AGENCY_HANDOFF_NUMBER)).intValue(), reason);
        execution.setVariable(AGENCY_OUTCOME, recallReason == null ? "EXPIRED" : "RECALLED");
    }
}
