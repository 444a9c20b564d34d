package com.collectwise.payments;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import com.collectwise.fees.Allocation;

/**
 * A booked payment as the API answers it. {@code status}: APPLIED, UNAPPLIED (kept for finance, with
 * {@code unappliedReason}) or REVERSED (bounced or recalled, no longer counting from {@code reversedOn}). {@code allocations}: how the payment is split today, replayed from the dated events
 * (a payment posted later but dated earlier can change it). {@code reversedOn}: set once the payment bounced.
 */
public record PaymentView(String paymentReference, String status, String invoiceNumber, String customerId,
                          BigDecimal amount, String currency, LocalDate receivedOn, PaymentMethod method,
                          List<Allocation> allocations, String unappliedReason, LocalDate reversedOn) {

    PaymentView withAllocations(List<Allocation> current) {
        return new PaymentView(paymentReference, status, invoiceNumber, customerId, amount, currency, receivedOn,
            method, current, unappliedReason, reversedOn);
    }
}
