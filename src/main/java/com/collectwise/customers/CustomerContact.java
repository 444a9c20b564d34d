package com.collectwise.customers;

import java.util.Locale;

/** A person at the customer with a role; at least one of name, e-mail and phone is known. */
public record CustomerContact(ContactRole role, String name, String email, String phone) {

    /**
     * Whether both describe the same person: by name when both have one, else by e-mail, else by phone. A finance
     * contact who only gained a name or a phone number is not a new finance contact.
     */
    public boolean samePersonAs(CustomerContact other) {
        if (name != null && other.name != null) {
            return norm(name).equals(norm(other.name));
        }
        if (email != null && other.email != null) {
            return norm(email).equals(norm(other.email));
        }
        if (phone != null && other.phone != null) {
            return phone.replaceAll("[^0-9+]", "").equals(other.phone.replaceAll("[^0-9+]", ""));
        }
        return false;
    }

    /** As the change history shows it. */
    public String display() {
        StringBuilder b = new StringBuilder(role.name());
        if (name != null) {
            b.append(' ').append(name);
        }
        if (email != null) {
            b.append(" <").append(email).append('>');
        }
        if (phone != null) {
            b.append(' ').append(phone);
        }
        return b.toString();
    }

    private static String norm(String s) {
        return s.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
