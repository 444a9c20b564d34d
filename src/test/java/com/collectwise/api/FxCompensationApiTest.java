package com.collectwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The statement of a USD invoice of an EU (DE) customer (DOMAIN.md section 6, 2026-12-01): the EUR 40 is converted
 * with the euro exchange rate in force on the due date. Without one nothing is charged, the statement line says
 * why and the finance dashboard lists the invoice; once finance enters the rate the next statement (a replay) has
 * it from the day after the due date. No other API test enters USD rates or bills EU customers in USD.
 */
class FxCompensationApiTest extends ApiTestSupport {

    @Test
    void usdInvoiceOfAGermanCustomer_eur40ConvertedOnTheDueDate_orSaidToBeMissing() {
        String customerId = unique("C");
        Response c = post(INTEGRATION, "/api/customers", Map.of("customerId", customerId, "name", "Berlin GmbH",
            "segment", "FOREIGN", "country", "DE", "collector", COLLECTOR));
        assertThat(c.status()).as(c.raw()).isEqualTo(201);
        String number = unique("INV");
        // contract 0%: no interest agreed, so the fees are the EUR 40 alone
        Response i = post(INTEGRATION, "/api/invoices", Map.of("invoiceNumber", number, "customerId", customerId,
            "issueDate", "2024-01-30", "dueDate", "2024-02-29", "amount", "1000.00", "currency", "USD",
            "contractInterestRatePercent", "0"));
        assertThat(i.status()).as(i.raw()).isEqualTo(201);

        // a rate dated after the due date is not the rate of the due date
        assertThat(post(FINANCE, "/api/rates/fx", Map.of("currency", "USD", "effectiveFrom", "2024-03-01",
            "unitsPerEur", "1.0900")).status()).isEqualTo(201);
        JsonNode line = statementLine(customerId, number, "2024-03-10");
        assertThat(line.path("fees").decimalValue()).isEqualByComparingTo("0.00");
        assertThat(line.path("total").decimalValue()).isEqualByComparingTo("1000.00");
        assertThat(line.path("note").asText()).contains("EUR 40").contains("could not be converted")
            .contains("no EUR/USD rate on or before the due date 2024-02-29");
        assertThat(dashboardFx("2024-03-10")).contains(number);

        // finance enters the rate of the due date: 40 x 1.0820 = 43.28 USD from 2024-03-01 on
        Response entered = post(FINANCE, "/api/rates/fx", Map.of("currency", "USD", "effectiveFrom", "2024-02-26",
            "unitsPerEur", "1.0820"));
        assertThat(entered.status()).as(entered.raw()).isEqualTo(201);
        JsonNode after = statementLine(customerId, number, "2024-03-10");
        assertThat(after.path("fees").decimalValue()).isEqualByComparingTo("43.28");
        assertThat(after.path("total").decimalValue()).isEqualByComparingTo("1043.28");
        assertThat(after.path("note").isMissingNode() || after.path("note").isNull()).as(after.toString()).isTrue();
        assertThat(statementLine(customerId, number, "2024-02-29").path("fees").decimalValue())
            .isEqualByComparingTo("0.00");
        assertThat(statementLine(customerId, number, "2024-03-01").path("fees").decimalValue())
            .isEqualByComparingTo("43.28");
        assertThat(dashboardFx("2024-03-10")).doesNotContain(number);

        Response view = get(COLLECTOR, "/api/invoices/" + number + "?asOf=2024-03-10");
        assertThat(view.status()).as(view.raw()).isEqualTo(200);
        assertThat(view.body().path("outstanding").path("fees").decimalValue()).isEqualByComparingTo("43.28");
        assertThat(view.body().path("outstanding").path("total").decimalValue()).isEqualByComparingTo("1043.28");
    }

    @Test
    void paidOnTheDueDate_owesNoEur40_evenWithoutARate() {
        String customerId = unique("C");
        assertThat(post(INTEGRATION, "/api/customers", Map.of("customerId", customerId, "name", "Lyon SA",
            "segment", "FOREIGN", "country", "FR", "collector", COLLECTOR)).status()).isEqualTo(201);
        String number = unique("INV");
        assertThat(post(INTEGRATION, "/api/invoices", Map.of("invoiceNumber", number, "customerId", customerId,
            "issueDate", "2023-01-02", "dueDate", "2023-01-31", "amount", "800.00", "currency", "USD",
            "contractInterestRatePercent", "0")).status()).isEqualTo(201);
        Response paid = post(INTEGRATION, "/api/payments", Map.of("paymentReference", unique("PAY"),
            "invoiceNumber", number, "amount", "800.00", "currency", "USD", "receivedOn", "2023-01-31",
            "method", "BANK_TRANSFER"));
        assertThat(paid.status()).as(paid.raw()).isEqualTo(201);
        Response view = get(COLLECTOR, "/api/invoices/" + number + "?asOf=2023-03-31");
        assertThat(view.body().path("outstanding").path("total").decimalValue()).isEqualByComparingTo("0.00");
        assertThat(dashboardFx("2023-03-31")).doesNotContain(number);
    }

    /**
     * The note is not only on the JSON line: the PDF statement the customer receives and the formal letter (PDF and
     * its e-mail) say that the EUR 40 is owed but not charged, and why. A GBP invoice of a Dutch customer, due
     * 2024-05-31 and unpaid, no GBP rate ever entered: the case starts in a later stage, so the formal letter goes
     * first (Send formal letter first).
     */
    @Test
    void theUnconvertedEur40IsNamedOnThePdfStatementAndInTheFormalLetter() throws Exception {
        String customerId = unique("C");
        assertThat(post(INTEGRATION, "/api/customers", Map.of("customerId", customerId, "name", "Rotterdam BV",
            "segment", "FOREIGN", "country", "NL", "language", "en", "collector", COLLECTOR)).status())
            .isEqualTo(201);
        String number = unique("INV");
        Response i = post(INTEGRATION, "/api/invoices", Map.of("invoiceNumber", number, "customerId", customerId,
            "issueDate", "2024-05-01", "dueDate", "2024-05-31", "amount", "500.00", "currency", "GBP",
            "contractInterestRatePercent", "0"));
        assertThat(i.status()).as(i.raw()).isEqualTo(201);
        assertThat(statementLine(customerId, number, today().toString()).path("note").asText())
            .contains("EUR 40").contains("no EUR/GBP rate");

        org.springframework.http.HttpHeaders accept = new org.springframework.http.HttpHeaders();
        accept.setAccept(List.of(org.springframework.http.MediaType.APPLICATION_PDF));
        var statementPdf = rest.withBasicAuth(FINANCE, PASSWORD).exchange("/api/customers/" + customerId
                + "/statement?asOf=" + today(), org.springframework.http.HttpMethod.GET,
            new org.springframework.http.HttpEntity<>(accept), byte[].class);
        assertThat(statementPdf.getStatusCode().value()).isEqualTo(200);
        assertThat(StatementApiTest.text(statementPdf.getBody())).contains(number).contains("EUR 40")
            .contains("EUR/GBP").contains("2024-05-31");

        runDueJobsOfCase(number);
        JsonNode documents = get(COLLECTOR, "/api/invoices/" + number + "/documents").body();
        assertThat(documents.size()).as(documents.toString()).isGreaterThanOrEqualTo(1);
        var letter = rest.withBasicAuth(COLLECTOR, PASSWORD).exchange("/api/invoices/" + number + "/documents/"
                + documents.get(0).path("id").asText(), org.springframework.http.HttpMethod.GET, null, byte[].class);
        assertThat(letter.getStatusCode().value()).isEqualTo(200);
        assertThat(StatementApiTest.text(letter.getBody())).contains("EUR 40").contains("EUR/GBP")
            .contains("2024-05-31");
        String mail = jdbc.sql("SELECT body FROM outbox WHERE invoice_number = ? AND kind = 'DUNNING_LETTER'")
            .param(number).query(String.class).single();
        assertThat(mail.replaceAll("\\s+", " ")).contains("EUR 40").contains("EUR/GBP");
    }

    private JsonNode statementLine(String customerId, String number, String asOf) {
        Response s = get(FINANCE, "/api/customers/" + customerId + "/statement?asOf=" + asOf);
        assertThat(s.status()).as(s.raw()).isEqualTo(200);
        for (JsonNode line : s.body().path("invoices")) {
            if (line.path("invoiceNumber").asText().equals(number)) {
                return line;
            }
        }
        throw new AssertionError("no line of " + number + " in " + s.raw());
    }

    private List<String> dashboardFx(String asOf) {
        Response d = get(FINANCE, "/api/reports/dashboard?asOf=" + asOf);
        assertThat(d.status()).as(d.raw()).isEqualTo(200);
        JsonNode fx = d.body().path("unknownFxRates");
        List<String> numbers = new ArrayList<>();
        fx.path("invoiceNumbers").forEach(n -> numbers.add(n.asText()));
        assertThat(fx.path("count").asInt()).isGreaterThanOrEqualTo(numbers.size());
        return numbers;
    }
}
