package com.collectwise.communication;

import java.time.Instant;

/** A document kept as evidence (a dunning letter as sent), with the SHA-256 of its bytes. */
public record Document(long id, String invoiceNumber, String kind, String fileName, String mediaType, byte[] content,
                       String sha256, String deliveryStatus, String deliveryProof, Instant createdAt) {
}
