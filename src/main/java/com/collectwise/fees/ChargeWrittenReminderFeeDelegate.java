package com.collectwise.fees;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.CaseVariables;
import com.collectwise.kernel.InvoiceRepository;

/**
 * {@code ${chargeWrittenReminderFeeDelegate}}: the segment's reminder fee (default none) for the written reminder
 * just sent after the formal letter, in its transaction. Keyed like that reminder (invoice and day sent), so each
 * reminder that goes out is charged once; one not sent (an invoice disputed in full, a customer without an e-mail
 * address or a phone for SMS) is not charged.
 */
@Component("chargeWrittenReminderFeeDelegate")
public class ChargeWrittenReminderFeeDelegate implements JavaDelegate {

    private final FeeService fees;
    private final InvoiceRepository invoices;
    private final BusinessClock clock;

    public ChargeWrittenReminderFeeDelegate(FeeService fees, InvoiceRepository invoices, BusinessClock clock) {
        this.fees = fees;
        this.invoices = invoices;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        if (ChargeReminderFeeDelegate.reminderNotSent(execution)) {
            return;
        }
        String number = (String) execution.getVariable(CaseVariables.INVOICE_NUMBER);
        // the same key as communication.CollectionNotices.writtenReminderKey (fees does not depend on communication)
        String noticeKey = ChargeReminderFeeDelegate.REMINDER_NOTICE + ":" + number + ":written:" + clock.today();
        invoices.find(number).ifPresent(invoice -> fees.charge(invoice, FeeService.Kind.REMINDER_FEE, noticeKey,
            clock.today()));
    }
}
