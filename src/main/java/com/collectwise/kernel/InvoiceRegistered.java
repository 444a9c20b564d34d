package com.collectwise.kernel;

/**
 * An invoice was registered and its case started (published inside the registering transaction). Payments listen:
 * a customer's credit pays its next invoice; limitation warns legal at once when an old invoice is registered within
 * its warning days ({@code dueDate} lets it skip every other invoice without a query).
 */
public record InvoiceRegistered(String invoiceNumber, String customerId, java.time.LocalDate dueDate) {
}
