package com.collectwise.communication;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import com.collectwise.kernel.CaseFacts;
import com.collectwise.kernel.CasePlans;
import com.collectwise.kernel.CaseVariables;

import com.collectwise.kernel.ElementProperty;
import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.ContactEntry;
import com.collectwise.kernel.ContactLog;
import com.collectwise.fees.FeeService;

/**
 * "Send written reminder" after the formal letter, at the policy's interval ("37% treat the first notice as
 * unseen"): today's figures, the undisputed amount to pay, the rate and its basis. One per day it is sent, so a
 * retried job queues nothing twice. An invoice disputed in full gets none: the case file says why and no fee is
 * booked (as {@link SendOverdueReminderDelegate}). A part payment since the timer was set restarted the clock
 * ({@link WrittenReminderSchedule#dueNow}): nothing is sent now, the timer waits again. A reminder that reaches the
 * customer on no channel (no e-mail address or a refused one) waits in the outbox: the case file says so, the
 * collector gets a task, and its fee and its "sent" entry follow the day it really goes out ({@link DispatchFollowUp}).
 * So do those of one written in the quiet hours (22:00-08:00), whose e-mail waits for 08:00.
 */
@Component("sendWrittenReminderDelegate")
public class SendWrittenReminderDelegate implements JavaDelegate {

    /** The contact log's outcome of a written reminder sent. */
    public static final String OUTCOME = "WRITTEN_REMINDER";
    /** The case file's outcome of a written reminder that reached nobody (it waits for an address). */
    public static final String NOT_SENT = "WRITTEN_REMINDER_NOT_SENT";
    /**
     * What a written reminder held back by the quiet hours owes its dispatch ({@link Outbox#owedOnDispatch}): the
     * case-file entry {@link #OUTCOME} when it goes out, saying it waited for the morning ({@link DispatchFollowUp}).
     */
    public static final String AFTER_QUIET_HOURS = "WRITTEN_REMINDER_AFTER_QUIET_HOURS";

    /**
     * What the case file's note of a reminder left out for a full dispute starts with ("Written reminder not sent: the
     * open dispute covers ..."): {@link WrittenReminderSchedule} counts that day as handled.
     */
    static final String LEFT_OUT = "Written reminder";

    private final NoticeContext context;
    private final CaseFacts facts;
    private final CollectionNotices notices;
    private final BusinessClock clock;
    private final ContactLog contacts;
    private final ContactProblems problems;
    private final WrittenReminderSchedule schedule;
    private final CasePlans plans;

    public SendWrittenReminderDelegate(NoticeContext context, CollectionNotices notices, BusinessClock clock,
                                       CaseFacts facts, ContactLog contacts, ContactProblems problems,
                                       WrittenReminderSchedule schedule, CasePlans plans) {
        this.facts = facts;
        this.contacts = contacts;
        this.context = context;
        this.notices = notices;
        this.clock = clock;
        this.problems = problems;
        this.schedule = schedule;
        this.plans = plans;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String invoiceNumber = (String) execution.getVariable(CaseVariables.INVOICE_NUMBER);
        if (!schedule.dueNow(invoiceNumber, execution.getVariable(CaseVariables.FORMAL_LETTER_AT),
            plans.writtenReminderDays(execution))) {
            // a part payment restarted the clock after this timer was set: the next one counts from the payment
            SendOverdueReminderDelegate.noFee(execution);
            return;
        }
        NoticeContext.Case c = context.of(invoiceNumber, facts.stageEntry(execution));
        if (c.disputedInFull()) {
            // nothing undisputed to ask for (DOMAIN.md 5): a note instead, and no fee
            SendOverdueReminderDelegate.notSent(execution, c, contacts, clock, LEFT_OUT);
            return;
        }
        boolean goesOut = notices.reachesCustomer(c.customer());
        LateCharges charges = context.lateCharges(c, FeeService.Kind.REMINDER_FEE,
            ElementProperty.nextTaskRuns(execution, "chargeWrittenReminderFeeDelegate"));
        boolean sent = notices.writtenReminder(c.figures().invoice(), c.customer(), c.figures().statement(),
            c.figures().daysOverdue(), charges, c.disputed(), clock.today());
        String owed = c.figures().statement().total().toPlainString() + " " + c.figures().invoice().currency()
            + " owed today.";
        if (!goesOut) {
            // queued for an address entered later: its fee and its "sent" entry follow when it goes out
            SendOverdueReminderDelegate.waitsForChannel(execution, c, charges, sent,
                CollectionNotices.writtenReminderKey(invoiceNumber, clock.today()), OUTCOME, notices, problems);
            if (sent) {
                // the case file says what really happened (DOMAIN.md 1): no contact, a task for the collector
                contacts.append(new ContactEntry(null, invoiceNumber, c.customer().customerId(), "NOTE", clock.now(),
                    null, null, NOT_SENT, "Written reminder not sent: " + why(c) + ". It waits in the outbox and "
                    + "goes out once a usable address is entered in the customer file (task for the collector). "
                    + owed, null, null));
            }
            return;
        }
        String key = CollectionNotices.writtenReminderKey(invoiceNumber, clock.today());
        if (sent && notices.heldByQuietHours(key, c.customer())) {
            // written in the quiet hours (22:00-08:00): the e-mail goes out at 08:00, maybe the next day; the fee and
            // the case-file entry follow it then, dated the day it goes out (DOMAIN.md 6: fees "are booked when the
            // reminder goes out"), not the night it was written
            SendOverdueReminderDelegate.noFee(execution);
            notices.owedOnDispatch(key, charges.noticeFee() == null ? null : FeeService.Kind.REMINDER_FEE.name(),
                AFTER_QUIET_HOURS);
            return;
        }
        if (sent) {
            // a written reminder is a contact attempt like a call (DOMAIN.md 2: "each logged"): the case file shows it
            String to = notices.mailTo(c.customer());
            contacts.append(new ContactEntry(null, invoiceNumber, c.customer().customerId(),
                to == null ? "SMS" : "EMAIL", clock.now(), null, null, OUTCOME, "Written reminder sent to "
                + (to == null ? c.customer().phone() + " (text message)" : to) + ": " + owed, null, null));
        }
    }

    private String why(NoticeContext.Case c) {
        return notices.whyUnreached(c.customer()) == ContactProblems.Problem.MISSING_EMAIL
            ? "the customer has no e-mail address"
            : "the mail server refused the customer's e-mail address " + c.customer().email() + " (not delivered)";
    }
}
