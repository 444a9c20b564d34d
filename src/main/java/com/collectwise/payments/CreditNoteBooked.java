package com.collectwise.payments;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A credit note posted over the API was booked (published in the booking's transaction; never for a replay). It
 * settled the disputes {@code disputesSettled} in full; {@code stillDisputed} is what stays disputed of the invoice
 * after it. Whoever must know reacts without payments calling it: an agency working the case is told (handoff).
 */
public record CreditNoteBooked(String creditNoteNumber, String customerId, String invoiceNumber, BigDecimal amount,
                               String currency, LocalDate issuedOn, List<Long> disputesSettled,
                               BigDecimal stillDisputed) {
}
