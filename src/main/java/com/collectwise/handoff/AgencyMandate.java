package com.collectwise.handoff;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What the agency receives for a mandate. {@code debtor} is null (left out of the JSON) when the customer
 * agreement does not allow sharing personal data: then only the invoice and the amounts leave. {@code total} is
 * what is outstanding; the agency collects only {@code amountToCollect}, the part not under open dispute
 * ({@code disputed}, which waits for the dispute's outcome).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AgencyMandate(String mandateKey, String invoiceNumber, int handoffNumber, LocalDate issueDate,
                            LocalDate dueDate, String currency, BigDecimal principal, BigDecimal interest,
                            BigDecimal fees, BigDecimal total, LocalDate asOf, LocalDate mandateEnds, Debtor debtor,
                            BigDecimal disputed, BigDecimal amountToCollect) {

    /**
     * Personal data of the debtor, sent only with the customer's consent: who it is, how to reach it, its address and
     * its contacts with their roles (finance contact, decision maker, payer) as the customer file has them now.
     */
    public record Debtor(String customerId, String name, String country, String email, String phone,
                         String decisionMaker, Address address, List<Contact> contacts) {
    }

    public record Address(String street, String city, String region, String postalCode) {
    }

    public record Contact(String role, String name, String email, String phone) {
    }

    /** Case id + hand-off number: the same for every delivery attempt of one hand-off. */
    public static String key(String invoiceNumber, int handoffNumber) {
        return invoiceNumber + ":" + handoffNumber;
    }
}
