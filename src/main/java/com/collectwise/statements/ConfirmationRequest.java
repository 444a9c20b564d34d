package com.collectwise.statements;

import java.time.LocalDate;

import com.collectwise.api.Text;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;

/**
 * The body of {@code POST /api/customers/{customerId}/statement/confirmations}: the statement's date, the day the
 * customer confirmed it (default today), the person who confirmed it, a note.
 */
record ConfirmationRequest(
    @NotNull(message = "is required")
    @PastOrPresent(message = "must not be in the future: a customer can only confirm a statement sent")
    LocalDate statementDate,
    @PastOrPresent(message = "must not be in the future") LocalDate confirmedOn,
    @Text(max = 200) String confirmedBy,
    @Text(max = 2000) String note) {
}
