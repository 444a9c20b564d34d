package com.collectwise.fees;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.CaseFacts;
import com.collectwise.kernel.CaseVariables;
import com.collectwise.kernel.InvoiceRepository;

/**
 * {@code ${chargeReminderFeeDelegate}}: charges the segment's reminder fee (default none) for the overdue reminder
 * just sent, in the reminder's transaction. The fee is keyed like the reminder's outbox message (invoice and stage
 * entry), so it is booked once per reminder that goes out: a retried job or a second pass through the task in the
 * same stage entry (where the outbox sends no second reminder) charges nothing more; re-entering the stage sends a
 * new reminder and charges again. A reminder not sent (an invoice disputed in full, or a customer no channel
 * reaches) is not charged.
 */
@Component("chargeReminderFeeDelegate")
public class ChargeReminderFeeDelegate implements JavaDelegate {

    /** The kind in the outbox key of the overdue reminder (communication.Outbox.OVERDUE_REMINDER). */
    static final String REMINDER_NOTICE = "OVERDUE_REMINDER";

    private final FeeService fees;
    private final InvoiceRepository invoices;
    private final BusinessClock clock;
    private final CaseFacts facts;

    public ChargeReminderFeeDelegate(FeeService fees, InvoiceRepository invoices, BusinessClock clock, CaseFacts facts) {
        this.fees = fees;
        this.invoices = invoices;
        this.clock = clock;
        this.facts = facts;
    }

    @Override
    public void execute(DelegateExecution execution) {
        if (reminderNotSent(execution)) {
            return;
        }
        charge(execution, fees, invoices, clock, facts, FeeService.Kind.REMINDER_FEE, REMINDER_NOTICE);
    }

    /**
     * The reminder task before this one sent nothing (open disputes withhold everything owed, DOMAIN.md 5; or no
     * e-mail address and no phone for SMS): no reminder out, no fee. A transient variable of the same transaction ({@link CaseVariables#REMINDER_NOT_SENT}).
     */
    static boolean reminderNotSent(DelegateExecution execution) {
        return Boolean.TRUE.equals(execution.getVariable(CaseVariables.REMINDER_NOT_SENT));
    }

    /**
     * @param notice the outbox kind of the notice the fee is for; with the invoice number and the stage entry it
     *               makes the notice's idempotency key (see communication.CollectionNotices; the stage entry as
     *               {@link CaseFacts#stageEntry} reads it)
     */
    static void charge(DelegateExecution execution, FeeService fees, InvoiceRepository invoices, BusinessClock clock,
                       CaseFacts facts, FeeService.Kind kind, String notice) {
        String number = (String) execution.getVariable(CaseVariables.INVOICE_NUMBER);
        String noticeKey = notice + ":" + number + ":" + facts.stageEntry(execution);
        invoices.find(number).ifPresent(invoice -> fees.charge(invoice, kind, noticeKey, clock.today()));
    }
}
