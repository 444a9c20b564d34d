package com.collectwise.cases;

import com.collectwise.kernel.CaseEngine;
import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.InvoiceRegistered;
import com.collectwise.kernel.InvoiceRepository;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.collectwise.api.ConflictException;
import com.collectwise.kernel.Customer;
import com.collectwise.customers.CustomerRepository;

/**
 * Registers invoices from the ERP and opens their collection cases. The invoice row and the case
 * start share one transaction: a case that cannot start leaves no invoice behind.
 */
@Service
public class InvoiceService {

    private final InvoiceRepository invoices;
    private final CustomerRepository customers;
    private final CaseEngine cases;
    private final org.springframework.context.ApplicationEventPublisher events;

    public InvoiceService(InvoiceRepository invoices, CustomerRepository customers, CaseEngine cases,
                          org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.invoices = invoices;
        this.customers = customers;
        this.cases = cases;
    }

    /**
     * Registers a checked invoice (see {@link InvoiceRequest}) and starts its case.
     *
     * @throws ConflictException when the invoice number is registered already
     */
    @Transactional
    public Invoice register(Invoice invoice) {
        // no look-up first: the INSERT itself refuses a registered number (primary key; open() answers the conflict),
        // before the case starts and with nothing written (issue 18: one SELECT less per case start)
        open(invoice);
        return invoice;
    }

    /** Inserts the invoice and starts its case; the caller's transaction covers both. */
    void open(Invoice invoice) {
        // the customer's row locked (the same one SELECT, FOR UPDATE; find() reads it from the transaction): a PATCH of
        // the customer at the same moment either comes first (this case starts with the new owner) or waits and then
        // finds this case among the open ones it reassigns; a plain read let the case start with the old owner
        customers.lock(invoice.customerId());
        Customer customer = customers.find(invoice.customerId()).orElseThrow();
        try {
            invoices.insert(invoice);
        } catch (DuplicateKeyException e) {
            throw new ConflictException("Invoice " + invoice.invoiceNumber() + " is registered already");
        }
        startCase(invoice, customer);
    }

    /** Starts the case of a stored invoice; the customer's credit, if any, pays it at once. */
    void startCase(Invoice invoice, Customer customer) {
        cases.start(invoice, customer);
        events.publishEvent(new InvoiceRegistered(invoice.invoiceNumber(), invoice.customerId(), invoice.dueDate()));
    }
}
