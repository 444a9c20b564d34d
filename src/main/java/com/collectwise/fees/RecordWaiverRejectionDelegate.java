package com.collectwise.fees;

import static com.collectwise.kernel.CaseVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Record waiver rejection": the case file says what was refused and why; nothing is booked. */
@Component("recordWaiverRejectionDelegate")
public class RecordWaiverRejectionDelegate implements JavaDelegate {

    private final WaiverRequests waivers;

    public RecordWaiverRejectionDelegate(WaiverRequests waivers) {
        this.waivers = waivers;
    }

    @Override
    public void execute(DelegateExecution execution) {
        waivers.noteRejection((String) execution.getVariable(INVOICE_NUMBER), execution.getVariable(WAIVER_COMPONENT),
            execution.getVariable(WAIVER_AMOUNT), (String) execution.getVariable(APPROVED_BY),
            (String) execution.getVariable(DECISION_REASON));
    }
}
