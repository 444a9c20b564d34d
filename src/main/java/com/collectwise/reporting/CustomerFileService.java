package com.collectwise.reporting;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.collectwise.api.NotFoundException;
import com.collectwise.cases.PromiseBook;
import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.CaseStatus;
import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.InvoiceRepository;
import com.collectwise.kernel.Customer;
import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.CaseStatus;
import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.InvoiceRepository;
import com.collectwise.customers.Address;
import com.collectwise.kernel.Customer;
import com.collectwise.customers.CustomerProfile;
import com.collectwise.customers.CustomerRepository;
import com.collectwise.money.AccountReplay;
import com.collectwise.fees.StatementService;
import com.collectwise.handoff.CreditStatusService;
import com.collectwise.disputes.DisputeService;
import com.collectwise.disputes.DisputedPart;
import com.collectwise.money.Money;

/** Reads the customer file: one replay of the customer's account gives every figure in it. */
@Service
public class CustomerFileService {

    private final CustomerRepository customers;
    private final InvoiceRepository invoices;
    private final StatementService statements;
    private final CreditStatusService creditStatus;
    private final BusinessClock clock;
    private final PromiseBook promises;
    private final DisputeService disputes;

    public CustomerFileService(CustomerRepository customers, InvoiceRepository invoices, StatementService statements,
                               CreditStatusService creditStatus, BusinessClock clock, PromiseBook promises,
                               DisputeService disputes) {
        this.promises = promises;
        this.disputes = disputes;
        this.customers = customers;
        this.invoices = invoices;
        this.statements = statements;
        this.creditStatus = creditStatus;
        this.clock = clock;
    }

    /** @throws NotFoundException when the customer is unknown */
    // not read-only: the late-fee decision writes decision history, which PostgreSQL refuses in a read-only transaction
    @Transactional
    public CustomerFile file(String customerId) {
        Customer c = customers.find(customerId)
            .orElseThrow(() -> new NotFoundException("There is no customer " + customerId));
        LocalDate today = clock.today();
        AccountReplay.Result account = statements.account(customerId, today).result();
        List<CustomerFile.OpenInvoice> open = new ArrayList<>();
        Map<String, BigDecimal> outstanding = new TreeMap<>();
        List<Invoice> openInvoices = invoices.findByCustomer(customerId).stream()
            .filter(i -> i.status() == CaseStatus.OPEN).toList();
        java.util.Set<String> disputed = disputes.withOpenDisputes(
            openInvoices.stream().map(Invoice::invoiceNumber).toList());
        for (Invoice i : openInvoices) {
            BigDecimal total = account.invoice(i.invoiceNumber()).statement().total();
            // DOMAIN.md 5: the file shows what is asked for and names what is disputed
            DisputedPart part = disputed.contains(i.invoiceNumber()) ? disputes.part(i, today) : null;
            open.add(new CustomerFile.OpenInvoice(i.invoiceNumber(), i.stage().name(), i.dueDate(),
                Math.max(0, ChronoUnit.DAYS.between(i.dueDate(), today)), i.currency(), total,
                part == null ? Money.stored(BigDecimal.ZERO, i.currency()) : part.disputed(),
                part == null ? total : part.undisputed()));
            outstanding.merge(i.currency(), total, BigDecimal::add);
        }
        Map<String, BigDecimal> credit = new TreeMap<>();
        account.credit().forEach((currency, money) -> credit.put(currency, money.amount()));
        CustomerProfile profile = customers.profile(c);
        List<CustomerFile.Contact> contacts = profile.contacts().stream()
            .map(k -> new CustomerFile.Contact(k.role().name(), k.name(), k.email(), k.phone())).toList();
        Address a = profile.address();
        CustomerFile.Address address = a == null ? null
            : new CustomerFile.Address(a.street(), a.city(), a.region(), a.postalCode());
        List<CustomerFile.Change> changes = customers.changes(customerId).stream()
            .map(h -> new CustomerFile.Change(h.field(), h.from(), h.to(), h.changedBy(), h.changedAt())).toList();
        PromiseBook.Habits habits = promises.habits(customerId);
        return new CustomerFile(c.customerId(), c.name(), c.segment().name(), c.country(), c.email(), c.phone(),
            c.collector(), c.decisionMaker(), c.language().code(), address, profile.sharePersonalData(), contacts,
            open, outstanding, credit, creditStatus.status(customerId).status(), today, changes,
            habits.kept(), habits.broken());
    }
}
