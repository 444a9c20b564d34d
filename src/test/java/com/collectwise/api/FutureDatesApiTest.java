package com.collectwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Money and acknowledgements are booked when they happened: a bank feed cannot report money received tomorrow, nor a
 * bounce, a credit note, an agency's report or a customer's confirmation to come. "Today" is the business clock's, in
 * the company's zone (Asia/Shanghai): at 00:30 on 04-10 there (16:30 on 04-09 UTC) 04-10 is today and accepted,
 * 04-11 is a 400 naming the date field, whatever the zone of the server. An invoice may be issued a few days ahead
 * (an ERP in a zone ahead of ours), not years.
 */
class FutureDatesApiTest extends ApiTestSupport {

    private static final LocalDate TODAY = LocalDate.of(2026, 4, 10);
    private static final LocalDate TOMORROW = TODAY.plusDays(1);

    @BeforeEach
    void justAfterMidnightInShanghai() {
        ClockUtil.setCurrentTime(Date.from(ZonedDateTime.of(TODAY.atTime(0, 30), ZoneId.of("Asia/Shanghai"))
            .toInstant()));
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    private Map<String, Object> payment(String reference, String invoiceNumber, LocalDate receivedOn) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("paymentReference", reference);
        body.put("invoiceNumber", invoiceNumber);
        body.put("amount", "100.00");
        body.put("currency", "CNY");
        body.put("receivedOn", receivedOn.toString());
        body.put("method", "BANK_TRANSFER");
        return body;
    }

    @Test
    void aPaymentReceivedTomorrowIsRefused_oneReceivedTodayInTheCompanysZoneIsBooked() {
        assertThat(today()).isEqualTo(TODAY);
        String number = createInvoice(createCustomer(), "1000.00", "CNY", TODAY.minusDays(60), TODAY.minusDays(30));
        String future = unique("PAY");
        Response r = post(INTEGRATION, "/api/payments", payment(future, number, TOMORROW));
        assertProblem(r, 400);
        assertThat(errorFields(r)).containsExactly("receivedOn");
        assertThat(count("SELECT COUNT(*) FROM payments WHERE payment_reference = ?", future)).isZero();

        String ref = unique("PAY");
        Response booked = post(INTEGRATION, "/api/payments", payment(ref, number, TODAY));
        assertThat(booked.status()).as(booked.raw()).isEqualTo(201);

        Response bounce = post(FINANCE, "/api/payments/" + ref + "/reversal",
            Map.of("reversedOn", TOMORROW.toString(), "reason", "bounced"));
        assertProblem(bounce, 400);
        assertThat(errorFields(bounce)).containsExactly("reversedOn");
        assertThat(count("SELECT COUNT(*) FROM payments WHERE payment_reference = ? AND reversed_on IS NULL", ref))
            .isEqualTo(1);

        Response note = post(FINANCE, "/api/invoices/" + number + "/credit-notes", Map.of("creditNoteNumber",
            unique("CN"), "amount", "100.00", "issuedOn", TOMORROW.toString(), "reason", "goods returned"));
        assertProblem(note, 400);
        assertThat(errorFields(note)).containsExactly("issuedOn");

        Response report = post(INTEGRATION, "/api/agency/reports", Map.of("invoiceNumber", number, "agencyReference",
            "AG-1", "reportId", unique("R"), "status", "IN_PROGRESS", "reportedOn", TOMORROW.toString()));
        assertProblem(report, 400);
        assertThat(errorFields(report)).contains("reportedOn");
    }

    private Map<String, Object> invoice(String number, String customerId, String issueDate, String dueDate) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("invoiceNumber", number);
        body.put("customerId", customerId);
        body.put("issueDate", issueDate);
        body.put("dueDate", dueDate);
        body.put("amount", "1000.00");
        body.put("currency", "CNY");
        return body;
    }

    /** The {@code message} of the problem's error on the field (of the CSV line, when given). */
    private static String message(Response r, Integer line, String field) {
        for (com.fasterxml.jackson.databind.JsonNode e : r.body().path("errors")) {
            if (e.path("field").asText().equals(field) && (line == null || e.path("line").asInt() == line)) {
                return e.path("message").asText();
            }
        }
        throw new AssertionError("no error on " + field + " in " + r.raw());
    }

    /**
     * An invoice issued 20 years ahead (2046-04-10) was registered and its case started. Today is 2026-04-10 in
     * Shanghai (16:30 on 04-09 UTC): the issue date may lie up to today + 7 days (collectwise.invoices.issue-days-ahead)
     * = 2026-04-17; the due date up to 3650 days after the issue date: 2026-04-10 + 3650 days = 2036-04-07 (ten years
     * are 3653 days with the leap days of 2028, 2032 and 2036). Refused alike, with the same field and message, in
     * POST /api/invoices, a small CSV import (1-2 lines: cases started in the request) and a large one (4 lines, more
     * than the tests' synchronous-up-to of 3: stored at once, cases in the background); nothing is stored.
     */
    @Test
    void anInvoiceIssuedYearsAheadIsA400NamingIssueDate_inEveryEntryPath() {
        String customerId = createCustomer();
        String issuedTooLate = "must not be after 2026-04-17 (today + 7 days)";
        String dueTooLate = "must not be more than 3650 days after issueDate (latest 2036-04-07)";

        String far = unique("INV");
        Response r = post(INTEGRATION, "/api/invoices", invoice(far, customerId, "2046-04-10", "2046-05-10"));
        assertProblem(r, 400);
        assertThat(errorFields(r)).containsExactly("issueDate");
        assertThat(message(r, null, "issueDate")).isEqualTo(issuedTooLate);
        Response justAfter = post(INTEGRATION, "/api/invoices", invoice(unique("INV"), customerId, "2026-04-18",
            "2026-05-18"));
        assertThat(errorFields(justAfter)).containsExactly("issueDate");
        Response longTerm = post(INTEGRATION, "/api/invoices", invoice(unique("INV"), customerId, "2026-04-10",
            "2036-04-08"));
        assertProblem(longTerm, 400);
        assertThat(errorFields(longTerm)).containsExactly("dueDate");
        assertThat(message(longTerm, null, "dueDate")).isEqualTo(dueTooLate);

        String header = "invoiceNumber,customerId,issueDate,dueDate,amount,currency\n";
        String small1 = unique("INV");
        String small2 = unique("INV");
        Response small = postCsv(INTEGRATION, "/api/invoices/import", header
            + small1 + "," + customerId + ",2046-04-10,2046-05-10,1000.00,CNY\n"
            + small2 + "," + customerId + ",2026-04-10,2036-04-08,1000.00,CNY\n");
        assertProblem(small, 400);
        assertThat(errorFields(small)).containsExactly("issueDate", "dueDate");
        assertThat(message(small, 2, "issueDate")).isEqualTo(issuedTooLate);
        assertThat(message(small, 3, "dueDate")).isEqualTo(dueTooLate);

        StringBuilder large = new StringBuilder(header);
        java.util.List<String> numbers = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            numbers.add(unique("INV"));
            large.append(numbers.get(i)).append(',').append(customerId)
                .append(i == 3 ? ",2046-04-10,2046-05-10" : ",2026-03-01,2026-03-31").append(",1000.00,CNY\n");
        }
        Response big = postCsv(INTEGRATION, "/api/invoices/import", large.toString());
        assertProblem(big, 400);
        assertThat(errorFields(big)).containsExactly("issueDate");
        assertThat(message(big, 5, "issueDate")).isEqualTo(issuedTooLate);

        for (String number : java.util.List.of(far, small1, small2, numbers.get(0), numbers.get(3))) {
            assertThat(count("SELECT COUNT(*) FROM invoices WHERE invoice_number = ?", number)).as(number).isZero();
        }

        // the bounds themselves are taken: issued on today + 7 days; due 3650 days after the issue date
        Response ahead = post(INTEGRATION, "/api/invoices", invoice(unique("INV"), customerId, "2026-04-17",
            "2026-05-17"));
        assertThat(ahead.status()).as(ahead.raw()).isEqualTo(201);
        Response tenYears = post(INTEGRATION, "/api/invoices", invoice(unique("INV"), customerId, "2026-04-10",
            "2036-04-07"));
        assertThat(tenYears.status()).as(tenYears.raw()).isEqualTo(201);
    }

    @Test
    void aStatementConfirmedTomorrowIsRefused() {
        String customerId = createCustomer();
        createInvoice(customerId, "1000.00", "CNY", TODAY.minusDays(60), TODAY.minusDays(30));
        String path = "/api/customers/" + customerId + "/statement/confirmations";
        Response r = post(COLLECTOR, path, Map.of("statementDate", TOMORROW.toString()));
        assertProblem(r, 400);
        assertThat(errorFields(r)).containsExactly("statementDate");
        Response late = post(COLLECTOR, path, Map.of("statementDate", TODAY.toString(),
            "confirmedOn", TOMORROW.toString()));
        assertProblem(late, 400);
        assertThat(errorFields(late)).containsExactly("confirmedOn");
        Response ok = post(COLLECTOR, path, Map.of("statementDate", TODAY.toString()));
        assertThat(ok.status()).as(ok.raw()).isEqualTo(201);
    }
}
