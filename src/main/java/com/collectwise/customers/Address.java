package com.collectwise.customers;

/** The customer's postal address; {@code region} (province, district) is what a visit policy can route on. */
public record Address(String street, String city, String region, String postalCode) {

    public boolean isEmpty() {
        return street == null && city == null && region == null && postalCode == null;
    }

    /** As the change history shows it. */
    public String display() {
        StringBuilder b = new StringBuilder();
        for (String part : new String[] {street, postalCode == null ? city : city == null ? postalCode
            : postalCode + " " + city, region}) {
            if (part != null) {
                if (b.length() > 0) {
                    b.append(", ");
                }
                b.append(part);
            }
        }
        return b.toString();
    }
}
