package com.collectwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * Issue 15 over HTTP, one named example per rule: every figure is a replay of dated events, whatever the order they
 * were posted in (DOMAIN.md sections 5 and 6). Interest figures are hand-computed: principal x rate x days / 36500.
 */
public class LedgerReplayApiTest extends ApiTestSupport {

    private String customer(String country) {
        String customerId = unique("C");
        Response r = post(INTEGRATION, "/api/customers", Map.of("customerId", customerId, "name", "Acme " + customerId,
            "segment", "FOREIGN", "country", country, "collector", COLLECTOR));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return customerId;
    }

    private String invoice(String customerId, String amount, String currency, int dueDaysAgo, String contractRate) {
        String number = unique("INV");
        Map<String, Object> body = new HashMap<>(Map.of("invoiceNumber", number, "customerId", customerId,
            "issueDate", today().minusDays(dueDaysAgo + 30L).toString(),
            "dueDate", today().minusDays(dueDaysAgo).toString(), "amount", amount, "currency", currency));
        if (contractRate != null) {
            body.put("contractInterestRatePercent", contractRate);
        }
        Response r = post(INTEGRATION, "/api/invoices", body);
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return number;
    }

    private Response pay(String reference, String invoiceNumber, String amount, String currency, int daysAgo) {
        Map<String, Object> body = new HashMap<>(Map.of("paymentReference", reference, "amount", amount,
            "currency", currency, "receivedOn", today().minusDays(daysAgo).toString(), "method", "BANK_TRANSFER"));
        body.put("invoiceNumber", invoiceNumber);
        return post(INTEGRATION, "/api/payments", body);
    }

    private com.fasterxml.jackson.databind.JsonNode view(String invoiceNumber) {
        Response r = get(FINANCE, "/api/invoices/" + invoiceNumber);
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.body();
    }

    @Test
    public void anEuInvoicePaidInFullOnItsDueDate_postedTwoDaysLater_isSettledWithoutTheEur40() {
        String number = invoice(customer("FR"), "1000.00", "EUR", 2, null);
        assertThat(view(number).path("outstanding").path("fees").decimalValue()).isEqualByComparingTo("40.00");

        Response r = pay(unique("PAY"), number, "1000.00", "EUR", 2); // value date = the due date
        assertThat(r.status()).as(r.raw()).isEqualTo(201);

        var v = view(number);
        assertThat(v.path("status").asText()).isEqualTo("SETTLED");
        assertThat(v.path("outstanding").path("total").decimalValue()).isEqualByComparingTo("0.00");
        assertThat(v.path("outstanding").path("fees").decimalValue()).isEqualByComparingTo("0.00");
    }

    @Test
    public void twoPaymentsPostedInTheOppositeOrderOfTheirValueDates_giveTheSameFiguresAsInOrder() {
        // contract 12%, 10,000.00 due 60 days ago; payments of 3,000.00 dated 40 and 10 days ago
        String inOrder = invoice(customer("CN"), "10000.00", "CNY", 60, "12");
        String reversed = invoice(customer("CN"), "10000.00", "CNY", 60, "12");
        assertThat(pay(unique("PAY"), inOrder, "3000.00", "CNY", 40).status()).isEqualTo(201);
        assertThat(pay(unique("PAY"), inOrder, "3000.00", "CNY", 10).status()).isEqualTo(201);
        assertThat(pay(unique("PAY"), reversed, "3000.00", "CNY", 10).status()).isEqualTo(201);
        assertThat(pay(unique("PAY"), reversed, "3000.00", "CNY", 40).status()).isEqualTo(201);

        // day 1..20 on 10,000.00: 65.753425; payment 1 pays 65.75 interest + 2,934.25 principal -> 7,065.75
        // day 21..50 (30 days) on 7,065.75: 69.689589; exact sum 135.443014 -> 135.44, unpaid 69.69 (rounded
        // cumulatively: 135.44 - 65.75); payment 2 pays 69.69 + 2,930.31 -> 4,135.44
        // day 51..60 (10 days) on 4,135.44: 13.595967; sum 149.038981 -> 149.04; unpaid 149.04 - 135.44 = 13.60
        for (String number : List.of(inOrder, reversed)) {
            var out = view(number).path("outstanding");
            assertThat(out.path("principal").decimalValue()).as(number).isEqualByComparingTo("4135.44");
            assertThat(out.path("interest").decimalValue()).as(number).isEqualByComparingTo("13.60");
            assertThat(out.path("total").decimalValue()).as(number).isEqualByComparingTo("4149.04");
        }
        // a statement of a past date is what it was: 45 days ago, only day 1..15 had run, nothing paid
        // 10,000.00 x 12 x 15 / 36500 = 49.315068 -> 49.32
        var past = get(FINANCE, "/api/invoices/" + reversed + "?asOf=" + today().minusDays(45)).body().path("outstanding");
        assertThat(past.path("total").decimalValue()).isEqualByComparingTo("10049.32");
    }

    /**
     * DOMAIN 5/7: a part payment acknowledges the debt and restarts limitation; a bounced one is no payment. As the
     * money replay does, it counts as of dates before its reversal and not from the reversal on: due 40 days ago,
     * 300.00 received 20 days ago, reversed 5 days ago: limitation today = due date + 3 years; as of 10 days ago it
     * was the payment's date + 3 years.
     */
    @Test
    public void aReversedPaymentNoLongerRestartsLimitationFromItsReversal() {
        String number = invoice(customer("CN"), "1000.00", "CNY", 40, "0");
        String ref = unique("PAY");
        assertThat(pay(ref, number, "300.00", "CNY", 20).status()).isEqualTo(201);
        assertThat(view(number).path("limitationDate").asText())
            .isEqualTo(today().minusDays(20).plusYears(3).toString());

        Response r = post(FINANCE, "/api/payments/" + ref + "/reversal",
            Map.of("reversedOn", today().minusDays(5).toString(), "reason", "bounced: insufficient funds"));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);

        assertThat(view(number).path("limitationDate").asText())
            .isEqualTo(today().minusDays(40).plusYears(3).toString());
        assertThat(get(FINANCE, "/api/invoices/" + number + "?asOf=" + today().minusDays(10)).body()
            .path("limitationDate").asText()).isEqualTo(today().minusDays(20).plusYears(3).toString());
    }

    @Test
    public void aReversedPaymentIsUndone_theSettledCaseReopens_andTheReversalIsIdempotent() {
        String number = invoice(customer("CN"), "500.00", "CNY", 0, "0");
        String ref = unique("PAY");
        assertThat(pay(ref, number, "500.00", "CNY", 0).status()).isEqualTo(201);
        assertThat(view(number).path("status").asText()).isEqualTo("SETTLED");

        Map<String, Object> reversal = Map.of("reversedOn", today().toString(), "reason", "bounced: insufficient funds");
        Response r = post(FINANCE, "/api/payments/" + ref + "/reversal", reversal);
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(r.body().path("reversedOn").asText()).isEqualTo(today().toString());
        assertThat(r.body().path("status").asText()).isEqualTo("REVERSED");

        var v = view(number);
        assertThat(v.path("status").asText()).isEqualTo("OPEN");
        assertThat(v.path("outstanding").path("total").decimalValue()).isEqualByComparingTo("500.00");
        assertThat(caseRunning(number)).isTrue();
        // the new case counts its stage entries from 0 again, as the variable of a new process instance did: the
        // first case entered its stage once, the new one has entered its stage once (not twice)
        assertThat(jdbc.sql("SELECT stage_entries FROM invoices WHERE invoice_number = ?").param(number)
            .query(Integer.class).single()).isEqualTo(1);

        assertThat(post(FINANCE, "/api/payments/" + ref + "/reversal", reversal).status()).isEqualTo(200);
        assertThat(post(FINANCE, "/api/payments/" + ref + "/reversal",
            Map.of("reversedOn", today().toString(), "reason", "recalled")).status()).isEqualTo(409);
        assertThat(post(FINANCE, "/api/payments/NOPE-" + ref + "/reversal", reversal).status()).isEqualTo(404);
        assertThat(post(COLLECTOR, "/api/payments/" + ref + "/reversal", reversal).status()).isEqualTo(403);
    }

    /**
     * A bounce that has not happened yet is not a reversal: dated tomorrow it was accepted, and the account was
     * replayed as of that future date, so the case paid in full today reopened and the customer went back on credit
     * hold with nothing overdue. Refused like a payment received in the future (400 naming reversedOn), nothing
     * written.
     */
    @Test
    public void aReversalDatedInTheFutureIsRefused_andTheSettledCaseStaysSettled() {
        String number = invoice(customer("CN"), "500.00", "CNY", 0, "0");
        String ref = unique("PAY");
        assertThat(pay(ref, number, "500.00", "CNY", 0).status()).isEqualTo(201);
        assertThat(view(number).path("status").asText()).isEqualTo("SETTLED");

        Response r = post(FINANCE, "/api/payments/" + ref + "/reversal",
            Map.of("reversedOn", today().plusDays(1).toString(), "reason", "bounce announced"));

        assertProblem(r, 400);
        assertThat(errorFields(r)).containsExactly("reversedOn");
        assertThat(view(number).path("status").asText()).isEqualTo("SETTLED");
        assertThat(count("SELECT COUNT(*) FROM payments WHERE payment_reference = ? AND reversed_on IS NOT NULL", ref))
            .isZero();
    }

    @Test
    public void aCreditNoteReducesTheInvoiceFromItsDueDate_noInterestEverRanOnTheCreditedPart() {
        String number = invoice(customer("CN"), "10000.00", "CNY", 30, "12");
        Map<String, Object> note = Map.of("creditNoteNumber", unique("CN"), "amount", "4000.00",
            "issuedOn", today().toString(), "reason", "goods returned");
        Response r = post(INTEGRATION, "/api/invoices/" + number + "/credit-notes", note);
        assertThat(r.status()).as(r.raw()).isEqualTo(201);

        // 6,000.00 x 12 x 30 / 36500 = 59.178082 -> 59.18 (not 10,000.00 for 30 days: 98.63)
        var out = view(number).path("outstanding");
        assertThat(out.path("principal").decimalValue()).isEqualByComparingTo("6000.00");
        assertThat(out.path("interest").decimalValue()).isEqualByComparingTo("59.18");

        assertThat(post(INTEGRATION, "/api/invoices/" + number + "/credit-notes", note).status()).isEqualTo(200);
        Map<String, Object> other = new HashMap<>(note);
        other.put("amount", "10.00");
        assertThat(post(INTEGRATION, "/api/invoices/" + number + "/credit-notes", other).status()).isEqualTo(409);
        Map<String, Object> tooMuch = new HashMap<>(note);
        tooMuch.put("creditNoteNumber", unique("CN"));
        tooMuch.put("amount", "6000.01");
        Response bad = post(INTEGRATION, "/api/invoices/" + number + "/credit-notes", tooMuch);
        assertProblem(bad, 400);
        assertThat(errorFields(bad)).containsExactly("amount");
        assertThat(post(COLLECTOR, "/api/invoices/" + number + "/credit-notes", note).status()).isEqualTo(403);
    }

    @Test
    public void twentySimultaneousPaymentsOnOneInvoice_eachBookedOnce_figuresExact_noServerError() throws Exception {
        String number = invoice(customer("CN"), "10000.00", "CNY", -30, null); // due in 30 days: no interest
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<String> refs = new ArrayList<>();
        try {
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String ref = unique("PAR");
                refs.add(ref);
                calls.add(pool.submit(() -> pay(ref, number, "123.45", "CNY", 0).status()));
            }
            for (Future<Integer> call : calls) {
                assertThat(call.get(120, TimeUnit.SECONDS)).isEqualTo(201);
            }
        } finally {
            pool.shutdownNow();
        }
        for (String ref : refs) {
            assertThat(count("SELECT COUNT(*) FROM payments WHERE payment_reference = ?", ref)).isEqualTo(1);
        }
        // 10,000.00 - 20 x 123.45 = 7,531.00
        assertThat(view(number).path("outstanding").path("total").decimalValue())
            .isEqualByComparingTo(new BigDecimal("7531.00"));
    }

    @Test
    public void anOverpaymentIsCreditShownOnTheCustomer_andPaysTheCustomersNextInvoice() {
        String customerId = customer("CN");
        String first = invoice(customerId, "1000.00", "CNY", -30, null);
        assertThat(pay(unique("PAY"), first, "1200.00", "CNY", 0).status()).isEqualTo(201);
        assertThat(view(first).path("status").asText()).isEqualTo("SETTLED");

        Response file = get(COLLECTOR, "/api/customers/" + customerId);
        assertThat(file.status()).as(file.raw()).isEqualTo(200);
        assertThat(file.body().path("credit").path("CNY").decimalValue()).isEqualByComparingTo("200.00");
        assertThat(file.body().path("openInvoices").size()).isZero();

        String next = invoice(customerId, "500.00", "CNY", -30, null);
        assertThat(view(next).path("outstanding").path("total").decimalValue()).isEqualByComparingTo("300.00");
        file = get(FINANCE, "/api/customers/" + customerId);
        assertThat(file.body().path("credit").path("CNY").isMissingNode()).isTrue();
        assertThat(file.body().path("outstanding").path("CNY").decimalValue()).isEqualByComparingTo("300.00");
        assertThat(file.body().path("openInvoices").get(0).path("invoiceNumber").asText()).isEqualTo(next);
        assertThat(get(LEGAL, "/api/customers/" + customerId).status()).isEqualTo(403);
        assertThat(get(FINANCE, "/api/customers/NOPE-" + customerId).status()).isEqualTo(404);
    }
}
