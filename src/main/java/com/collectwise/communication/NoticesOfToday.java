package com.collectwise.communication;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.collectwise.communication.NoticeTemplates.Notice;
import com.collectwise.communication.NoticeTexts.Amounts;
import com.collectwise.fees.FeeService;
import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.CaseSettled;
import com.collectwise.kernel.CaseStageEntered;
import com.collectwise.kernel.CaseStatus;
import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.InvoiceRepository;
import com.collectwise.kernel.Stage;

/**
 * A notice is written once, but may go out days later: it waited for an e-mail address or a phone number (a missing
 * or refused one corrected later, {@link AddressCorrection}), or for the quiet hours to end. What it asks for must be
 * what is owed the day it goes out (DOMAIN.md 5: every figure is a replay; demanding money that is not owed is a
 * liability). So:
 * <ul>
 * <li>when the invoice is settled (paid, credited, written off, sold), its waiting notices are CANCELLED at once, with
 * the reason ({@link #caseSettled}): they never go out, and none waits for an address for ever;</li>
 * <li>a reminder (pre-due or overdue, e-mail or its SMS) written on an earlier day than it goes out is written again
 * from its template with today's figures just before it is handed over ({@link #asSentToday}); one that would ask for
 * nothing today (paid meanwhile, disputed in full, a pre-due reminder past the due date) is CANCELLED with the
 * reason;</li>
 * <li>a pre-due reminder still waiting once the due date has passed is CANCELLED with the reason, also one that has no
 * recipient and so never reaches the dispatcher ({@link #cancelOutdatedPreDueReminders}, by the case watch and when the
 * case enters a later stage).</li>
 * </ul>
 * An instalment agreement's notice written on an earlier day is read again by the agreements ({@link LaterDayNotice}):
 * an instalment reminder of an instalment paid meanwhile or past its due date is CANCELLED; a payment demand and the
 * acceleration notice state what is unpaid, or owed, the day they go out.
 * The formal letter's e-mail is not rewritten: it covers the dated PDF (the evidence of the demand, never altered, sent
 * by post the day it was made) and states its figures "as of" the letter's date, the same total as the PDF; it is
 * cancelled when its invoice is settled.
 */
@Component
public class NoticesOfToday {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(NoticesOfToday.class);

    /** The customer notices that ask for money of an invoice: none goes out once the invoice is settled. */
    static final Set<String> DEMANDS = Set.of(Outbox.PRE_DUE_REMINDER, Outbox.OVERDUE_REMINDER, Outbox.DUNNING_LETTER,
        "INSTALMENT_REMINDER", "AGREEMENT_DEMAND", "AGREEMENT_ACCELERATED", SmsGateway.KIND);

    private final Outbox outbox;
    private final NoticeContext context;
    private final NoticeTexts texts;
    private final InvoiceRepository invoices;
    private final BusinessClock clock;
    /** The agreements' notices (a package above this one, read when a notice goes out). */
    private final org.springframework.beans.factory.ObjectProvider<LaterDayNotice> laterDay;

    public NoticesOfToday(Outbox outbox, NoticeContext context, NoticeTexts texts, InvoiceRepository invoices,
                          BusinessClock clock, org.springframework.beans.factory.ObjectProvider<LaterDayNotice> laterDay) {
        this.laterDay = laterDay;
        this.outbox = outbox;
        this.context = context;
        this.texts = texts;
        this.invoices = invoices;
        this.clock = clock;
    }

    /** The invoice is settled: what still waits to demand its money is not sent (in the closing transaction). */
    @EventListener
    public void caseSettled(CaseSettled settled) {
        outbox.cancelWaiting(settled.invoiceNumber(), DEMANDS, settledReason(settled.status(), clock.today()));
    }

    /**
     * A pre-due reminder says "due on ..." and never goes out after the due date: one still waiting (for an e-mail
     * address, a phone number, the end of the quiet hours) is CANCELLED with the reason once the due date has passed,
     * whether or not the dispatcher would ever pick it up (one without a recipient never is), so it neither stays
     * PENDING nor keeps the owner's "No e-mail address" task open (the watch runs this before the contact problems).
     *
     * @return how many were cancelled now
     */
    public int cancelOutdatedPreDueReminders() {
        LocalDate today = clock.today();
        int cancelled = 0;
        java.util.Map<String, Optional<Invoice>> byNumber = new java.util.HashMap<>();
        for (Outbox.WaitingPreDue w : outbox.waitingPreDueReminders()) {
            Optional<Invoice> invoice = byNumber.computeIfAbsent(w.invoiceNumber(), invoices::find);
            if (invoice.isPresent() && today.isAfter(invoice.get().dueDate())
                && outbox.cancel(w.id(), preDuePassed(invoice.get()))) {
                cancelled++;
            }
        }
        return cancelled;
    }

    /** The case is overdue now (it entered a stage after the pre-due one): its waiting pre-due reminder will not go. */
    @EventListener
    public void stageEntered(CaseStageEntered entered) {
        if (entered.stage() != Stage.PRE_DUE) {
            invoices.find(entered.invoiceNumber()).filter(i -> clock.today().isAfter(i.dueDate()))
                .ifPresent(i -> outbox.waitingPreDueReminders().stream()
                    .filter(w -> w.invoiceNumber().equals(i.invoiceNumber()))
                    .forEach(w -> outbox.cancel(w.id(), preDuePassed(i))));
        }
    }

    private static String preDuePassed(Invoice invoice) {
        return "Not sent: the due date " + invoice.dueDate()
            + " passed before the pre-due reminder went out (the overdue reminder takes over).";
    }

    private static String settledReason(CaseStatus status, LocalDate on) {
        return "Not sent: the invoice was " + status.name().toLowerCase().replace('_', ' ') + " (by " + on
            + ") before the notice went out.";
    }

    /**
     * The text a waiting message goes out with now: as written when it was written today (or is no demand); else the
     * reminder written again with today's figures (and saved so, the outbox shows what was sent). Empty: it is not
     * sent (CANCELLED, with the reason), or held for now when today's figures cannot be computed.
     */
    Optional<OutboxMessage> asSentToday(OutboxMessage m) {
        try {
            return refreshed(m);
        } catch (RuntimeException e) {
            // today's figures cannot be had (e.g. a fee policy in error): the notice waits (PENDING, tried again on the
            // next run) rather than demand yesterday's figures, and the other messages still go
            log.error("outbox message {} held: its figures as of today cannot be computed: {}", m.id(), e.getMessage(),
                e);
            return Optional.empty();
        }
    }

    private Optional<OutboxMessage> refreshed(OutboxMessage m) {
        if (m.invoiceNumber() == null || !DEMANDS.contains(m.kind())) {
            return Optional.of(m);
        }
        LocalDate today = clock.today();
        if (!m.createdAt().atZone(clock.zone()).toLocalDate().isBefore(today)) {
            return Optional.of(m); // written today: its figures are today's (a settlement cancels it, above)
        }
        Invoice invoice = invoices.find(m.invoiceNumber()).orElse(null);
        if (invoice == null) {
            return Optional.of(m);
        }
        if (invoice.status() != CaseStatus.OPEN) {
            return cancelled(m, settledReason(invoice.status(), today));
        }
        String key = Outbox.noticeKey(m.idempotencyKey());
        boolean sms = SmsGateway.KIND.equals(m.kind());
        String notice = sms && key.startsWith("SMS:") ? key.substring("SMS:".length()) : key;
        if (notice.startsWith(Outbox.OVERDUE_REMINDER + ":")) {
            // the text asks for what its e-mail asks for: with the fee the e-mail books when it goes out
            return overdueReminder(m, sms, outbox.feeOnDispatch(sms ? notice : m.idempotencyKey()) != null);
        }
        if (notice.startsWith(Outbox.PRE_DUE_REMINDER + ":")) {
            return preDueReminder(m, invoice, sms, today);
        }
        // an agreement's notice (instalment reminder, payment demand, acceleration): as its writer reads it today
        Optional<LaterDayNotice> writer = laterDay.orderedStream().filter(w -> w.kinds().contains(m.kind()))
            .findFirst();
        if (writer.isPresent()) {
            LaterDayNotice.Today now = writer.get().asOfToday(m.idempotencyKey(), m.subject(), m.body());
            return now.notSentBecause() != null ? cancelled(m, now.notSentBecause())
                : rewritten(m, now.subject(), now.body());
        }
        return Optional.of(m);
    }

    private Optional<OutboxMessage> overdueReminder(OutboxMessage m, boolean sms, boolean feeOnDispatch) {
        NoticeContext.Case c = context.of(m.invoiceNumber(), 0);
        String currency = c.figures().invoice().currency();
        if (c.figures().statement().total().signum() <= 0) {
            return cancelled(m, "Not sent: nothing is owed any more on " + clock.today() + ".");
        }
        if (c.disputedInFull()) {
            return cancelled(m, "Not sent: the open dispute covers everything owed on " + clock.today() + " ("
                + CollectionNotices.money(currency, c.figures().statement().total()) + " owed, "
                + CollectionNotices.money(currency, c.disputed().disputed()) + " under open dispute).");
        }
        // the fee it quotes is the one it books when it goes out; a fee booked when it was written is in the figures
        LateCharges charges = context.lateCharges(c, FeeService.Kind.REMINDER_FEE, feeOnDispatch);
        Map<String, String> v = texts.overdueValues(c.figures().invoice(), c.customer(), c.figures().statement(),
            c.figures().daysOverdue(), charges, null, Notice.OVERDUE_REMINDER, "feeLine", Amounts.PLAIN, c.disputed());
        return rewritten(m, sms ? null : texts.render(c.customer(), Notice.OVERDUE_REMINDER, "subject", v),
            texts.render(c.customer(), Notice.OVERDUE_REMINDER, sms ? "sms" : "body", v));
    }

    private Optional<OutboxMessage> preDueReminder(OutboxMessage m, Invoice invoice, boolean sms, LocalDate today) {
        if (today.isAfter(invoice.dueDate())) {
            return cancelled(m, preDuePassed(invoice));
        }
        NoticeContext.BeforeDue c = context.beforeDue(m.invoiceNumber());
        if (c.asksForNothing()) {
            return cancelled(m, "Not sent: nothing undisputed is open on " + today + " ("
                + CollectionNotices.money(invoice.currency(), c.open()) + " open, "
                + CollectionNotices.money(invoice.currency(), c.disputed().disputed()) + " under open dispute).");
        }
        Map<String, String> v = texts.preDueValues(c.invoice(), c.customer(), c.rateOnceOverdue(), c.open(),
            c.disputed());
        return rewritten(m, sms ? null : texts.render(c.customer(), Notice.PRE_DUE_REMINDER, "subject", v),
            texts.render(c.customer(), Notice.PRE_DUE_REMINDER, sms ? "sms" : "body", v));
    }

    private Optional<OutboxMessage> rewritten(OutboxMessage m, String subject, String body) {
        if (!body.equals(m.body()) || subject != null && !subject.equals(m.subject())) {
            outbox.rewrite(m.id(), subject, body);
        }
        return Optional.of(new OutboxMessage(m.id(), m.idempotencyKey(), m.invoiceNumber(), m.customerId(), m.kind(),
            m.recipient(), subject, body, m.status(), m.attempts(), m.createdAt(), m.dispatchedAt(), m.notBefore(),
            m.reason()));
    }

    private Optional<OutboxMessage> cancelled(OutboxMessage m, String reason) {
        outbox.cancel(m.id(), reason);
        return Optional.empty();
    }
}
