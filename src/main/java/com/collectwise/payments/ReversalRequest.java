package com.collectwise.payments;

import java.time.LocalDate;

import com.collectwise.api.Text;

import jakarta.validation.constraints.NotNull;

/** The body of {@code POST /api/payments/{paymentReference}/reversal}: a bounced or recalled payment. */
record ReversalRequest(
    @NotNull(message = "is required") LocalDate reversedOn,
    @NotNull(message = "is required") @Text(max = 500) String reason) {
}
