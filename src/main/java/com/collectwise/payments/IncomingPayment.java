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
            canonicalAmount(), currency, receivedOn.toString(), method.name());
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    /** Two decimals as before (stored hashes stay valid); a currency with three (KWD) keeps its third. */
    private String canonicalAmount() {
        BigDecimal plain = amount.stripTrailingZeros();
        return (plain.scale() <= 2 ? amount.setScale(2) : plain).toPlainString();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
