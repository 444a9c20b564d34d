package com.collectwise.cases;

import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import com.collectwise.agreements.AgreementService;
import com.collectwise.customers.CustomerRepository;
import com.collectwise.disputes.FullDispute;
import com.collectwise.kernel.CaseEngine;
import com.collectwise.kernel.InvoiceOwesAgain;
import com.collectwise.kernel.InvoicePaidOff;
import com.collectwise.kernel.InvoiceRepository;
import com.collectwise.kernel.PaymentBooked;

/**
 * The case reacts to the money the payments booked (the payments never call the case): a part payment asks "why
 * not in full?" unless an instalment plan expects it, a paid-off invoice ends its case unless its running plan
 * ends it, an invoice owing again gets a new case. Synchronous, in the payment's transaction.
 */
@Component
class CaseMoneyListener {

    private final CaseEngine cases;
    private final AgreementService agreements;
    private final InvoiceRepository invoices;
    private final CustomerRepository customers;
    private final FullDispute fullDispute;
    private final DisputedInFullTasks disputedInFull;

    CaseMoneyListener(CaseEngine cases, AgreementService agreements, InvoiceRepository invoices,
                      CustomerRepository customers, FullDispute fullDispute,
                      DisputedInFullTasks disputedInFull) {
        this.fullDispute = fullDispute;
        this.disputedInFull = disputedInFull;
        this.cases = cases;
        this.agreements = agreements;
        this.invoices = invoices;
        this.customers = customers;
    }

    /**
     * An instalment is an expected payment, not a part payment without explanation; nor is the payment of the
     * undisputed part of an invoice under dispute (DOMAIN.md 5: the customer paid what it was asked for, the dispute
     * explains the rest): what is left is disputed, a call would ask for nothing, so the open call is withdrawn and the
     * case waits before its next call until the dispute is decided.
     */
    @EventListener
    @Order(PaymentBooked.TELL_CASE)
    public void paymentBooked(PaymentBooked payment) {
        if (agreements.paymentReceived(payment.invoiceNumber(), payment.valueDate())) {
            cases.showOutstanding(payment.invoiceNumber(), payment.outstanding());
        } else if (fullDispute.isOpen(payment.invoiceNumber())) {
            cases.showOutstanding(payment.invoiceNumber(), payment.outstanding());
            disputedInFull.withdraw(payment.invoiceNumber());
        } else {
            cases.partPaymentReceived(payment.invoiceNumber(), payment.paid(), payment.outstanding());
        }
    }

    /**
     * A running instalment plan ends as kept and then ends the case itself; Message_InvoiceSettled would interrupt
     * the case and cancel the plan in the middle of closing it.
     */
    @EventListener
    public void invoicePaidOff(InvoicePaidOff event) {
        if (!agreements.invoiceSettled(event.invoiceNumber())) {
            cases.invoiceSettled(event.invoiceNumber());
        }
    }

    @EventListener
    public void invoiceOwesAgain(InvoiceOwesAgain event) {
        cases.start(invoices.find(event.invoiceNumber()).orElseThrow(),
            customers.find(event.customerId()).orElseThrow());
        // a plan kept by the money now reversed runs again in the new case (the replay judges its instalments)
        agreements.invoiceOwesAgain(event.invoiceNumber());
    }
}
