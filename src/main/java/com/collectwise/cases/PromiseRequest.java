package com.collectwise.cases;

import java.math.BigDecimal;
import java.time.LocalDate;

import com.collectwise.api.Amount;
import com.collectwise.api.Text;

import jakarta.validation.constraints.NotNull;

/**
 * The body of {@code POST /api/invoices/{invoiceNumber}/promises}. The rules that need the invoice (the decimals of
 * its currency, not more than is outstanding, a date not in the past) are the service's.
 */
record PromiseRequest(
    @NotNull(message = "is required") @Amount BigDecimal amount,
    @NotNull(message = "is required") LocalDate promisedDate,
    @Text(max = 2000) String note) {
}
