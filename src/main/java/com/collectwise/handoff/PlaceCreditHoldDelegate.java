package com.collectwise.handoff;

import static com.collectwise.kernel.CaseVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Place credit hold" on the customer (once per hold period, however many cases reach formal demand). */
@Component("placeCreditHoldDelegate")
public class PlaceCreditHoldDelegate implements JavaDelegate {

    private final CreditHold creditHold;

    public PlaceCreditHoldDelegate(CreditHold creditHold) {
        this.creditHold = creditHold;
    }

    @Override
    public void execute(DelegateExecution execution) {
        creditHold.place((String) execution.getVariable(CUSTOMER_ID), (String) execution.getVariable(INVOICE_NUMBER));
    }
}
