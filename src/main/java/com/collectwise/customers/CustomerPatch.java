package com.collectwise.customers;

import java.util.List;
import java.util.Optional;

import com.collectwise.kernel.Segment;

/**
 * A change of a customer's master data (PATCH), checked at the edge. A field that is null is not changed. The
 * {@link Optional} fields can be cleared: empty clears the e-mail, phone, decision maker or address, and empty
 * {@code contacts} removes every contact ({@code contacts} replaces the whole list). The collector, segment and consent
 * can only be set.
 */
public record CustomerPatch(
    Optional<Address> address,
    Optional<List<CustomerContact>> contacts,
    Optional<String> email,
    Optional<String> phone,
    String collector,
    Segment segment,
    Optional<String> decisionMaker,
    Boolean sharePersonalData) {

    /** A change of the segment only. */
    public static CustomerPatch segment(Segment segment) {
        return new CustomerPatch(null, null, null, null, null, segment, null, null);
    }
}
