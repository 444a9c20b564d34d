package com.collectwise.payments;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A payment that had reached an invoice was reversed (bounced or recalled): what it had been recorded to pay there is
 * owed again. Published in the reversal's transaction, once per invoice the payment reached, after the customer's
 * account was replayed without it. Whoever was told of the payment reacts (an agency working the case: handoff) and whoever judged something by
 * that money looks again (a promise it kept: cases; the customer-level review runs at the first invoice's event and
 * finds nothing left to change at the next).
 */
public record PaymentReversed(String paymentReference, String customerId, String invoiceNumber, BigDecimal amount,
                              String currency, LocalDate reversedOn, String reason) {
}
