package com.collectwise.disputes;

import java.math.BigDecimal;
import java.time.Instant;

/** A dispute as stored (and shown in the case view). */
public record Dispute(long id, String invoiceNumber, DisputeCategory category, BigDecimal amount, String currency,
                      String description, String status, String source, String raisedBy, Instant raisedAt,
                      String resolvedBy, String resolution) {

    public static final String OPEN = "OPEN";
    public static final String CREDIT_NOTE = "CREDIT_NOTE";
    public static final String REJECTED = "REJECTED";
}
