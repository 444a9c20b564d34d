package com.collectwise.payments;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Money of a payment reached an invoice (published in the booking's transaction, once per invoice it reached).
 * Whoever must know reacts without payments calling it: an agency working the case is told (handoff).
 */
public record PaymentApplied(String paymentReference, String customerId, String invoiceNumber, BigDecimal amount,
                             String currency, LocalDate receivedOn) {
}
