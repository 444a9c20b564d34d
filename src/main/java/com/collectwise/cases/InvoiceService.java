package com.collectwise.cases;

import com.collectwise.kernel.CaseEngine;
import com.collectwise.kernel.CaseStatus;
import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.InvoiceRegistered;
import com.collectwise.kernel.InvoiceRepository;
import com.collectwise.kernel.Stage;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.collectwise.api.AsOf;
import com.collectwise.api.ConflictException;
import com.collectwise.api.FieldReader;
import com.collectwise.kernel.Customer;
import com.collectwise.customers.CustomerRepository;

/**
 * Registers invoices from the ERP and opens their collection cases. The invoice row and the case
 * start share one transaction: a case that cannot start leaves no invoice behind.
 */
@Service
public class InvoiceService {

    static final String INVOICE_NUMBER = "invoiceNumber";
    static final String CUSTOMER_ID = "customerId";
    static final String ISSUE_DATE = "issueDate";
    static final String DUE_DATE = "dueDate";
    static final String AMOUNT = "amount";
    static final String CURRENCY = "currency";
    static final String CREDIT_TERM_DAYS = "creditTermDays";
    static final String CONTRACT_RATE = "contractInterestRatePercent";

    private static final BigDecimal MAX_RATE_PERCENT = new BigDecimal("100");

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
     * @throws com.collectwise.api.InvalidRequestException listing every bad field
     * @throws ConflictException when the invoice number is registered already
     */
    @Transactional
    public Invoice register(FieldReader in) {
        Invoice invoice = read(in);
        in.throwIfInvalid();
        if (invoices.exists(invoice.invoiceNumber())) {
            throw new ConflictException("Invoice " + invoice.invoiceNumber() + " is registered already");
        }
        open(invoice);
        return invoice;
    }

    /**
     * Reads and checks one invoice; problems are left in {@code in}. Does not look for duplicates:
     * the single call answers 409, the CSV import lists them per line.
     *
     * @return the new invoice (status OPEN, stage PRE_DUE), or null when a field is bad
     */
    Invoice read(FieldReader in) {
        String number = in.key(INVOICE_NUMBER, true);
        String customerId = in.key(CUSTOMER_ID, true);
        LocalDate issueDate = in.date(ISSUE_DATE, true);
        LocalDate dueDate = in.date(DUE_DATE, true);
        String currency = in.currency(CURRENCY, true);
        // after the currency: its minor unit says how many decimals the amount may have (JPY none, KWD 3)
        BigDecimal amount = in.amount(AMOUNT, true, currency);
        Integer creditTermDays = in.integer(CREDIT_TERM_DAYS, false, 0, 3650);
        BigDecimal rate = in.decimal(CONTRACT_RATE, false, BigDecimal.ZERO, MAX_RATE_PERCENT, 4);
        // interest runs from the due date: a receivable from year 1 would be a typo, and a costly one to compute
        if (issueDate != null && issueDate.isBefore(AsOf.REPORTS_FROM)) {
            in.reject(ISSUE_DATE, "must not be before " + AsOf.REPORTS_FROM);
        }
        if (issueDate != null && dueDate != null && dueDate.isBefore(issueDate)) {
            in.reject(DUE_DATE, "must not be before issueDate");
        }
        if (customerId != null && !customers.exists(customerId)) {
            in.reject(CUSTOMER_ID, "is not a known customer");
        }
        if (!in.isValid()) {
            return null;
        }
        int term = creditTermDays != null ? creditTermDays : (int) ChronoUnit.DAYS.between(issueDate, dueDate);
        return new Invoice(number, customerId, issueDate, dueDate, term, amount, currency, rate, CaseStatus.OPEN,
            Stage.PRE_DUE, null, null);
    }

    /** Inserts the invoice and starts its case; the caller's transaction covers both. */
    void open(Invoice invoice) {
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
        events.publishEvent(new InvoiceRegistered(invoice.invoiceNumber(), invoice.customerId()));
    }
}
