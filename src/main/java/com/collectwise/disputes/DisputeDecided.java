package com.collectwise.disputes;

import java.math.BigDecimal;

/**
 * The owning department (or the supervisor) decided a dispute in Process_Dispute (published in the transaction of the
 * decision). {@code outcome} {@link Dispute#REJECTED}: {@code amount} (what was still disputed) is collected again
 * with the rest; {@link Dispute#CREDIT_NOTE}: the invoice was reduced by {@code amount} from its due date (zero when
 * nothing was left to credit). A credit note posted over the API has its own event (payments.CreditNoteBooked).
 */
public record DisputeDecided(long disputeId, String invoiceNumber, String customerId, String outcome,
                             BigDecimal amount, String currency, String reason) {
}
