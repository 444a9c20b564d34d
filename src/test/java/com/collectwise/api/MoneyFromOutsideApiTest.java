package com.collectwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Scenarios an outside checker would run over the HTTP API: other numbers, other currencies (BHD 3 decimals, ISK 0;
 * no other test uses them, so the dashboard's lines of those currencies are this class's alone), other orders of
 * events. Every figure is computed by hand in the comment beside it (DOMAIN.md 5 and 6).
 */
public class MoneyFromOutsideApiTest extends ApiTestSupport {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    private void clockAt(LocalDate day) {
        ClockUtil.setCurrentTime(Date.from(ZonedDateTime.of(day.atTime(10, 0), ZONE).toInstant()));
    }

    private String customer(String country, String segment) {
        String customerId = unique("C");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("customerId", customerId);
        body.put("name", "Outside " + customerId);
        body.put("segment", segment);
        body.put("country", country);
        body.put("collector", COLLECTOR);
        body.put("decisionMaker", "Ms. Li");
        Response created = post(INTEGRATION, "/api/customers", body);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return customerId;
    }

    private String invoice(String customerId, String amount, String currency, LocalDate issued, LocalDate due) {
        return createInvoice(customerId, amount, currency, issued, due);
    }

    private void invoiceNumbered(String number, String customerId, String amount, String currency, LocalDate issued,
                                 LocalDate due) {
        Response r = post(INTEGRATION, "/api/invoices", Map.of("invoiceNumber", number, "customerId", customerId,
            "issueDate", issued.toString(), "dueDate", due.toString(), "amount", amount, "currency", currency));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
    }

    private Map<String, Object> paymentBody(String reference, String invoiceNumber, String customerId, String amount,
                                            String currency, LocalDate receivedOn) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("paymentReference", reference);
        if (invoiceNumber != null) {
            body.put("invoiceNumber", invoiceNumber);
        }
        if (customerId != null) {
            body.put("customerId", customerId);
        }
        body.put("amount", amount);
        body.put("currency", currency);
        body.put("receivedOn", receivedOn.toString());
        body.put("method", "BANK_TRANSFER");
        return body;
    }

    private Response pay(String invoiceNumber, String customerId, String amount, String currency, LocalDate receivedOn) {
        return post(INTEGRATION, "/api/payments",
            paymentBody(unique("PAY"), invoiceNumber, customerId, amount, currency, receivedOn));
    }

    private JsonNode view(String number, LocalDate asOf) {
        Response r = get(INTEGRATION, "/api/invoices/" + number + "?asOf=" + asOf);
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.body();
    }

    private BigDecimal total(String number, LocalDate asOf) {
        return view(number, asOf).path("outstanding").path("total").decimalValue();
    }

    private JsonNode dashboard(LocalDate asOf) {
        Response r = get(FINANCE, "/api/reports/dashboard?asOf=" + asOf);
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.body();
    }

    private static Map<String, BigDecimal> collectedPerStage(JsonNode dashboard, String currency) {
        Map<String, BigDecimal> perStage = new TreeMap<>();
        for (JsonNode line : dashboard.path("collectedPerStage")) {
            if (line.path("currency").asText().equals(currency)) {
                perStage.put(line.path("stage").asText(), line.path("amount").decimalValue());
            }
        }
        return perStage;
    }

    /**
     * Money the bank feed posted before the ERP sent its invoice, that settles the invoice in the transaction that
     * registers it, counts under the stage the invoice was registered for, never under CLOSED (finance guide,
     * "Collected per stage"). BHD, 3 decimals. A 1,250.375 issued 03-01 due 03-31, paid 1,250.375 on its due date
     * (no interest: paid by the end of D), the payment posted 04-02 before A was known; A registered on 04-15
     * (D+15: the default policy for a 30-day term puts it at formal demand from D+10). B 480.250 issued 04-01 due
     * 05-31, paid in full 04-10 before it was known, registered 04-20 (pre-due). Both settle when registered.
     * Collected as of 04-20: 1,250.375 at formal demand, 480.250 pre-due; nothing under CLOSED.
     */
    @Test
    void moneyWaitingForItsInvoiceCountsUnderTheStageTheInvoiceWasRegisteredFor() {
        String customerId = customer("CN", "DOMESTIC");
        String a = unique("INV");
        String b = unique("INV");
        clockAt(LocalDate.of(2026, 4, 2));
        Response kept = pay(a, customerId, "1250.375", "BHD", LocalDate.of(2026, 3, 31));
        assertThat(kept.status()).as(kept.raw()).isEqualTo(202);
        clockAt(LocalDate.of(2026, 4, 10));
        Response keptB = pay(b, customerId, "480.250", "BHD", LocalDate.of(2026, 4, 10));
        assertThat(keptB.status()).as(keptB.raw()).isEqualTo(202);

        clockAt(LocalDate.of(2026, 4, 15));
        invoiceNumbered(a, customerId, "1250.375", "BHD", LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31));
        runDueJobsOfCase(a);
        clockAt(LocalDate.of(2026, 4, 20));
        invoiceNumbered(b, customerId, "480.250", "BHD", LocalDate.of(2026, 4, 1), LocalDate.of(2026, 5, 31));
        runDueJobsOfCase(b);

        assertThat(view(a, LocalDate.of(2026, 4, 20)).path("status").asText()).isEqualTo("SETTLED");
        assertThat(view(b, LocalDate.of(2026, 4, 20)).path("status").asText()).isEqualTo("SETTLED");
        assertThat(total(a, LocalDate.of(2026, 4, 20))).isEqualByComparingTo("0");
        assertThat(collectedPerStage(dashboard(LocalDate.of(2026, 4, 20)), "BHD")).isEqualTo(Map.of(
            "FORMAL_DEMAND", new BigDecimal("1250.375"), "PRE_DUE", new BigDecimal("480.250")));
    }
}
