package com.collectwise.cases;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.CaseEngine;
import com.collectwise.kernel.ContactEntry;
import com.collectwise.kernel.ContactLog;
import com.collectwise.payments.PaymentApplied;

/**
 * A payment dated in time but posted after its promise was checked undoes the premature "broken" (DOMAIN.md 5:
 * payments are judged by their value date): the promise counts as kept in the customer's habits, the case file says
 * so, and the next call no longer warns of a broken promise. In the payment's transaction; payments never call it.
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
}
