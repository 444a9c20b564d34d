package com.collectwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The rate of an invoice and its basis over HTTP (DOMAIN.md section 6): a CN invoice due 2021-03-31 bears the LPR of
 * that day (3.85%) x 1.5 = 5.775%, a customer without a country is in the home jurisdiction (CN), and an invoice
 * whose rate is missing from the reference tables says so on the case view and is counted on the finance dashboard
 * instead of silently earning 0.
 */
class InterestBasisApiTest extends ApiTestSupport {

    @Test
    void cnInvoiceDue20210331_lpr3_85Times1_5_showsInterestAndItsBasis() {
        String customerId = createCustomer();
        String number = createInvoice(customerId, "10000.00", "CNY", LocalDate.of(2021, 3, 1),
            LocalDate.of(2021, 3, 31));

        // 1 .. 30 Apr 2021 = 30 days: 10,000.00 x 5.775 x 30 / 36500 = 47.465753 -> 47.47
        Response r = get(COLLECTOR, "/api/invoices/" + number + "?asOf=2021-04-30");
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(r.body().path("outstanding").path("interest").decimalValue()).isEqualByComparingTo("47.47");
        JsonNode basis = r.body().path("interestBasis");
        assertThat(basis.path("source").asText()).isEqualTo("STATUTORY_CN");
        assertThat(basis.path("annualPercent").decimalValue()).isEqualByComparingTo("5.775");
        assertThat(basis.path("description").asText())
            .contains("one-year LPR 3.85% on the due date 2021-03-31 x 1.5 = 5.775% p.a.");
    }

    @Test
    void domesticCustomerWithoutCountry_earnsTheHomeJurisdictionsRate() {
        String customerId = unique("C");
        Response c = post(INTEGRATION, "/api/customers", Map.of("customerId", customerId, "name", "No Country Ltd",
            "segment", "DOMESTIC", "collector", COLLECTOR));
        assertThat(c.status()).as(c.raw()).isEqualTo(201);
        String number = createInvoice(customerId, "10000.00", "CNY", LocalDate.of(2021, 3, 1),
            LocalDate.of(2021, 3, 31));

        Response r = get(COLLECTOR, "/api/invoices/" + number + "?asOf=2021-04-30");
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(r.body().path("interestBasis").path("source").asText()).isEqualTo("STATUTORY_CN");
        assertThat(r.body().path("outstanding").path("interest").decimalValue()).isEqualByComparingTo("47.47");
    }

    /**
     * DOMAIN.md section 6: the home jurisdiction is for a DOMESTIC customer without a country; a FOREIGN customer
     * without one is in no known jurisdiction and earns only contract or segment interest (the CN statutory rate,
     * 5.775% here, would claim 47.47 that no law grants), and the basis says why.
     */
    @Test
    void foreignCustomerWithoutCountry_earnsNoStatutoryInterest_andSaysWhy() {
        String customerId = unique("C");
        Response c = post(INTEGRATION, "/api/customers", Map.of("customerId", customerId, "name", "Overseas Ltd",
            "segment", "FOREIGN", "collector", COLLECTOR));
        assertThat(c.status()).as(c.raw()).isEqualTo(201);
        String number = createInvoice(customerId, "10000.00", "CNY", LocalDate.of(2021, 3, 1),
            LocalDate.of(2021, 3, 31));

        Response r = get(COLLECTOR, "/api/invoices/" + number + "?asOf=2021-04-30");
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        JsonNode basis = r.body().path("interestBasis");
        assertThat(basis.path("source").asText()).isEqualTo("NONE");
        assertThat(basis.path("description").asText()).contains("FOREIGN").contains("no known jurisdiction");
        assertThat(basis.path("annualPercent").isNull()).isTrue();
        assertThat(r.body().path("outstanding").path("interest").decimalValue()).isEqualByComparingTo("0");
        assertThat(r.body().path("outstanding").path("total").decimalValue()).isEqualByComparingTo("10000.00");
    }

    @Test
    void rateUnknown_isShownOnTheCase_andCountedOnTheDashboard() {
        String customerId = createCustomer();
        // due before the first rate of lpr_rates (2015-10-24): the LPR x 1.5 that should apply is not known
        String unknown = createInvoice(customerId, "5000.00", "CNY", LocalDate.of(2015, 6, 1),
            LocalDate.of(2015, 6, 30));
        String known = createInvoice(customerId, "5000.00", "CNY", LocalDate.of(2015, 10, 1),
            LocalDate.of(2015, 10, 31));
        String asOf = "2016-06-30";

        Response view = get(COLLECTOR, "/api/invoices/" + unknown + "?asOf=" + asOf);
        assertThat(view.status()).as(view.raw()).isEqualTo(200);
        JsonNode basis = view.body().path("interestBasis");
        assertThat(basis.path("source").asText()).isEqualTo("UNKNOWN");
        assertThat(basis.path("description").asText()).startsWith("rate unknown")
            .contains("2015-06-30").contains("/api/rates/lpr");
        assertThat(basis.path("annualPercent").isNull()).isTrue();
        assertThat(get(COLLECTOR, "/api/invoices/" + known + "?asOf=" + asOf).body().path("interestBasis")
            .path("source").asText()).isEqualTo("STATUTORY_CN");

        Response dashboard = get(FINANCE, "/api/reports/dashboard?asOf=" + asOf);
        assertThat(dashboard.status()).as(dashboard.raw()).isEqualTo(200);
        JsonNode unknownRates = dashboard.body().path("unknownRates");
        List<String> numbers = new ArrayList<>();
        unknownRates.path("invoiceNumbers").forEach(n -> numbers.add(n.asText()));
        assertThat(numbers).contains(unknown).doesNotContain(known);
        assertThat(unknownRates.path("count").asInt()).isGreaterThanOrEqualTo(1);

        // finance enters the missing benchmark rate (4.85% from 2015-06-28): the invoice has its rate, one fewer
        int before = unknownRates.path("count").asInt();
        Response entered = post(FINANCE, "/api/rates/lpr", Map.of("effectiveFrom", "2015-06-28",
            "ratePercent", "4.85"));
        assertThat(entered.status()).as(entered.raw()).isEqualTo(201);
        JsonNode after = get(FINANCE, "/api/reports/dashboard?asOf=" + asOf).body().path("unknownRates");
        assertThat(after.path("count").asInt()).isEqualTo(before - 1);
        assertThat(get(COLLECTOR, "/api/invoices/" + unknown + "?asOf=" + asOf).body().path("interestBasis")
            .path("annualPercent").decimalValue()).isEqualByComparingTo("7.275");
    }
}
