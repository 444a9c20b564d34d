package com.collectwise.customers;

import java.util.List;

/**
 * The master data beyond the registration record: address, the contacts with their roles and the consent to
 * share personal data with an agency. Kept apart from {@link Customer}, which every notice and replay reads.
 */
public record CustomerProfile(Address address, List<CustomerContact> contacts, boolean sharePersonalData) {

    public List<CustomerContact> financeContacts() {
        return contacts.stream().filter(c -> c.role() == ContactRole.FINANCE_CONTACT).toList();
    }
}
