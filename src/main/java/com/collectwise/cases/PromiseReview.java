package com.collectwise.cases;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.CaseEngine;
import com.collectwise.kernel.ContactEntry;
import com.collectwise.kernel.ContactLog;
import com.collectwise.payments.PaymentApplied;
import com.collectwise.payments.PaymentReversed;

/**
 * A payment dated in time but posted after its promise was checked undoes the premature "broken" (DOMAIN.md 5:
 * payments are judged by their value date): the promise counts as kept in the customer's habits, the case file says
 * so, and the next call no longer warns of a broken promise. A reversed payment that had kept a promise breaks it
 * again. In the payment's (reversal's) transaction; payments never call it.
 */
@Component
class PromiseReview {

    private final PromiseBook promises;
    private final ContactLog contacts;
    private final CaseEngine cases;
    private final BusinessClock clock;

    PromiseReview(PromiseBook promises, ContactLog contacts, CaseEngine cases, BusinessClock clock) {
        this.promises = promises;
        this.contacts = contacts;
        this.cases = cases;
        this.clock = clock;
    }

    @EventListener
    public void paymentApplied(PaymentApplied payment) {
        for (PromiseBook.KeptAfterAll kept : promises.reviewBroken(payment.customerId(), payment.receivedOn(),
            clock.zone(), clock.now())) {
            contacts.append(new ContactEntry(null, kept.invoiceNumber(), payment.customerId(), "NOTE", clock.now(), null,
                null, "PROMISE_KEPT", "Promise #" + kept.promiseId() + " kept after all: payment "
                + payment.paymentReference() + " dated " + payment.receivedOn() + " was posted after the check.",
                null, null));
            if (kept.lastDecidedOfInvoice()) {
                cases.promiseKeptAfterAll(kept.invoiceNumber());
            }
        }
    }

    /**
     * A reversed payment (bounced, recalled) was never money received: a promise it kept is broken after all once its
     * grace is over (escalation is not held for it, the next call says so, the customer's habits count it), open
     * again while the grace runs.
     */
    @EventListener
    public void paymentReversed(PaymentReversed reversal) {
        for (PromiseBook.KeptNoLonger undone : promises.reviewKept(reversal.customerId(), clock.zone(), clock.now())) {
            contacts.append(new ContactEntry(null, undone.invoiceNumber(), reversal.customerId(), "NOTE", clock.now(),
                null, null, undone.broken() ? "PROMISE_BROKEN" : "PROMISE_REOPENED",
                "Promise #" + undone.promiseId() + (undone.broken() ? " broken after all" : " open again")
                    + ": payment " + reversal.paymentReference() + " was reversed on " + reversal.reversedOn() + ".",
                null, null));
            if (undone.broken()) {
                cases.promiseBrokenAfterAll(undone.invoiceNumber());
            }
        }
    }
}
