package com.collectwise.agreements;

import static com.collectwise.cases.CaseVariables.*;

import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/** The messages the agreements package sends to running processes, correlated by business key (invoice number). */
@Component
public class PlanSignals {

    private final RuntimeService runtime;

    public PlanSignals(RuntimeService runtime) {
        this.runtime = runtime;
    }

    /** Whether the invoice's instalment-agreement process runs (it is called by the case, so it ends the case). */
    public boolean planRuns(String invoiceNumber) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS_INSTALMENT_AGREEMENT)
            .processInstanceBusinessKey(invoiceNumber).count() > 0;
    }

    /** The invoice owes nothing any more: the running plan ends as kept (and its case with it). */
    public void planPaidOff(String invoiceNumber) {
        // only the plan waits for this message; the business key names the invoice
        runtime.createMessageCorrelation(MSG_PLAN_PAID_OFF).processInstanceBusinessKey(invoiceNumber).correlate();
    }

    /**
     * An accelerated plan is reinstated (a payment dated within the demand period arrived late): the case, which
     * resumed collection, leaves its stage for the plan again, as for a newly proposed one.
     */
    public boolean reinstate(String invoiceNumber, long agreementId) {
        if (runtime.createExecutionQuery().processDefinitionKey(PROCESS_COLLECTION)
            .processInstanceBusinessKey(invoiceNumber).messageEventSubscriptionName(MSG_AGREEMENT_PROPOSED)
            .count() == 0) {
            return false;
        }
        runtime.createMessageCorrelation(MSG_AGREEMENT_PROPOSED).processInstanceBusinessKey(invoiceNumber).setVariables(Map.of(AGREEMENT_ID, agreementId)).correlate();
        return true;
    }
}
