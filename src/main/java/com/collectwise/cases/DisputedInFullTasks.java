package com.collectwise.cases;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

import com.collectwise.disputes.DisputeRaised;
import com.collectwise.disputes.FullDispute;
import com.collectwise.kernel.AfterTransaction;
import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.CaseEngine;
import com.collectwise.kernel.ContactEntry;
import com.collectwise.kernel.ContactLog;
import com.collectwise.kernel.InvoiceRepository;

/**
 * DOMAIN.md 5: an invoice disputed in full does not escalate while the dispute is open. When a dispute or a payment
 * makes it so, the open tasks of its case that would demand money nobody may demand now are withdrawn: the calls (the
 * case waits before its next call), the visit of the field stage and the supervisor's approval of the hand-off to the
 * agency (the case waits before that stage; a rejection starts it again), each stage task with a note in the case
 * file saying why.
 */
@Component
class DisputedInFullTasks {

    /** The case file's note of a visit or hand-off approval withdrawn for a dispute covering all that is owed. */
    static final String TASK_WITHDRAWN_DISPUTED = "TASK_WITHDRAWN_DISPUTED";

    private final FullDispute fullDispute;
    private final CaseEngine cases;
    private final ContactLog contacts;
    private final InvoiceRepository invoices;
    private final BusinessClock clock;
    private final TransactionTemplate own;
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(DisputedInFullTasks.class);

    DisputedInFullTasks(FullDispute fullDispute, CaseEngine cases, ContactLog contacts, InvoiceRepository invoices,
                        BusinessClock clock, PlatformTransactionManager transactionManager) {
        this.own = new TransactionTemplate(transactionManager);
        this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.fullDispute = fullDispute;
        this.cases = cases;
        this.contacts = contacts;
        this.invoices = invoices;
        this.clock = clock;
    }

    /** Withdraws what the case may not ask for now when the invoice is disputed in full; nothing otherwise. */
    void withdrawIfDisputedInFull(String invoiceNumber) {
        if (fullDispute.isOpen(invoiceNumber)) {
            withdraw(invoiceNumber);
        }
    }

    /**
     * A dispute raised anywhere, also on a call task of the case (the call form's outcome DISPUTED, recorded inside
     * the process, where the case cannot be modified): once it has committed, in a transaction of its own, what the
     * case may not ask for now is withdrawn if the invoice is disputed in full. A dispute posted over the API withdrew
     * it already; nothing is left to withdraw then. A failure is logged: the stage tasks stay as before.
     */
    @TransactionalEventListener(fallbackExecution = true)
    public void disputeRaised(DisputeRaised dispute) {
        AfterTransaction.runOrDefer(() -> {
            try {
                own.executeWithoutResult(s -> withdrawIfDisputedInFull(dispute.invoiceNumber()));
            } catch (RuntimeException e) {
                log.error("Invoice {}: open stage tasks could not be withdrawn after dispute #{}",
                    dispute.invoiceNumber(), dispute.disputeId(), e);
            }
        });
    }

    /** The invoice is disputed in full (the caller checked). */
    void withdraw(String invoiceNumber) {
        // the stages first: the calls beside the visit go with the field stage
        for (String task : cases.withdrawStageTasksDisputedInFull(invoiceNumber)) {
            var invoice = invoices.find(invoiceNumber).orElseThrow();
            contacts.append(new ContactEntry(null, invoiceNumber, invoice.customerId(), "NOTE", clock.now(), null,
                null, TASK_WITHDRAWN_DISPUTED, task + " withdrawn: the invoice is disputed in full (the open disputes"
                    + " cover all that is owed), so nothing may be demanded or handed off while the dispute is open."
                    + " The case waits before this stage until the dispute is decided: rejected, the stage starts"
                    + " again; credited, the case ends when nothing is left.", null, null));
        }
        cases.withdrawCallsDisputedInFull(invoiceNumber);
    }
}
