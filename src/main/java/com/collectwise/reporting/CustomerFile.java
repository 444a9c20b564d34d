package com.collectwise.reporting;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The customer file (GET /api/customers/{id}): master data, the open invoices with their stage and what each
 * still owes, what the customer owes per currency, the customer's credit per currency (overpayments and payments
 * not yet used by an invoice: they pay the next invoice), and the credit status the order system reads. The
 * {@code language} (zh or en) is what the customer's reminders and letters are written in.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record CustomerFile(String customerId, String name, String segment, String country, String email,
                           String phone, String collector, String decisionMaker, String language,
                           List<Contact> contacts,
                           List<OpenInvoice> openInvoices, Map<String, BigDecimal> outstanding,
                           Map<String, BigDecimal> credit, String creditStatus, LocalDate asOf) {

    public record Contact(String role, String name, String email, String phone) {
    }

    public record OpenInvoice(String invoiceNumber, String stage, LocalDate dueDate, long daysOverdue,
                              String currency, BigDecimal outstanding) {
    }
}
