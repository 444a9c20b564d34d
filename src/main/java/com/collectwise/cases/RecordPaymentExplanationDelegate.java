package com.collectwise.cases;

import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.CaseFacts;
import com.collectwise.kernel.ContactEntry;
import com.collectwise.kernel.ContactLog;
import com.collectwise.kernel.CurrentUser;
import static com.collectwise.kernel.CaseVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Record payment explanation": why the customer paid only part goes into the case file. */
@Component("recordPaymentExplanationDelegate")
public class RecordPaymentExplanationDelegate implements JavaDelegate {

    private final ContactLog contacts;
    private final BusinessClock clock;
    private final CaseFacts facts;

    public RecordPaymentExplanationDelegate(ContactLog contacts, BusinessClock clock, CaseFacts facts) {
        this.facts = facts;
        this.contacts = contacts;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        contacts.append(new ContactEntry(null, (String) execution.getVariable(INVOICE_NUMBER),
            facts.customerId(execution), "NOTE", clock.now(),
            CurrentUser.idOr(execution, (String) execution.getVariable(COLLECTOR)), null, "PART_PAYMENT_EXPLAINED",
            "Paid " + execution.getVariable(LAST_PAYMENT_AMOUNT) + " " + execution.getVariable(CURRENCY) + ": "
                + execution.getVariable(PARTIAL_PAYMENT_REASON), null, null));
    }
}
