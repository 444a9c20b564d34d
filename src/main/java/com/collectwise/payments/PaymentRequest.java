package com.collectwise.payments;

import java.math.BigDecimal;
import java.time.LocalDate;

import com.collectwise.api.Amount;
import com.collectwise.api.Amounts;
import com.collectwise.api.CurrencyCode;
import com.collectwise.api.Key;
import com.collectwise.api.MinorUnits;
import com.collectwise.api.RequiredWithout;
import com.collectwise.api.Since2000;
import com.collectwise.api.Text;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;

/**
 * The body of {@code POST /api/payments}. The amount is checked against the payment's own currency: one in another
 * currency than the invoice's is kept unapplied.
 */
@MinorUnits
@RequiredWithout(field = "invoiceNumber", without = "customerId")
record PaymentRequest(
    @NotNull(message = "is required") @Text(max = 100) String paymentReference,
    @Key String invoiceNumber,
    @Key String customerId,
    @NotNull(message = "is required") @Amount BigDecimal amount,
    @NotNull(message = "is required") @CurrencyCode String currency,
    @NotNull(message = "is required") @PastOrPresent(message = "must not be in the future") @Since2000
    LocalDate receivedOn,
    @NotNull(message = "is required") PaymentMethod method) {

    IncomingPayment toPayment() {
        return new IncomingPayment(paymentReference, invoiceNumber, customerId, Amounts.atMinorUnit(amount, currency),
            currency, receivedOn, method);
    }
}
