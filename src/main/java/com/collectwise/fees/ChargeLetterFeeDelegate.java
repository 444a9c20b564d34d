package com.collectwise.fees;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.CaseFacts;
import com.collectwise.kernel.InvoiceRepository;

/**
 * {@code ${chargeLetterFeeDelegate}}: charges the segment's dunning letter fee (default none) for the formal letter
 * just sent, in the letter's transaction, once per letter (keyed like the letter's outbox message).
 */
@Component("chargeLetterFeeDelegate")
public class ChargeLetterFeeDelegate implements JavaDelegate {

    /** The kind in the outbox key of the formal letter (communication.Outbox.DUNNING_LETTER). */
    static final String LETTER_NOTICE = "DUNNING_LETTER";

    private final FeeService fees;
    private final InvoiceRepository invoices;
    private final BusinessClock clock;
    private final CaseFacts facts;

    public ChargeLetterFeeDelegate(FeeService fees, InvoiceRepository invoices, BusinessClock clock, CaseFacts facts) {
        this.fees = fees;
        this.invoices = invoices;
        this.clock = clock;
        this.facts = facts;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ChargeReminderFeeDelegate.charge(execution, fees, invoices, clock, facts, FeeService.Kind.LETTER_FEE, LETTER_NOTICE);
    }
}
