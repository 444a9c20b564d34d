package com.collectwise.communication;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import com.collectwise.kernel.CaseFacts;
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
 * booked (as {@link SendOverdueReminderDelegate}).
 */
@Component("sendWrittenReminderDelegate")
public class SendWrittenReminderDelegate implements JavaDelegate {

    /** The contact log's outcome of a written reminder sent. */
    public static final String OUTCOME = "WRITTEN_REMINDER";

    private final NoticeContext context;
    private final CaseFacts facts;
    private final CollectionNotices notices;
    private final BusinessClock clock;
    private final ContactLog contacts;

    public SendWrittenReminderDelegate(NoticeContext context, CollectionNotices notices, BusinessClock clock,
                                       CaseFacts facts, ContactLog contacts) {
        this.facts = facts;
        this.contacts = contacts;
        this.context = context;
        this.notices = notices;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        NoticeContext.Case c = context.of((String) execution.getVariable(CaseVariables.INVOICE_NUMBER),
            facts.stageEntry(execution));
        if (c.disputedInFull()) {
            // nothing undisputed to ask for (DOMAIN.md 5): a note instead, and no fee
            SendOverdueReminderDelegate.notSent(execution, c, contacts, clock, "Written reminder");
            return;
        }
        boolean goesOut = notices.reachesCustomer(c.customer());
        LateCharges charges = context.lateCharges(c, FeeService.Kind.REMINDER_FEE,
            goesOut && ElementProperty.nextTaskRuns(execution, "chargeWrittenReminderFeeDelegate"));
        boolean sent = notices.writtenReminder(c.figures().invoice(), c.customer(), c.figures().statement(),
            c.figures().daysOverdue(), charges, c.disputed(), clock.today());
        if (!goesOut) {
            // queued for an address entered later, quoting no fee; the fee task books none
            SendOverdueReminderDelegate.noFee(execution);
        }
        if (sent) {
            // a written reminder is a contact attempt like a call (DOMAIN.md 2: "each logged"): the case file shows it
            contacts.append(new ContactEntry(null, c.figures().invoice().invoiceNumber(), c.customer().customerId(),
                "EMAIL", clock.now(), null, null, OUTCOME, "Written reminder sent"
                + (c.customer().email() == null ? "" : " to " + c.customer().email()) + ": "
                + c.figures().statement().total().toPlainString() + " " + c.figures().invoice().currency()
                + " owed today.", null, null));
        }
    }
}
