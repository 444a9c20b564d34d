package com.collectwise.agreements;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The money an instalment plan counts: applied payments on the invoice valued from {@code from} through
 * {@code until}, posted after {@code postedAfter}, reversed ones only while they stood. The payments package owns the
 * table and sits above this one, so it provides the bean.
 */
public interface PaymentsOnInvoice {

    BigDecimal paid(String invoiceNumber, LocalDate from, LocalDate until, Instant postedAfter);

    /** The distinct value dates of that money. */
    List<LocalDate> valueDays(String invoiceNumber, LocalDate from, LocalDate until, Instant postedAfter);
}
