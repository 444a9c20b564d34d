package com.collectwise.fees;

import java.math.BigDecimal;

/**
 * Part of a payment applied to one component (FEES, INTEREST, PRINCIPAL) of an invoice, or held as the customer's
 * CREDIT ({@code invoiceNumber} null).
 */
public record Allocation(String invoiceNumber, String component, BigDecimal amount) {
}
