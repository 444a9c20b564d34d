package com.collectwise.money;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * What is still unpaid on an invoice as of a date, per component. Amounts in the invoice currency,
 * rounded to its minor unit (HALF_UP). {@code total = principal + interest + fees}.
 */
public record Statement(String invoiceNumber, String currency, LocalDate asOf, BigDecimal principal,
                        BigDecimal interest, BigDecimal fees, BigDecimal total) {
}
