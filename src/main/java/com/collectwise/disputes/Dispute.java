package com.collectwise.disputes;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * A dispute as stored (and shown in the case view), with the credit notes that resolved it in full or in part
 * ({@code credits}, dated as the credit notes). While it is OPEN, what is still disputed is {@link #open()}: the
 * amount less what credit notes took over.
 */
public record Dispute(long id, String invoiceNumber, DisputeCategory category, BigDecimal amount, String currency,
                      String description, String status, String source, String raisedBy, Instant raisedAt,
                      String resolvedBy, String resolution, Instant resolvedAt, List<DisputeCredit> credits) {

    public static final String OPEN = "OPEN";
    public static final String CREDIT_NOTE = "CREDIT_NOTE";
    public static final String REJECTED = "REJECTED";
    /** Closed undecided: its case ended by a write-off or a sale (the resolution says which). */
    public static final String CLOSED = "CLOSED";

    public Dispute {
        credits = credits == null ? List.of() : List.copyOf(credits);
    }

    /** The sum of the credit notes that resolved (part of) this dispute. */
    public BigDecimal credited() {
        return credits.stream().map(DisputeCredit::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** What is still disputed: the amount less the credit notes, while the dispute is open; zero once decided. */
    public BigDecimal open() {
        return OPEN.equals(status) ? amount.subtract(credited()).max(BigDecimal.ZERO) : BigDecimal.ZERO;
    }

    /**
     * The dispute as it stood at the end of {@code day} in {@code zone}: null when it was raised later; only the
     * credit notes dated by then; CREDIT_NOTE when those cover it (a credit note resolves a dispute from its own date,
     * whenever it was posted); OPEN when it was decided after that day (status, decider and resolution as they were
     * then).
     */
    public Dispute asOf(LocalDate day, ZoneId zone) {
        if (raisedAt.atZone(zone).toLocalDate().isAfter(day)) {
            return null;
        }
        List<DisputeCredit> then = credits.stream().filter(c -> !c.creditedOn().isAfter(day)).toList();
        BigDecimal creditedThen = then.stream().map(DisputeCredit::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (!then.isEmpty() && creditedThen.compareTo(amount) >= 0) {
            return new Dispute(id, invoiceNumber, category, amount, currency, description, CREDIT_NOTE, source,
                raisedBy, raisedAt, resolvedBy, resolution, resolvedAt, then);
        }
        if (resolvedAt != null && resolvedAt.atZone(zone).toLocalDate().isAfter(day)) {
            return new Dispute(id, invoiceNumber, category, amount, currency, description, OPEN, source, raisedBy,
                raisedAt, null, null, null, then);
        }
        return then.size() == credits.size() ? this : new Dispute(id, invoiceNumber, category, amount, currency,
            description, status, source, raisedBy, raisedAt, resolvedBy, resolution, resolvedAt, then);
    }
}
