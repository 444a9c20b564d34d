package com.collectwise.communication;

import java.util.stream.Collectors;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.collectwise.customers.CustomerRepository;
import com.collectwise.customers.CustomerChanged;
import com.collectwise.customers.CustomerContact;

/**
 * What a change of the customer file means for the customer's messages, in the transaction of the change:
 * <ul>
 * <li>a new finance contact is a danger signal: the supervisors are alerted at once and the customer's calls
 * move up (the signal itself is read from the change history by {@link DangerSignals});</li>
 * <li>a new e-mail address takes over the e-mails that waited for lack of one, and with a new phone number,
 * address or contact the contact-problem tasks are settled (completed, or opened for a new problem).</li>
 * </ul>
 */
@Component
public class CustomerChangeFollowUp {

    private final Outbox outbox;
    private final JdbcClient jdbc;
    private final CaseWatch watch;
    private final ContactProblems problems;
    private final CustomerRepository customers;

    public CustomerChangeFollowUp(Outbox outbox, JdbcClient jdbc, CaseWatch watch, ContactProblems problems,
                                  CustomerRepository customers) {
        this.customers = customers;
        this.outbox = outbox;
        this.jdbc = jdbc;
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
            // e-mails that waited for an address go out to the new one
            jdbc.sql("""
                    UPDATE outbox SET recipient = :email WHERE customer_id = :customer AND status = 'PENDING'
                    AND recipient IS NULL AND kind IN (:kinds)""")
                .param("email", change.after().email()).param("customer", customerId)
                .param("kinds", MailDispatcher.EMAIL_KINDS).update();
        }
        if (change.changed("email") || change.changed("phone") || change.changed("address")
            || change.changed("contacts")) {
            problems.raise();
        }
    }
}
