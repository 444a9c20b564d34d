package com.collectwise.identity;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import com.collectwise.customers.CallWorkers;
import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.CaseEngine;
import com.collectwise.kernel.InvoiceRepository;

/**
 * A customer's owner who can no longer work the calls (deleted, or removed from collectors, supervisors and
 * camunda-admin in Admin or over the engine REST API; DOMAIN.md 1): the owner's open tasks about those customers go to
 * their candidate group's queue (the calls to collectors) instead of waiting with a user who never sees them, and the
 * supervisors get one Tasklist task per such owner naming the customers with open cases to reassign. The task is
 * completed by itself once none of them is owned by that user any more (or the user works the calls again). Run after
 * each change of the identity store that can take a user out of a group ({@link OwnerDeparturePlugin}).
 */
@Component
public class OwnersWhoLeft {

    /** The key (first line of the description) of the supervisors' task, followed by the user id. */
    static final String TASK_PREFIX = "owner-left:";
    /** Customers the task names in its description (all of them are in the supervisors' report). */
    static final int NAMED = 20;

    private final CallWorkers workers;
    private final CaseEngine cases;
    private final InvoiceRepository invoices;
    private final BusinessClock clock;

    public OwnersWhoLeft(CallWorkers workers, CaseEngine cases, InvoiceRepository invoices, BusinessClock clock) {
        this.workers = workers;
        this.cases = cases;
        this.invoices = invoices;
        this.clock = clock;
    }

    /**
     * In one transaction: the tasks released and the supervisors' tasks opened or completed together.
     *
     * @return the owners who cannot work the calls and own customers with open cases, by user id
     */
    @org.springframework.transaction.annotation.Transactional
    public Set<String> release() {
        Map<CallWorkers.Unable, List<String>> unable = workers.ownersWhoCannotWorkCalls();
        Set<String> withOpenCases = new java.util.TreeSet<>();
        for (Map.Entry<CallWorkers.Unable, List<String>> owner : unable.entrySet()) {
            String userId = owner.getKey().userId();
            List<String> open = owner.getValue().stream()
                .filter(customerId -> !invoices.findOpenByCustomer(customerId).isEmpty()).toList();
            for (String customerId : owner.getValue()) {
                cases.reassignCustomerTasks(customerId, userId, null);
            }
            if (open.isEmpty()) {
                continue;
            }
            withOpenCases.add(userId);
            String key = TASK_PREFIX + userId;
            if (cases.openKeyedTasks(key).stream().noneMatch(t -> t.key().equals(key))) {
                cases.openGroupTask(new CaseEngine.GroupTask("supervisors",
                    "Reassign the customers of " + userId + ": " + open.size() + " with open cases", key,
                    text(owner.getKey(), open), 80, clock.now()));
            }
        }
        // solved: the customers were reassigned, or the user works the calls again
        for (CaseEngine.KeyedTask task : cases.openKeyedTasks(TASK_PREFIX)) {
            if (!withOpenCases.contains(task.key().substring(TASK_PREFIX.length()))) {
                cases.completeTask(task.id());
            }
        }
        return withOpenCases;
    }

    /**
     * A customer got a new owner: the supervisors' task about the old one is completed once that user owns no
     * customer with open cases any more.
     */
    @org.springframework.context.event.EventListener
    public void customerChanged(com.collectwise.customers.CustomerChanged change) {
        String old = change.before().collector();
        if (!change.collectorChanged() || old == null) {
            return;
        }
        String key = TASK_PREFIX + old;
        List<CaseEngine.KeyedTask> open = cases.openKeyedTasks(key).stream().filter(t -> t.key().equals(key)).toList();
        if (open.isEmpty()) {
            return;
        }
        boolean stillOwnsOpenCases = workers.ownersWhoCannotWorkCalls().entrySet().stream()
            .filter(e -> e.getKey().userId().equals(old)).flatMap(e -> e.getValue().stream())
            .anyMatch(customerId -> !invoices.findOpenByCustomer(customerId).isEmpty());
        if (!stillOwnsOpenCases) {
            open.forEach(t -> cases.completeTask(t.id()));
        }
    }

    private static String text(CallWorkers.Unable owner, List<String> customers) {
        String why = owner.reason() == CallWorkers.Reason.UNKNOWN_USER ? owner.userId() + " is no user any more"
            : owner.userId() + " is in " + (owner.groups().isEmpty() ? "no group" : String.join(", ", owner.groups()))
                + ", in none of collectors, supervisors, camunda-admin";
        String named = customers.stream().limit(NAMED).collect(Collectors.joining(", "));
        return why + ": nobody gets the calls of the customers " + named
            + (customers.size() > NAMED ? " and " + (customers.size() - NAMED) + " more" : "")
            + ". Their calls wait in the collectors' queue. Give each customer a new owner (PATCH /api/customers/{id}"
            + " with \"collector\"; the list: GET /api/reports/customers-needing-owner); this task closes itself"
            + " when none is left.";
    }
}
