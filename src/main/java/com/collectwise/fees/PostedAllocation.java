package com.collectwise.fees;

import java.time.LocalDate;

/** A stored allocation row: part of a payment applied to one component of an invoice on a date. */
public record PostedAllocation(Long id, String paymentReference, String invoiceNumber, Component component,
                               Money amount, LocalDate appliedOn) {
}
