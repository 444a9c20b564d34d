package com.collectwise.reporting;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The customer file (GET /api/customers/{id}): master data with address, the contacts with their roles, the consent
 * to share personal data with an agency, the open invoices with their stage and what each still owes, what the
 * customer owes per currency, the customer's credit per currency (overpayments and payments not yet used by an
 * invoice: they pay the next invoice), the credit status the order system reads, and the change history of the
 * master data (newest first), and its payment habits: how many of its promises to pay (on any invoice) were kept and
 * how many broken ({@code promisesKept}, {@code promisesBroken}, DOMAIN.md 5). The {@code language} (zh or en) is what the customer's reminders and letters are
 * written in.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record CustomerFile(String customerId, String name, String segment, String country, String email,
                           String phone, String collector, String decisionMaker, String language, Address address,
                           boolean sharePersonalData, List<Contact> contacts,
                           List<OpenInvoice> openInvoices, Map<String, BigDecimal> outstanding,
                           Map<String, BigDecimal> credit, String creditStatus, LocalDate asOf,
                           List<Change> changes, int promisesKept, int promisesBroken) {

    public record Contact(String role, String name, String email, String phone) {
    }

    public record Address(String street, String city, String region, String postalCode) {
    }

    /**
     * @param outstanding the invoice's total owed today
     * @param disputed    the sum of its open disputes (named, not asked for; 0 when none)
     * @param undisputed  what is asked for: the total as if the open disputes were credited (the total when none)
     */
    public record OpenInvoice(String invoiceNumber, String stage, LocalDate dueDate, long daysOverdue,
                              String currency, BigDecimal outstanding, BigDecimal disputed, BigDecimal undisputed) {
    }

    /** One changed field: from what to what, by whom, when. */
    public record Change(String field, String from, String to, String changedBy, Instant changedAt) {
    }
}
