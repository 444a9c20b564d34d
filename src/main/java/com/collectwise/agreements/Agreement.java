package com.collectwise.agreements;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * An instalment agreement with its schedule, as stored. {@code waiveInterest}: the plan's total is what was
 * outstanding when it was proposed, and the interest accrued while it is kept is waived (a supervisor approves).
 * {@code demandUntil}: the last day of the payment demand's period, once one was sent.
 */
public record Agreement(long id, String invoiceNumber, BigDecimal total, String currency, String note, String status,
                        String source, String createdBy, LocalDate startsOn, String approvedBy,
                        List<Instalment> instalments, boolean waiveInterest, Instant createdAt,
                        LocalDate demandUntil) {

    public static final String PROPOSED = "PROPOSED";
    public static final String ACTIVE = "ACTIVE";
    public static final String KEPT = "KEPT";
    public static final String ACCELERATED = "ACCELERATED";
    public static final String REJECTED = "REJECTED";

    public Instalment instalment(int seq) {
        return instalments.stream().filter(i -> i.seq() == seq).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("agreement " + id + " has no instalment " + seq));
    }

    /** Still open: proposed or running. */
    public boolean isOpen() {
        return PROPOSED.equals(status) || ACTIVE.equals(status);
    }
}
