package com.collectwise.payments;

import java.time.LocalDate;

/**
 * A bounced or recalled payment of the customer no longer counts from {@code reversedOn} (published in the reversal's
 * transaction, after the account was reconciled). Whoever judged something by that money looks again without payments
 * calling it: a promise it kept (cases).
 */
public record PaymentReversed(String paymentReference, String customerId, LocalDate reversedOn) {
}
