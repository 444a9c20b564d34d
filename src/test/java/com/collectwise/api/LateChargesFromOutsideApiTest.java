package com.collectwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * DOMAIN.md section 6 (fees and interest) and the replay rule of section 5, checked from outside as a checker does:
 * events posted over HTTP in another order than their dates, every figure worked by hand in the comment (days from
 * D+1 through the as-of date inclusive, actual/365, the exact sum rounded once HALF_UP to the currency's minor unit)
 * and compared, to the minor unit, in the case view, the statement of account, the customer file and the ageing.
 * Currencies no other API test uses (JOD 3 decimals, KRW 0 decimals), so the shared ageing and exchange-rate tables
 * hold only this class's figures for them. Invoices still open afterwards are credited in full.
 */
class LateChargesFromOutsideApiTest extends ApiTestSupport {

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

    private String customer(String country) {
        String customerId = unique("C");
        Response r = post(INTEGRATION, "/api/customers", Map.of("customerId", customerId, "name", "Late " + customerId,
            "segment", "FOREIGN", "country", country, "collector", COLLECTOR));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return customerId;
    }

    private String invoice(String customerId, String amount, String currency, String issued, String due) {
        String number = unique("INV");
        Response r = post(INTEGRATION, "/api/invoices", Map.of("invoiceNumber", number, "customerId", customerId,
            "issueDate", issued, "dueDate", due, "amount", amount, "currency", currency));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        registered.put(number, amount);
        return number;
    }

    private String pay(String invoiceNumber, String amount, String currency, String receivedOn) {
        String reference = unique("PAY");
        Response r = post(INTEGRATION, "/api/payments", Map.of("paymentReference", reference, "invoiceNumber",
            invoiceNumber, "amount", amount, "currency", currency, "receivedOn", receivedOn, "method", "BANK_TRANSFER"));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return reference;
    }

    private void fxRate(String currency, String effectiveFrom, String unitsPerEur) {
        Response r = post(FINANCE, "/api/rates/fx", Map.of("currency", currency, "effectiveFrom", effectiveFrom,
            "unitsPerEur", unitsPerEur));
        assertThat(r.status()).as(r.raw()).isIn(200, 201);
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

    private JsonNode statementLine(String customerId, String number, String asOf) {
        Response r = get(FINANCE, "/api/customers/" + customerId + "/statement?asOf=" + asOf);
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        for (JsonNode line : r.body().path("invoices")) {
            if (line.path("invoiceNumber").asText().equals(number)) {
                return line;
            }
        }
        return null;
    }

    private BigDecimal agingTotal(String currency, String asOf, String bucket) {
        Response r = get(FINANCE, "/api/reports/aging?asOf=" + asOf);
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        for (JsonNode c : r.body().path("currencies")) {
            if (c.path("currency").asText().equals(currency)) {
                for (JsonNode b : c.path("buckets")) {
                    if (b.path("bucket").asText().equals(bucket)) {
                        return b.path("amount").decimalValue();
                    }
                }
            }
        }
        return BigDecimal.ZERO;
    }

    /**
     * The payment that paid an EU invoice on its due date bounces: from the reversal date on the invoice was never
     * paid, so it was late from D+1 (EUR 40 and interest from D+1); statements before the reversal keep it paid.
     * Dutch customer (ECB + 8), 5,000.000 JOD due 2025-03-31, EUR 40 converted at the due date's 0.7712 JOD per EUR
     * (entered for 2025-01-01; a 0.8000 dated after the due date does not count): 40 x 0.7712 = 30.848 JOD.
     * <pre>
     *   paid 5,000.000 on 2025-03-31 (posted on time), reversed 2025-04-20
     *   as of 2025-04-19: nothing owed (paid at the end of the due date: no EUR 40, no interest)
     *   as of 2025-04-20: 04-01..04-20 20 days at 3.15 + 8 = 11.15%: 5,000 x 11.15 x 20 / 36,500 = 30.5479452 -> 30.548
     *                     5,000.000 + 30.548 + 30.848 = 5,061.396
     *   as of 2025-07-10: 04-01..06-30 91 days at 11.15% + 07-01..07-10 10 days at 2.15 + 8 = 10.15%:
     *                     5,000 x (11.15 x 91 + 10.15 x 10) / 36,500 = 5,580,750 / 36,500 = 152.8972603 -> 152.897
     *                     5,000.000 + 152.897 + 30.848 = 5,183.745 (101 days overdue: ageing bucket 91-180)
     * </pre>
     */
    @Test
    void theOnTimePaymentBounces_thenTheInvoiceWasLateFromTheDayAfterItsDueDate_eur40AndInterest() {
        fxRate("JOD", "2025-01-01", "0.7712");
        fxRate("JOD", "2025-04-01", "0.8000");
        String customerId = customer("NL");
        String number = invoice(customerId, "5000.000", "JOD", "2025-03-01", "2025-03-31");
        String paid = pay(number, "5000.000", "JOD", "2025-03-31");
        assertOutstanding(number, "2025-04-19", "0.000", "0.000", "0.000", "0.000");
        assertThat(view(number, today().toString()).path("status").asText()).isEqualTo("SETTLED");

        Response reversed = post(FINANCE, "/api/payments/" + paid + "/reversal", Map.of("reason", "bounced",
            "reversedOn", "2025-04-20"));
        assertThat(reversed.status()).as(reversed.raw()).isEqualTo(200);

        assertOutstanding(number, "2025-04-19", "0.000", "0.000", "0.000", "0.000");
        assertOutstanding(number, "2025-04-20", "5000.000", "30.548", "30.848", "5061.396");
        assertOutstanding(number, "2025-07-10", "5000.000", "152.897", "30.848", "5183.745");
        JsonNode line = statementLine(customerId, number, "2025-07-10");
        assertThat(line).as("statement line").isNotNull();
        assertThat(line.path("total").decimalValue()).isEqualByComparingTo("5183.745");
        assertThat(line.path("fees").decimalValue()).isEqualByComparingTo("30.848");
        assertThat(agingTotal("JOD", "2025-07-10", "91-180")).isEqualByComparingTo("5183.745");
        assertThat(view(number, today().toString()).path("status").asText()).isEqualTo("OPEN");
    }

    /**
     * Yen-like minor unit 0 (KRW), Austrian customer (ECB + 8), 12,345,678 KRW due 2024-06-20, EUR 40 at 1,450.3333
     * KRW per EUR: 58,013.332 -> 58,013. A part payment of 2,000,000 dated 2024-06-30, posted after the statement as
     * of 07-10 was first read:
     * <pre>
     *   06-21..06-30 10 days x 12.50%: 12,345,678 x 12.50 x 10 / 36,500 = 42,279.7191781 (-> 42,280 owed on 06-30)
     *   the payment: fees 58,013, interest 42,280, principal 1,899,707 -> 10,445,971 left
     *   07-01..07-10 10 days x 12.25%: 10,445,971 x 12.25 x 10 / 36,500 = 35,058.3958219
     *   sum 77,338.1150000 -> 77,338; unpaid 77,338 - 42,280 = 35,058; total 10,481,029
     * </pre>
     * Before the payment is posted, as of 07-10: 20 days on 12,345,678 = 42,279.7191781 + 12,345,678 x 12.25 x 10 /
     * 36,500 = 41,434.1247945; sum 83,713.8439726 -> 83,714; 12,345,678 + 83,714 + 58,013 = 12,487,405.
     */
    @Test
    void aZeroDecimalInvoiceAcrossTheHalfYear_aBackDatedPartPaymentPaysTheEur40ThenInterestThenPrincipal() {
        fxRate("KRW", "2024-06-01", "1450.3333");
        String customerId = customer("AT");
        String number = invoice(customerId, "12345678", "KRW", "2024-05-21", "2024-06-20");
        assertOutstanding(number, "2024-07-10", "12345678", "83714", "58013", "12487405");
        pay(number, "2000000", "KRW", "2024-06-30");
        assertOutstanding(number, "2024-06-29", "12345678", "38052", "58013", "12441743");
        assertOutstanding(number, "2024-06-30", "10445971", "0", "0", "10445971");
        assertOutstanding(number, "2024-07-10", "10445971", "35058", "0", "10481029");
        assertThat(view(number, "2024-07-10").path("outstanding").path("interest").decimalValue().scale())
            .isEqualTo(0);
    }
}
