package com.collectwise.communication;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.CaseVariables;
import com.collectwise.kernel.ContactEntry;
import com.collectwise.kernel.ContactLog;

/**
 * "Send pre-due reminder": one friendly reminder per invoice, with the rate that applies once it is overdue, what is
 * still open when money was paid or credited before the reminder day, and the part under open dispute named, not
 * asked for (DOMAIN.md 5). An invoice disputed in full gets no reminder asking for nothing: the case file says why
 * (a note, no contact attempt).
 */
@Component("sendPreDueReminderDelegate")
public class SendPreDueReminderDelegate implements JavaDelegate {

    /** The case file's outcome of a reminder left out because nothing undisputed is open. */
    public static final String NOT_SENT = "PRE_DUE_REMINDER_NOT_SENT";

    private final NoticeContext context;
    private final CollectionNotices notices;
    private final ContactLog contacts;
    private final BusinessClock clock;

    public SendPreDueReminderDelegate(NoticeContext context, CollectionNotices notices, ContactLog contacts,
                                      BusinessClock clock) {
        this.context = context;
        this.notices = notices;
        this.contacts = contacts;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        NoticeContext.BeforeDue c = context.beforeDue((String) execution.getVariable(CaseVariables.INVOICE_NUMBER));
        if (c.asksForNothing()) {
            String currency = c.invoice().currency();
            contacts.append(new ContactEntry(null, c.invoice().invoiceNumber(), c.customer().customerId(), "NOTE",
                clock.now(), null, null, NOT_SENT, "Pre-due reminder not sent: nothing undisputed is open ("
                + CollectionNotices.money(currency, c.open()) + " open, "
                + CollectionNotices.money(currency, c.disputed().disputed()) + " under open dispute).", null, null));
            return;
        }
        // the customer is told the rate of late payment (逾期费率) before it applies
        notices.preDueReminder(c.invoice(), c.customer(), c.rateOnceOverdue(), c.open(), c.disputed());
    }
}
