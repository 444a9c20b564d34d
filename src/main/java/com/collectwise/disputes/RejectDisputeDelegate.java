package com.collectwise.disputes;

import static com.collectwise.disputes.DisputeVariables.*;
import static com.collectwise.kernel.CaseVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Reject dispute". */
@Component("rejectDisputeDelegate")
public class RejectDisputeDelegate implements JavaDelegate {

    private final DisputeService service;

    public RejectDisputeDelegate(DisputeService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        service.reject(disputeId(execution), reason(execution), decidedBy(execution));
        execution.setVariable(DISPUTE_OUTCOME, Dispute.REJECTED);
    }
}
