package com.collectwise.disputes;

import java.math.BigDecimal;

/** A dispute was recorded on an invoice (published in the transaction that recorded it). */
public record DisputeRaised(long disputeId, String invoiceNumber, String category, BigDecimal amount,
                            String currency) {
}
