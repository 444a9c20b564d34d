package com.collectwise.kernel;

import java.math.BigDecimal;

/**
 * A settled invoice owes again (a payment was reversed) and was reopened: a new case starts. Published by the
 * payments inside the transaction that reopened it.
 */
public record InvoiceOwesAgain(String invoiceNumber, String customerId, BigDecimal outstanding) {
}
