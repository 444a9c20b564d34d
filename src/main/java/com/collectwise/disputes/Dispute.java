package com.collectwise.disputes;

import java.math.BigDecimal;
import java.time.Instant;

/** A dispute as stored (and shown in the case view). */
public record Dispute(long id, String invoiceNumber, DisputeCategory category, BigDecimal amount, String currency,
                      String description, String status, String source, String raisedBy, Instant raisedAt,
                      String resolvedBy, String resolution, Instant resolvedAt) {

    public static final String OPEN = "OPEN";
    public static final String CREDIT_NOTE = "CREDIT_NOTE";
    public static final String REJECTED = "REJECTED";

    /**
     * The dispute as it stood at the end of {@code day} in {@code zone}: null when it was raised later; OPEN when it
     * was decided after that day (status, decider and resolution as they were then).
     */
    public Dispute asOf(java.time.LocalDate day, java.time.ZoneId zone) {
        if (raisedAt.atZone(zone).toLocalDate().isAfter(day)) {
            return null;
        }
        if (resolvedAt != null && resolvedAt.atZone(zone).toLocalDate().isAfter(day)) {
            return new Dispute(id, invoiceNumber, category, amount, currency, description, OPEN, source, raisedBy,
                raisedAt, null, null, null);
        }
        return this;
    }
}
