package com.collectwise.fees;

import java.time.LocalDate;
import java.util.List;

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
public class StatementService {

    private final JdbcClient jdbc;
    private final CustomerRepository customers;
    private final Ledger ledger;
    private final ReferenceRates rates;
    private final LateFeePolicySource policies;

    public StatementService(JdbcClient jdbc, CustomerRepository customers, Ledger ledger, ReferenceRates rates,
                            LateFeePolicySource policies) {
        this.jdbc = jdbc;
        this.customers = customers;
        this.ledger = ledger;
        this.rates = rates;
        this.policies = policies;
    }

    /** Counts only what happened on or before {@code asOf}. */
    public Statement statement(Invoice invoice, LocalDate asOf) {
        Customer customer = customers.find(invoice.customerId()).orElse(null);
        List<LedgerEntry> entries = ledger.list(invoice.invoiceNumber());
        // Not late and nothing charged: no interest, no fees, nothing for a cap to bound, so the late-fee policy
        // cannot change the figures. Skipping its decision halves the cost of starting a case (bench/).
        boolean policyMatters = asOf.isAfter(invoice.dueDate()) || entries.stream().anyMatch(e -> e.type().isCharge());
        LateFeePolicy policy = policyMatters ? policyFor(customer, invoice) : LateFeePolicy.DEFAULT;
        return compute(invoice, asOf, customer, policy, entries).statement();
    }

    /** The statement with its workings: rate basis, interest periods, cap, customer credit. */
    public StatementDetail detail(Invoice invoice, LocalDate asOf) {
        Customer customer = customers.find(invoice.customerId()).orElse(null);
        return compute(invoice, asOf, customer, policyFor(customer, invoice), ledger.list(invoice.invoiceNumber()));
    }

    private StatementDetail compute(Invoice invoice, LocalDate asOf, Customer customer, LateFeePolicy policy,
                                    List<LedgerEntry> entries) {
        String country = customer == null ? null : customer.country();
        InterestBasis basis = new InterestRatePolicy(rates.table(ReferenceRates.Kind.LPR),
            rates.table(ReferenceRates.Kind.ECB)).basisFor(invoice, country, policy);
        // all customers are businesses (B2B), so an EU customer's late invoice earns the fixed compensation
        boolean euCompensation = InterestRatePolicy.isEuMember(country);
        return StatementCalculator.compute(invoice, asOf, basis, policy, euCompensation, entries,
            allocations(invoice.invoiceNumber()));
    }

    public LateFeePolicy policyFor(Customer customer, Invoice invoice) {
        LateFeePolicy policy = policies.policyFor(customer, invoice);
        return policy == null ? LateFeePolicy.DEFAULT : policy;
    }

    /** All allocation rows of an invoice, oldest first. */
    public List<PostedAllocation> allocations(String invoiceNumber) {
        return jdbc.sql("SELECT * FROM payment_allocations WHERE invoice_number = ? ORDER BY applied_on, id")
            .param(invoiceNumber).query((rs, n) -> PaymentAllocator.map(rs)).list();
    }
}
