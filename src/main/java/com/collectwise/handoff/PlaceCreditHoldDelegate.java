package com.collectwise.handoff;

import static com.collectwise.kernel.CaseVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import com.collectwise.kernel.CaseFacts;

/** "Place credit hold" on the customer (once per hold period, however many cases reach formal demand). */
@Component("placeCreditHoldDelegate")
public class PlaceCreditHoldDelegate implements JavaDelegate {

    private final CreditHold creditHold;
    private final CaseFacts facts;

    public PlaceCreditHoldDelegate(CreditHold creditHold, CaseFacts facts) {
        this.facts = facts;
        this.creditHold = creditHold;
    }

    @Override
    public void execute(DelegateExecution execution) {
        creditHold.place(facts.customerId(execution), (String) execution.getVariable(INVOICE_NUMBER));
    }
}
