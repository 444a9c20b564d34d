package com.collectwise.limitation;

import java.time.LocalDate;

/**
 * A fact that interrupts the limitation period and restarts it on its date (e.g. PAYMENT). {@code until}: the day
 * from which the fact no longer counts (a payment reversed as bounced or recalled was no payment: it acknowledged
 * nothing, as the money replay no longer counts it from its reversal on); null when it counts for good.
 */
public record Interruption(LocalDate on, String kind, LocalDate until) {

    public Interruption(LocalDate on, String kind) {
        this(on, kind, null);
    }

    /** Whether the fact counts in a statement as of the date: it happened by then and was not undone by then. */
    public boolean countsAsOf(LocalDate asOf) {
        return !on.isAfter(asOf) && (until == null || until.isAfter(asOf));
    }
}
