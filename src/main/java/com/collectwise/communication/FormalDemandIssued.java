package com.collectwise.communication;

import java.time.LocalDate;

/**
 * The formal dunning letter of a case was issued (published inside the letter's transaction, again on a retried
 * job: listeners are idempotent). The statement of account goes out with it for the customer to confirm.
 */
public record FormalDemandIssued(String invoiceNumber, String customerId, LocalDate letterDate, int demandNumber) {
}
