package com.collectwise.payments;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;

/** A payment as reported by the bank feed, the ERP or the agency, checked but not yet booked. */
public record IncomingPayment(String paymentReference, String invoiceNumber, String customerId, BigDecimal amount,
                              String currency, LocalDate receivedOn, PaymentMethod method) {

    /**
     * SHA-256 of the normalised content, so that a replay that differs only in formatting
     * ({@code 100} vs {@code "100.00"}, field order, unknown fields) is still recognised as the same payment.
     */
    public String contentHash() {
        String canonical = String.join("\n", paymentReference, nullToEmpty(invoiceNumber), nullToEmpty(customerId),
            // at least two decimals, as hashed before amounts had the currency's minor unit (JPY 1000 -> 1000.00): a
            // replay of a payment booked before stays a replay; KWD keeps its third decimal
            amount.setScale(Math.max(2, amount.scale())).toPlainString(), currency, receivedOn.toString(), method.name());
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
