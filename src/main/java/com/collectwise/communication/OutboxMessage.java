package com.collectwise.communication;

import java.time.Instant;

/** A message or hand-off waiting to be dispatched (or already dispatched). */
public record OutboxMessage(Long id, String idempotencyKey, String invoiceNumber, String customerId, String kind,
                            String recipient, String subject, String body, String status, int attempts,
                            Instant createdAt, Instant dispatchedAt) {
}
