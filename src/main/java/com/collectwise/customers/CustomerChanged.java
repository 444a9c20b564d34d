package com.collectwise.customers;

import com.collectwise.kernel.Customer;
import java.util.List;

/**
 * Published inside the transaction of a PATCH that changed something, so that the parts that keep copies of the
 * customer (the running cases, the call priorities, the outbox) follow in the same transaction: a failure there
 * rolls the change back. Never published for a replay that changed nothing.
 */
public record CustomerChanged(Customer before, Customer after, CustomerProfile profileBefore,
                              CustomerProfile profileAfter, List<CustomerChange> changes, String changedBy) {

    public String customerId() {
        return after.customerId();
    }

    public boolean changed(String field) {
        return changes.stream().anyMatch(c -> c.field().equals(field));
    }

    /** The owner collector changed (open tasks and case variables move with the customer). */
    public boolean collectorChanged() {
        return changed(CustomerService.COLLECTOR);
    }

    /**
     * A finance contact who is not one of the previous finance contacts (a danger signal: DOMAIN.md section 3).
     * The customer's first finance contact is not a change of contact.
     */
    public List<CustomerContact> newFinanceContacts() {
        List<CustomerContact> old = profileBefore.financeContacts();
        if (old.isEmpty()) {
            return List.of();
        }
        return profileAfter.financeContacts().stream()
            .filter(c -> old.stream().noneMatch(c::samePersonAs)).toList();
    }
}
