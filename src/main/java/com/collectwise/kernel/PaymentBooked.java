package com.collectwise.kernel;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Money of a booked payment reached an open invoice that still owes something (a part payment). Published by the
 * payments inside the booking transaction, after the allocation; the listeners run in that transaction, in order:
 * the acknowledgement of the debt (which restarts the limitation period), the case ("why not in full?" unless an
 * instalment plan expects the money), the open call forms.
 *
 * @param paid        what this payment paid on the invoice
 * @param outstanding what the invoice owes after it
 * @param valueDate   the day the money counts from
 */
public record PaymentBooked(String invoiceNumber, String paymentReference, BigDecimal paid, BigDecimal outstanding,
                            LocalDate valueDate) {

    /** Listener order: the acknowledgement first, then the case, then whoever shows the figures. */
    public static final int ACKNOWLEDGE = 1;
    public static final int TELL_CASE = 2;
    public static final int SHOW_FIGURES = 3;
}
