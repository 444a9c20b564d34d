package com.collectwise.kernel;

/**
 * An invoice was reduced by a credit note decided inside a model (an accepted dispute). Payments reconcile the
 * customer after the deciding transaction has committed: a credit note that leaves nothing owing settles the
 * invoice and ends its case, which cannot be done from inside the dispute process the case is waiting on.
 */
public record InvoiceCredited(String customerId, String invoiceNumber) {
}
