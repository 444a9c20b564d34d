package com.collectwise.cases;

import org.springframework.stereotype.Component;

import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.ContactEntry;
import com.collectwise.kernel.ContactLog;

/**
 * "Check promise", wherever the models wait for one (call, visit, follow-up call, promise over the API): kept or
 * broken, noted in the case file; a broken promise is shown on the next call (and counted per customer).
 */
@Component
public class PromiseChecks {

    private final PromiseBook promises;
    private final ContactLog contacts;
    private final BusinessClock clock;

    public PromiseChecks(PromiseBook promises, ContactLog contacts, BusinessClock clock) {
        this.promises = promises;
        this.contacts = contacts;
        this.clock = clock;
    }

    /** Whether the promise was kept; either way the case file says so. */
    public boolean check(String invoiceNumber, String customerId, long promiseId) {
        boolean kept = promises.check(promiseId, clock.zone(), clock.now());
        contacts.append(new ContactEntry(null, invoiceNumber, customerId, "NOTE", clock.now(), null, null,
            kept ? "PROMISE_KEPT" : "PROMISE_BROKEN", "Promise #" + promiseId + (kept ? " kept." : " broken."), null, null));
        return kept;
    }

    /** The invoice was paid off: its open promises that the payments kept are kept (the case file says so). */
    public void invoiceSettled(String invoiceNumber, String customerId) {
        for (long promiseId : promises.keepOnSettlement(invoiceNumber, clock.zone(), clock.now())) {
            contacts.append(new ContactEntry(null, invoiceNumber, customerId, "NOTE", clock.now(), null, null,
                "PROMISE_KEPT", "Promise #" + promiseId + " kept: the invoice is paid.", null, null));
        }
    }
}
