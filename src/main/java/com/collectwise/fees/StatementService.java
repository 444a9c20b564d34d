package com.collectwise.fees;

import com.collectwise.money.AccountReplay;
import com.collectwise.money.LedgerEntry;
import com.collectwise.money.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;

import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.InvoiceRepository;
import com.collectwise.kernel.Customer;
import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.InvoiceRepository;
import com.collectwise.kernel.Customer;
import com.collectwise.customers.CustomerRepository;
import com.collectwise.kernel.Segment;
import com.collectwise.kernel.TransactionCache;

/**
 * As-of statements: the one figure the API, the call form, the letters and the reports use. Loads the dated facts
 * of the invoice's customer (invoices, ledger lines, payments and their reversals, rates, late-fee policy) and lets
 * {@link AccountReplay} replay them. The whole customer is replayed because money moves between its invoices: a
 * payment without an invoice number, an overpayment, a credit.
 */
@Service
@EnableConfigurationProperties(InterestSettings.class)
public class StatementService {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(StatementService.class);

    private final AppliedPayments appliedPayments;
    private final CustomerRepository customers;
    private final InvoiceRepository invoices;
    private final Ledger ledger;
    private final ReferenceRates rates;
    private final LateFeePolicySource policies;
    private final InterestSettings interest;
    private final BusinessClock clock;

    public StatementService(AppliedPayments appliedPayments, CustomerRepository customers, InvoiceRepository invoices, Ledger ledger,
                            ReferenceRates rates, LateFeePolicySource policies, InterestSettings interest,
                            BusinessClock clock) {
        this.clock = clock;
        this.appliedPayments = appliedPayments;
        this.customers = customers;
        this.invoices = invoices;
        this.ledger = ledger;
        this.rates = rates;
        this.policies = policies;
        this.interest = interest;
    }

    /** Counts only what happened on or before {@code asOf}. */
    public Statement statement(Invoice invoice, LocalDate asOf) {
        return account(invoice.customerId(), asOf).result().invoice(invoice.invoiceNumber()).statement();
    }

    /** The statement with its workings: rate basis, interest periods, cap, customer credit. */
    public StatementDetail detail(Invoice invoice, LocalDate asOf) {
        CustomerAccount account = account(invoice.customerId(), asOf);
        AccountReplay.InvoiceFigures f = account.result().invoice(invoice.invoiceNumber());
        return new StatementDetail(f.statement(), account.bases().get(invoice.invoiceNumber()), f.accrual(),
            f.accruedInterest(), f.accruedFees(), f.compensation(), f.cap(), f.capReached(),
            account.result().credit(invoice.currency()));
    }

    /**
     * Statements of many invoices as of one date (reports): each customer's account is replayed once, not once
     * per invoice. Use it within one request; it keeps what it replayed.
     */
    public java.util.function.Function<Invoice, Statement> statementsAsOf(LocalDate asOf) {
        Map<String, AccountReplay.Result> replayed = new HashMap<>();
        return invoice -> replayed.computeIfAbsent(invoice.customerId(), c -> account(c, asOf).result())
            .invoice(invoice.invoiceNumber()).statement();
    }

    /** The customer's whole account as of a date: every invoice's figures, the splits of every payment, credit. */
    public CustomerAccount account(String customerId, LocalDate asOf) {
        // computed once per transaction: a payment's booking, its case and its call form ask for the same account
        return TransactionCache.get(new ReplayKey(customerId, asOf), () -> account(customerId, List.of(), asOf));
    }

    /**
     * What the invoice's customer account would be as of {@code asOf} if the hypothetical payments {@code extra}
     * came on top of the real facts (e.g. each instalment of a proposed plan paid on its due date). Nothing is
     * stored; the real facts are replayed as they are.
     */
    public CustomerAccount projected(Invoice invoice, List<AccountReplay.PaymentFact> extra, LocalDate asOf) {
        return account(invoice.customerId(), extra, asOf);
    }

    private CustomerAccount account(String customerId, List<AccountReplay.PaymentFact> extra, LocalDate asOf) {
        log.debug("Replaying the account of customer {} as of {}", customerId, asOf);
        Customer customer = customers.find(customerId).orElse(null);
        String country = customer == null ? null : customer.country();
        List<Invoice> all = invoices.findByCustomer(customerId);
        List<CustomerRepository.SegmentChange> segmentChanges = customer == null ? List.of()
            : customers.segmentChanges(customerId);
        Map<String, List<LedgerEntry>> entries = ledger.listByInvoices(all.stream().map(Invoice::invoiceNumber).toList());
        InterestRatePolicy ratePolicy = null;
        Map<String, InterestBasis> bases = new HashMap<>();
        List<AccountReplay.InvoiceTerms> terms = new ArrayList<>();
        // all customers are businesses (B2B), so an EU customer's late invoice earns the fixed compensation
        boolean euCompensation = InterestRatePolicy.isEuMember(country);
        for (Invoice invoice : all) {
            List<LedgerEntry> lines = entries.getOrDefault(invoice.invoiceNumber(), List.of());
            // Not late and nothing charged: no interest, no fees, nothing for a cap to bound, so the late-fee policy
            // cannot change the figures, so its decision is skipped (why: bench/results/TUNING.md, change 2).
            boolean policyMatters = asOf.isAfter(invoice.dueDate()) || lines.stream().anyMatch(e -> e.type().isCharge());
            LateFeePolicyTimeline versions = policyMatters ? timelineFor(customer, invoice, segmentChanges)
                : LateFeePolicyTimeline.constant(LateFeePolicy.DEFAULT);
            // segment rates follow the version in force each day (in the basis); the cap is the as-of date's version
            LateFeePolicy policy = versions.inForceOn(asOf);
            if (ratePolicy == null) {
                ratePolicy = ratePolicy();
            }
            InterestBasis basis = ratePolicy.basisFor(invoice, country, versions, asOf);
            bases.put(invoice.invoiceNumber(), basis);
            terms.add(new AccountReplay.InvoiceTerms(invoice.invoiceNumber(), invoice.currency(), invoice.amount(),
                invoice.issueDate(), invoice.dueDate(), basis.rate(), policy.capPercent(), euCompensation, lines));
        }
        List<AccountReplay.PaymentFact> facts = payments(customerId);
        if (!extra.isEmpty()) {
            facts = new ArrayList<>(facts);
            facts.addAll(extra);
        }
        return new CustomerAccount(AccountReplay.replay(terms, facts, asOf), bases);
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

    /** The rate rules with the reference tables as they stand now. */
    public InterestRatePolicy ratePolicy() {
        return new InterestRatePolicy(rates.table(ReferenceRates.Kind.LPR), rates.table(ReferenceRates.Kind.ECB),
            interest);
    }

    /**
     * The late-fee policy versions of the customer and invoice by the date each took effect, for the segment the
     * customer was in on each day: a segment changed in the customer file applies from the day of the change,
     * never backwards (as a new version of the policy does).
     */
    public LateFeePolicyTimeline timelineFor(Customer customer, Invoice invoice) {
        return timelineFor(customer, invoice,
            customer == null ? List.of() : customers.segmentChanges(customer.customerId()));
    }

    private LateFeePolicyTimeline timelineFor(Customer customer, Invoice invoice,
                                              List<CustomerRepository.SegmentChange> changes) {
        if (changes.isEmpty()) {
            return policyTimeline(customer, invoice);
        }
        java.util.NavigableMap<LocalDate, Segment> segments = new java.util.TreeMap<>();
        segments.put(LocalDate.MIN, changes.get(0).from());
        for (CustomerRepository.SegmentChange c : changes) {
            segments.put(c.at().atZone(clock.zone()).toLocalDate(), c.to());
        }
        Map<Segment, LateFeePolicyTimeline> bySegment = new java.util.EnumMap<>(Segment.class);
        java.util.TreeSet<LocalDate> days = new java.util.TreeSet<>(segments.keySet());
        for (Segment segment : segments.values()) {
            LateFeePolicyTimeline t = bySegment.computeIfAbsent(segment, s -> policyTimeline(new Customer(
                customer.customerId(), customer.name(), s, customer.country(), customer.email(), customer.phone(),
                customer.collector(), customer.decisionMaker(), customer.createdAt()), invoice));
            for (LocalDate d = t.nextChangeAfter(LocalDate.MIN); d != null; d = t.nextChangeAfter(d)) {
                days.add(d);
            }
        }
        Map<LocalDate, LateFeePolicy> merged = new java.util.TreeMap<>();
        for (LocalDate day : days) {
            merged.put(day, bySegment.get(segments.floorEntry(day).getValue()).inForceOn(day));
        }
        return LateFeePolicyTimeline.of(merged);
    }

    private LateFeePolicyTimeline policyTimeline(Customer customer, Invoice invoice) {
        LateFeePolicyTimeline timeline = policies.timelineFor(customer, invoice);
        return timeline == null ? LateFeePolicyTimeline.constant(LateFeePolicy.DEFAULT) : timeline;
    }

    public LateFeePolicy policyFor(Customer customer, Invoice invoice) {
        LateFeePolicy policy = policies.policyFor(customer, invoice);
        return policy == null ? LateFeePolicy.DEFAULT : policy;
    }

    /** The customer's applied payments with their reversal dates: the money facts of the replay. */
    public List<AccountReplay.PaymentFact> payments(String customerId) {
        return appliedPayments.of(customerId);
    }

    private record ReplayKey(String customerId, LocalDate asOf) {
    }

    /** A replayed account with the rate basis of each of its invoices. */
    public record CustomerAccount(AccountReplay.Result result, Map<String, InterestBasis> bases) {
    }
}
