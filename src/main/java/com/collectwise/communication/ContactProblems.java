package com.collectwise.communication;

import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.CaseEngine;
import com.collectwise.kernel.InvoiceRepository;
import com.collectwise.kernel.CaseVariables;
import com.collectwise.kernel.Customer;
import com.collectwise.kernel.Stage;
import com.collectwise.customers.CustomerRepository;

/**
 * A notice that cannot reach the customer is a task for the owner collector, not a silent PENDING message
 * (DOMAIN.md section 1): no e-mail address while notices wait, no phone number once calls are due, an address
 * or a number refused until the last attempt, a letter returned by the post. One open task per customer and problem, however many notices
 * are stuck; the task is completed by itself once the master data no longer has the problem.
 */
@Component
public class ContactProblems {

    static final String KEY_PREFIX = "contact-problem:";

    /** What is wrong with the way to reach the customer. */
    public enum Problem {
        MISSING_EMAIL("No e-mail address"),
        MISSING_PHONE("No phone number"),
        BOUNCED_EMAIL("E-mail address refused"),
        BOUNCED_PHONE("Phone number refused"),
        RETURNED_LETTER("Letter returned");

        final String title;

        Problem(String title) {
            this.title = title;
        }
    }

    private final JdbcClient jdbc;
    private final CaseEngine cases;
    private final CustomerRepository customers;
    private final BusinessClock clock;

    private final InvoiceRepository invoices;

    private final com.collectwise.customers.CallWorkers callWorkers;

    public ContactProblems(JdbcClient jdbc, CaseEngine cases, CustomerRepository customers, BusinessClock clock,
                           InvoiceRepository invoices, com.collectwise.customers.CallWorkers callWorkers) {
        this.callWorkers = callWorkers;
        this.invoices = invoices;
        this.jdbc = jdbc;
        this.cases = cases;
        this.customers = customers;
        this.clock = clock;
    }

    /** Opens the missing tasks and completes those whose problem is gone. @return the keys of tasks opened now */
    public List<String> raise() {
        List<CaseEngine.KeyedTask> open = openTasks();
        java.util.Map<String, Problem> current = new java.util.LinkedHashMap<>(); // key -> problem, per customer
        java.util.Map<String, String> customerOf = new java.util.HashMap<>();
        for (Problem problem : Problem.values()) {
            for (String customerId : customersWith(problem)) {
                current.put(key(customerId, problem), problem);
                customerOf.put(key(customerId, problem), customerId);
            }
        }
        List<String> opened = new ArrayList<>();
        for (java.util.Map.Entry<String, Problem> problem : current.entrySet()) {
            String key = problem.getKey();
            if (open.stream().noneMatch(t -> key.equals(t.key()))
                && open(key, customerOf.get(key), problem.getValue())) {
                opened.add(key);
            }
        }
        for (CaseEngine.KeyedTask task : open) {
            if (!current.containsKey(task.key())) {
                cases.completeTask(task.id());
            }
        }
        return opened;
    }

    /**
     * Opens the customer's task for the problem now, unless one is open (a notice that was just written and reaches
     * nobody: the collector hears of it at once, not at the next watch). The watch completes it once the problem is
     * gone.
     */
    public void raiseFor(String customerId, Problem problem) {
        String key = key(customerId, problem);
        if (cases.openKeyedTasks(key).stream().noneMatch(t -> key.equals(t.key()))) {
            open(key, customerId, problem);
        }
    }

    private List<String> customersWith(Problem problem) {
        return switch (problem) {
            case MISSING_EMAIL -> missingEmail();
            case MISSING_PHONE -> missingPhone();
            case BOUNCED_EMAIL -> bouncedEmail();
            case BOUNCED_PHONE -> bouncedPhone();
            case RETURNED_LETTER -> returnedLetters();
        };
    }

    /** Open contact-problem tasks (standalone tasks, found by the key in the first line of their description). */
    private List<CaseEngine.KeyedTask> openTasks() {
        return cases.openKeyedTasks(KEY_PREFIX);
    }

    /**
     * Customers without an e-mail address for whom e-mails wait in the outbox, for an invoice still open (or for the
     * customer, a statement): a notice of an invoice settled since will not be sent, and asks for no address.
     */
    private List<String> missingEmail() {
        record Waiting(String customerId, String invoiceNumber) {
        }
        return jdbc.sql("""
                SELECT DISTINCT customer_id, invoice_number FROM outbox
                WHERE status = 'PENDING' AND recipient IS NULL AND kind IN (:kinds) AND customer_id IS NOT NULL""")
            .param("kinds", MailDispatcher.EMAIL_KINDS).query((rs, n) -> new Waiting(rs.getString(1), rs.getString(2)))
            .list().stream()
            .filter(w -> w.invoiceNumber() == null || invoices.find(w.invoiceNumber())
                .map(i -> i.status() == com.collectwise.kernel.CaseStatus.OPEN).orElse(false))
            .map(Waiting::customerId).distinct()
            .filter(id -> customers.find(id).map(c -> c.email() == null || c.email().isEmpty()).orElse(false))
            .toList();
    }

    /**
     * Customers the collector cannot call: a case in the internal stage or later (calls are due) and no phone number,
     * neither the customer's nor a contact's (DOMAIN.md section 1: a customer without a contact detail).
     */
    private List<String> missingPhone() {
        return customers.withoutPhone(invoices.customersWithOpenCaseFrom(Stage.INTERNAL_REMINDER));
    }

    /** Customers whose current address (or a contact's) the mail server refused until the last attempt. */
    private List<String> bouncedEmail() {
        record Failed(String customerId, String recipient) {
        }
        return jdbc.sql("""
                SELECT DISTINCT customer_id, recipient FROM outbox
                WHERE status = 'FAILED' AND kind IN (:kinds) AND customer_id IS NOT NULL AND recipient IS NOT NULL""")
            .param("kinds", MailDispatcher.EMAIL_KINDS).query((rs, n) -> new Failed(rs.getString(1), rs.getString(2)))
            .list().stream()
            .filter(f -> customers.find(f.customerId()).map(c -> f.recipient().equals(c.email())
                || customers.contactEmails(c.customerId()).contains(f.recipient())).orElse(false))
            .map(Failed::customerId).distinct().toList();
    }

    /**
     * Customers whose current phone number (or a contact's) the SMS gateway refused until the last attempt: a bouncing
     * contact detail, as a refused e-mail address (DOMAIN.md section 1).
     */
    private List<String> bouncedPhone() {
        record Failed(String customerId, String recipient) {
        }
        return jdbc.sql("""
                SELECT DISTINCT customer_id, recipient FROM outbox
                WHERE status = 'FAILED' AND kind = :kind AND customer_id IS NOT NULL AND recipient IS NOT NULL""")
            .param("kind", SmsGateway.KIND).query((rs, n) -> new Failed(rs.getString(1), rs.getString(2)))
            .list().stream()
            .filter(f -> customers.find(f.customerId()).map(c -> f.recipient().equals(c.phone())
                || customers.contactPhones(c.customerId()).contains(f.recipient())).orElse(false))
            .map(Failed::customerId).distinct().toList();
    }

    /** Customers with a letter returned since the address was last changed. */
    private List<String> returnedLetters() {
        record Returned(String invoiceNumber, java.time.Instant sentAt) {
        }
        return jdbc.sql("SELECT invoice_number, created_at FROM documents WHERE delivery_status = 'RETURNED'")
            .query((rs, n) -> new Returned(rs.getString(1), rs.getTimestamp(2).toInstant())).list().stream()
            .flatMap(r -> invoices.find(r.invoiceNumber()).stream()
                .filter(i -> customers.lastChange(i.customerId(), "address").map(changed -> !changed.isAfter(r.sentAt()))
                    .orElse(true))
                .map(com.collectwise.kernel.Invoice::customerId))
            .distinct().toList();
    }

    private boolean open(String key, String customerId, Problem problem) {
        Customer customer = customers.find(customerId).orElse(null);
        if (customer == null) {
            return false;
        }
        // the owner reassignment finds the customer's tasks by the local customer id; an owner who cannot work the
        // calls any more (deleted, or left the groups) would never see it: it waits in the collectors' queue
        String assignee = callWorkers.worksCalls(customer.collector()) ? customer.collector() : null;
        cases.openGroupTask(new CaseEngine.GroupTask("collectors",
            problem.title + ": " + customer.name() + " (" + customerId + ")", key, advice(problem, customer), 70,
            clock.now()), assignee, CaseVariables.CUSTOMER_ID, customerId);
        return true;
    }

    private static String advice(Problem problem, Customer customer) {
        return switch (problem) {
            case MISSING_EMAIL -> "Notices for " + customer.name() + " wait unsent: the customer has no e-mail address. "
                + "Ask the customer for one and have it entered in the customer file (PATCH /api/customers/"
                + customer.customerId() + "); the waiting notices then go to it.";
            case MISSING_PHONE -> customer.name() + " has overdue invoices and no phone number, neither its own nor a "
                + "contact's: the calls cannot be made. Find the number of the finance contact or the decision maker "
                + "and have it entered in the customer file (PATCH /api/customers/" + customer.customerId() + ").";
            case BOUNCED_EMAIL -> "The mail server refused " + customer.email() + ". Find the right address and have it "
                + "entered in the customer file.";
            case BOUNCED_PHONE -> "Text messages to " + customer.phone() + " could not be delivered. Check the number "
                + "with the customer (call the decision maker or the finance contact) and have it entered in the "
                + "customer file.";
            case RETURNED_LETTER -> "A letter to " + customer.name() + " came back. Trace the new address (a customer "
                + "who moves premises may be hiding) and have it entered in the customer file.";
        };
    }

    static String key(String customerId, Problem problem) {
        return KEY_PREFIX + customerId + ":" + problem.name();
    }
}
