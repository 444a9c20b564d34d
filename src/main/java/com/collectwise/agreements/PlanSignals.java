package com.collectwise.agreements;

import static com.collectwise.kernel.CaseVariables.*;

import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.InvoiceRepository;

/**
 * The messages the agreements package sends to running processes. The plan is found as the process the invoice's
 * case calls (by the case's process instance id kept on the invoice: primary-key lookups, no scan by business key).
 */
@Component
public class PlanSignals {

    private final RuntimeService runtime;
    private final InvoiceRepository invoices;

    public PlanSignals(RuntimeService runtime, InvoiceRepository invoices) {
        this.runtime = runtime;
        this.invoices = invoices;
    }

    /** The invoice's running instalment-agreement process (called by the case), if any. */
    public Optional<String> runningPlan(String invoiceNumber) {
        return caseOf(invoiceNumber).map(caseId -> runtime.createProcessInstanceQuery().superProcessInstanceId(caseId)
                .processDefinitionKey(PROCESS_INSTALMENT_AGREEMENT).singleResult())
            .map(ProcessInstance::getId);
    }

    /** The invoice owes nothing any more: the running plan ends as kept (and its case with it). */
    public void planPaidOff(String planInstanceId) {
        runtime.createMessageCorrelation(MSG_PLAN_PAID_OFF).processInstanceId(planInstanceId).correlate();
    }

    /**
     * An accelerated plan is reinstated (a payment dated within the demand period arrived late): the case, which
     * resumed collection, leaves its stage for the plan again, as for a newly proposed one.
     *
     * @return false when the case cannot take the plan now (closed, or not in a collection stage)
     */
    public boolean reinstate(String invoiceNumber, long agreementId) {
        Optional<String> caseId = caseOf(invoiceNumber);
        if (caseId.isEmpty() || runtime.createExecutionQuery().processInstanceId(caseId.get())
            .messageEventSubscriptionName(MSG_AGREEMENT_PROPOSED).count() == 0) {
            return false;
        }
        runtime.createMessageCorrelation(MSG_AGREEMENT_PROPOSED).processInstanceId(caseId.get())
            .setVariables(Map.of(AGREEMENT_ID, agreementId)).correlate();
        return true;
    }

    private Optional<String> caseOf(String invoiceNumber) {
        return invoices.find(invoiceNumber).map(Invoice::processInstanceId);
    }
}
