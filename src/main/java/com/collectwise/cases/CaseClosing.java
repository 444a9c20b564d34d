package com.collectwise.cases;

import com.collectwise.kernel.CaseSettled;
import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.CaseStatus;
import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.InvoiceRepository;
import com.collectwise.kernel.Stage;
import java.math.BigDecimal;

import org.springframework.stereotype.Service;

import com.collectwise.fees.AdjustmentService;
import com.collectwise.money.Money;
import com.collectwise.handoff.CreditHold;

/** Ends cases: settled by payment, written off, or sold; lifts the customer's credit hold when it can. */
@Service
public class CaseClosing {

    private final InvoiceRepository invoices;
    private final CreditHold creditHold;
    private final AdjustmentService adjustments;
    private final BusinessClock clock;
    private final org.springframework.context.ApplicationEventPublisher events;
    private final PromiseChecks promises;

    public CaseClosing(InvoiceRepository invoices, CreditHold creditHold, AdjustmentService adjustments,
                       BusinessClock clock, org.springframework.context.ApplicationEventPublisher events,
                       PromiseChecks promises) {
        this.events = events;
        this.promises = promises;
        this.invoices = invoices;
        this.creditHold = creditHold;
        this.adjustments = adjustments;
        this.clock = clock;
    }

    /** Idempotent: the payments side usually closed the invoice already; a replay changes nothing. */
    public void settled(String invoiceNumber) {
        Invoice invoice = find(invoiceNumber);
        if (invoice.status() == CaseStatus.OPEN) {
            invoices.close(invoiceNumber, CaseStatus.SETTLED, "Paid in full");
        } else if (invoice.stage() != Stage.CLOSED) {
            invoices.updateStage(invoiceNumber, Stage.CLOSED);
        }
        // the case's promise checks end with it: a promise the payments kept counts as kept (the customer's habits)
        promises.invoiceSettled(invoiceNumber, invoice.customerId());
        creditHold.releaseIfClear(invoice.customerId(), invoiceNumber);
        // a replay publishes again: the listeners are idempotent (an agency is told once per mandate)
        events.publishEvent(new CaseSettled(invoiceNumber, invoice.customerId(), CaseStatus.SETTLED, "Paid in full"));
    }

    /** Books the write-off of everything still open (so interest stops) and closes the case. */
    public void writeOff(String invoiceNumber, String reason, String approvedBy) {
        Invoice invoice = find(invoiceNumber);
        if (invoice.status() != CaseStatus.OPEN) {
            return; // a retried job after the commit: already done
        }
        adjustments.writeOff(invoice, "Written off: " + reason, approvedBy, clock.today());
        invoices.close(invoiceNumber, CaseStatus.WRITTEN_OFF, "Written off: " + reason);
        creditHold.releaseIfClear(invoice.customerId(), invoiceNumber);
        events.publishEvent(new CaseSettled(invoiceNumber, invoice.customerId(), CaseStatus.WRITTEN_OFF,
            "Written off: " + reason));
    }

    /**
     * Sells the receivable to a factor: the case's balance leaves our books (booked as a write-off line
     * whose reason names buyer and price; the price itself is received by finance outside the case).
     */
    public void sell(String invoiceNumber, String buyer, BigDecimal price, String reason, String approvedBy) {
        Invoice invoice = find(invoiceNumber);
        if (invoice.status() != CaseStatus.OPEN) {
            return;
        }
        // the price as typed (checked against the currency's minor unit by the form's listener), at that unit
        String sold = "Sold to " + buyer + " for " + invoice.currency() + " "
            + Money.stored(price, invoice.currency()).toPlainString() + ": " + reason;
        adjustments.sell(invoice, sold, approvedBy, clock.today());
        invoices.close(invoiceNumber, CaseStatus.SOLD, sold);
        creditHold.releaseIfClear(invoice.customerId(), invoiceNumber);
        events.publishEvent(new CaseSettled(invoiceNumber, invoice.customerId(), CaseStatus.SOLD, sold));
    }

    private Invoice find(String invoiceNumber) {
        return invoices.find(invoiceNumber)
            .orElseThrow(() -> new IllegalStateException("Invoice " + invoiceNumber + " does not exist"));
    }
}
