package com.collectwise.payments;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.collectwise.api.ConflictException;
import com.collectwise.api.FieldProblem;
import com.collectwise.api.InvalidRequestException;
import com.collectwise.kernel.AfterTransaction;
import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.CaseStatus;
import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.InvoiceOwesAgain;
import com.collectwise.kernel.InvoicePaidOff;
import com.collectwise.kernel.InvoiceRepository;
import com.collectwise.kernel.PaymentBooked;
import com.collectwise.api.NotFoundException;
import com.collectwise.customers.CustomerRepository;
import com.collectwise.fees.Allocation;
import com.collectwise.money.Statement;
import com.collectwise.fees.StatementService;
import com.collectwise.payments.PaymentReceipt.Outcome;

/**
 * Books incoming money. Money is never refused: a payment that matches no invoice is kept as
 * unapplied cash, a payment on a closed case becomes customer credit. The payment reference is the
 * idempotency key: the same payment again changes nothing, other content under a used reference is
 * a conflict. Booking, allocation, closing the invoice and telling the case happen in one transaction.
 */
@Service
public class PaymentService {

    static final String PAID_IN_FULL = "Paid in full";

    private static final Logger log = LoggerFactory.getLogger(PaymentService.class);

    private final PaymentRepository payments;
    private final InvoiceRepository invoices;
    private final CustomerRepository customers;
    private final StatementService statements;
    private final BusinessClock clock;
    private final TransactionTemplate transaction;
    private final org.springframework.context.ApplicationEventPublisher events;
    private final org.springframework.beans.factory.ObjectProvider<com.collectwise.kernel.CaseEngine> cases;

    public PaymentService(PaymentRepository payments, InvoiceRepository invoices, CustomerRepository customers,
                          StatementService statements, BusinessClock clock,
                          PlatformTransactionManager transactionManager,
                          org.springframework.context.ApplicationEventPublisher events,
                          org.springframework.beans.factory.ObjectProvider<com.collectwise.kernel.CaseEngine> cases) {
        this.events = events;
        this.cases = cases;
        this.payments = payments;
        this.invoices = invoices;
        this.customers = customers;
        this.statements = statements;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    /**
     * Books the payment in a transaction of its own. Payments of one customer are serialized by a lock on the
     * customer's row; when a concurrent call with the same reference wins the race, this one is rolled back and
     * answered as the replay it is; a lock that could not be had in time is retried a few times.
     */
    public PaymentReceipt receive(IncomingPayment payment) {
        return lookingAgainAfter(() -> receiveNow(payment));
    }

    private PaymentReceipt receiveNow(IncomingPayment payment) {
        PaymentReceipt receipt;
        try {
            receipt = Retries.onLockConflict(() -> transaction.execute(status -> book(payment)));
        } catch (DuplicateKeyException e) {
            log.info("Payment {} was booked by a concurrent request; answering as a replay", payment.paymentReference());
            receipt = payments.find(payment.paymentReference()).map(stored -> replay(stored, payment))
                .orElseThrow(() -> new ConflictException("Payment " + payment.paymentReference()
                    + " is being booked by another request; retry in a moment"));
        }
        return PaymentRepository.UNAPPLIED.equals(receipt.payment().status()) ? applyIfRegisteredMeanwhile(receipt)
            : receipt;
    }

    /**
     * Money kept unapplied because its invoice (or, naming no invoice, its customer) was not known when its
     * transaction looked: the registration may have run at that same moment, in a transaction that did not see this
     * uncommitted payment either. Looked at again now that the payment has committed: of the two, the one that
     * commits second sees the other (the registration looks again once it has committed, {@link Registrations}). Both
     * go through the same path, under the customer's lock, reading the waiting money again once they hold it, so the
     * money is applied exactly once. A replay of kept money looks again too.
     *
     * @return the receipt as it stands now: applied (201, or the replay's 200) when the invoice or customer is known
     */
    private PaymentReceipt applyIfRegisteredMeanwhile(PaymentReceipt receipt) {
        PaymentView kept = receipt.payment();
        Retries.onLockConflict(() -> transaction.execute(status -> kept.invoiceNumber() != null
            ? invoices.find(kept.invoiceNumber()).map(i -> applyWaitingFor(i.invoiceNumber(), i.customerId()))
                .orElse(false)
            : kept.customerId() != null && customers.exists(kept.customerId())
                && applyWaitingForCustomer(kept.customerId())));
        PaymentRepository.StoredPayment now = payments.find(kept.paymentReference()).orElseThrow();
        if (!PaymentRepository.APPLIED.equals(now.view().status())) {
            return receipt;
        }
        return new PaymentReceipt(receipt.outcome() == Outcome.REPLAYED ? Outcome.REPLAYED : Outcome.APPLIED,
            withAllocations(now));
    }

    /**
     * Books the payment inside the caller's transaction.
     *
     * @throws DuplicateKeyException when a concurrent transaction booked the same reference
     */
    @Transactional
    public PaymentReceipt book(IncomingPayment payment) {
        Optional<PaymentRepository.StoredPayment> stored = payments.find(payment.paymentReference());
        if (stored.isPresent()) {
            return replay(stored.get(), payment);
        }
        Invoice invoice = null;
        String customerId = payment.customerId();
        if (payment.invoiceNumber() != null) {
            invoice = invoices.find(payment.invoiceNumber()).orElse(null);
            if (invoice == null) {
                return unapplied(payment, payment.customerId(), "no invoice " + payment.invoiceNumber() + " is known");
            }
            if (payment.customerId() != null && !payment.customerId().equals(invoice.customerId())) {
                throw new InvalidRequestException(List.of(new FieldProblem("customerId",
                    "does not match the customer of invoice " + invoice.invoiceNumber())));
            }
            customerId = invoice.customerId();
            if (!payment.currency().equals(invoice.currency())) {
                // never booked as if it were the invoice's currency: finance converts or returns it
                return unapplied(payment, customerId, payment.currency() + " is not the currency of invoice "
                    + invoice.invoiceNumber() + " (" + invoice.currency() + ")");
            }
            if (invoice.status() == CaseStatus.SOLD) {
                // the factor owns the receivable: its money is neither ours to apply to the customer's other invoices
                // nor the customer's credit; finance passes it on (or sorts out money dated before the sale)
                return unapplied(payment, customerId, "invoice " + invoice.invoiceNumber()
                    + " was sold: kept for finance to pass on to the buyer (" + invoice.closeReason() + ")");
            }
        } else if (!customers.exists(customerId)) {
            // kept under the customer it names (no foreign key): it is the customer's credit once the ERP sends it
            return unapplied(payment, customerId, "no customer " + customerId + " is known");
        }
        payments.lockCustomer(customerId);
        payments.insert(payment, payment.invoiceNumber(), customerId, PaymentRepository.APPLIED, null, clock.now());
        LocalDate today = later(payment.receivedOn(), clock.today());
        StatementService.CustomerAccount account = statements.account(customerId, today);
        List<Allocation> splits = allocations(account, payment.paymentReference());
        payments.insertAllocations(payment.paymentReference(), splits, payment.currency(), payment.receivedOn());
        reconcile(customerId, account, payment.paymentReference(), payment.receivedOn());
        publishApplied(payment, customerId, splits);
        // the row as inserted above (not read back): PaymentRepository.find answers the same
        return new PaymentReceipt(Outcome.APPLIED, new PaymentView(payment.paymentReference(), PaymentRepository.APPLIED,
            payment.invoiceNumber(), customerId, com.collectwise.money.Money.stored(payment.amount(), payment.currency()),
            payment.currency(), payment.receivedOn(), payment.method(), splits, null, null));
    }

    /**
     * A bounced or recalled payment: it no longer counts from {@code reversedOn}, the customer's account is replayed
     * without it, a case it had settled is reopened. The same reversal again changes nothing; another reversal of
     * the same payment is a conflict.
     */
    public PaymentView reverse(String paymentReference, LocalDate reversedOn, String reason) {
        return lookingAgainAfter(() -> Retries.onLockConflict(() -> transaction.execute(status -> {
            PaymentRepository.StoredPayment stored = payments.find(paymentReference)
                .orElseThrow(() -> new NotFoundException("No payment " + paymentReference));
            String locked = stored.customerId();
            if (locked != null) {
                // kept money naming its customer too: it may be applied at this moment (its invoice registered)
                payments.lockCustomer(locked);
                stored = payments.find(paymentReference).orElseThrow();
            }
            String hash = reversedOn + "\n" + reason;
            if (stored.reversedOn() != null) {
                if (!hash.equals(stored.reversalHash())) {
                    throw new ConflictException("Payment " + paymentReference + " was reversed already on "
                        + stored.reversedOn() + " with another reason or date");
                }
                return stored.view();
            }
            if (reversedOn.isBefore(stored.view().receivedOn())) {
                throw new InvalidRequestException(List.of(new FieldProblem("reversedOn",
                    "must not be before the payment was received (" + stored.view().receivedOn() + ")")));
            }
            payments.markReversed(paymentReference, reversedOn, reason, hash);
            // read again: kept money naming no customer may have been applied to its invoice's customer by a
            // registration that committed while this update waited for the row
            PaymentRepository.StoredPayment reversed = payments.find(paymentReference).orElseThrow();
            if (reversed.customerId() != null && PaymentRepository.APPLIED.equals(reversed.status())) {
                if (!reversed.customerId().equals(locked)) {
                    payments.lockCustomer(reversed.customerId());
                }
                LocalDate today = later(reversedOn, clock.today());
                reconcile(reversed.customerId(), statements.account(reversed.customerId(), today), null, reversedOn,
                    true, true);
                // owed again where it had paid: whoever was told of the payment is told (an agency working the case),
                // and it acknowledges nothing any more (the limitation date may move back)
                String customerId = reversed.customerId();
                String currency = reversed.view().currency();
                payments.allocatedPerInvoice(paymentReference).forEach((invoiceNumber, amount) -> {
                    events.publishEvent(new PaymentReversed(paymentReference, customerId, invoiceNumber,
                        com.collectwise.money.Money.stored(amount, currency), currency, reversedOn, reason));
                    events.publishEvent(new com.collectwise.limitation.LimitationFactRecorded(invoiceNumber));
                });
            }
            return reversed.view();
        })));
    }

    /**
     * After the customer's money changed: every open invoice now owing nothing is settled ({@link InvoicePaidOff},
     * its case ends); a settled, written-off or sold invoice owing again (a reversal of money dated before the write-off
     * or sale, which took only what was left then) is reopened ({@link InvoiceOwesAgain}, a new case);
     * an open invoice this payment reached in part is told with {@link PaymentBooked} (acknowledgement, case, call
     * forms react). The events are handled synchronously in this transaction.
     */
    public void reconcile(String customerId, StatementService.CustomerAccount account, String paymentReference,
                          LocalDate valueDate) {
        reconcile(customerId, account, paymentReference, valueDate, false);
    }

    /**
     * {@link #reconcile} after money was credited or taken back without a payment (a credit note, a reversal, a waiver
     * or discount): besides settling and reopening, every invoice still open shows its new total at once in Cockpit
     * (the case's outstandingAmount) and on its open call forms, as the case view does. A payment tells the invoices it
     * reached ({@link PaymentBooked}); a credit note or a reversal changes the figures of its invoice and, through the
     * customer's credit, of the others, and no payment event tells them.
     */
    public void reconcileAfterAdjustment(String customerId, StatementService.CustomerAccount account,
                                         LocalDate valueDate) {
        reconcile(customerId, account, null, valueDate, false, true);
    }

    /**
     * @param reversal money was taken back (a bounced or recalled payment): only then does a written-off or sold
     *                 invoice owe again. A write-off or a sale closed the receivable with what was left on its day;
     *                 a rate or an exchange rate entered later that adds interest or the EUR 40 before that day
     *                 changes the figures, not the decision (the invoice is not worked again for it).
     */
    private void reconcile(String customerId, StatementService.CustomerAccount account, String paymentReference,
                           LocalDate valueDate, boolean reversal) {
        reconcile(customerId, account, paymentReference, valueDate, reversal, false);
    }

    /** @param showFigures every invoice still open shows its total now ({@link #reconcileAfterAdjustment}) */
    private void reconcile(String customerId, StatementService.CustomerAccount account, String paymentReference,
                           LocalDate valueDate, boolean reversal, boolean showFigures) {
        List<Invoice> known = invoices.findByCustomer(customerId);
        LookAgain later = lookAgain();
        if (later != null) {
            later.invoicesSeen.put(customerId, known.size());
        }
        for (Invoice invoice : known) {
            Statement now = account.result().invoice(invoice.invoiceNumber()).statement();
            if (invoice.status() == CaseStatus.OPEN && now.total().signum() == 0) {
                invoices.close(invoice.invoiceNumber(), CaseStatus.SETTLED, PAID_IN_FULL);
                events.publishEvent(new InvoicePaidOff(invoice.invoiceNumber()));
            } else if ((invoice.status() == CaseStatus.SETTLED || reversal && invoice.status() != CaseStatus.OPEN)
                && now.total().signum() > 0) {
                // settled, written off or sold: a write-off or a sale covered only what was left on its day, so money
                // that no longer counts (a bounced payment dated before it) is owed again, and worked again
                log.info("Invoice {} ({}) owes {} again after a reversal: its case is reopened", invoice.invoiceNumber(),
                    invoice.status(), now.total());
                invoices.reopen(invoice.invoiceNumber());
                events.publishEvent(new InvoiceOwesAgain(invoice.invoiceNumber(), customerId, now.total()));
            } else if (invoice.status() == CaseStatus.OPEN && paymentReference != null) {
                BigDecimal paidHere = account.result().splitsOf(paymentReference).stream()
                    .filter(s -> invoice.invoiceNumber().equals(s.invoiceNumber()))
                    .map(s -> s.amount().amount()).reduce(BigDecimal.ZERO, BigDecimal::add);
                if (paidHere.signum() > 0) {
                    // the acknowledgement of the debt, the case and the open call forms react, in that order
                    events.publishEvent(new PaymentBooked(invoice.invoiceNumber(), paymentReference, paidHere,
                        now.total(), valueDate));
                }
            } else if (invoice.status() == CaseStatus.OPEN && showFigures) {
                // Cockpit's display copy and the open call forms: the figure of the case view, not the one before
                cases.getObject().showOutstanding(invoice.invoiceNumber(), now.total());
                events.publishEvent(new com.collectwise.kernel.CaseFiguresChanged(invoice.invoiceNumber()));
            }
        }
    }

    /**
     * A customer's credit pays its next invoice at once (and may settle it). Money kept for the invoice is applied; a
     * payment posted at this same moment, not committed yet, is not seen here: the invoice looks again once its
     * registration has committed ({@link LookAgain}), and the payment looks for the invoice once it has committed
     * ({@link #applyIfRegisteredMeanwhile}).
     */
    @org.springframework.context.event.EventListener
    public void invoiceRegistered(com.collectwise.kernel.InvoiceRegistered event) {
        LookAgain registered = lookAgain();
        if (registered != null) {
            registered.invoices.put(event.invoiceNumber(), event.customerId());
        }
        // the customer's applied payments are read with the money waiting for the invoice (one query, usually the
        // case start's statement read it already): the look for waiting money below reads nothing more
        statements.payments(event.customerId());
        applyWaitingFor(event.invoiceNumber(), event.customerId());
        if (statements.payments(event.customerId()).isEmpty()) {
            // no money of the customer: nothing can change (the common case, kept cheap; the case start's statement
            // read the same applied payments in this transaction). Money booked at this same moment, not committed
            // yet, is looked for again once this transaction has committed (LookAgain).
            if (registered != null) {
                registered.customersWithoutMoney.add(event.customerId());
            }
            return;
        }
        payments.lockCustomer(event.customerId());
        reconcile(event.customerId(), statements.account(event.customerId(), clock.today()), null, clock.today());
    }

    /**
     * Money that came for this invoice before the invoice was registered (the bank feed ran before the ERP) was kept
     * as unapplied cash: it is the invoice's money, applied now by its value date, as if it had been posted after
     * the invoice (every figure is a replay, whatever the order of posting). Money in another currency, or naming
     * another customer, stays unapplied for finance. Safe to run any number of times, at the same moment too: the
     * waiting money is read again under the customer's lock, and only money still unapplied is applied.
     *
     * @return whether money was applied
     */
    private boolean applyWaitingFor(String invoiceNumber, String customerId) {
        if (!payments.hasWaitingFor(invoiceNumber, customerId)) {
            return false; // the common case: no lock taken, no invoice row read (nor cached) here
        }
        payments.lockCustomer(customerId);
        Invoice invoice = invoices.find(invoiceNumber).orElseThrow();
        if (invoice.status() == CaseStatus.SOLD) {
            return false; // kept for the buyer (see book)
        }
        List<PaymentRepository.Waiting> waiting = payments.waitingFor(invoiceNumber, customerId).stream()
            .filter(w -> w.currency().equals(invoice.currency())).toList();
        return applyWaiting(customerId, invoiceNumber, waiting);
    }

    /**
     * Finance entered or corrected a rate (LPR, ECB, an exchange rate): the statements of the invoices it applies to
     * changed, so an open invoice that now owes nothing is settled (its case stops dunning for money not owed) and a
     * settled one owing again is reopened, as after any booking ({@link #reconcile}). Once the rate has committed,
     * each customer in a transaction of its own, under the customer's lock.
     */
    @org.springframework.transaction.event.TransactionalEventListener(fallbackExecution = true)
    public void rateEntered(com.collectwise.fees.RateEntered event) {
        AfterTransaction.runOrDefer(() -> {
            TransactionTemplate own = new TransactionTemplate(transaction.getTransactionManager());
            own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
            LocalDate today = clock.today();
            List<String> customerIds = own.execute(status -> invoices.customersWithLateInvoicesSince(
                event.effectiveFrom(), event.effectiveFrom().atStartOfDay(clock.zone()).toInstant(), today,
                event.currency()));
            for (String customerId : customerIds) {
                try {
                    reconcileAfterRate(own, customerId);
                } catch (RuntimeException e) {
                    // the rate stands; this customer's next booking reconciles it
                    log.error("Customer {}: could not be reconciled after the rate of {} was entered",
                        customerId, event.effectiveFrom(), e);
                }
            }
        });
    }

    /**
     * One customer after a rate entry, under its lock: settled or reopened as the replay says, and marked for the
     * reports' replay when its recorded allocations no longer are the replay's split.
     */
    private void reconcileAfterRate(TransactionTemplate own, String customerId) {
        Retries.onLockConflict(() -> own.execute(status -> {
            payments.lockCustomer(customerId);
            LocalDate now = clock.today();
            StatementService.CustomerAccount account = statements.account(customerId, now);
            reconcile(customerId, account, null, now);
            if (!recordedAsReplayed(customerId, account, now)) {
                // the reports replay this customer's collected figures from now on (CollectedMoney)
                payments.markReplayedSinceRate(customerId, clock.now());
            }
            return null;
        }));
    }

    /** Whether what the customer's payments were recorded to pay each invoice is what the replay of today splits. */
    private boolean recordedAsReplayed(String customerId, StatementService.CustomerAccount account, LocalDate today) {
        Map<String, BigDecimal> replayed = new java.util.HashMap<>();
        for (com.collectwise.money.AccountReplay.Split s : account.result().splits()) {
            if (s.invoiceNumber() != null && s.component() != com.collectwise.money.Component.CREDIT) {
                replayed.merge(s.invoiceNumber(), s.amount().amount(), BigDecimal::add);
            }
        }
        Map<String, BigDecimal> recorded = payments.recordedPerInvoice(customerId, today);
        Set<String> numbers = new LinkedHashSet<>(replayed.keySet());
        numbers.addAll(recorded.keySet());
        return numbers.stream().allMatch(n -> replayed.getOrDefault(n, BigDecimal.ZERO)
            .compareTo(recorded.getOrDefault(n, BigDecimal.ZERO)) == 0);
    }

    /**
     * Money the bank feed posted for a customer before the ERP sent the customer (no invoice named) was kept
     * unapplied under the customer id it named: from now on it is the customer's credit, by its value date, and pays
     * the customer's invoices as they come.
     */
    @org.springframework.context.event.EventListener
    public void customerRegistered(com.collectwise.customers.CustomerRegistered event) {
        LookAgain registered = lookAgain();
        if (registered != null) {
            registered.customers.add(event.customerId());
        }
        applyWaitingForCustomer(event.customerId());
    }

    /** As {@link #applyWaitingFor}, for money that named the customer and no invoice. */
    private boolean applyWaitingForCustomer(String customerId) {
        if (payments.waitingForCustomer(customerId).isEmpty()) {
            return false;
        }
        payments.lockCustomer(customerId);
        return applyWaiting(customerId, null, payments.waitingForCustomer(customerId));
    }

    /**
     * Applies the waiting money still unapplied (the caller holds the customer's lock).
     *
     * @return whether any was
     */
    private boolean applyWaiting(String customerId, String invoiceNumber, List<PaymentRepository.Waiting> candidates) {
        List<PaymentRepository.Waiting> waiting = new ArrayList<>();
        for (PaymentRepository.Waiting w : candidates) {
            if (payments.apply(w.paymentReference(), customerId)) {
                waiting.add(w);
            }
        }
        if (waiting.isEmpty()) {
            return false;
        }
        PaymentRepository.Waiting last = waiting.get(waiting.size() - 1);
        StatementService.CustomerAccount account = statements.account(customerId,
            later(last.receivedOn(), clock.today()));
        for (PaymentRepository.Waiting w : waiting) {
            log.info("Payment {} was kept before {} was registered: applied by its value date {}",
                w.paymentReference(), invoiceNumber == null ? "customer " + customerId : "invoice " + invoiceNumber,
                w.receivedOn());
            List<Allocation> splits = allocations(account, w.paymentReference());
            payments.insertAllocations(w.paymentReference(), splits, w.currency(), w.receivedOn());
            publishApplied(new IncomingPayment(w.paymentReference(), invoiceNumber, customerId, w.amount(),
                w.currency(), w.receivedOn(), PaymentMethod.OTHER), customerId, splits);
        }
        reconcile(customerId, account, last.paymentReference(), last.receivedOn());
        return true;
    }

    /**
     * What the current transaction could not see of transactions running at the same moment, looked at again once it
     * has committed, each in a transaction of its own. Of two transactions that did not see each other, the one that
     * commits second sees the other here:
     * <ul>
     *   <li>invoices and customers registered: money waiting for them (a payment posted at the same moment was not
     *   visible while it was uncommitted), for all the invoices of the transaction (a batch of a large import); only
     *   invoices and customers with waiting money take the customer's lock;</li>
     *   <li>invoices registered for a customer who had no money in this transaction (no lock was taken): money booked
     *   for the customer at the same moment (it may have become credit without seeing the invoice);</li>
     *   <li>customers reconciled here (under their lock): an invoice registered at the same moment that the
     *   reconciliation did not see (a registration that saw no money takes no lock), one count per customer.</li>
     * </ul>
     * The first two are one query ({@link PaymentRepository#seenAgain}; a registration's look again is this one
     * SELECT when nothing was posted at the same moment). What is found is reconciled under the customer's lock, as
     * any booking is.
     */
    private final class LookAgain implements TransactionSynchronization {
        final Map<String, String> invoices = new LinkedHashMap<>();
        final Set<String> customers = new LinkedHashSet<>();
        final Set<String> customersWithoutMoney = new LinkedHashSet<>();
        final Map<String, Integer> invoicesSeen = new LinkedHashMap<>();

        @Override
        public void afterCommit() {
            // the entry point runs it once its transaction has let go of its connection (at once without one)
            AfterTransaction.runOrDefer(this::run);
        }

        void run() {
            TransactionTemplate own = new TransactionTemplate(transaction.getTransactionManager());
            own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
            // the look itself outside any transaction (the committed one suspended, if its connection is still bound)
            TransactionTemplate outside = new TransactionTemplate(transaction.getTransactionManager());
            outside.setPropagationBehavior(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
            try {
                // one query (as of now, after this transaction committed) for all three questions, in autocommit: a
                // single SELECT sees every transaction committed before it starts, exactly as the first statement of a
                // transaction of its own (READ COMMITTED takes a snapshot per statement; PostgreSQL takes even a
                // repeatable read's at the first statement, not at BEGIN), and it locks nothing, so the look is as late
                // and sees as much as in a transaction, without BEGIN and COMMIT (bench/results/TUNING.md, row 51). More
                // than 500 names: one such SELECT per 500, each after the commit, as the statements of a transaction were
                PaymentRepository.SeenAgain seen = invoices.isEmpty() && customersWithoutMoney.isEmpty()
                    && customers.isEmpty() ? new PaymentRepository.SeenAgain(Set.of(), Set.of(), Set.of())
                    : outside.execute(status -> payments.seenAgain(invoices.keySet(), customersWithoutMoney, customers));
                for (String number : seen.invoicesWithWaitingMoney()) {
                    Retries.onLockConflict(() -> own.execute(status -> applyWaitingFor(number, invoices.get(number))));
                }
                for (String customerId : customers) {
                    if (seen.customersWithWaitingMoney().contains(customerId)) {
                        Retries.onLockConflict(() -> own.execute(status -> applyWaitingForCustomer(customerId)));
                    }
                }
                Set<String> reconcile = new LinkedHashSet<>();
                for (String customerId : customersWithoutMoney) {
                    if (seen.customersWithAppliedMoney().contains(customerId)) {
                        reconcile.add(customerId);
                    }
                }
                if (!invoicesSeen.isEmpty()) {
                    own.executeWithoutResult(status -> invoicesSeen.forEach((customerId, counted) -> {
                        if (!reconcile.contains(customerId) && payments.invoiceCount(customerId) > counted) {
                            reconcile.add(customerId);
                        }
                    }));
                }
                for (String customerId : reconcile) {
                    log.info("Customer {}: money and an invoice were booked at the same moment; reconciled again",
                        customerId);
                    Retries.onLockConflict(() -> own.execute(status -> {
                        payments.lockCustomer(customerId);
                        reconcile(customerId, statements.account(customerId, clock.today()), null, clock.today());
                        return null;
                    }));
                }
            } catch (RuntimeException e) {
                // what committed stands; the money stays as booked, and the customer's next booking reconciles it
                log.error("Invoices {}, customers {}: money booked at the same moment could not be looked at again",
                    invoices.keySet(), customers, e);
            }
        }
    }

    /**
     * Runs an entry point that books money in transactions of its own (a payment, a reversal, a credit note): what its
     * transactions look at again once committed ({@link LookAgain}) runs when the work has ended, outside any
     * transaction ({@link AfterTransaction}).
     */
    public <T> T lookingAgainAfter(java.util.function.Supplier<T> work) {
        return AfterTransaction.around(work);
    }

    /** The current transaction's {@link LookAgain} (null outside a transaction). */
    private LookAgain lookAgain() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        for (TransactionSynchronization s : TransactionSynchronizationManager.getSynchronizations()) {
            if (s instanceof LookAgain r) {
                return r;
            }
        }
        LookAgain created = new LookAgain();
        TransactionSynchronizationManager.registerSynchronization(created);
        return created;
    }

    /**
     * A credit note decided in a model (an accepted dispute): once that decision has committed, the customer is
     * reconciled in a transaction of its own, so a credit note that leaves nothing owing settles the invoice and
     * ends its case (the dispute process has ended by then; the case is no longer waiting on it).
     */
    @org.springframework.transaction.event.TransactionalEventListener(fallbackExecution = true)
    public void invoiceCredited(com.collectwise.kernel.InvoiceCredited event) {
        TransactionTemplate own = new TransactionTemplate(transaction.getTransactionManager());
        own.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        Retries.onLockConflict(() -> own.execute(status -> {
            payments.lockCustomer(event.customerId());
            reconcileAfterAdjustment(event.customerId(), statements.account(event.customerId(), clock.today()),
                clock.today());
            return null;
        }));
    }

    /** A kept instalment plan (its interest waived if so agreed): the invoice is settled when it owes nothing. */
    @org.springframework.context.event.EventListener
    public void planKept(com.collectwise.agreements.PlanKept event) {
        payments.lockCustomer(event.customerId());
        reconcile(event.customerId(), statements.account(event.customerId(), clock.today()), null, clock.today());
    }

    /** One event per invoice the payment reached, with what it paid there. */
    private void publishApplied(IncomingPayment payment, String customerId, List<Allocation> splits) {
        java.util.Map<String, BigDecimal> perInvoice = new java.util.LinkedHashMap<>();
        splits.stream().filter(s -> s.invoiceNumber() != null)
            .forEach(s -> perInvoice.merge(s.invoiceNumber(), s.amount(), BigDecimal::add));
        perInvoice.forEach((invoiceNumber, amount) -> events.publishEvent(new PaymentApplied(
            payment.paymentReference(), customerId, invoiceNumber, amount, payment.currency(), payment.receivedOn())));
    }

    private static List<Allocation> allocations(StatementService.CustomerAccount account, String reference) {
        return account.result().splitsOf(reference).stream()
            .map(s -> new Allocation(s.invoiceNumber(), s.component().name(), s.amount().amount())).toList();
    }

    private PaymentReceipt unapplied(IncomingPayment payment, String customerId, String reason) {
        payments.insert(payment, payment.invoiceNumber(), customerId, PaymentRepository.UNAPPLIED, reason, clock.now());
        return new PaymentReceipt(Outcome.UNAPPLIED, payments.find(payment.paymentReference()).orElseThrow().view());
    }

    private PaymentReceipt replay(PaymentRepository.StoredPayment stored, IncomingPayment payment) {
        if (!stored.bodyHash().equals(payment.contentHash()) && !sameDescribedOtherwise(stored, payment)) {
            throw new ConflictException("Payment reference " + payment.paymentReference()
                + " was booked already with other content");
        }
        return new PaymentReceipt(Outcome.REPLAYED, withAllocations(stored));
    }

    private PaymentView withAllocations(PaymentRepository.StoredPayment stored) {
        PaymentView view = stored.view();
        if (stored.customerId() != null && PaymentRepository.APPLIED.equals(view.status())) {
            view = view.withAllocations(allocations(statements.account(stored.customerId(),
                later(view.receivedOn(), clock.today())), view.paymentReference()));
        }
        return view;
    }

    /**
     * The same payment described with or without the optional {@code customerId}: when the invoice is named, the
     * customer is the invoice's customer (a payment naming another one is refused before it is stored), so a replay
     * that adds the matching customer, or leaves out the customer the first post named, is the same payment. Money
     * kept for an invoice not known when it came, posted without a customer, has no customer to contradict: a replay
     * naming one is the same payment (and changes nothing), unless the invoice is known by now and is another
     * customer's. A replay naming another customer than the stored one is still other content.
     */
    private boolean sameDescribedOtherwise(PaymentRepository.StoredPayment stored, IncomingPayment payment) {
        if (payment.invoiceNumber() == null) {
            return false;
        }
        IncomingPayment without = new IncomingPayment(payment.paymentReference(), payment.invoiceNumber(), null,
            payment.amount(), payment.currency(), payment.receivedOn(), payment.method());
        if (stored.customerId() == null) {
            return payment.customerId() != null && stored.bodyHash().equals(without.contentHash())
                && invoices.find(payment.invoiceNumber()).map(i -> i.customerId().equals(payment.customerId()))
                    .orElse(true);
        }
        if (payment.customerId() != null && !payment.customerId().equals(stored.customerId())) {
            return false;
        }
        IncomingPayment with = new IncomingPayment(payment.paymentReference(), payment.invoiceNumber(),
            stored.customerId(), payment.amount(), payment.currency(), payment.receivedOn(), payment.method());
        return stored.bodyHash().equals(without.contentHash()) || stored.bodyHash().equals(with.contentHash());
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }
}
