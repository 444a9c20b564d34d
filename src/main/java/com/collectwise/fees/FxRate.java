package com.collectwise.fees;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** One row of the euro exchange-rate table as finance entered it: units of {@code currency} per 1 EUR. */
public record FxRate(String currency, LocalDate effectiveFrom, BigDecimal unitsPerEur, String enteredBy,
                     Instant enteredAt) {
}
