package com.collectwise.handoff;

import static com.collectwise.kernel.CaseVariables.*;

import org.springframework.stereotype.Service;

import com.collectwise.api.ConflictException;
import com.collectwise.api.NotFoundException;
import com.collectwise.kernel.CaseEngine;
import com.collectwise.kernel.InvoiceRepository;

/** A supervisor's recall of a case from the agency: ends the running mandate of Process_AgencyHandoff. */
@Service
public class AgencyRecallService {

    private final CaseEngine cases;
    private final InvoiceRepository invoices;

    public AgencyRecallService(CaseEngine cases, InvoiceRepository invoices) {
        this.cases = cases;
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
        boolean working = cases.awaits(invoiceNumber, MSG_AGENCY_RECALL);
        if (!working) {
            throw new ConflictException("Invoice " + invoiceNumber + " has no running agency mandate to recall");
        }
        String by = supervisor == null ? reason : reason + " (" + supervisor + ")";
        cases.agencyRecalled(invoiceNumber, by);
    }
}
