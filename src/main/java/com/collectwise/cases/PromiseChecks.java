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

    /**
     * Whether the promise was kept; either way the case file says so, once: only the check that decided it writes the
     * note (two nodes' sweeps judging the same promise at once, or a check of a promise decided already, write none).
     */
    public boolean check(String invoiceNumber, String customerId, long promiseId) {
        return decide(invoiceNumber, customerId, promiseId).kept();
    }

    private PromiseBook.Decision decide(String invoiceNumber, String customerId, long promiseId) {
        PromiseBook.Decision decision = promises.decide(promiseId, clock.zone(), clock.now());
        if (decision.decidedNow()) {
            boolean kept = decision.kept();
            contacts.append(new ContactEntry(null, invoiceNumber, customerId, "NOTE", clock.now(), null, null,
                kept ? "PROMISE_KEPT" : "PROMISE_BROKEN", "Promise #" + promiseId + (kept ? " kept." : " broken."),
                null, null));
        }
        return decision;
    }

    /** The invoice was paid off: its open promises that the payments kept are kept (the case file says so). */
    public void invoiceSettled(String invoiceNumber, String customerId) {
        for (long promiseId : promises.keepOnSettlement(invoiceNumber, clock.zone(), clock.now())) {
            contacts.append(new ContactEntry(null, invoiceNumber, customerId, "NOTE", clock.now(), null, null,
                "PROMISE_KEPT", "Promise #" + promiseId + " kept: the invoice is paid.", null, null));
        }
    }

    /**
     * Judges the promises whose check was lost (a promise made on the phone and running past the formal demand date:
     * the formal demand ends the calls and their promise timer), by the same rule, after their check day: kept or
     * broken, noted in the case file and counted in the customer's habits instead of staying OPEN for ever.
     *
     * @return how many this sweep judged (not those another node's sweep judged at the same moment)
     */
    @org.springframework.scheduling.annotation.Scheduled(fixedDelayString = "${collectwise.watch.interval}",
        initialDelayString = "${collectwise.watch.initial-delay}")
    public int judgeMissedChecks() {
        int judged = 0;
        for (PromiseBook.Unjudged p : promises.unjudged(clock.today())) {
            // another node's sweep may judge the same promise at this moment: only the one that changed the row notes
            // it and counts it
            if (decide(p.invoiceNumber(), p.customerId(), p.promiseId()).decidedNow()) {
                judged++;
            }
        }
        return judged;
    }
}
