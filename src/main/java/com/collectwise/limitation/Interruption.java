package com.collectwise.limitation;

import java.time.LocalDate;
import java.util.Set;

/**
 * A fact that interrupts the limitation period and restarts it on its date (e.g. PAYMENT). {@code until}: the day
 * from which the fact no longer counts (a payment reversed as bounced or recalled was no payment: it acknowledged
 * nothing, as the money replay no longer counts it from its reversal on); null when it counts for good.
 */
public record Interruption(LocalDate on, String kind, LocalDate until) {

    /**
     * The creditor's own acts (a delivered demand, a suit): they interrupt a running period but cannot revive one that
     * has run out (Civil Code art. 195 interrupts a period that runs). Every other kind is the debtor's acknowledgement.
     */
    public static final Set<String> CREDITOR_ACTS = Set.of("DELIVERED_DEMAND", "SUIT");

    /** Whether the debtor did it: an acknowledgement counts after the period too (art. 192: no plea once agreed). */
    public boolean byDebtor() {
        return !CREDITOR_ACTS.contains(kind);
    }

    public Interruption(LocalDate on, String kind) {
        this(on, kind, null);
    }

    /** Whether the fact counts in a statement as of the date: it happened by then and was not undone by then. */
    public boolean countsAsOf(LocalDate asOf) {
        return !on.isAfter(asOf) && (until == null || until.isAfter(asOf));
    }
}
