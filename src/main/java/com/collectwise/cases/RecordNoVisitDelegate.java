package com.collectwise.cases;

import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.CaseFacts;
import com.collectwise.kernel.ContactEntry;
import com.collectwise.kernel.ContactLog;
import static com.collectwise.kernel.CaseVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Note calls instead of a visit": the policy sends no field collector to this customer (abroad, another region);
 * the case file says so, and the next step is decided as after a visit with the outcome NO_VISIT.
 */
@Component("recordNoVisitDelegate")
public class RecordNoVisitDelegate implements JavaDelegate {

    private final ContactLog contacts;
    private final BusinessClock clock;
    private final CaseFacts facts;

    public RecordNoVisitDelegate(ContactLog contacts, BusinessClock clock, CaseFacts facts) {
        this.facts = facts;
        this.contacts = contacts;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        contacts.append(new ContactEntry(null, (String) execution.getVariable(INVOICE_NUMBER),
            facts.customerId(execution), "NOTE", clock.now(), null, null, NO_VISIT,
            "The collection policy asks for no field visit for this customer: calls and written reminders go on.",
            null, null));
        execution.setVariable(VISIT_OUTCOME, NO_VISIT);
    }
}
