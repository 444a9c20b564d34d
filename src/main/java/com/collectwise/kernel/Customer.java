package com.collectwise.kernel;

import java.time.Instant;

public record Customer(String customerId, String name, Segment segment, String country, String email,
                       String phone, String collector, String decisionMaker, Instant createdAt) {
}
