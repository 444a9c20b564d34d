package com.collectwise.cases;

import com.collectwise.fees.CaseFigures;
import com.collectwise.kernel.CurrentUser;
import com.collectwise.kernel.Invoice;
import static com.collectwise.kernel.CaseVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Record call outcome": the call goes into the case file; the model waits for the promise or the next slot. */
@Component("recordCallOutcomeDelegate")
public class RecordCallOutcomeDelegate implements JavaDelegate {

    private final CallOutcomeRecorder recorder;
    private final CaseFigures figures;

    public RecordCallOutcomeDelegate(CallOutcomeRecorder recorder, CaseFigures figures) {
        this.recorder = recorder;
        this.figures = figures;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Invoice invoice = figures.today((String) execution.getVariable(INVOICE_NUMBER)).invoice();
        String collector = CurrentUser.idOr(execution, (String) execution.getVariable(COLLECTOR));
        Object madeAt = execution.getVariable(CustomerCalls.CALL_MADE_AT);
        CallOutcomeRecorder.FollowUp next = madeAt == null
            ? recorder.record(invoice, collector, CallOutcomeForm.read(execution))
            : recorder.record(invoice, collector, CallOutcomeForm.read(execution), java.time.Instant.parse(madeAt.toString()));
        if (next.promiseId() != null) {
            execution.setVariable(PROMISE_ID, next.promiseId());
            execution.setVariable(PROMISE_CHECK_AT, PlanVariables.iso(next.promiseCheckAt()));
        } else if (next.agreementId() != null) {
            execution.setVariable(AGREEMENT_ID, next.agreementId());
        } else {
            execution.setVariable(NEXT_CALL_AT, PlanVariables.iso(next.nextCallAt()));
        }
        if (next.disputeId() != null) {
            execution.setVariable(DISPUTE_ID, next.disputeId());
        }
    }
}
