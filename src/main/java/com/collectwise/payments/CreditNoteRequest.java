package com.collectwise.payments;

import java.math.BigDecimal;
import java.time.LocalDate;

import com.collectwise.api.Amount;
import com.collectwise.api.Key;
import com.collectwise.api.Text;

import jakarta.validation.constraints.NotNull;

/**
 * The body of {@code POST /api/invoices/{invoiceNumber}/credit-notes}. The amount's decimals are checked against the
 * invoice's currency when the note is booked. {@code disputeId} (optional) names the open dispute the note settles;
 * without it the note settles the invoice's open disputes oldest first (DisputeService#creditNoteBooked).
 */
record CreditNoteRequest(
    @NotNull(message = "is required") @Key String creditNoteNumber,
    @NotNull(message = "is required") @Amount BigDecimal amount,
    @NotNull(message = "is required") LocalDate issuedOn,
    @NotNull(message = "is required") @Text(max = 2000) String reason,
    Long disputeId) {
}
