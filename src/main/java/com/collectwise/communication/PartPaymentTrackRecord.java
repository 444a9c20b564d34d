package com.collectwise.communication;

/**
 * The customer's part payments as the danger signals weigh them. The payments package owns them and sits above
 * this package, so it provides the bean.
 */
public interface PartPaymentTrackRecord {

    /** Applied payments on the customer's invoices that are still open. */
    int appliedPaymentsOnOpenInvoices(String customerId);
}
