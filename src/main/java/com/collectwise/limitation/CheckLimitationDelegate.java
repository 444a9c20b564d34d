package com.collectwise.limitation;

import static com.collectwise.kernel.CaseVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.InvoiceRepository;

/**
 * "Check limitation date" before the agency: a claim whose limitation date has passed is not handed to an agency
 * (it could not sue for it); legal reviews it instead. The date counts every interruption until today.
 */
@Component("checkLimitationDelegate")
public class CheckLimitationDelegate implements JavaDelegate {

    private final LimitationService limitation;
    private final InvoiceRepository invoices;
    private final BusinessClock clock;

    public CheckLimitationDelegate(LimitationService limitation, InvoiceRepository invoices, BusinessClock clock) {
        this.limitation = limitation;
        this.invoices = invoices;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String invoiceNumber = (String) execution.getVariable(INVOICE_NUMBER);
        Invoice invoice = invoices.find(invoiceNumber)
            .orElseThrow(() -> new IllegalStateException("Invoice " + invoiceNumber + " does not exist"));
        execution.setVariable(TIME_BARRED, limitation.limitationDate(invoice, clock.today()).isBefore(clock.today()));
    }
}
