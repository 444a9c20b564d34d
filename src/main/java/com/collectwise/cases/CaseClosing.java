package com.collectwise.cases;

import java.math.BigDecimal;

import org.springframework.stereotype.Service;

import com.collectwise.handoff.CreditHold;

/** Ends cases: settled by payment, written off, or sold; lifts the customer's credit hold when it can. */
@Service
public class CaseClosing {

    private final InvoiceRepository invoices;
    private final CreditHold creditHold;

    public CaseClosing(InvoiceRepository invoices, CreditHold creditHold) {
        this.invoices = invoices;
        this.creditHold = creditHold;
    }

    /** Idempotent: the payments side usually closed the invoice already; a replay changes nothing. */
    public void settled(String invoiceNumber) {
        Invoice invoice = find(invoiceNumber);
        if (invoice.status() == CaseStatus.OPEN) {
            invoices.close(invoiceNumber, CaseStatus.SETTLED, "Paid in full");
        } else if (invoice.stage() != Stage.CLOSED) {
            invoices.updateStage(invoiceNumber, Stage.CLOSED);
        }
        creditHold.releaseIfClear(invoice.customerId(), invoiceNumber);
    }

    public void writeOff(String invoiceNumber, String reason) {
        Invoice invoice = find(invoiceNumber);
        invoices.close(invoiceNumber, CaseStatus.WRITTEN_OFF, "Written off: " + reason);
        creditHold.releaseIfClear(invoice.customerId(), invoiceNumber);
    }

    public void sell(String invoiceNumber, String buyer, BigDecimal price, String reason) {
        Invoice invoice = find(invoiceNumber);
        invoices.close(invoiceNumber, CaseStatus.SOLD, "Sold to " + buyer + " for " + invoice.currency() + " "
            + price.toPlainString() + ": " + reason);
        creditHold.releaseIfClear(invoice.customerId(), invoiceNumber);
    }

    private Invoice find(String invoiceNumber) {
        return invoices.find(invoiceNumber)
            .orElseThrow(() -> new IllegalStateException("Invoice " + invoiceNumber + " does not exist"));
    }
}
