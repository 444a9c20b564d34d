package com.collectwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * DOMAIN.md 6 at the edges an outside checker picks, figures worked by hand in each comment (day counts from D+1
 * through the as-of date inclusive, actual/365, the exact sum rounded once HALF_UP). CN: the one-year LPR (before
 * 2019-08-20 the PBOC benchmark 4.35%) in force on the due date x 1.5, fixed for the whole period. EU: the ECB
 * rate in force on 1 January / 1 July of each half-year + the margin, day by day across half-years and years.
 * Invoices still open afterwards are credited in full (the dashboard lists the most overdue of the shared database).
 */
class StatutoryRateBoundariesApiTest extends ApiTestSupport {

    private final Map<String, String> registered = new LinkedHashMap<>();

    @AfterEach
    void closeOpenInvoices() {
        registered.forEach((number, amount) -> {
            Response now = get(INTEGRATION, "/api/invoices/" + number);
            if (now.status() == 200 && now.body().path("status").asText().equals("OPEN")) {
                post(FINANCE, "/api/invoices/" + number + "/credit-notes", Map.of("creditNoteNumber", unique("CN"),
                    "amount", amount, "issuedOn", today().toString(), "reason", "test closed"));
            }
        });
    }

    private String customer(String country, String segment) {
        String customerId = unique("C");
        Response r = post(INTEGRATION, "/api/customers", Map.of("customerId", customerId, "name", "Edge " + customerId,
            "segment", segment, "country", country, "collector", COLLECTOR));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return customerId;
    }

    private String invoice(String customerId, String amount, String currency, String issued, String due,
                           String contractRate) {
        String number = unique("INV");
        Map<String, Object> body = new LinkedHashMap<>(Map.of("invoiceNumber", number, "customerId", customerId,
            "issueDate", issued, "dueDate", due, "amount", amount, "currency", currency));
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

    private JsonNode view(String number, String asOf) {
        Response r = get(FINANCE, "/api/invoices/" + number + "?asOf=" + asOf);
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.body();
    }

    private void assertOutstanding(String number, String asOf, String principal, String interest, String fees,
                                   String total) {
        JsonNode o = view(number, asOf).path("outstanding");
        assertThat(o.path("principal").decimalValue()).as("principal as of " + asOf + ": " + o)
            .isEqualByComparingTo(principal);
        assertThat(o.path("interest").decimalValue()).as("interest as of " + asOf + ": " + o)
            .isEqualByComparingTo(interest);
        assertThat(o.path("fees").decimalValue()).as("fees as of " + asOf + ": " + o).isEqualByComparingTo(fees);
        assertThat(o.path("total").decimalValue()).as("total as of " + asOf + ": " + o).isEqualByComparingTo(total);
    }

    /**
     * The reference of the due date at the two fixings an outside checker names, 100,000.00 CNY, 30 days each:
     * <ul>
     *   <li>due 2019-08-19, the day before the first LPR: PBOC benchmark 4.35 x 1.5 = 6.525%; 08-20..09-18 = 30 days
     *       x 100,000 x 0.06525 / 365 = 536.3014 -> 536.30;</li>
     *   <li>due 2019-08-20, the first LPR 4.25 x 1.5 = 6.375%; 08-21..09-19: 523.9726 -> 523.97 (the LPR of
     *       2019-09-20, 4.20, does not move it);</li>
     *   <li>due 2024-10-20: LPR 3.35 (from 07-22) x 1.5 = 5.025%; 10-21..11-19: 413.0137 -> 413.01 (not the 3.10
     *       fixed on its first late day);</li>
     *   <li>due 2024-10-21, the day of the 3.10 fixing: 4.65%; 10-22..11-20: 382.1918 -> 382.19.</li>
     * </ul>
     */
    @Test
    void cnStatutoryRateIsTheReferenceInForceOnTheDueDateAtEachFixing() {
        String customerId = customer("CN", "DOMESTIC");
        String benchmark = invoice(customerId, "100000.00", "CNY", "2019-07-20", "2019-08-19", null);
        String firstLpr = invoice(customerId, "100000.00", "CNY", "2019-07-21", "2019-08-20", null);
        String before = invoice(customerId, "100000.00", "CNY", "2024-09-20", "2024-10-20", null);
        String onFixing = invoice(customerId, "100000.00", "CNY", "2024-09-21", "2024-10-21", null);

        assertOutstanding(benchmark, "2019-09-18", "100000.00", "536.30", "0.00", "100536.30");
        assertOutstanding(firstLpr, "2019-09-19", "100000.00", "523.97", "0.00", "100523.97");
        assertOutstanding(before, "2024-11-19", "100000.00", "413.01", "0.00", "100413.01");
        assertOutstanding(onFixing, "2024-11-20", "100000.00", "382.19", "0.00", "100382.19");
        assertThat(view(benchmark, "2019-09-18").path("interestBasis").path("description").asText())
            .contains("benchmark").contains("4.35").contains("6.525");
        assertThat(view(onFixing, "2024-11-20").path("interestBasis").path("description").asText())
            .contains("3.1").contains("4.65");
    }

    /**
     * Italy (ECB + 8), 10,000.00 EUR due 2023-05-15, paid in full 2024-08-03, day by day over four half-years and a
     * year end:
     * <pre>
     *   H1 2023 2.50 + 8 = 10.50%: 05-16..06-30  46 days: 10,000 x 10.50 x  46 / 36,500 = 132.3287671
     *   H2 2023 4.00 + 8 = 12.00%: 07-01..12-31 184 days: 10,000 x 12.00 x 184 / 36,500 = 604.9315068
     *   H1 2024 4.50 + 8 = 12.50%: 01-01..06-30 182 days: 10,000 x 12.50 x 182 / 36,500 = 623.2876712 (leap year, /365)
     *   H2 2024 4.25 + 8 = 12.25%: 07-01..08-03  34 days: 10,000 x 12.25 x  34 / 36,500 = 114.1095890
     *                                                                                 sum 1,474.6575342 -> 1,474.66
     * </pre>
     * EUR 40 (unpaid at the end of the due date). Owed 2024-08-03: 10,000.00 + 1,474.66 + 40.00 = 11,514.66; paid
     * that day it is settled with nothing left. As of 2023-12-31: 132.3287671 + 604.9315068 = 737.2602739 -> 737.26.
     */
    @Test
    void euStatutoryRateDayByDayOverFourHalfYearsAndAYearEnd() {
        String customerId = customer("IT", "FOREIGN");
        String number = invoice(customerId, "10000.00", "EUR", "2023-04-15", "2023-05-15", null);
        assertOutstanding(number, "2023-12-31", "10000.00", "737.26", "40.00", "10777.26");
        assertOutstanding(number, "2024-08-03", "10000.00", "1474.66", "40.00", "11514.66");
        pay(number, "11514.66", "EUR", "2024-08-03");
        assertOutstanding(number, "2024-08-03", "0.00", "0.00", "0.00", "0.00");
        assertThat(view(number, today().toString()).path("status").asText()).isEqualTo("SETTLED");
    }

    /**
     * The exact sum of the periods is rounded once, not each period. Italy, 10,000.27 EUR due 2024-06-25, as of
     * 2024-07-05:
     * <pre>
     *   06-26..06-30 5 days x 12.50%: 10,000.27 x 12.50 x 5 / 36,500 = 17.1237500 (17.12 alone)
     *   07-01..07-05 5 days x 12.25%: 10,000.27 x 12.25 x 5 / 36,500 = 16.7812750 (16.78 alone)
     *                                                          sum 33.9050250 -> 33.91 (33.90 rounded per period)
     * </pre>
     * Plus the EUR 40: total 10,074.18.
     */
    @Test
    void theSumOfThePeriodsIsRoundedOnce() {
        String customerId = customer("IT", "FOREIGN");
        String number = invoice(customerId, "10000.27", "EUR", "2024-05-26", "2024-06-25", null);
        assertOutstanding(number, "2024-07-05", "10000.27", "33.91", "40.00", "10074.18");
    }

    /**
     * KWD has three decimals and an exact half of a fils rounds up: 36,501.825 KWD at a contract 10%, due
     * 2025-03-31 (CN customer: no EUR 40). One day (04-01): 36,501.825 x 10 / 36,500 = 10.0005 -> 10.001 (HALF_EVEN
     * or cutting to the fils would say 10.000). Three days: 30.0015 -> 30.002.
     */
    @Test
    void anExactHalfFilsOfKwdInterestRoundsUp() {
        String customerId = customer("CN", "DOMESTIC");
        String number = invoice(customerId, "36501.825", "KWD", "2025-03-01", "2025-03-31", "10");
        assertOutstanding(number, "2025-04-01", "36501.825", "10.001", "0.000", "36511.826");
        assertOutstanding(number, "2025-04-03", "36501.825", "30.002", "0.000", "36531.827");
    }
}
