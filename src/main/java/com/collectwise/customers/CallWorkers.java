package com.collectwise.customers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import com.collectwise.security.UserDirectory;

/**
 * Who can work a customer's calls (DOMAIN.md 1: the owner collector is the default assignee of the calls): a user of
 * the identity store who is a member of {@link CaseWorker#GROUPS}. Asked when an owner is named (POST, and a PATCH
 * that changes the owner), when a call task is assigned to the owner, and by the supervisors' list of customers whose
 * owner cannot work the calls any more (deleted, or removed from those groups in Admin or over the engine REST API).
 */
@Component
public class CallWorkers {

    /** Why an owner cannot work the calls. */
    public enum Reason {
        /** No such user in the identity store (deleted). */
        UNKNOWN_USER,
        /** A user in none of {@link CaseWorker#GROUPS}. */
        NOT_IN_CALL_GROUPS
    }

    /** An owner who cannot work the calls, with the groups the user is in now (empty for an unknown user). */
    public record Unable(String userId, Reason reason, List<String> groups) {
    }

    private final UserDirectory users;
    private final CustomerRepository customers;

    public CallWorkers(UserDirectory users, CustomerRepository customers) {
        this.users = users;
        this.customers = customers;
    }

    /** Whether {@code userId} is a known user in one of the groups that work the calls. */
    public boolean worksCalls(String userId) {
        return unable(userId).isEmpty();
    }

    /** Why {@code userId} cannot work the calls; empty when the user can. */
    public Optional<Unable> unable(String userId) {
        if (userId == null || !users.exists(userId)) {
            return Optional.of(new Unable(userId, Reason.UNKNOWN_USER, List.of()));
        }
        List<String> memberOf = users.groupsOf(userId);
        if (memberOf.stream().anyMatch(CaseWorker.GROUPS::contains)) {
            return Optional.empty();
        }
        return Optional.of(new Unable(userId, Reason.NOT_IN_CALL_GROUPS, memberOf.stream().sorted().toList()));
    }

    /**
     * The field problem of naming {@code userId} as a customer's owner (on {@code collector}), empty when it may own
     * customers: "is not a known user", or the groups the user is in. A malformed id is not looked up (its own rule).
     */
    public Optional<String> refusalAsOwner(String userId) {
        if (userId == null || !userId.matches("[A-Za-z0-9]{1,64}")) {
            return Optional.empty();
        }
        return unable(userId).map(u -> u.reason() == Reason.UNKNOWN_USER ? "is not a known user" : notACaller(u.groups()));
    }

    /** The message of a known user in none of the groups that work the calls. */
    static String notACaller(List<String> memberOf) {
        // ids from the identity store; anything odd dropped (the text is also used as a message template)
        List<String> shown = memberOf.stream().filter(g -> g.matches("[A-Za-z0-9_-]{1,64}")).sorted().toList();
        return "is in " + (shown.isEmpty() ? "no group" : String.join(", ", shown))
            + ", not in a group that works the calls (" + String.join(", ", CaseWorker.GROUPS)
            + "): the customer's calls would be assigned to a user who never sees them in Tasklist";
    }

    /**
     * The owners of customers who cannot work the calls now, each with the customers they own (by id), owners in
     * alphabetical order.
     */
    public Map<Unable, List<String>> ownersWhoCannotWorkCalls() {
        Map<Unable, List<String>> found = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> owner : customers.customersPerCollector().entrySet()) {
            unable(owner.getKey()).ifPresent(u -> found.put(u, new ArrayList<>(owner.getValue())));
        }
        return found;
    }
}
