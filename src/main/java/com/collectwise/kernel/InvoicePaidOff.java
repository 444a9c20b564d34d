package com.collectwise.kernel;

/**
 * The customer's money now leaves nothing owing on the invoice and it was closed as settled (a payment, a credit
 * note, a kept plan): its case ends. Published by the payments inside the transaction that closed the invoice.
 */
public record InvoicePaidOff(String invoiceNumber) {
}
