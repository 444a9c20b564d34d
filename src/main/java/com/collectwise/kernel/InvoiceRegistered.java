package com.collectwise.kernel;

/**
 * An invoice was registered and its case started (published inside the registering transaction). Payments listen:
 * a customer's credit pays its next invoice.
 */
public record InvoiceRegistered(String invoiceNumber, String customerId) {
}
