package com.collectwise.payments;

import java.time.LocalDate;

import com.collectwise.api.Text;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;

/**
 * The body of {@code POST /api/payments/{paymentReference}/reversal}: a bounced or recalled payment, on the day it
 * bounced (not a bounce to come: like a payment, a reversal is booked when it happened).
 */
record ReversalRequest(
    @NotNull(message = "is required") @PastOrPresent(message = "must not be in the future") LocalDate reversedOn,
    @NotNull(message = "is required") @Text(max = 500) String reason) {
}
