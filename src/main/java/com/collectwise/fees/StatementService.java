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
    private final DisputeFacts disputeFacts;
    private final CustomerRepository customers;
    private final InvoiceRepository invoices;
    private final Ledger ledger;
    private final ReferenceRates rates;
    private final FxRates fxRates;
    private final LateFeePolicySource policies;
    private final InterestSettings interest;
    private final BusinessClock clock;

    /** Without disputes: the customer's credit pays the oldest due date first whatever is disputed (unit tests). */
    public StatementService(AppliedPayments appliedPayments, CustomerRepository customers, InvoiceRepository invoices, Ledger ledger,
                            ReferenceRates rates, FxRates fxRates, LateFeePolicySource policies,
                            InterestSettings interest, BusinessClock clock) {
        this(appliedPayments, DisputeFacts.NONE, customers, invoices, ledger, rates, fxRates, policies, interest, clock);
    }

    @org.springframework.beans.factory.annotation.Autowired
    public StatementService(AppliedPayments appliedPayments, DisputeFacts disputeFacts, CustomerRepository customers,
                            InvoiceRepository invoices, Ledger ledger, ReferenceRates rates, FxRates fxRates,
                            LateFeePolicySource policies, InterestSettings interest, BusinessClock clock) {
        this.disputeFacts = disputeFacts;
        this.clock = clock;
        this.fxRates = fxRates;
        this.appliedPayments = appliedPayments;
        this.customers = customers;
        this.invoices = invoices;
        this.ledger = ledger;
        this.rates = rates;
        this.policies = policies;
        this.interest = interest;
    }

    /**
     * Counts only what happened on or before {@code asOf}. A customer without applied payments has no money that moves
     * between invoices (no credit, no allocation), so each invoice's figures depend on its own terms and ledger lines
     * only: the invoice is replayed alone, not the customer's whole account (a case start, bench/results/TUNING.md).
     * An invoice that has no ledger line either, known without a query (registered in this transaction, nothing booked
     * on it: {@link Ledger#knownWithoutLines}), is not replayed at all before its due date
     * ({@link AccountReplay#untouched}).
     */
    public Statement statement(Invoice invoice, LocalDate asOf) {
        if (payments(invoice.customerId()).isEmpty()) {
            if (!asOf.isAfter(invoice.dueDate()) && ledger.knownWithoutLines(invoice.invoiceNumber())) {
                // registered in this transaction, nothing booked on it, no money of its customer, not due as of the
                // date: the amount is owed, no interest, no fees, whatever the customer, rates and policy (the first
                // stage entry of a brand-new invoice: no replay; bench/results/TUNING.md, row 50)
                log.debug("Statement of invoice {} as of {}: as registered (nothing booked, not due)",
                    invoice.invoiceNumber(), asOf);
                return AccountReplay.untouched(invoice.invoiceNumber(), invoice.currency(), invoice.amount(),
                    invoice.dueDate(), asOf);
            }
            return TransactionCache.get(new InvoiceReplayKey(invoice.invoiceNumber(), asOf),
                () -> replayAlone(invoice, asOf)).statement();
        }
        return account(invoice.customerId(), asOf).result().invoice(invoice.invoiceNumber()).statement();
    }

    /** The invoice replayed without the rest of its customer's account: only for a customer without payments. */
    private AccountReplay.InvoiceFigures replayAlone(Invoice invoice, LocalDate asOf) {
        log.debug("Replaying the account of customer {} as of {}: invoice {} alone (no payments)", invoice.customerId(),
            asOf, invoice.invoiceNumber());
        Customer customer = customers.find(invoice.customerId()).orElse(null);
        List<LedgerEntry> lines = ledger.listByInvoices(List.of(invoice.invoiceNumber()))
            .getOrDefault(invoice.invoiceNumber(), List.of());
        boolean euCompensation = owesEuCompensation(customer);
        AccountReplay.InvoiceTerms terms;
        if (!asOf.isAfter(invoice.dueDate())) {
            // not due yet: interest runs and the compensation falls due from the day after the due date, so neither the
            // rate (reference rate tables) nor the exchange rate of the compensation can change a figure as of asOf;
            // the replay gets no rate and no converted compensation (a case start: no rate tables read)
            LateFeePolicyTimeline versions = versions(customer, invoice, lines, () -> segmentChanges(customer), asOf);
            terms = new AccountReplay.InvoiceTerms(invoice.invoiceNumber(), invoice.currency(), invoice.amount(),
                invoice.issueDate(), invoice.dueDate(), null, versions.firstCapPercent(), euCompensation, null, lines,
                versions.capChanges());
        } else {
            Terms t = terms(customer, invoice, lines, () -> segmentChanges(customer), ratePolicyOfTransaction(), asOf);
            terms = new AccountReplay.InvoiceTerms(invoice.invoiceNumber(), invoice.currency(),
                invoice.amount(), invoice.issueDate(), invoice.dueDate(), t.basis().rate(), t.versions().firstCapPercent(),
                euCompensation, euCompensation ? compensation(invoice) : null, lines, t.versions().capChanges());
        }
        return AccountReplay.replay(List.of(terms), List.of(), asOf).invoice(invoice.invoiceNumber());
    }

    /**
     * The rate basis the invoice's statement as of the date uses ({@link #detail}{@code .basis()}), without replaying
     * the account: the notice before the due date quotes only the rate.
     */
    public InterestBasis basisAsOf(Invoice invoice, LocalDate asOf) {
        Customer customer = customers.find(invoice.customerId()).orElse(null);
        List<LedgerEntry> lines = ledger.listByInvoices(List.of(invoice.invoiceNumber()))
            .getOrDefault(invoice.invoiceNumber(), List.of());
        return terms(customer, invoice, lines, () -> segmentChanges(customer), ratePolicyOfTransaction(), asOf)
            .basis();
    }

    /**
     * What the reminder before the due date needs of the figures: the rate basis as {@link #basisAsOf} gives it and
     * the statement as of the date ({@link #statement}), the invoice's ledger lines read once for both.
     */
    public record BeforeDue(InterestBasis basis, Statement statement) {
    }

    /**
     * The basis and the statement before the due date. The common case (nothing paid, credited or booked) costs one
     * statement more than {@link #basisAsOf}: the customer's applied payments (kept for the transaction, so a replay
     * that follows reads them from there); anything else is replayed as {@link #statement} does.
     */
    public BeforeDue beforeDue(Invoice invoice, LocalDate asOf) {
        Customer customer = customers.find(invoice.customerId()).orElse(null);
        List<LedgerEntry> lines = ledger.listByInvoices(List.of(invoice.invoiceNumber()))
            .getOrDefault(invoice.invoiceNumber(), List.of());
        InterestBasis basis = terms(customer, invoice, lines, () -> segmentChanges(customer),
            ratePolicyOfTransaction(), asOf).basis();
        // nothing ever booked on the invoice (no credit note, waiver or fee), no applied payment of its customer (no
        // part payment, no money applied at registration, no credit), not due: it owes its amount, without a replay
        boolean untouched = lines.isEmpty() && !asOf.isAfter(invoice.dueDate())
            && payments(invoice.customerId()).isEmpty();
        Statement statement = untouched
            ? AccountReplay.untouched(invoice.invoiceNumber(), invoice.currency(), invoice.amount(), invoice.dueDate(),
                asOf)
            : statement(invoice, asOf);
        return new BeforeDue(basis, statement);
    }

    /** The late-fee policy in force and the rate basis of an invoice in a replay as of the date. */
    private record Terms(LateFeePolicy policy, InterestBasis basis, LateFeePolicyTimeline versions) {
    }

    private Terms terms(Customer customer, Invoice invoice, List<LedgerEntry> lines,
                        java.util.function.Supplier<List<CustomerRepository.SegmentChange>> segmentChanges,
                        InterestRatePolicy ratePolicy, LocalDate asOf) {
        LateFeePolicyTimeline versions = versions(customer, invoice, lines, segmentChanges, asOf);
        // segment rates follow the version in force each day (in the basis), so does the cap (each day's charges
        // judged by the cap of that day: InvoiceTerms#capChanges)
        String country = customer == null ? null : customer.country();
        return new Terms(versions.inForceOn(asOf), ratePolicy.basisFor(invoice, country,
            customer == null ? null : customer.segment(), versions, asOf), versions);
    }

    /** The late-fee policy versions the figures as of the date depend on (the default when none can matter). */
    private LateFeePolicyTimeline versions(Customer customer, Invoice invoice, List<LedgerEntry> lines,
                                           java.util.function.Supplier<List<CustomerRepository.SegmentChange>> segmentChanges,
                                           LocalDate asOf) {
        // Not late and nothing charged: no interest, no fees, nothing for a cap to bound, so the late-fee policy
        // cannot change the figures, so its decision is skipped (why: bench/results/TUNING.md, change 2).
        boolean policyMatters = asOf.isAfter(invoice.dueDate()) || lines.stream().anyMatch(e -> e.type().isCharge());
        return policyMatters ? timelineFor(customer, invoice, segmentChanges.get())
            : LateFeePolicyTimeline.constant(LateFeePolicy.DEFAULT);
    }

    private List<CustomerRepository.SegmentChange> segmentChanges(Customer customer) {
        return customer == null ? List.of() : customers.segmentChanges(customer.customerId());
    }

    /**
     * The EU fixed compensation in the invoice's currency: EUR 40, or converted with the euro exchange rate in force
     * on the due date (the latest dated on or before it), rounded once HALF_UP to the currency's minor unit; null
     * when no rate is known (nothing is charged and the statement says why: {@link #compensationNote}).
     */
    public com.collectwise.money.Money compensation(Invoice invoice) {
        if ("EUR".equals(invoice.currency())) {
            return AccountReplay.compensationIn("EUR", null);
        }
        return AccountReplay.compensationIn(invoice.currency(), fxTableOfTransaction()
            .unitsPerEurOn(invoice.currency(), invoice.dueDate()));
    }

    /**
     * Why a late EU invoice's EUR 40 is not on its statement, or null when nothing is missing: the text the
     * statement of account, the letters and the finance dashboard use.
     */
    public static String compensationNote(Invoice invoice, boolean unconverted) {
        if (!unconverted) {
            return null;
        }
        return "EUR 40 compensation (Directive 2011/7/EU) not charged: it could not be converted, no EUR/"
            + invoice.currency() + " rate on or before the due date " + invoice.dueDate()
            + " (finance enters it: /api/rates/fx)";
    }

    /**
     * Invoices issued by the date, open at its end and late by then whose EUR 40 cannot be converted: EU customers' invoices in
     * another currency than EUR without an exchange rate on or before their due date. Oldest due first.
     */
    public List<String> unconvertedCompensations(LocalDate asOf) {
        FxRates.Table fx = fxRates.table();
        List<String> found = new ArrayList<>();
        Map<String, Boolean> euCustomers = new HashMap<>();
        // open on the date (not closed by its end), whatever happened to them since
        for (InvoiceRepository.CaseNow candidate : invoices.casesOutstandingOn(asOf,
                asOf.plusDays(1).atStartOfDay(clock.zone()).toInstant())) {
            String number = candidate.invoiceNumber();
            Invoice invoice = invoices.find(number).orElse(null);
            if (invoice == null || "EUR".equals(invoice.currency()) || !asOf.isAfter(invoice.dueDate())
                || fx.unitsPerEurOn(invoice.currency(), invoice.dueDate()) != null) {
                continue;
            }
            boolean eu = euCustomers.computeIfAbsent(invoice.customerId(),
                c -> owesEuCompensation(customers.find(c).orElse(null)));
            // closed since: only when something was unpaid on the date (the ageing report's rule); one paid on time and
            // posted later owed nothing then
            if (eu && (candidate.status() == com.collectwise.kernel.CaseStatus.OPEN
                || statement(invoice, asOf).total().signum() > 0)) {
                found.add(number);
            }
        }
        return found;
    }

    /**
     * The EUR 40 applies to the customer's late invoices: the customer is in an EU member state by its country, or
     * by the home jurisdiction when it has none (as its statutory rate is).
     */
    private boolean owesEuCompensation(Customer customer) {
        return InterestRatePolicy.owesEuCompensation(interest, customer == null ? null : customer.country(),
            customer == null ? null : customer.segment());
    }

    /** The exchange-rate table, read once per transaction (finance entering a rate forgets it). */
    private FxRates.Table fxTableOfTransaction() {
        return TransactionCache.get(RatesKey.FX, fxRates::table);
    }

    /** The rate tables, read once per transaction (finance entering a rate forgets them). */
    private InterestRatePolicy ratePolicyOfTransaction() {
        return TransactionCache.get(RatesKey.RATES, this::ratePolicy);
    }

    private enum RatesKey {
        RATES, FX
    }

    private record InvoiceReplayKey(String invoiceNumber, LocalDate asOf) {
    }

    /** The statement with its workings: rate basis, interest periods, cap, customer credit. */
    public StatementDetail detail(Invoice invoice, LocalDate asOf) {
        CustomerAccount account = account(invoice.customerId(), asOf);
        AccountReplay.InvoiceFigures f = account.result().invoice(invoice.invoiceNumber());
        return new StatementDetail(f.statement(), account.bases().get(invoice.invoiceNumber()), f.accrual(),
            f.accruedInterest(), f.accruedFees(), f.compensation(), f.cap(), f.capReached(),
            account.result().credit(invoice.currency()), compensationNote(invoice, f.compensationUnconverted()));
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

    /**
     * The invoice's statement as of {@code asOf} if a credit note of {@code credit} had been issued on it: a credit
     * note reduces the invoice from its due date, so no interest ever ran on the credited part (the replay's own rule,
     * not a second formula). The credit is capped at the principal not yet credited as of the date (what a real
     * credit note could still take off, as {@code AdjustmentService#creditNote} allows). Nothing is stored; used for
     * the undisputed part of an invoice under open dispute (the disputed amount as a hypothetical credit note).
     */
    public Statement statementIfCredited(Invoice invoice, java.math.BigDecimal credit, LocalDate asOf) {
        if (credit == null || credit.signum() <= 0) {
            return statement(invoice, asOf);
        }
        List<LedgerEntry> lines = ledger.listByInvoices(List.of(invoice.invoiceNumber()))
            .getOrDefault(invoice.invoiceNumber(), List.of());
        java.math.BigDecimal creditable = invoice.amount().subtract(lines.stream()
            .filter(e -> e.type() == com.collectwise.money.LedgerEntryType.CREDIT_NOTE && !e.bookedOn().isAfter(asOf))
            .map(e -> e.amount().amount()).reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add));
        java.math.BigDecimal amount = credit.min(creditable);
        if (amount.signum() <= 0) {
            return statement(invoice, asOf);
        }
        LedgerEntry hypothetical = LedgerEntry.of(invoice.invoiceNumber(), com.collectwise.money.LedgerEntryType.CREDIT_NOTE,
            com.collectwise.money.Component.PRINCIPAL, com.collectwise.money.Money.of(amount, invoice.currency()),
            asOf, "hypothetical credit note", "open disputes", null, null);
        return account(invoice.customerId(), List.of(), Map.of(invoice.invoiceNumber(), List.of(hypothetical)), asOf)
            .result().invoice(invoice.invoiceNumber()).statement();
    }

    private CustomerAccount account(String customerId, List<AccountReplay.PaymentFact> extra, LocalDate asOf) {
        return account(customerId, extra, Map.of(), asOf);
    }

    private CustomerAccount account(String customerId, List<AccountReplay.PaymentFact> extra,
                                    Map<String, List<LedgerEntry>> extraLines, LocalDate asOf) {
        log.debug("Replaying the account of customer {} as of {}", customerId, asOf);
        Customer customer = customers.find(customerId).orElse(null);
        List<Invoice> all = invoices.findByCustomer(customerId);
        // read when a late or charged invoice needs the late-fee policy, once for the account
        List<List<CustomerRepository.SegmentChange>> segmentChanges = new ArrayList<>(1);
        java.util.function.Supplier<List<CustomerRepository.SegmentChange>> changes = () -> {
            if (segmentChanges.isEmpty()) {
                segmentChanges.add(segmentChanges(customer));
            }
            return segmentChanges.get(0);
        };
        Map<String, List<LedgerEntry>> entries = ledger.listByInvoices(all.stream().map(Invoice::invoiceNumber).toList());
        InterestRatePolicy ratePolicy = all.isEmpty() ? null : ratePolicyOfTransaction();
        Map<String, InterestBasis> bases = new HashMap<>();
        List<AccountReplay.InvoiceTerms> terms = new ArrayList<>();
        // all customers are businesses (B2B), so an EU customer's late invoice earns the fixed compensation
        boolean euCompensation = owesEuCompensation(customer);
        for (Invoice invoice : all) {
            List<LedgerEntry> lines = entries.getOrDefault(invoice.invoiceNumber(), List.of());
            List<LedgerEntry> hypothetical = extraLines.getOrDefault(invoice.invoiceNumber(), List.of());
            if (!hypothetical.isEmpty()) {
                lines = new ArrayList<>(lines);
                lines.addAll(hypothetical);
            }
            Terms t = terms(customer, invoice, lines, changes, ratePolicy, asOf);
            bases.put(invoice.invoiceNumber(), t.basis());
            terms.add(new AccountReplay.InvoiceTerms(invoice.invoiceNumber(), invoice.currency(), invoice.amount(),
                invoice.issueDate(), invoice.dueDate(), t.basis().rate(), t.versions().firstCapPercent(),
                euCompensation, euCompensation ? compensation(invoice) : null, lines, t.versions().capChanges()));
        }
        List<AccountReplay.PaymentFact> facts = payments(customerId);
        if (!extra.isEmpty()) {
            facts = new ArrayList<>(facts);
            facts.addAll(extra);
        }
        // the customer's credit pays the undisputed parts first: the disputes of its invoices, when there is money
        // (without payments no money moves between invoices, so disputes change no figure of the replay)
        List<AccountReplay.DisputeFact> disputes = facts.isEmpty() || all.isEmpty() ? List.of()
            : disputes(customerId, all);
        if (!extraLines.isEmpty() && !disputes.isEmpty()) {
            disputes = creditedOn(disputes, extraLines.keySet(), asOf);
        }
        return new CustomerAccount(AccountReplay.replay(terms, facts, disputes, asOf), bases);
    }

    /**
     * The disputes as if those of {@code invoices} open on {@code asOf} had ended in credit notes of that date
     * ({@link #statementIfCredited}: the hypothetical credit note settles them, as a real one would), so they hold
     * nothing back from the customer's credit any more; the others as they are.
     */
    private static List<AccountReplay.DisputeFact> creditedOn(List<AccountReplay.DisputeFact> disputes,
                                                              java.util.Set<String> invoices, LocalDate asOf) {
        List<AccountReplay.DisputeFact> then = new ArrayList<>(disputes.size());
        for (AccountReplay.DisputeFact d : disputes) {
            boolean open = !d.raisedOn().isAfter(asOf) && (d.endedOn() == null || d.endedOn().isAfter(asOf));
            if (open && invoices.contains(d.invoiceNumber())) {
                List<AccountReplay.Credited> credits = new ArrayList<>(d.credits());
                credits.add(new AccountReplay.Credited(asOf, d.amount()));
                d = new AccountReplay.DisputeFact(d.invoiceNumber(), d.amount(), d.raisedOn(), d.raisedAt(),
                    d.endedOn(), d.endedAt(), credits);
            }
            then.add(d);
        }
        return then;
    }

    /** The disputes of the customer's invoices, read once per transaction (a change of a dispute forgets them). */
    private List<AccountReplay.DisputeFact> disputes(String customerId, List<Invoice> all) {
        return TransactionCache.get(new DisputesKey(customerId),
            () -> List.copyOf(disputeFacts.of(all.stream().map(Invoice::invoiceNumber).toList())));
    }

    private record DisputesKey(String customerId) {
    }

    /** Which rate the invoice bears and why, as of the date (no ledger read): the case view, the dashboard. */
    public InterestBasis basis(Invoice invoice, LocalDate asOf) {
        return basis(invoice, asOf, ratePolicy());
    }

    /** As {@link #basis(Invoice, LocalDate)} with rate tables read once for many invoices. */
    public InterestBasis basis(Invoice invoice, LocalDate asOf, InterestRatePolicy rules) {
        Customer customer = customers.find(invoice.customerId()).orElse(null);
        return rules.basisFor(invoice, customer == null ? null : customer.country(),
            customer == null ? null : customer.segment(), timelineFor(customer, invoice), asOf);
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

    /**
     * One payment's money that reached an invoice in the replay: its value date, when it was posted, and how much of it
     * the invoice took (fees, interest and principal together).
     */
    public record MoneyOnInvoice(String paymentReference, LocalDate receivedOn, java.time.Instant postedAt,
                                 java.math.BigDecimal amount) {
    }

    /**
     * The money that reached the invoice in the replay as of {@code asOf}, payment by payment, in value-date order
     * (then posting order): what the allocation gave the invoice, not what the payment named. A payment without an
     * invoice number counts for the invoice it paid (oldest due date first), a payment's surplus that went to
     * customer credit or to another invoice does not count here, and a payment reversed by {@code asOf} counts
     * nowhere. Promises and instalment plans judge their money by it.
     */
    public List<MoneyOnInvoice> moneyOn(Invoice invoice, LocalDate asOf) {
        AccountReplay.Result result = account(invoice.customerId(), asOf).result();
        Map<String, java.math.BigDecimal> reached = new HashMap<>();
        for (AccountReplay.Split s : result.splits()) {
            if (invoice.invoiceNumber().equals(s.invoiceNumber())) {
                reached.merge(s.paymentReference(), s.amount().amount(), java.math.BigDecimal::add);
            }
        }
        List<MoneyOnInvoice> money = new ArrayList<>();
        if (reached.isEmpty()) {
            return money;
        }
        for (AccountReplay.PaymentFact p : payments(invoice.customerId())) {
            java.math.BigDecimal amount = reached.get(p.reference());
            if (amount != null && amount.signum() > 0) {
                money.add(new MoneyOnInvoice(p.reference(), p.receivedOn(), p.postedAt(), amount));
            }
        }
        money.sort(java.util.Comparator.comparing(MoneyOnInvoice::receivedOn)
            .thenComparing(MoneyOnInvoice::postedAt).thenComparing(MoneyOnInvoice::paymentReference));
        return money;
    }

    /** The customer's applied payments with their reversal dates: the money facts of the replay. */
    public List<AccountReplay.PaymentFact> payments(String customerId) {
        // once per transaction: the statement asks whether there are any, the replay uses them (payments forget it)
        return TransactionCache.get(new PaymentsKey(customerId), () -> List.copyOf(appliedPayments.of(customerId)));
    }

    private record PaymentsKey(String customerId) {
    }

    private record ReplayKey(String customerId, LocalDate asOf) {
    }

    /** A replayed account with the rate basis of each of its invoices. */
    public record CustomerAccount(AccountReplay.Result result, Map<String, InterestBasis> bases) {
    }
}
