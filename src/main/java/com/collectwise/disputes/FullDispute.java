package com.collectwise.disputes;

import org.springframework.stereotype.Component;

import com.collectwise.cases.Invoice;
import com.collectwise.cases.InvoiceRepository;

/**
 * Whether an invoice is disputed in full: its open disputes cover everything outstanding. Such an invoice does
 * not escalate while the dispute is open; the model waits before each further stage
 * ({@code ${!fullDispute.isOpen(invoiceNumber)}}, re-evaluated when the dispute's outcome comes back).
 */
@Component("fullDispute")
public class FullDispute {

    private final DisputeService disputes;
    private final InvoiceRepository invoices;

    public FullDispute(DisputeService disputes, InvoiceRepository invoices) {
        this.disputes = disputes;
        this.invoices = invoices;
    }

    public boolean isOpen(String invoiceNumber) {
        Invoice invoice = invoices.find(invoiceNumber).orElse(null);
        return invoice != null && disputes.disputed(invoiceNumber).signum() > 0
            && disputes.undisputed(invoice).signum() == 0;
    }
}
