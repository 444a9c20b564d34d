package com.collectwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
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
 * DOMAIN.md 6 from outside, over the HTTP API, figures worked by hand in each comment. An invoice whose rate is unknown says so on its statement, never silently earning 0; a customer in no
 * known jurisdiction earns only contract or segment interest, and its statement says why. The customer's statement of
 * account (JSON line {@code note}, and the PDF that is sent) says it, as the case view's {@code interestBasis} does.
 */
class InterestFromOutsideApiTest extends ApiTestSupport {

    /** This test's invoices and their amounts: credited in full afterwards (see {@link #closeOpenInvoices}). */
    private final java.util.Map<String, String> registered = new java.util.LinkedHashMap<>();

    /**
     * The dashboard lists the 25 most overdue open cases of the shared database (DashboardApiTest looks for its own
     * among them): this test's old invoices still open are credited in full once their figures are checked.
     */
    @org.junit.jupiter.api.AfterEach
    void closeOpenInvoices() {
        registered.forEach((number, amount) -> {
            Response now = get(INTEGRATION, "/api/invoices/" + number);
            if (now.status() == 200 && now.body().path("status").asText().equals("OPEN")) {
                post(FINANCE, "/api/invoices/" + number + "/credit-notes", Map.of("creditNoteNumber", unique("CN"),
                    "amount", amount, "issuedOn", today().toString(), "reason", "test closed"));
            }
        });
    }

    @Override
    protected String createInvoice(String customerId, String amount, String currency, LocalDate issueDate,
                                   LocalDate dueDate) {
        String number = super.createInvoice(customerId, amount, currency, issueDate, dueDate);
        registered.put(number, amount);
        return number;
    }

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

    private String customer(String country, String segment, String language) {
        String customerId = unique("C");
        Response r = post(INTEGRATION, "/api/customers", Map.of("customerId", customerId, "name", "Out " + customerId,
            "segment", segment, "country", country, "collector", COLLECTOR, "language", language));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return customerId;
    }

    private String invoice(String customerId, String amount, String currency, String issued, String due,
                           String contractRate) {
        String number = unique("INV");
        Map<String, Object> body = new java.util.LinkedHashMap<>(Map.of("invoiceNumber", number, "customerId",
            customerId, "issueDate", issued, "dueDate", due, "amount", amount, "currency", currency));
        if (contractRate != null) {
            body.put("contractInterestRatePercent", contractRate);
        }
        Response r = post(INTEGRATION, "/api/invoices", body);
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        registered.put(number, amount);
        return number;
    }

    private void pay(String invoiceNumber, String amount, String currency, String receivedOn) {
        Response r = post(INTEGRATION, "/api/payments", Map.of("paymentReference", unique("PAY"), "invoiceNumber",
            invoiceNumber, "amount", amount, "currency", currency, "receivedOn", receivedOn, "method", "BANK_TRANSFER"));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
    }

    private void assertOutstanding(String number, String asOf, String principal, String interest, String fees,
                                   String total) {
        Response r = get(FINANCE, "/api/invoices/" + number + "?asOf=" + asOf);
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        JsonNode o = r.body().path("outstanding");
        assertThat(o.path("principal").decimalValue()).as("principal as of " + asOf + ": " + o)
            .isEqualByComparingTo(principal);
        assertThat(o.path("interest").decimalValue()).as("interest as of " + asOf + ": " + o)
            .isEqualByComparingTo(interest);
        assertThat(o.path("fees").decimalValue()).as("fees as of " + asOf + ": " + o).isEqualByComparingTo(fees);
        assertThat(o.path("total").decimalValue()).as("total as of " + asOf + ": " + o).isEqualByComparingTo(total);
    }

    /**
     * Germany: base rate + 9 points (BGB section 288(2); the base rate is the ECB reference - 0.88). 10,000.00 EUR due
     * 2024-06-20, unpaid. As of 2024-07-10: 06-21..06-30 10 days at base rate 3.62 + 9 = 12.62% = 34.575342;
     * 07-01..07-10 10 days at 3.37 + 9 = 12.37% = 33.890411; 68.465753 -> 68.47 (HALF_UP once). EUR 40 from 06-21.
     * Total 10,108.47. The customer is told the German basis (base rate + 9), not "ECB + 8.12", which no German law
     * names.
     */
    @Test
    void aGermanInvoiceAcrossTheHalfYearAtBaseRatePlusNine_andTheEur40() {
        String customerId = customer("DE", "FOREIGN", "en");
        String number = invoice(customerId, "10000.00", "EUR", "2024-05-21", "2024-06-20", null);
        assertOutstanding(number, "2024-06-20", "10000.00", "0.00", "0.00", "10000.00");
        assertOutstanding(number, "2024-07-10", "10000.00", "68.47", "40.00", "10108.47");
        JsonNode basis = get(FINANCE, "/api/invoices/" + number + "?asOf=2024-07-10").body().path("interestBasis");
        assertThat(basis.path("source").asText()).isEqualTo("STATUTORY_EU");
        assertThat(basis.path("annualPercent").decimalValue()).isEqualByComparingTo("12.37");
        assertThat(basis.path("description").asText()).as(basis.toString())
            .contains("German base rate (Basiszinssatz, BGB section 247").contains("+ 9 points")
            .doesNotContain("8.12");
    }

    /**
     * A leap year is still divided by 365: 36,500.00 CNY at a contract 10%, due 2023-12-31. As of 2024-02-29: 31 + 29 =
     * 60 days x 36,500 x 10 / 36,500 = 600.00. As of 2024-12-31: 366 days = 3,660.00 (not 3,650.00).
     */
    @Test
    void aLeapYearHas366DaysOfInterestDividedBy365() {
        String customerId = customer("CN", "DOMESTIC", "en");
        String number = invoice(customerId, "36500.00", "CNY", "2023-12-01", "2023-12-31", "10");
        assertOutstanding(number, "2024-02-29", "36500.00", "600.00", "0.00", "37100.00");
        assertOutstanding(number, "2024-12-31", "36500.00", "3660.00", "0.00", "40160.00");
    }

    /**
     * The EUR 40 of an Italian customer's yen invoices, converted on the due date (JPY 162.4567 per EUR from 2025-02-03:
     * 40 x 162.4567 = 6,498.268 -> JPY 6,498). Contract 0% (the EUR 40 alone). A 1,000,000 paid in two parts, 600,000
     * on 02-20 and 400,000 on its due date 03-03 (posted later): nothing unpaid at the end of the due date, no EUR 40,
     * settled. B 1,000,000 paid in full the day after (03-04): the EUR 40 (charged 03-04) is paid first, 993,502 of
     * principal: JPY 6,498 still owed as of 03-31 (as of its due date it owed the 1,000,000 and nothing more).
     */
    @Test
    void theEur40OfYenInvoicesOnlyWhenSomethingWasUnpaidAtTheEndOfTheDueDate() {
        Response rate = post(FINANCE, "/api/rates/fx", Map.of("currency", "JPY", "effectiveFrom", "2025-02-03",
            "unitsPerEur", "162.4567"));
        assertThat(rate.status()).as(rate.raw()).isIn(200, 201);
        String customerId = customer("IT", "FOREIGN", "en");
        String a = invoice(customerId, "1000000", "JPY", "2025-02-01", "2025-03-03", "0");
        String b = invoice(customerId, "1000000", "JPY", "2025-02-01", "2025-03-03", "0");
        pay(a, "600000", "JPY", "2025-02-20");
        pay(a, "400000", "JPY", "2025-03-03");
        pay(b, "1000000", "JPY", "2025-03-04");
        assertOutstanding(a, "2025-03-31", "0", "0", "0", "0");
        assertThat(get(FINANCE, "/api/invoices/" + a).body().path("status").asText()).isEqualTo("SETTLED");
        assertOutstanding(b, "2025-03-03", "1000000", "0", "0", "1000000");
        assertOutstanding(b, "2025-03-31", "6498", "0", "0", "6498");
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
