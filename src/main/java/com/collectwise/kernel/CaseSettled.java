package com.collectwise.kernel;



/**
 * A case ended because its invoice is settled: paid, credited, written off or sold ({@code status}). Published by
 * {@link CaseClosing} in the closing transaction; an agency working the case is told (handoff). An event, like
 * {@link InvoiceRegistered}, so the capabilities below the case layer need not know the case layer.
 */
public record CaseSettled(String invoiceNumber, String customerId, CaseStatus status, String reason) {
}
