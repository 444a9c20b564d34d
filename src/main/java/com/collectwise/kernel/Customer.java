package com.collectwise.kernel;

import java.time.Instant;

/** @param language what the customer's reminders and letters are written in (default from the country) */
public record Customer(String customerId, String name, Segment segment, String country, String email,
                       String phone, String collector, String decisionMaker, Instant createdAt, Language language) {

    public Customer {
        if (language == null) {
            language = Language.forCountry(country);
        }
    }

    /** A customer writing in the default language of its country. */
    public Customer(String customerId, String name, Segment segment, String country, String email, String phone,
                    String collector, String decisionMaker, Instant createdAt) {
        this(customerId, name, segment, country, email, phone, collector, decisionMaker, createdAt, null);
    }
}
