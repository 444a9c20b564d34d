package com.collectwise.disputes;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The part of a credit note (posted over the API while the dispute was open) that resolved a dispute, dated as the
 * credit note: from {@code creditedOn} on, that part of the dispute is no longer disputed but credited.
 */
public record DisputeCredit(String creditNoteNumber, BigDecimal amount, LocalDate creditedOn) {
}
