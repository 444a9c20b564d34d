package com.collectwise.cases;

import com.collectwise.fees.CaseFigures;
import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.CaseEngine;
import com.collectwise.kernel.CaseStatus;
import com.collectwise.kernel.ContactEntry;
import com.collectwise.kernel.ContactLog;
import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.InvoiceRepository;
import static com.collectwise.kernel.CaseVariables.*;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.collectwise.agreements.AcknowledgementService;
import com.collectwise.agreements.AgreementService;
import com.collectwise.agreements.Instalment;
import com.collectwise.agreements.InstalmentSchedule;
import com.collectwise.api.Amounts;
import com.collectwise.api.ConflictException;
import com.collectwise.api.FieldProblem;
import com.collectwise.api.InvalidRequestException;
import com.collectwise.api.NotFoundException;
import com.collectwise.cases.CaseView.AgreementView;
import com.collectwise.cases.CaseView.DisputeView;
import com.collectwise.cases.CaseView.PromiseView;
import com.collectwise.disputes.DisputeCategory;
import com.collectwise.customers.CustomerRepository;
import com.collectwise.disputes.DisputeService;
import com.collectwise.payments.Retries;

/**
 * Promises, instalment plans and disputes captured outside Collectwise (customer portal, ERP) and posted to the
 * API. The same rules as the call form apply. Each request writes its record, the contact-log line and the
 * acknowledgement, and correlates its message to the running case, in one transaction: the engine shares the
 * application's transaction, so a case that cannot take the message (closed, or a plan already running) rolls
 * everything back and the caller gets 409 with nothing written.
 * <p>
 * Requests of one customer go one at a time with its payments, credit notes and master-data changes: each takes the
 * lock on the customer's row first and only then reads the invoice, so a request that comes after the payment that
 * settled the invoice finds the case closed (409), and two requests into the same case never change it at once (the
 * engine's optimistic locking would fail one of them). A request that lost a race anyway (a lock wait timed out, a
 * job changed the case meanwhile) runs again from the start in a new transaction ({@link Retries}).
 */
@Service
public class CaseRequestService {

    static final String CHANNEL = "API";

    private final InvoiceRepository invoices;
    private final CaseFigures figures;
    private final PromiseBook promises;
    private final AgreementService agreements;
    private final DisputeService disputes;
    private final DisputedInFullTasks disputedInFull;
    private final AcknowledgementService acknowledgements;
    private final ContactLog contacts;
    private final CaseEngine cases;
    private final BusinessClock clock;
    private final CustomerRepository customers;
    private final TransactionTemplate transaction;
    private final org.springframework.context.ApplicationEventPublisher events;

    public CaseRequestService(InvoiceRepository invoices, CaseFigures figures, PromiseBook promises,
                              AgreementService agreements, DisputeService disputes,
                              AcknowledgementService acknowledgements, ContactLog contacts, CaseEngine cases,
                              BusinessClock clock, CustomerRepository customers,
                              PlatformTransactionManager transactionManager,
                              org.springframework.context.ApplicationEventPublisher events,
                              DisputedInFullTasks disputedInFull) {
        this.disputedInFull = disputedInFull;
        this.events = events;
        this.customers = customers;
        this.transaction = new TransactionTemplate(transactionManager);
        this.invoices = invoices;
        this.figures = figures;
        this.promises = promises;
        this.agreements = agreements;
        this.disputes = disputes;
        this.acknowledgements = acknowledgements;
        this.contacts = contacts;
        this.cases = cases;
        this.clock = clock;
    }

    /**
     * A promise of {@code amount} by {@code promisedDate} (checked by {@link PromiseRequest}); the case checks it the
     * morning after its grace days.
     *
     * @throws InvalidRequestException when the amount has more decimals than the invoice's currency or exceeds what is
     *                                 outstanding, or the date is past
     */
    public PromiseView promise(String invoiceNumber, BigDecimal amountAsSent, LocalDate promisedDate, String note,
                               String user) {
        return makePromise(invoiceNumber, amountAsSent, promisedDate, note, user).promise();
    }

    /** A promise, and whether this request made it (false: the same open promise was sent again). */
    public record MadePromise(PromiseView promise, boolean created) {
    }

    /**
     * As {@link #promise}; an open promise of the invoice with the same amount, date and note is the same promise sent
     * again (a client retrying after a lost answer): it is answered as it stands, nothing is stored, logged or
     * acknowledged a second time. A promise renewed with another date or amount is a new promise.
     */
    public MadePromise makePromise(String invoiceNumber, BigDecimal amountAsSent, LocalDate promisedDate, String note,
                                   String user) {
        return inTransaction(() -> {
            Invoice invoice = lockedOpenInvoice(invoiceNumber);
            java.util.Optional<PromiseView> same = promises.sameOpen(invoiceNumber, amountAsSent, promisedDate, note);
            if (same.isPresent()) {
                return new MadePromise(same.get(), false);
            }
            return new MadePromise(takePromise(invoice, amountAsSent, promisedDate, note, user, CHANNEL, null,
                clock.now()), true);
        });
    }

    /**
     * A promise the customer made in a call about all its invoices ({@link CustomerCalls}) for an invoice whose case
     * had no call task that day: taken as over the API, logged as the call (phone, the person reached, the call's
     * time). The caller checked the amount and that the case takes promises now.
     */
    PromiseView promiseMadeInCall(String invoiceNumber, BigDecimal amount, LocalDate promisedDate, String note,
                                  String user, String reachedPerson, java.time.Instant madeAt) {
        return inTransaction(() -> takePromise(lockedOpenInvoice(invoiceNumber), amount, promisedDate, note, user,
            "PHONE", reachedPerson, madeAt));
    }

    /** Takes the promise on {@code invoice}, locked and open ({@link #lockedOpenInvoice}) in this transaction. */
    private PromiseView takePromise(Invoice invoice, BigDecimal amountAsSent, LocalDate promisedDate, String note,
                                    String user, String channel, String reachedPerson, java.time.Instant contactAt) {
        String invoiceNumber = invoice.invoiceNumber();
        throwIfAny(promiseProblems(invoice, amountAsSent, promisedDate));
        BigDecimal amount = Amounts.atMinorUnit(amountAsSent, invoice.currency());
        // one instant for the row and the answer: the answer is the promise as stored (and as the case view shows it)
        java.time.Instant createdAt = clock.now();
        long id = promises.open(invoiceNumber, amount, invoice.currency(), promisedDate, note, user, createdAt);
        contacts.append(new ContactEntry(null, invoice.invoiceNumber(), invoice.customerId(), channel, contactAt, user,
            reachedPerson, CallOutcome.PROMISE_TO_PAY, note, amount, promisedDate));
        // a promise acknowledges the debt (Civil Code art. 195)
        acknowledgements.record(invoiceNumber, clock.today(), AcknowledgementService.PROMISE);
        // as on the call: the grace days end with the last grace day; the check runs the morning after
        ZonedDateTime checkAt = promisedDate.plusDays(promises.graceDays() + 1L)
            .atTime(CollectionPlanner.START_OF_DAY).atZone(clock.zone());
        correlate(invoiceNumber, MSG_PROMISE_MADE,
            Map.of(API_PROMISE_ID, id, API_PROMISE_CHECK_AT, PlanVariables.iso(checkAt)),
            "the case does not take promises now");
        return new PromiseView(id, amount, invoice.currency(), promisedDate, note, promises.status(id), user,
            createdAt);
    }

    /**
     * An instalment plan (checked by {@link AgreementRequest}, numbered from 1 in the order sent); the amounts must
     * cover the interest up to the last instalment (the error names the exact total), or, with {@code waiveInterest}
     * (a supervisor approves), sum to today's outstanding total.
     * The case leaves its stage for Process_InstalmentAgreement; while a plan runs it takes no other (409).
     *
     * @throws InvalidRequestException when an amount has more decimals than the invoice's currency or the schedule
     *                                 breaks a rule of the call form
     */
    public AgreementView agreement(String invoiceNumber, List<Instalment> planAsSent, boolean waiveInterest,
                                   String note, String user) {
        return inTransaction(() -> takeAgreement(invoiceNumber, planAsSent, waiveInterest, note, user));
    }

    private AgreementView takeAgreement(String invoiceNumber, List<Instalment> planAsSent, boolean waiveInterest,
                                        String note, String user) {
        Invoice invoice = lockedOpenInvoice(invoiceNumber);
        List<FieldProblem> problems = new ArrayList<>();
        List<Instalment> plan = new ArrayList<>();
        for (Instalment row : planAsSent) {
            BigDecimal amount = inCurrency(row.amount(), invoice, "instalments[" + (row.seq() - 1) + "].amount",
                problems);
            plan.add(new Instalment(row.seq(), row.dueDate(), amount));
        }
        if (problems.isEmpty()) {
            // the schedule rules of the call form: dates ahead and increasing, the total covering the interest of
            // the plan (each instalment paid on its date, the invoice owes exactly nothing after the last)
            problems.addAll(agreements.problems(invoice, plan, waiveInterest));
        }
        throwIfAny(problems);
        long id = agreements.propose(invoice, plan, waiveInterest, note, CHANNEL, user);
        contacts.append(entry(invoice, user, CallOutcome.INSTALMENT_REQUESTED,
            "Instalment plan #" + id + ": " + plan.size() + " instalments, total "
                + InstalmentSchedule.total(plan).toPlainString() + " " + invoice.currency()
                + (note == null ? "" : ". " + note), null, null));
        correlate(invoiceNumber, MSG_AGREEMENT_PROPOSED, Map.of(AGREEMENT_ID, id),
            "the case takes no instalment plan now (one is being agreed or runs already)");
        return AgreementView.of(agreements.find(id));
    }

    /**
     * A dispute (checked by {@link DisputeRequest}); Process_Dispute runs beside the case.
     *
     * @throws InvalidRequestException when the amount has more decimals than the invoice's currency or exceeds the
     *                                 undisputed outstanding amount
     */
    public DisputeView dispute(String invoiceNumber, DisputeCategory category, BigDecimal amountAsSent,
                               String description, String user) {
        return raiseDispute(invoiceNumber, category, amountAsSent, description, user).dispute();
    }

    /** A dispute, and whether this request raised it (false: the same open dispute was sent again). */
    public record RaisedDispute(DisputeView dispute, boolean created) {
    }

    /**
     * As {@link #dispute}; an open dispute of the invoice with the same category, amount and description is the same
     * dispute sent again (a client retrying after a lost answer): it is answered as it stands, nothing is stored.
     */
    public RaisedDispute raiseDispute(String invoiceNumber, DisputeCategory category, BigDecimal amountAsSent,
                                      String description, String user) {
        return inTransaction(() -> takeDispute(invoiceNumber, category, amountAsSent, description, user));
    }

    private RaisedDispute takeDispute(String invoiceNumber, DisputeCategory category, BigDecimal amountAsSent,
                                      String description, String user) {
        Invoice invoice = lockedOpenInvoice(invoiceNumber);
        // before the amount is judged: the replay of a dispute of the whole undisputed amount must not be refused
        java.util.Optional<com.collectwise.disputes.Dispute> same = disputes.forInvoice(invoiceNumber).stream()
            .filter(d -> com.collectwise.disputes.Dispute.OPEN.equals(d.status()) && d.category() == category
                && amountAsSent != null && d.amount().compareTo(amountAsSent) == 0
                && java.util.Objects.equals(d.description(), description))
            .findFirst();
        if (same.isPresent()) {
            return new RaisedDispute(DisputeView.of(same.get()), false);
        }
        throwIfAny(disputeProblems(invoice, category, amountAsSent));
        BigDecimal amount = Amounts.atMinorUnit(amountAsSent, invoice.currency());
        long id = disputes.raise(invoice, category, amount, description, CHANNEL, user);
        contacts.append(entry(invoice, user, CallOutcome.DISPUTED,
            "Dispute #" + id + " (" + category + ", " + amount.toPlainString() + " " + invoice.currency() + ")"
                + (description == null ? "" : ": " + description), null, null));
        correlate(invoiceNumber, MSG_DISPUTE_RAISED, Map.of(DISPUTE_ID, id), "the case takes no dispute now");
        withdrawCallsIfDisputedInFull(invoiceNumber);
        // an open call form of the case asks only for the undisputed part from now on, and names the disputed one
        events.publishEvent(new com.collectwise.kernel.CaseFiguresChanged(invoiceNumber));
        return new RaisedDispute(DisputeView.of(disputes.find(id)), true);
    }

    /**
     * Instalments the customer asked for in a call about all its invoices ({@link CustomerCalls}) on an invoice whose
     * case had no call task that day: the even plan of the call form ({@code count} monthly instalments from
     * {@code firstDue}, covering the interest of the plan) is proposed as over the API, and the case leaves its stage
     * for Process_InstalmentAgreement (a supervisor approves it where the approval rules ask for it). A case that
     * takes no plan now (one is being agreed or runs already) keeps it: the request is only logged.
     *
     * @return the agreement proposed, or null when the case takes no plan now
     */
    AgreementView agreementRequestedInCall(String invoiceNumber, int count, LocalDate firstDue, String note,
                                           String user, String reachedPerson, java.time.Instant madeAt) {
        return inTransaction(() -> {
            Invoice invoice = lockedOpenInvoice(invoiceNumber);
            if (!cases.awaits(invoiceNumber, MSG_AGREEMENT_PROPOSED)) {
                contacts.append(new ContactEntry(null, invoice.invoiceNumber(), invoice.customerId(), "PHONE", madeAt,
                    user, reachedPerson, CallOutcome.INSTALMENT_REQUESTED, join(note, "No plan proposed: an"
                        + " instalment plan of this invoice is being agreed or runs already."), null, null));
                return null;
            }
            List<Instalment> plan = agreements.proposeEven(invoice, count, firstDue);
            long id = agreements.propose(invoice, plan, false, note, "CALL", user);
            contacts.append(new ContactEntry(null, invoice.invoiceNumber(), invoice.customerId(), "PHONE", madeAt, user,
                reachedPerson, CallOutcome.INSTALMENT_REQUESTED, join(note, "Instalment plan #" + id + ": "
                    + plan.size() + " instalments, total " + InstalmentSchedule.total(plan).toPlainString() + " "
                    + invoice.currency() + "."), null, null));
            correlate(invoiceNumber, MSG_AGREEMENT_PROPOSED, Map.of(AGREEMENT_ID, id),
                "the case takes no instalment plan now (one is being agreed or runs already)");
            return AgreementView.of(agreements.find(id));
        });
    }

    /**
     * DOMAIN.md 5: an invoice disputed in full is not called for payment while the dispute is open; an open call of its
     * case would ask for nothing, so it is withdrawn (the case waits before its next call), and so are an open visit and
     * an open approval of the hand-off to the agency (the case waits before that stage, {@link DisputedInFullTasks}).
     */
    private void withdrawCallsIfDisputedInFull(String invoiceNumber) {
        disputedInFull.withdrawIfDisputedInFull(invoiceNumber);
    }

    private static String join(String a, String b) {
        return a == null || a.isBlank() ? b : a + " " + b;
    }

    /**
     * A dispute the customer raised in a call about all its invoices ({@link CustomerCalls}) on an invoice whose case
     * had no call task that day: the rules of {@link #dispute} (the minor unit of the invoice's currency, at most the
     * undisputed outstanding amount), logged as the call (phone, the person reached, the call's time).
     *
     * @throws InvalidRequestException when the amount does not fit the invoice (the call form checked it before)
     */
    DisputeView disputeRaisedInCall(String invoiceNumber, DisputeCategory category, BigDecimal amountAsSent,
                                    String description, String note, String user, String reachedPerson,
                                    java.time.Instant madeAt) {
        return inTransaction(() -> {
            Invoice invoice = lockedOpenInvoice(invoiceNumber);
            throwIfAny(disputeProblems(invoice, category, amountAsSent));
            BigDecimal amount = Amounts.atMinorUnit(amountAsSent, invoice.currency());
            long id = disputes.raise(invoice, category, amount, description, "CALL", user);
            contacts.append(new ContactEntry(null, invoice.invoiceNumber(), invoice.customerId(), "PHONE", madeAt, user,
                reachedPerson, CallOutcome.DISPUTED, "Dispute #" + id + " (" + category + ", " + amount.toPlainString()
                    + " " + invoice.currency() + ")" + (description == null ? "" : ": " + description)
                    + (note == null || note.isBlank() ? "" : ". " + note), null, null));
            correlate(invoiceNumber, MSG_DISPUTE_RAISED, Map.of(DISPUTE_ID, id), "the case takes no dispute now");
            withdrawCallsIfDisputedInFull(invoiceNumber);
            return DisputeView.of(disputes.find(id));
        });
    }

    /**
     * The checks of a promise that need the invoice: the decimals of its currency, a date from today to one year ahead
     * ({@link PromiseDates}), not more
     * than the outstanding total. A field that is null (missing, or already wrong in the body) is not judged.
     */
    List<FieldProblem> promiseProblems(Invoice invoice, BigDecimal amountAsSent, LocalDate promisedDate) {
        List<FieldProblem> problems = new ArrayList<>();
        BigDecimal amount = amountAsSent == null ? null : inCurrency(amountAsSent, invoice, "amount", problems);
        if (promisedDate != null && promisedDate.isBefore(clock.today())) {
            problems.add(new FieldProblem("promisedDate", "must not be in the past"));
        } else if (promisedDate != null && promisedDate.isAfter(PromiseDates.latest(clock.today()))) {
            problems.add(new FieldProblem("promisedDate", "must be at most one year ahead (on or before "
                + PromiseDates.latest(clock.today()) + "): a longer delay is an instalment plan"));
        }
        if (amount != null) {
            BigDecimal outstanding = figures.today(invoice.invoiceNumber()).outstanding();
            if (amount.compareTo(outstanding) > 0) {
                problems.add(new FieldProblem("amount", "must not exceed the outstanding total "
                    + outstanding.toPlainString() + " " + invoice.currency()));
            }
        }
        return problems;
    }

    /**
     * The checks of a dispute that need the invoice: the decimals of its currency, not more than the undisputed
     * outstanding amount. A field that is null (missing, or already wrong in the body) is not judged.
     */
    List<FieldProblem> disputeProblems(Invoice invoice, DisputeCategory category, BigDecimal amountAsSent) {
        List<FieldProblem> problems = new ArrayList<>();
        BigDecimal amount = amountAsSent == null ? null : inCurrency(amountAsSent, invoice, "amount", problems);
        if (amount != null) {
            disputes.problems(invoice, category, amount).stream()
                .filter(p -> category != null || !"category".equals(p.field()))
                .forEach(problems::add);
        }
        return problems;
    }

    /** The decimals of each amount (by field name; null amounts are not judged) against the invoice's currency. */
    static List<FieldProblem> decimalsProblems(Invoice invoice, java.util.Map<String, BigDecimal> amountsByField) {
        List<FieldProblem> problems = new ArrayList<>();
        amountsByField.forEach((field, amount) -> {
            if (amount != null) {
                inCurrency(amount, invoice, field, problems);
            }
        });
        return problems;
    }

    /**
     * The amount at the scale of the invoice currency's minor unit (JPY 1000, KWD 1.234, EUR 10.50); null, with the
     * problem added, when it has more decimals than that.
     */
    private static BigDecimal inCurrency(BigDecimal amount, Invoice invoice, String field, List<FieldProblem> problems) {
        if (Amounts.problem(amount, false) != null) {
            // already named by the check of the body (negative, zero, too large, too many decimals): not judged again,
            // and never scaled - 1e999999999 at two decimals overflows, 1e99999999 would be a number of 100 million
            // digits
            return null;
        }
        String problem = Amounts.minorUnitProblem(amount, invoice.currency());
        if (problem != null) {
            problems.add(new FieldProblem(field, problem));
            return null;
        }
        return Amounts.atMinorUnit(amount, invoice.currency());
    }

    private static void throwIfAny(List<FieldProblem> problems) {
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
    }

    /**
     * One transaction for the request, run again from the start when it lost a race (a lock wait timed out, the case
     * was changed meanwhile); inside a caller's transaction it joins that one and is not retried.
     */
    private <T> T inTransaction(java.util.function.Supplier<T> work) {
        if (org.springframework.transaction.support.TransactionSynchronizationManager.isActualTransactionActive()) {
            return work.get();
        }
        return Retries.onLockConflict(() -> transaction.execute(status -> work.get()));
    }

    /**
     * The invoice read again under the lock on its customer's row (a payment may have settled it while this request
     * waited): 404 for an unknown invoice, 409 for a closed case.
     */
    private Invoice lockedOpenInvoice(String invoiceNumber) {
        Invoice invoice = invoices.find(invoiceNumber)
            .orElseThrow(() -> new NotFoundException("There is no invoice " + invoiceNumber));
        customers.lock(invoice.customerId()); // forgets the rows read in this transaction: read again below
        Invoice locked = openInvoice(invoiceNumber);
        if (figures.today(invoiceNumber).outstanding().signum() == 0) {
            // paid off: its case is closing (H2 may show the payment a moment before the invoice's new status)
            throw new ConflictException("Invoice " + invoiceNumber + " owes nothing: its case is closing");
        }
        return locked;
    }

    /** 404 for an unknown invoice, 409 for a closed case (answered before the body: nothing to fix there). */
    Invoice openInvoice(String invoiceNumber) {
        Invoice invoice = invoices.find(invoiceNumber)
            .orElseThrow(() -> new NotFoundException("There is no invoice " + invoiceNumber));
        if (invoice.status() != CaseStatus.OPEN) {
            throw new ConflictException("The case of invoice " + invoiceNumber + " is closed (" + invoice.status()
                + ")");
        }
        return invoice;
    }

    /**
     * The subscription is looked up first so that the caller learns why; a race lost between lookup and
     * correlation ends the same way. Either exception rolls back what this request wrote.
     */
    private void correlate(String invoiceNumber, String message, Map<String, Object> variables, String refusal) {
        if (!cases.requestIfWaiting(invoiceNumber, message, variables)) {
            throw new ConflictException("Invoice " + invoiceNumber + ": " + refusal);
        }
    }

    private ContactEntry entry(Invoice invoice, String user, String outcome, String note, BigDecimal amount,
                               LocalDate promisedDate) {
        return new ContactEntry(null, invoice.invoiceNumber(), invoice.customerId(), CHANNEL, clock.now(), user, null,
            outcome, note, amount, promisedDate);
    }
}
