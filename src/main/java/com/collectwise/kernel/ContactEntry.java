package com.collectwise.kernel;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** One contact with the customer, as kept in the case file (evidence: never edited). */
public record ContactEntry(Long id, String invoiceNumber, String customerId, String channel, Instant contactedAt,
                           String collector, String reachedPerson, String outcome, String note,
                           BigDecimal promisedAmount, LocalDate promisedDate) {
}
