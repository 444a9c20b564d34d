package com.collectwise.kernel;

/**
 * An invoice was reduced by a decision taken inside a model: a credit note (an accepted dispute) or a waiver or
 * early-payment discount a supervisor approved (Process_RequestWaiver). Payments reconcile the customer after the
 * deciding transaction has committed: a reduction that leaves nothing owing settles the invoice and ends its case,
 * which cannot be done from inside the process that decided it.
 */
public record InvoiceCredited(String customerId, String invoiceNumber) {
}
