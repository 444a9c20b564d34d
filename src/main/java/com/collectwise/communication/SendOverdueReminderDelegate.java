package com.collectwise.communication;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.CaseFacts;
import com.collectwise.kernel.CaseVariables;
import com.collectwise.kernel.ContactEntry;
import com.collectwise.kernel.ContactLog;
import com.collectwise.kernel.ElementProperty;
import com.collectwise.fees.FeeService;

/**
 * "Send overdue reminder" with today's outstanding amount, the interest rate and its basis, and its fee; a part
 * under open dispute is named and not demanded. An invoice disputed in full gets no reminder asking for nothing
 * (DOMAIN.md 5): the case file says why (a note, no contact attempt) and the fee task after it books no fee. A
 * reminder that reaches the customer on no channel (no e-mail, no phone for SMS) is queued without a fee and the fee
 * task books none ({@link CollectionNotices#reachesCustomer}); one written in the quiet hours books its fee when its
 * e-mail goes out at 08:00 ({@link DispatchFollowUp}).
 */
@Component("sendOverdueReminderDelegate")
public class SendOverdueReminderDelegate implements JavaDelegate {

    /** The case file's outcome of a reminder left out because open disputes withhold everything owed. */
    public static final String NOT_SENT = "REMINDER_NOT_SENT_DISPUTED";

    private final NoticeContext context;
    private final CaseFacts facts;
    private final CollectionNotices notices;
    private final ContactLog contacts;
    private final BusinessClock clock;
    private final ContactProblems problems;

    public SendOverdueReminderDelegate(NoticeContext context, CollectionNotices notices, CaseFacts facts,
                                       ContactLog contacts, BusinessClock clock, ContactProblems problems) {
        this.problems = problems;
        this.facts = facts;
        this.context = context;
        this.notices = notices;
        this.contacts = contacts;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        NoticeContext.Case c = context.of((String) execution.getVariable(CaseVariables.INVOICE_NUMBER),
            facts.stageEntry(execution));
        if (c.disputedInFull()) {
            notSent(execution, c, contacts, clock, "Overdue reminder");
            return;
        }
        boolean goesOut = notices.reachesCustomer(c.customer());
        LateCharges charges = context.lateCharges(c, FeeService.Kind.REMINDER_FEE,
            ElementProperty.nextTaskRuns(execution, "chargeReminderFeeDelegate"));
        boolean queued = notices.overdueReminder(c.figures().invoice(), c.customer(), c.figures().statement(),
            c.figures().daysOverdue(), c.stageEntry(), charges, c.disputed());
        String key = CollectionNotices.overdueReminderKey(c.figures().invoice().invoiceNumber(), c.stageEntry());
        if (!goesOut) {
            waitsForChannel(execution, c, charges, queued, key, null, notices, problems);
        } else if (queued && notices.heldByQuietHours(key, c.customer())) {
            // written in the quiet hours: its fee is booked when the e-mail goes out at 08:00 (DOMAIN.md 6)
            noFee(execution);
            notices.owedOnDispatch(key, charges.noticeFee() == null ? null : FeeService.Kind.REMINDER_FEE.name(), null);
        }
    }

    /**
     * The reminder was written but reaches the customer on no channel now (no e-mail address or a refused one, no
     * phone the SMS gateway can use): it waits in the outbox for an address; the fee task after it books none now, the
     * fee it quotes is booked the day it really goes out ({@link DispatchFollowUp}, DOMAIN.md 6), and the collector
     * gets the task to find an address at once (DOMAIN.md 1: not a silent PENDING message).
     *
     * @param contactOutcome the case-file entry owed when it goes out (null: none)
     */
    static void waitsForChannel(DelegateExecution execution, NoticeContext.Case c, LateCharges charges, boolean queued,
                                String key, String contactOutcome, CollectionNotices notices, ContactProblems problems) {
        noFee(execution);
        if (queued) {
            notices.owedOnDispatch(key, charges.noticeFee() == null ? null : FeeService.Kind.REMINDER_FEE.name(),
                contactOutcome);
        }
        problems.raiseFor(c.customer().customerId(), notices.whyUnreached(c.customer()));
    }

    /**
     * The reminder was written but goes out on no channel (no e-mail address, no phone the SMS gateway can use): it
     * waits in the outbox for an address, quoting no fee, and the fee task after it books none (DOMAIN.md 6: fees are
     * booked when the reminder goes out). The transient {@link CaseVariables#REMINDER_NOT_SENT}.
     */
    static void noFee(DelegateExecution execution) {
        execution.setVariableLocal(CaseVariables.REMINDER_NOT_SENT, Variables.booleanValue(true, true));
    }

    /**
     * A reminder not sent because the open disputes withhold everything owed: a note in the case file, and the
     * transient {@link CaseVariables#REMINDER_NOT_SENT} for the fee task that follows in the transaction.
     */
    static void notSent(DelegateExecution execution, NoticeContext.Case c, ContactLog contacts, BusinessClock clock,
                        String reminder) {
        String currency = c.figures().invoice().currency();
        contacts.append(new ContactEntry(null, c.figures().invoice().invoiceNumber(), c.customer().customerId(), "NOTE",
            clock.now(), null, null, NOT_SENT, reminder + " not sent: the open dispute covers everything owed ("
            + CollectionNotices.money(currency, c.figures().statement().total()) + " owed, "
            + CollectionNotices.money(currency, c.disputed().disputed()) + " under open dispute).", null, null));
        noFee(execution);
    }
}
