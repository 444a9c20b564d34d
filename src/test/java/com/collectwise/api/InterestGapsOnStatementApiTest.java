package com.collectwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * DOMAIN.md 6: an invoice whose rate is unknown says so on its statement, never silently earning 0; a customer in no
 * known jurisdiction earns only contract or segment interest, and its statement says why. The customer's statement of
 * account (JSON line {@code note}, and the PDF that is sent) says it, as the case view's {@code interestBasis} does.
 */
class InterestGapsOnStatementApiTest extends ApiTestSupport {

    private String customer(String country, String language) {
        String customerId = unique("C");
        Response r = post(INTEGRATION, "/api/customers", Map.of("customerId", customerId, "name", "Gap " + customerId,
            "segment", "DOMESTIC", "country", country, "collector", COLLECTOR, "language", language));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return customerId;
    }

    private JsonNode line(String customerId, String asOf, String invoiceNumber) {
        Response r = get(FINANCE, "/api/customers/" + customerId + "/statement?asOf=" + asOf);
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        for (JsonNode line : r.body().path("invoices")) {
            if (line.path("invoiceNumber").asText().equals(invoiceNumber)) {
                return line;
            }
        }
        throw new AssertionError(invoiceNumber + " is not on the statement: " + r.raw());
    }

    private String pdfText(String customerId, String asOf) throws Exception {
        HttpHeaders headers = new HttpHeaders();
        headers.setAccept(List.of(MediaType.APPLICATION_PDF));
        ResponseEntity<byte[]> r = rest.withBasicAuth(FINANCE, PASSWORD).exchange("/api/customers/" + customerId
            + "/statement?asOf=" + asOf, HttpMethod.GET, new HttpEntity<>(headers), byte[].class);
        assertThat(r.getStatusCode().value()).isEqualTo(200);
        return StatementApiTest.text(r.getBody());
    }

    /**
     * A customer in the US (no statutory default here), no contract rate, the segment without a rate: 10,000.00 CNY
     * due 2021-03-31, as of 2021-04-30 (30 days late) owes 10,000.00 and no interest, and the line says why (the case
     * view's words: "no interest: ... country US"). On its due date nothing is late: no note.
     */
    @Test
    void aCustomerInNoKnownJurisdictionIsToldWhyItsLateInvoiceEarnsNoInterest() throws Exception {
        String customerId = customer("US", "en");
        String number = createInvoice(customerId, "10000.00", "CNY", java.time.LocalDate.of(2021, 3, 1),
            java.time.LocalDate.of(2021, 3, 31));

        JsonNode late = line(customerId, "2021-04-30", number);
        assertThat(late.path("interest").decimalValue()).isEqualByComparingTo("0.00");
        assertThat(late.path("total").decimalValue()).isEqualByComparingTo("10000.00");
        String why = get(FINANCE, "/api/invoices/" + number + "?asOf=2021-04-30").body().path("interestBasis")
            .path("description").asText();
        assertThat(why).startsWith("no interest").contains("US");
        assertThat(late.path("note").asText(null)).as(late.toString()).isEqualTo(why);
        assertThat(pdfText(customerId, "2021-04-30")).contains(number + ": no late-payment interest is charged");

        JsonNode onTime = line(customerId, "2021-03-31", number);
        assertThat(onTime.path("note").isMissingNode() || onTime.path("note").isNull()).as("not late yet: " + onTime)
            .isTrue();
    }

    /**
     * A CN customer's invoice due 2014-12-31, before the first row of the LPR/benchmark table (2015-10-24): the
     * LPR x 1.5 that should apply is not known, so as of 2015-03-31 (90 days late) 5,000.00 shows no interest - and
     * the line says the rate is unknown rather than earning a silent 0; the Chinese PDF says so too.
     */
    @Test
    void anInvoiceWhoseRateIsUnknownSaysSoOnTheStatementOfAccount() throws Exception {
        String customerId = customer("CN", "zh");
        String number = createInvoice(customerId, "5000.00", "CNY", java.time.LocalDate.of(2014, 12, 1),
            java.time.LocalDate.of(2014, 12, 31));

        JsonNode late = line(customerId, "2015-03-31", number);
        assertThat(late.path("interest").decimalValue()).isEqualByComparingTo("0.00");
        assertThat(late.path("note").asText("")).as(late.toString()).startsWith("rate unknown").contains("2014-12-31");
        assertThat(pdfText(customerId, "2015-03-31").replace(" ", "")).contains(number + "：逾期利息应计但未计入上表");
    }
}
