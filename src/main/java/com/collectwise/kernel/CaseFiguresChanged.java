package com.collectwise.kernel;

/**
 * The amounts of a case changed outside its process (a payment, a reversal, a waiver): whoever shows figures of
 * the case (the open call form) refreshes them. Published inside the transaction that changed the figures.
 */
public record CaseFiguresChanged(String invoiceNumber) {
}
