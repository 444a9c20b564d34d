package com.collectwise.customers;

import java.time.Instant;

/** One changed field of the customer's master data, with who changed it and when (the change history). */
public record CustomerChange(String field, String from, String to, String changedBy, Instant changedAt) {
}
