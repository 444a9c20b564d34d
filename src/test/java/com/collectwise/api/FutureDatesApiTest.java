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
 * 04-11 is a 400 naming the date field, whatever the zone of the server.
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
