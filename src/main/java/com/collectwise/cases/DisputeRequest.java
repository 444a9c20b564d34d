package com.collectwise.cases;

import java.math.BigDecimal;

import com.collectwise.api.Amount;
import com.collectwise.api.Text;
import com.collectwise.disputes.DisputeCategory;

import jakarta.validation.constraints.NotNull;

/**
 * The body of {@code POST /api/invoices/{invoiceNumber}/disputes}; the description is optional as on the call form
 * and short enough to fit the contact-log note with its prefix. Not more than the undisputed outstanding amount is
 * the service's rule.
 */
record DisputeRequest(
    @NotNull(message = "is required") DisputeCategory category,
    @NotNull(message = "is required") @Amount BigDecimal amount,
    @Text(max = 2000) String description) {
}
