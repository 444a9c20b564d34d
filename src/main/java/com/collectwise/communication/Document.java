package com.collectwise.communication;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A document kept as evidence (a dunning letter as sent), with the SHA-256 of its bytes.
 *
 * @param deliveredOn the day it reached the customer, as the proof of delivery says; null when not delivered, or
 *                    delivered without a day (then the letter's own date counts for limitation)
 */
public record Document(long id, String invoiceNumber, String kind, String fileName, String mediaType, byte[] content,
                       String sha256, String deliveryStatus, String deliveryProof, Instant createdAt,
                       LocalDate deliveredOn) {
}
