package com.collectwise.cases;

import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.ContactEntry;
import com.collectwise.kernel.ContactLog;
import static com.collectwise.kernel.CaseVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Check promise": kept or broken; a broken promise is shown on the next call (and counted per customer). */
@Component("checkPromiseDelegate")
public class CheckPromiseDelegate implements JavaDelegate {

    private final PromiseBook promises;
    private final ContactLog contacts;
    private final BusinessClock clock;

    public CheckPromiseDelegate(PromiseBook promises, ContactLog contacts, BusinessClock clock) {
        this.promises = promises;
        this.contacts = contacts;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long promiseId = ((Number) execution.getVariable(PROMISE_ID)).longValue();
        boolean kept = promises.check(promiseId, clock.zone(), clock.now());
        execution.setVariable(BROKEN_PROMISE, !kept);
        contacts.append(new ContactEntry(null, (String) execution.getVariable(INVOICE_NUMBER),
            (String) execution.getVariable(CUSTOMER_ID), "NOTE", clock.now(), null, null,
            kept ? "PROMISE_KEPT" : "PROMISE_BROKEN", "Promise #" + promiseId + (kept ? " kept." : " broken."), null, null));
    }
}
