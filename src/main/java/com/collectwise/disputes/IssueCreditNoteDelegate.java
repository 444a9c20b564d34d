package com.collectwise.disputes;

import static com.collectwise.disputes.DisputeVariables.*;
import static com.collectwise.kernel.CaseVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Issue credit note": the dispute is upheld. */
@Component("issueCreditNoteDelegate")
public class IssueCreditNoteDelegate implements JavaDelegate {

    private final DisputeService service;

    public IssueCreditNoteDelegate(DisputeService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        service.creditNote(disputeId(execution), reason(execution), decidedBy(execution));
        execution.setVariable(DISPUTE_OUTCOME, Dispute.CREDIT_NOTE);
    }
}
