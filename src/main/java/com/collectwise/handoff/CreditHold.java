package com.collectwise.handoff;

import com.collectwise.customers.CustomerRepository;

import org.springframework.stereotype.Service;

import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.InvoiceRepository;
import java.time.LocalDate;

import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.InvoiceRepository;
import com.collectwise.communication.Outbox;

/**
 * "前款不结, 后货不送": from the moment a customer has a case at formal demand or later, the order system must
 * not deliver on credit, until nothing of the customer is overdue any more (all invoices, not just the case that
 * caused the hold: DOMAIN.md section 8). The outbox carries one HOLD event per hold period and one RELEASE when it
 * ends; the n-th hold and its release share the number n in their keys, so repeats are no-ops.
 */
@Service
public class CreditHold {

    public static final String ORDER_SYSTEM = "order-system";

    private final Outbox outbox;
    private final InvoiceRepository invoices;
    private final BusinessClock clock;
    private final CustomerRepository customers;

    public CreditHold(Outbox outbox, InvoiceRepository invoices, BusinessClock clock, CustomerRepository customers) {
        this.outbox = outbox;
        this.invoices = invoices;
        this.clock = clock;
        this.customers = customers;
    }

    /** @return true when a hold event was queued now, false when the customer was already on hold */
    public boolean place(String customerId, String invoiceNumber) {
        // several cases of the customer reach formal demand at once (a go-live import): one at a time, so the second
        // sees the first's hold instead of queuing the same n-th hold again (a duplicate key, a failed job)
        customers.lock(customerId);
        int holds = count(customerId, Outbox.CREDIT_HOLD);
        if (holds > count(customerId, Outbox.CREDIT_RELEASE)) {
            return false;
        }
        return outbox.enqueue(Outbox.CREDIT_HOLD + ":" + customerId + ":" + (holds + 1), invoiceNumber, customerId,
            Outbox.CREDIT_HOLD, ORDER_SYSTEM, "Credit hold for customer " + customerId,
            "Customer " + customerId + " is on credit hold: invoice " + invoiceNumber
                + " is at formal demand. Deliver only against prepayment.");
    }

    /**
     * Releases the hold when nothing of the customer is overdue any more: no other open invoice is past its due date
     * and no other open case is at formal demand or later (a supervisor may move a case there before its due date).
     * Called whenever a case of the customer closes, whichever stage it was in.
     * @return true when a release event was queued now
     */
    public boolean releaseIfClear(String customerId, String closedInvoiceNumber) {
        customers.lock(customerId);
        int holds = count(customerId, Outbox.CREDIT_HOLD);
        if (holds <= count(customerId, Outbox.CREDIT_RELEASE)) {
            return false;
        }
        LocalDate today = clock.today();
        boolean stillHeld = invoices.findOpenByCustomer(customerId).stream()
            .filter(i -> !i.invoiceNumber().equals(closedInvoiceNumber))
            .anyMatch(i -> i.dueDate().isBefore(today) || i.stage().holdsCredit());
        if (stillHeld) {
            return false;
        }
        return outbox.enqueue(Outbox.CREDIT_RELEASE + ":" + customerId + ":" + holds, closedInvoiceNumber, customerId,
            Outbox.CREDIT_RELEASE, ORDER_SYSTEM, "Credit hold released for customer " + customerId,
            "Customer " + customerId + " has nothing overdue any more (last: invoice " + closedInvoiceNumber
                + "). Normal credit terms apply again.");
    }

    public boolean isOnHold(String customerId) {
        return count(customerId, Outbox.CREDIT_HOLD) > count(customerId, Outbox.CREDIT_RELEASE);
    }

    private int count(String customerId, String kind) {
        return outbox.countOfKind(customerId, kind);
    }
}
