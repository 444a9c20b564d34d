package com.collectwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Issue 15, item 8 over HTTP: every amount has at most the decimals of its currency (ISO 4217: JPY 0, EUR 2, KWD 3),
 * checked against the currency of the record it concerns, and refused as a 400 naming the field, never rounded and
 * never a 500; KWD's third decimal is kept. Instalment plans need approval above the threshold of their currency.
 */
class MinorUnitsApiTest extends ApiTestSupport {

    private String invoiceIn(String currency, String amount) {
        return createInvoice(createCustomer(), amount, currency, today().minusDays(5), today().plusDays(30));
    }

    private Response postInvoice(String customerId, Object amount, String currency) {
        return post(INTEGRATION, "/api/invoices", Map.of("invoiceNumber", unique("MU"), "customerId", customerId,
            "issueDate", today().minusDays(5).toString(), "dueDate", today().plusDays(30).toString(),
            "amount", amount, "currency", currency));
    }

    private Map<String, Object> payment(String invoiceNumber, Object amount, String currency) {
        Map<String, Object> body = new HashMap<>();
        body.put("paymentReference", unique("PAY"));
        body.put("invoiceNumber", invoiceNumber);
        body.put("amount", amount);
        body.put("currency", currency);
        body.put("receivedOn", today().toString());
        body.put("method", "BANK_TRANSFER");
        return body;
    }

    private static void assertRefused(Response r, String field, String messagePart) {
        assertProblem(r, 400);
        assertThat(errorFields(r)).as(r.raw()).containsExactly(field);
        assertThat(r.body().path("errors").get(0).path("message").asText()).contains(messagePart);
    }

    @Test
    void jpyInvoiceWithDecimalsIs400NamingAmount_notA500_andWholeYenIsTaken() {
        String customerId = createCustomer();

        // a JSON number and a string alike: JPY has no minor unit
        assertRefused(postInvoice(customerId, new BigDecimal("1000.50"), "JPY"), "amount", "JPY has no minor unit");
        assertRefused(postInvoice(customerId, "1000.5", "JPY"), "amount", "whole number");
        assertThat(count("SELECT COUNT(*) FROM invoices WHERE customer_id = ?", customerId)).isZero();

        // trailing zeros are not decimals: 1000.00 is a whole number of yen
        Response whole = postInvoice(customerId, "1000.00", "JPY");
        assertThat(whole.status()).as(whole.raw()).isEqualTo(201);
        assertThat(whole.body().path("outstanding").path("principal").decimalValue()).isEqualTo(new BigDecimal("1000"));
    }

    @Test
    void kwdTakesThreeDecimals_storedAndShownExactly_andPaidExactly() {
        String customerId = createCustomer();
        assertRefused(postInvoice(customerId, "1.2345", "KWD"), "amount", "at most 3 decimals");

        Response r = postInvoice(customerId, "1.234", "KWD");

        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        String number = r.body().path("invoiceNumber").asText();
        assertThat(jdbc.sql("SELECT amount FROM invoices WHERE invoice_number = ?").param(number)
            .query(BigDecimal.class).single()).isEqualByComparingTo("1.234");
        Response view = get(COLLECTOR, "/api/invoices/" + number);
        assertThat(view.body().path("outstanding").path("principal").decimalValue()).isEqualTo(new BigDecimal("1.234"));
        assertThat(view.body().path("outstanding").path("total").decimalValue()).isEqualTo(new BigDecimal("1.234"));

        // a payment of the last fils settles it: nothing was cut to 1.23
        Response paid = post(INTEGRATION, "/api/payments", payment(number, "1.234", "KWD"));
        assertThat(paid.status()).as(paid.raw()).isEqualTo(201);
        assertThat(get(COLLECTOR, "/api/invoices/" + number).body().path("outstanding").path("total").decimalValue())
            .isEqualByComparingTo("0");
    }

    @Test
    void paymentIsCheckedAgainstItsOwnCurrency() {
        String number = invoiceIn("EUR", "100.00");

        assertRefused(post(INTEGRATION, "/api/payments", payment(number, "10.005", "EUR")), "amount",
            "at most 2 decimals: the minor unit of EUR");
        assertRefused(post(INTEGRATION, "/api/payments", payment(number, 10.5, "JPY")), "amount", "JPY");
        assertThat(count("SELECT COUNT(*) FROM payments WHERE invoice_number = ?", number)).isZero();

        assertThat(post(INTEGRATION, "/api/payments", payment(number, "10.00", "EUR")).status()).isEqualTo(201);
    }

    @Test
    void csvLineWithJpyDecimalsNamesTheLineAndTheField_andImportsNothing() {
        String customerId = createCustomer();
        String good = unique("IMP");
        String csv = "invoiceNumber,customerId,issueDate,dueDate,amount,currency\n"
            + good + "," + customerId + ",2026-01-05,2026-02-04,1000,JPY\n"          // line 2: fine
            + unique("IMP") + "," + customerId + ",2026-01-05,2026-02-04,12.5,JPY\n"  // line 3: decimals in JPY
            + unique("IMP") + "," + customerId + ",2026-01-05,2026-02-04,1.234,KWD\n"; // line 4: fine

        Response r = postCsv(INTEGRATION, "/api/invoices/import", csv);

        assertProblem(r, 400);
        var errors = r.body().path("errors");
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).path("line").asInt()).isEqualTo(3);
        assertThat(errors.get(0).path("field").asText()).isEqualTo("amount");
        assertThat(errors.get(0).path("message").asText()).contains("JPY");
        assertThat(count("SELECT COUNT(*) FROM invoices WHERE invoice_number = ?", good)).isZero();
    }

    @Test
    void promisesAgreementsAndDisputesAreCheckedAgainstTheInvoiceCurrency() {
        String yen = invoiceIn("JPY", "300000");
        String euro = invoiceIn("EUR", "1000.00");

        assertRefused(post(INTEGRATION, "/api/invoices/" + yen + "/promises",
            Map.of("amount", "100.5", "promisedDate", today().plusDays(5).toString())), "amount", "JPY");
        assertRefused(post(INTEGRATION, "/api/invoices/" + euro + "/disputes",
            Map.of("category", "QUALITY", "amount", "10.001")), "amount", "EUR");

        Response plan = post(INTEGRATION, "/api/invoices/" + euro + "/agreements", Map.of("instalments", List.of(
            Map.of("dueDate", today().plusDays(10).toString(), "amount", "0.001"),
            Map.of("dueDate", today().plusDays(40).toString(), "amount", "999.999"))));
        assertProblem(plan, 400);
        assertThat(errorFields(plan)).containsExactly("instalments[0].amount", "instalments[1].amount");

        assertThat(count("SELECT COUNT(*) FROM promises WHERE invoice_number IN (?, ?)", yen, euro)
            + count("SELECT COUNT(*) FROM disputes WHERE invoice_number IN (?, ?)", yen, euro)
            + count("SELECT COUNT(*) FROM agreements WHERE invoice_number IN (?, ?)", yen, euro)).isZero();
    }

    @Test
    void agencyReportAmountIsCheckedAgainstTheInvoiceCurrency() {
        String yen = invoiceIn("JPY", "50000");
        Map<String, Object> report = new HashMap<>(Map.of("invoiceNumber", yen, "agencyReference", "AGY-1",
            "reportId", unique("R"), "status", "PARTLY_COLLECTED", "amountCollected", "120.50",
            "reportedOn", today().toString()));

        assertRefused(post(INTEGRATION, "/api/agency/reports", report), "amountCollected", "JPY");
    }

    @Test
    void planApprovalThresholdIsPerCurrency() {
        // every instalment before the due date (in 30 days): no interest runs, so the plan is the invoice amount
        // JPY 300,000 is above the JPY threshold (200,000) though far below the CNY figure's digits would suggest
        String yen = invoiceIn("JPY", "300000");
        Response jpy = post(INTEGRATION, "/api/invoices/" + yen + "/agreements", Map.of("instalments", List.of(
            Map.of("dueDate", today().plusDays(10).toString(), "amount", 150000),
            Map.of("dueDate", today().plusDays(25).toString(), "amount", 150000))));
        assertThat(jpy.status()).as(jpy.raw()).isEqualTo(201);
        assertThat(waitsAt(yen, "Task_ApproveAgreement")).isTrue();

        // CNY 9,000 is below the CNY threshold (10,000): no supervisor needed
        String yuan = invoiceIn("CNY", "9000.00");
        Response cny = post(INTEGRATION, "/api/invoices/" + yuan + "/agreements", Map.of("instalments", List.of(
            Map.of("dueDate", today().plusDays(10).toString(), "amount", "4500.00"),
            Map.of("dueDate", today().plusDays(25).toString(), "amount", "4500.00"))));
        assertThat(cny.status()).as(cny.raw()).isEqualTo(201);
        assertThat(waitsAt(yuan, "Task_ApproveAgreement")).isFalse();
        assertThat(waitsAt(yuan, "Task_SendInstalmentSchedule")).isTrue();

        // KWD has no threshold configured: nothing is converted, a supervisor decides even a small plan
        String dinar = invoiceIn("KWD", "10.500");
        Response kwd = post(INTEGRATION, "/api/invoices/" + dinar + "/agreements", Map.of("instalments", List.of(
            Map.of("dueDate", today().plusDays(10).toString(), "amount", "5.250"),
            Map.of("dueDate", today().plusDays(25).toString(), "amount", "5.250"))));
        assertThat(kwd.status()).as(kwd.raw()).isEqualTo(201);
        assertThat(kwd.body().path("instalments").get(0).path("amount").decimalValue()).isEqualTo(new BigDecimal("5.250"));
        assertThat(waitsAt(dinar, "Task_ApproveAgreement")).isTrue();
    }

    private boolean waitsAt(String number, String activityId) {
        return runtime.createExecutionQuery().processInstanceBusinessKey(number).activityId(activityId).count() > 0;
    }

    @Test
    void asOfOutsideIssueDateUpToTodayPlus10YearsIs400_andAnAbsurdDateIsAnsweredAtOnce() {
        String number = invoiceIn("CNY", "1000.00");
        LocalDate issued = today().minusDays(5);
        LocalDate latest = today().plusYears(10);

        long started = System.nanoTime();
        Response absurd = get(COLLECTOR, "/api/invoices/" + number + "?asOf=%2B999999999-12-31");
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertRefused(absurd, "asOf", "yyyy-MM-dd");
        // measured: a few milliseconds; before the bound the request never ended
        assertThat(millis).as("answered in %d ms", millis).isLessThan(5_000);

        assertRefused(get(COLLECTOR, "/api/invoices/" + number + "?asOf=9999-12-31"), "asOf", "between");
        assertRefused(get(COLLECTOR, "/api/invoices/" + number + "?asOf=" + issued.minusDays(1)), "asOf",
            "between " + issued + " and " + latest);
        assertRefused(get(COLLECTOR, "/api/invoices/" + number + "?asOf=" + latest.plusDays(1)), "asOf", "between");

        assertThat(get(COLLECTOR, "/api/invoices/" + number + "?asOf=" + issued).status()).isEqualTo(200);
        Response far = get(COLLECTOR, "/api/invoices/" + number + "?asOf=" + latest);
        assertThat(far.status()).as(far.raw()).isEqualTo(200);

        // the reports: 2000-01-01 .. today + 10 years
        for (String report : List.of("/api/reports/aging", "/api/reports/dashboard")) {
            assertRefused(get(FINANCE, report + "?asOf=%2B999999999-12-31"), "asOf", "yyyy-MM-dd");
            assertRefused(get(FINANCE, report + "?asOf=1999-12-31"), "asOf", "between 2000-01-01");
            assertRefused(get(FINANCE, report + "?asOf=" + latest.plusDays(1)), "asOf", "between");
            assertThat(get(FINANCE, report + "?asOf=" + latest).status()).as(report).isEqualTo(200);
        }
    }

    @Test
    void receivablesAndPaymentsFromBefore2000AreTyposNotHistory() {
        String customerId = createCustomer();
        Response invoice = post(INTEGRATION, "/api/invoices", Map.of("invoiceNumber", unique("MU"),
            "customerId", customerId, "issueDate", "0001-01-01", "dueDate", "0001-01-31", "amount", "10.00",
            "currency", "EUR"));
        assertRefused(invoice, "issueDate", "must not be before 2000-01-01");

        Map<String, Object> payment = payment(invoiceIn("EUR", "10.00"), "10.00", "EUR");
        payment.put("receivedOn", "1999-12-31");
        assertRefused(post(INTEGRATION, "/api/payments", payment), "receivedOn", "must not be before 2000-01-01");
    }
}
