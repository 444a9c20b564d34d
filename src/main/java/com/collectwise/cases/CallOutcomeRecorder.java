package com.collectwise.cases;

import java.time.ZonedDateTime;

import org.springframework.stereotype.Service;

/** Puts a call into the case file and decides when the case looks at the customer again. */
@Service
public class CallOutcomeRecorder {

    private final ContactLog contacts;
    private final PromiseBook promises;
    private final CallSchedule schedule;
    private final BusinessClock clock;

    public CallOutcomeRecorder(ContactLog contacts, PromiseBook promises, CallSchedule schedule, BusinessClock clock) {
        this.contacts = contacts;
        this.promises = promises;
        this.schedule = schedule;
        this.clock = clock;
    }

    /** For a promise: the promise id and when to check it; otherwise when to call next. */
    public record FollowUp(Long promiseId, ZonedDateTime promiseCheckAt, ZonedDateTime nextCallAt) {
    }

    public FollowUp record(Invoice invoice, String collector, CallOutcome call) {
        String note = call.debtorTactic() == null || call.debtorTactic().isBlank() ? call.note()
            : "[tactic " + call.debtorTactic() + "] " + (call.note() == null ? "" : call.note());
        contacts.append(new ContactEntry(null, invoice.invoiceNumber(), invoice.customerId(), "PHONE", clock.now(),
            collector, call.reachedPerson(), call.outcome(), note, call.isPromise() ? call.promisedAmount() : null,
            call.isPromise() ? call.promisedDate() : null));
        if (call.isPromise()) {
            long id = promises.open(invoice.invoiceNumber(), call.promisedAmount(), invoice.currency(),
                call.promisedDate(), call.note(), collector, clock.now());
            // the grace days end with the last grace day; the check runs the morning after
            ZonedDateTime checkAt = call.promisedDate().plusDays(promises.graceDays() + 1L)
                .atTime(CollectionPlanner.START_OF_DAY).atZone(clock.zone());
            return new FollowUp(id, checkAt, null);
        }
        return new FollowUp(null, null, schedule.nextSlotAfterToday(clock.nowZoned()));
    }
}
