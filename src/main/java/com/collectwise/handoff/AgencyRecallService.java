package com.collectwise.handoff;

import static com.collectwise.kernel.CaseVariables.*;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;

import com.collectwise.api.ConflictException;
import com.collectwise.api.NotFoundException;
import com.collectwise.kernel.InvoiceRepository;

/** A supervisor's recall of a case from the agency: ends the running mandate of Process_AgencyHandoff. */
@Service
public class AgencyRecallService {

    private final RuntimeService runtime;
    private final InvoiceRepository invoices;

    public AgencyRecallService(RuntimeService runtime, InvoiceRepository invoices) {
        this.runtime = runtime;
        this.invoices = invoices;
    }

    /**
     * @throws NotFoundException when there is no such case
     * @throws ConflictException when the case has no mandate the agency is working on (not handed off yet,
     *                           hand-off still being delivered, or already ended)
     */
    public void recall(String invoiceNumber, String reason, String supervisor) {
        if (invoices.find(invoiceNumber).isEmpty()) {
            throw new NotFoundException("There is no case for invoice " + invoiceNumber);
        }
        boolean working = runtime.createExecutionQuery().processInstanceBusinessKey(invoiceNumber)
            .messageEventSubscriptionName(MSG_AGENCY_RECALL).count() > 0;
        if (!working) {
            throw new ConflictException("Invoice " + invoiceNumber + " has no running agency mandate to recall");
        }
        String by = supervisor == null ? reason : reason + " (" + supervisor + ")";
        runtime.createMessageCorrelation(MSG_AGENCY_RECALL).processInstanceBusinessKey(invoiceNumber)
            .setVariable(AGENCY_RECALL_REASON, by).correlate();
    }
}
