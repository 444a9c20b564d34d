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
import org.springframework.transaction.annotation.Transactional;

import com.collectwise.agreements.AcknowledgementService;
import com.collectwise.agreements.AgreementService;
import com.collectwise.agreements.Instalment;
import com.collectwise.agreements.InstalmentSchedule;
import com.collectwise.api.ConflictException;
import com.collectwise.api.FieldReader;
import com.collectwise.api.NotFoundException;
import com.collectwise.cases.CaseView.AgreementView;
import com.collectwise.cases.CaseView.DisputeView;
import com.collectwise.cases.CaseView.PromiseView;
import com.collectwise.disputes.DisputeCategory;
import com.collectwise.disputes.DisputeService;

/**
 * Promises, instalment plans and disputes captured outside Collectwise (customer portal, ERP) and posted to the
 * API. The same rules as the call form apply. Each request writes its record, the contact-log line and the
 * acknowledgement, and correlates its message to the running case, in one transaction: the engine shares the
 * application's transaction, so a case that cannot take the message (closed, or a plan already running) rolls
 * everything back and the caller gets 409 with nothing written.
 */
@Service
public class CaseRequestService {

    static final String CHANNEL = "API";

    private final InvoiceRepository invoices;
    private final CaseFigures figures;
    private final PromiseBook promises;
    private final AgreementService agreements;
    private final DisputeService disputes;
    private final AcknowledgementService acknowledgements;
    private final ContactLog contacts;
    private final CaseEngine cases;
    private final BusinessClock clock;

    public CaseRequestService(InvoiceRepository invoices, CaseFigures figures, PromiseBook promises,
                              AgreementService agreements, DisputeService disputes,
                              AcknowledgementService acknowledgements, ContactLog contacts, CaseEngine cases,
                              BusinessClock clock) {
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

    /** Body {@code {amount, promisedDate, note}}; the case checks the promise the morning after its grace days. */
    @Transactional
    public PromiseView promise(String invoiceNumber, FieldReader body, String user) {
        Invoice invoice = openInvoice(invoiceNumber);
        BigDecimal amount = body.amount("amount", true, invoice.currency());
        LocalDate promisedDate = body.date("promisedDate", true);
        String note = body.text("note", false, 2000);
        if (promisedDate != null && promisedDate.isBefore(clock.today())) {
            body.reject("promisedDate", "must not be in the past");
        }
        if (amount != null) {
            BigDecimal outstanding = figures.today(invoiceNumber).outstanding();
            if (amount.compareTo(outstanding) > 0) {
                body.reject("amount", "must not exceed the outstanding total " + outstanding.toPlainString() + " " + invoice.currency());
            }
        }
        body.throwIfInvalid();
        long id = promises.open(invoiceNumber, amount, invoice.currency(), promisedDate, note, user, clock.now());
        contacts.append(entry(invoice, user, CallOutcome.PROMISE_TO_PAY, note, amount, promisedDate));
        // a promise acknowledges the debt (Civil Code art. 195)
        acknowledgements.record(invoiceNumber, clock.today(), AcknowledgementService.PROMISE);
        // as on the call: the grace days end with the last grace day; the check runs the morning after
        ZonedDateTime checkAt = promisedDate.plusDays(promises.graceDays() + 1L)
            .atTime(CollectionPlanner.START_OF_DAY).atZone(clock.zone());
        correlate(invoiceNumber, MSG_PROMISE_MADE,
            Map.of(API_PROMISE_ID, id, API_PROMISE_CHECK_AT, PlanVariables.iso(checkAt)),
            "the case does not take promises now");
        return new PromiseView(id, amount, invoice.currency(), promisedDate, note, promises.status(id), user,
            clock.now());
    }

    /**
     * Body {@code {instalments: [{dueDate, amount}], note, waiveInterest}}; the amounts must cover the interest up to
     * the last instalment (the error names the exact total), or, with {@code waiveInterest: true} (a supervisor
     * approves), sum to today's outstanding total.
     * The case leaves its stage for Process_InstalmentAgreement; while a plan runs it takes no other (409).
     */
    @Transactional
    public AgreementView agreement(String invoiceNumber, FieldReader body, String user) {
        Invoice invoice = openInvoice(invoiceNumber);
        List<Instalment> plan = new ArrayList<>();
        List<FieldReader> rows = body.objects("instalments", true, 1, 100);
        for (FieldReader row : rows) {
            LocalDate dueDate = row.date("dueDate", true);
            BigDecimal amount = row.amount("amount", true, invoice.currency());
            if (dueDate != null && amount != null) {
                plan.add(new Instalment(plan.size() + 1, dueDate, amount));
            }
        }
        String note = body.text("note", false, 2000);
        // the interest of the plan waived (a supervisor approves): the plan covers what is outstanding today
        boolean waiveInterest = body.bool("waiveInterest", false);
        if (body.isValid()) {
            // the schedule rules of the call form: dates ahead and increasing, the total covering the interest of
            // the plan (each instalment paid on its date, the invoice owes exactly nothing after the last)
            agreements.problems(invoice, plan, waiveInterest).forEach(p -> body.reject(p.field(), p.message()));
        }
        body.throwIfInvalid();
        long id = agreements.propose(invoice, plan, waiveInterest, note, CHANNEL, user);
        contacts.append(entry(invoice, user, CallOutcome.INSTALMENT_REQUESTED,
            "Instalment plan #" + id + ": " + plan.size() + " instalments, total "
                + InstalmentSchedule.total(plan).toPlainString() + " " + invoice.currency()
                + (note == null ? "" : ". " + note), null, null));
        correlate(invoiceNumber, MSG_AGREEMENT_PROPOSED, Map.of(AGREEMENT_ID, id),
            "the case takes no instalment plan now (one is being agreed or runs already)");
        return AgreementView.of(agreements.find(id));
    }

    /** Body {@code {category, amount, description}}; Process_Dispute runs beside the case. */
    @Transactional
    public DisputeView dispute(String invoiceNumber, FieldReader body, String user) {
        Invoice invoice = openInvoice(invoiceNumber);
        DisputeCategory category = body.enumValue("category", DisputeCategory.class, null);
        BigDecimal amount = body.amount("amount", true, invoice.currency());
        // optional as on the call form; short enough to fit the contact-log note with its prefix
        String description = body.text("description", false, 2000);
        if (category != null && amount != null) {
            disputes.problems(invoice, category, amount).forEach(p -> body.reject(p.field(), p.message()));
        }
        body.throwIfInvalid();
        long id = disputes.raise(invoice, category, amount, description, CHANNEL, user);
        contacts.append(entry(invoice, user, CallOutcome.DISPUTED,
            "Dispute #" + id + " (" + category + ", " + amount.toPlainString() + " " + invoice.currency() + ")"
                + (description == null ? "" : ": " + description), null, null));
        correlate(invoiceNumber, MSG_DISPUTE_RAISED, Map.of(DISPUTE_ID, id), "the case takes no dispute now");
        return DisputeView.of(disputes.find(id));
    }

    /** 404 for an unknown invoice, 409 for a closed case (checked before the body: nothing to fix there). */
    private Invoice openInvoice(String invoiceNumber) {
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
