package com.collectwise.cases;

import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.ContactEntry;
import com.collectwise.kernel.ContactLog;
import com.collectwise.kernel.Invoice;
import java.time.ZonedDateTime;

import org.springframework.stereotype.Service;

import com.collectwise.agreements.AcknowledgementService;
import com.collectwise.agreements.AgreementService;
import com.collectwise.disputes.DisputeCategory;
import com.collectwise.disputes.DisputeService;

/** Puts a call into the case file and decides when the case looks at the customer again. */
@Service
public class CallOutcomeRecorder {

    private final ContactLog contacts;
    private final PromiseBook promises;
    private final CallSchedule schedule;
    private final BusinessClock clock;
    private final AgreementService agreements;
    private final DisputeService disputes;
    private final AcknowledgementService acknowledgements;
    private final OverdueCauses causes;

    public CallOutcomeRecorder(ContactLog contacts, PromiseBook promises, CallSchedule schedule, BusinessClock clock,
                               AgreementService agreements, DisputeService disputes,
                               AcknowledgementService acknowledgements, OverdueCauses causes) {
        this.causes = causes;
        this.contacts = contacts;
        this.promises = promises;
        this.schedule = schedule;
        this.clock = clock;
        this.agreements = agreements;
        this.disputes = disputes;
        this.acknowledgements = acknowledgements;
    }

    /**
     * For a promise: the promise id and when to check it; for an instalment request: the proposed agreement;
     * otherwise when to call next (after a dispute too: the undisputed part is still collected).
     */
    public record FollowUp(Long promiseId, ZonedDateTime promiseCheckAt, ZonedDateTime nextCallAt, Long agreementId,
                           Long disputeId) {
    }

    public FollowUp record(Invoice invoice, String collector, CallOutcome call) {
        return record(invoice, collector, call, clock.now());
    }

    /**
     * @param madeAt when the call was made: one call with the customer covers several cases, and each logs the
     *               same moment (so it counts as one attempt, see ContactPolicy)
     */
    public FollowUp record(Invoice invoice, String collector, CallOutcome call, java.time.Instant madeAt) {
        OverdueCause.parse(call.overdueCause()).ifPresent(cause -> causes.record(invoice.invoiceNumber(),
            invoice.customerId(), OverdueCauses.PHONE, cause, collector, madeAt));
        String note = call.debtorTactic() == null || call.debtorTactic().isBlank() ? call.note()
            : "[tactic " + call.debtorTactic() + "] " + (call.note() == null ? "" : call.note());
        contacts.append(new ContactEntry(null, invoice.invoiceNumber(), invoice.customerId(), "PHONE", madeAt,
            collector, call.reachedPerson(), call.outcome(), note, call.isPromise() ? call.promisedAmount() : null,
            call.isPromise() ? call.promisedDate() : null));
        if (call.isPromise()) {
            long id = promises.open(invoice.invoiceNumber(), call.promisedAmount(), invoice.currency(),
                call.promisedDate(), call.note(), collector, clock.now());
            // the grace days end with the last grace day; the check runs the morning after
            ZonedDateTime checkAt = call.promisedDate().plusDays(promises.graceDays() + 1L)
                .atTime(CollectionPlanner.START_OF_DAY).atZone(clock.zone());
            // a promise acknowledges the debt (Civil Code art. 195)
            acknowledgements.record(invoice.invoiceNumber(), clock.today(), AcknowledgementService.PROMISE);
            return new FollowUp(id, checkAt, null, null, null);
        }
        if (call.isInstalmentRequest()) {
            long id = agreements.propose(invoice,
                agreements.proposeEven(invoice, call.instalmentCount(), call.firstInstalmentDate()), call.note(),
                "CALL", collector);
            return new FollowUp(null, null, null, id, null);
        }
        Long disputeId = null;
        if (call.isDispute()) {
            disputeId = disputes.raise(invoice, DisputeCategory.valueOf(call.disputeCategory()), call.disputedAmount(),
                call.disputeDescription(), "CALL", collector);
        }
        return new FollowUp(null, null, schedule.nextSlotAfterToday(clock.nowZoned()), null, disputeId);
    }
}
