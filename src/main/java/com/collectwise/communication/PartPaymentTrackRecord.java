package com.collectwise.communication;

/**
 * The customer's part payments as the danger signals weigh them. The payments package owns them and sits above
 * this package, so it provides the bean.
 */
public interface PartPaymentTrackRecord {

    /** Applied payments on the customer's invoices that are still open. */
    int appliedPaymentsOnOpenInvoices(String customerId);

    /**
     * When the last payment that paid something on the invoice was posted (and not reversed since): a part payment
     * restarts the clock of the written reminders for the rest (DOMAIN.md 5). Empty when none.
     */
    java.util.Optional<java.time.Instant> lastPaymentPostedAt(String invoiceNumber);
}
