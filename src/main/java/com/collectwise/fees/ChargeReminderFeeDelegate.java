package com.collectwise.fees;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import com.collectwise.cases.BusinessClock;
import com.collectwise.cases.CaseVariables;
import com.collectwise.cases.InvoiceRepository;

/**
 * {@code ${chargeReminderFeeDelegate}}: charges the segment's reminder fee (default none) for the reminder just
 * sent. One charge per activity instance: a loop that reminds again charges again, a retried job does not.
 */
@Component("chargeReminderFeeDelegate")
public class ChargeReminderFeeDelegate implements JavaDelegate {

    private final FeeService fees;
    private final InvoiceRepository invoices;
    private final BusinessClock clock;

    public ChargeReminderFeeDelegate(FeeService fees, InvoiceRepository invoices, BusinessClock clock) {
        this.fees = fees;
        this.invoices = invoices;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        charge(execution, fees, invoices, clock, FeeService.Kind.REMINDER_FEE);
    }

    static void charge(DelegateExecution execution, FeeService fees, InvoiceRepository invoices, BusinessClock clock,
                       FeeService.Kind kind) {
        String number = (String) execution.getVariable(CaseVariables.INVOICE_NUMBER);
        invoices.find(number).ifPresent(invoice -> fees.charge(invoice, kind,
            execution.getProcessInstanceId() + ":" + execution.getActivityInstanceId(), clock.today()));
    }
}
