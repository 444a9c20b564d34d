package com.collectwise.cases;

import static com.collectwise.kernel.CaseVariables.*;

import java.time.Instant;

import org.camunda.bpm.engine.delegate.DelegateExecution;

import com.collectwise.fees.CaseFigures;
import com.collectwise.kernel.CurrentUser;
import com.collectwise.kernel.Invoice;

/**
 * "Record call outcome", in the collection model and in its follow-up calls: the call goes into the case file;
 * the model waits for the promise, the agreement or the next slot.
 */
final class CallOutcomeVariables {

    private CallOutcomeVariables() {
    }

    static void record(CallOutcomeRecorder recorder, CaseFigures figures, DelegateExecution execution) {
        Invoice invoice = figures.today((String) execution.getVariable(INVOICE_NUMBER)).invoice();
        String collector = CurrentUser.idOr(execution, (String) execution.getVariable(COLLECTOR));
        Object madeAt = execution.getVariable(CustomerCalls.CALL_MADE_AT);
        CallOutcomeRecorder.FollowUp next = madeAt == null
            ? recorder.record(invoice, collector, CallOutcomeForm.read(execution))
            : recorder.record(invoice, collector, CallOutcomeForm.read(execution), Instant.parse(madeAt.toString()));
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
