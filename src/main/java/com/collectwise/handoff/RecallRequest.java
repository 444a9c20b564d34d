package com.collectwise.handoff;

import com.collectwise.api.Text;

import jakarta.validation.constraints.NotNull;

/** The body of {@code POST /api/invoices/{invoiceNumber}/agency/recall}: why the case is taken back. */
record RecallRequest(@NotNull(message = "is required") @Text(max = 500) String reason) {
}
