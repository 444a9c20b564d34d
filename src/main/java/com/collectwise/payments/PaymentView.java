package com.collectwise.payments;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import com.collectwise.fees.Allocation;

/**
 * A booked payment as the API answers it, read back from the tables, so that a replay gets the
 * same answer as the first call. {@code status}: APPLIED or UNAPPLIED (kept as cash, no invoice matched).
 */
public record PaymentView(String paymentReference, String status, String invoiceNumber, String customerId,
                          BigDecimal amount, String currency, LocalDate receivedOn, PaymentMethod method,
                          List<Allocation> allocations) {
}
