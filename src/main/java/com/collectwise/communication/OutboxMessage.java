package com.collectwise.communication;

import java.time.Instant;

/**
 * A message or hand-off waiting to be dispatched (or already dispatched).
 *
 * @param notBefore the first moment it may go (quiet hours); null: at once
 * @param reason    why a CANCELLED message was not sent (its invoice settled meanwhile, ...); null otherwise
 */
public record OutboxMessage(Long id, String idempotencyKey, String invoiceNumber, String customerId, String kind,
                            String recipient, String subject, String body, String status, int attempts,
                            Instant createdAt, Instant dispatchedAt, Instant notBefore, String reason) {

    /** When it went, or when it will go at the earliest. */
    public Instant sendAt() {
        if (dispatchedAt != null) {
            return dispatchedAt;
        }
        return notBefore != null ? notBefore : createdAt;
    }
}
