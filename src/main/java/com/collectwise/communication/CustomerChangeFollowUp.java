package com.collectwise.communication;

import java.util.stream.Collectors;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.collectwise.customers.CustomerRepository;
import com.collectwise.customers.CustomerChanged;
import com.collectwise.customers.CustomerContact;

/**
 * What a change of the customer file means for the customer's messages, in the transaction of the change:
 * <ul>
 * <li>a new finance contact is a danger signal: the supervisors are alerted at once and the customer's calls
 * move up (the signal itself is read from the change history by {@link DangerSignals});</li>
 * <li>a new e-mail address or phone number takes over the notices that waited for lack of one or that the old one
 * refused ({@link AddressCorrection}), and with a new e-mail address, phone number, address or contact the
 * contact-problem tasks are settled (completed, or opened for a new problem).</li>
 * </ul>
 */
@Component
public class CustomerChangeFollowUp {

    private final Outbox outbox;
    private final CaseWatch watch;
    private final ContactProblems problems;
    private final CustomerRepository customers;
    private final AddressCorrection addresses;

    public CustomerChangeFollowUp(Outbox outbox, CaseWatch watch, ContactProblems problems,
                                  CustomerRepository customers, AddressCorrection addresses) {
        this.addresses = addresses;
        this.customers = customers;
        this.outbox = outbox;
        this.watch = watch;
        this.problems = problems;
    }

    @EventListener
    public void customerChanged(CustomerChanged change) {
        String customerId = change.customerId();
        if (!change.newFinanceContacts().isEmpty()) {
            String who = change.newFinanceContacts().stream().map(CustomerContact::display)
                .collect(Collectors.joining("; "));
            String before = change.profileBefore().financeContacts().stream().map(CustomerContact::display)
                .collect(Collectors.joining("; "));
            long seq = customers.countChanges(customerId, "financeContact");
            outbox.enqueue(Outbox.SUPERVISOR_ALERT + ":finance-contact:" + customerId + ":" + seq, null, customerId,
                Outbox.SUPERVISOR_ALERT, CollectionNotices.SUPERVISORS,
                "Danger signal: new finance contact at " + change.after().name(),
                "Customer " + change.after().name() + " (" + customerId + ") has a new finance contact: " + who
                    + " (before: " + before + "), recorded by " + change.changedBy()
                    + ".\nA change of the finance contact often comes before payment trouble: the customer's calls "
                    + "move up, and the owner collector " + change.after().collector()
                    + " should confirm the debt with the new contact (send the statement of account).");
            watch.rankCallsOf(customerId);
        }
        if (change.after().email() != null && !change.after().email().equals(change.before().email())) {
            // e-mails that waited for an address, or that the old one refused, go out to the new one
            addresses.emailChanged(customerId, change.after().email(), customers.contactEmails(customerId));
        }
        if (change.after().phone() != null && !change.after().phone().equals(change.before().phone())) {
            addresses.phoneChanged(customerId, change.after().phone(), customers.contactPhones(customerId));
        }
        if (change.changed("email") || change.changed("phone") || change.changed("address")
            || change.changed("contacts")) {
            problems.raise();
        }
    }
}
