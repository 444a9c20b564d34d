package com.collectwise.fees;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** One row of a reference rate table as finance entered it. */
public record ReferenceRate(LocalDate effectiveFrom, BigDecimal ratePercent, String enteredBy, Instant enteredAt) {
}
