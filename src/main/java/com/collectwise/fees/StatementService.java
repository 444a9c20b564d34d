package com.collectwise.fees;

import java.time.LocalDate;
import java.util.List;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.collectwise.cases.Invoice;
import com.collectwise.customers.Customer;
import com.collectwise.customers.CustomerRepository;

/**
 * As-of statements of an invoice: the one figure the API, the call form, the letters and the ageing report use.
 * Loads the facts (ledger, allocations, rates, late-fee policy) and lets {@link StatementCalculator} add them up.
 */
@Service
@EnableConfigurationProperties(InterestSettings.class)
public class StatementService {

    private final JdbcClient jdbc;
    private final CustomerRepository customers;
    private final Ledger ledger;
    private final ReferenceRates rates;
    private final LateFeePolicySource policies;
    private final InterestSettings interest;

    public StatementService(JdbcClient jdbc, CustomerRepository customers, Ledger ledger, ReferenceRates rates,
                            LateFeePolicySource policies, InterestSettings interest) {
        this.jdbc = jdbc;
        this.customers = customers;
        this.ledger = ledger;
        this.rates = rates;
        this.policies = policies;
        this.interest = interest;
    }

    /** Counts only what happened on or before {@code asOf}. */
    public Statement statement(Invoice invoice, LocalDate asOf) {
        Customer customer = customers.find(invoice.customerId()).orElse(null);
        List<LedgerEntry> entries = ledger.list(invoice.invoiceNumber());
        // Not late and nothing charged: no interest, no fees, nothing for a cap to bound, so the late-fee policy
        // cannot change the figures. Skipping its decision halves the cost of starting a case (bench/).
        boolean policyMatters = asOf.isAfter(invoice.dueDate()) || entries.stream().anyMatch(e -> e.type().isCharge());
        LateFeePolicyTimeline policy = policyMatters ? timelineFor(customer, invoice)
            : LateFeePolicyTimeline.constant(LateFeePolicy.DEFAULT);
        return compute(invoice, asOf, customer, policy, entries).statement();
    }

    /** The statement with its workings: rate basis, interest periods, cap, customer credit. */
    public StatementDetail detail(Invoice invoice, LocalDate asOf) {
        Customer customer = customers.find(invoice.customerId()).orElse(null);
        return compute(invoice, asOf, customer, timelineFor(customer, invoice), ledger.list(invoice.invoiceNumber()));
    }

    /** Which rate the invoice bears and why, as of the date (no ledger read): the case view, the dashboard. */
    public InterestBasis basis(Invoice invoice, LocalDate asOf) {
        return basis(invoice, asOf, ratePolicy());
    }

    /** As {@link #basis(Invoice, LocalDate)} with rate tables read once for many invoices. */
    public InterestBasis basis(Invoice invoice, LocalDate asOf, InterestRatePolicy rules) {
        Customer customer = customers.find(invoice.customerId()).orElse(null);
        return rules.basisFor(invoice, customer == null ? null : customer.country(), timelineFor(customer, invoice),
            asOf);
    }

    private InterestBasis basis(Invoice invoice, LocalDate asOf, Customer customer, LateFeePolicyTimeline policies) {
        return ratePolicy().basisFor(invoice, customer == null ? null : customer.country(), policies, asOf);
    }

    /** The rate rules with the reference tables as they stand now. */
    public InterestRatePolicy ratePolicy() {
        return new InterestRatePolicy(rates.table(ReferenceRates.Kind.LPR), rates.table(ReferenceRates.Kind.ECB),
            interest);
    }

    /**
     * The segment rate follows the version of the late-fee policy in force on each day (in the basis); the cap
     * is that of the version in force on the as-of date: a statement applies the cap the company had that day.
     */
    private StatementDetail compute(Invoice invoice, LocalDate asOf, Customer customer, LateFeePolicyTimeline policies,
                                    List<LedgerEntry> entries) {
        String country = customer == null ? null : customer.country();
        InterestBasis basis = basis(invoice, asOf, customer, policies);
        LateFeePolicy policy = policies.inForceOn(asOf);
        // all customers are businesses (B2B), so an EU customer's late invoice earns the fixed compensation
        boolean euCompensation = InterestRatePolicy.isEuMember(country);
        return StatementCalculator.compute(invoice, asOf, basis, policy, euCompensation, entries,
            allocations(invoice.invoiceNumber()));
    }

    public LateFeePolicy policyFor(Customer customer, Invoice invoice) {
        LateFeePolicy policy = policies.policyFor(customer, invoice);
        return policy == null ? LateFeePolicy.DEFAULT : policy;
    }

    /** The late-fee policy versions of the customer and invoice by the date each took effect. */
    public LateFeePolicyTimeline timelineFor(Customer customer, Invoice invoice) {
        LateFeePolicyTimeline timeline = policies.timelineFor(customer, invoice);
        return timeline == null ? LateFeePolicyTimeline.constant(LateFeePolicy.DEFAULT) : timeline;
    }

    /** All allocation rows of an invoice, oldest first. */
    public List<PostedAllocation> allocations(String invoiceNumber) {
        return jdbc.sql("SELECT * FROM payment_allocations WHERE invoice_number = ? ORDER BY applied_on, id")
            .param(invoiceNumber).query((rs, n) -> PaymentAllocator.map(rs)).list();
    }
}
