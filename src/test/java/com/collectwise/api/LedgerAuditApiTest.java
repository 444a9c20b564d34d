package com.collectwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Findings of the outside-in audit of the money over HTTP (docs/audits/2026-12-01-ledger.md), each with hand-computed figures:
 * simple interest principal x rate x days / 36500, rounded once HALF_UP to the minor unit. CN invoices due on
 * 2025-02-01 earn the one-year LPR of that day (3.10 %, from 2024-10-21) x 1.5 = 4.65 % a year.
 */
public class LedgerAuditApiTest extends ApiTestSupport {

    private String customer() {
        String customerId = unique("C");
        Response r = post(INTEGRATION, "/api/customers", Map.of("customerId", customerId, "name", "Acme " + customerId,
            "segment", "DOMESTIC", "country", "CN", "collector", COLLECTOR));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return customerId;
    }

    private Response invoice(String number, String customerId, String amount, String issueDate, String dueDate) {
        return post(INTEGRATION, "/api/invoices", Map.of("invoiceNumber", number, "customerId", customerId,
            "issueDate", issueDate, "dueDate", dueDate, "amount", amount, "currency", "CNY"));
    }

    private Map<String, Object> payment(String reference, String invoiceNumber, String customerId, String amount,
                                        String currency, String receivedOn) {
        Map<String, Object> body = new HashMap<>();
        body.put("paymentReference", reference);
        body.put("invoiceNumber", invoiceNumber);
        if (customerId != null) {
            body.put("customerId", customerId);
        }
        body.put("amount", amount);
        body.put("currency", currency);
        body.put("receivedOn", receivedOn);
        body.put("method", "BANK_TRANSFER");
        return body;
    }

    private JsonNode outstanding(String invoiceNumber, String asOf) {
        Response r = get(FINANCE, "/api/invoices/" + invoiceNumber + "?asOf=" + asOf);
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.body().path("outstanding");
    }

    @Test
    public void aCreditNoteDatedBeforeTheInvoiceWasIssuedIsAFieldError() {
        String customerId = customer();
        String number = unique("INV");
        assertThat(invoice(number, customerId, "1000.00", "2025-01-01", "2025-02-01").status()).isEqualTo(201);

        Response r = post(FINANCE, "/api/invoices/" + number + "/credit-notes", Map.of("creditNoteNumber",
            unique("CN"), "amount", "100.00", "issuedOn", "2024-12-31", "reason", "goods returned"));

        assertProblem(r, 400);
        assertThat(errorFields(r)).containsExactly("issuedOn");
        assertThat(count("SELECT COUNT(*) FROM ledger_entries WHERE invoice_number = ?", number)).isZero();
        // on the issue date itself it is fine
        Response onIssue = post(FINANCE, "/api/invoices/" + number + "/credit-notes", Map.of("creditNoteNumber",
            unique("CN"), "amount", "100.00", "issuedOn", "2025-01-01", "reason", "goods returned"));
        assertThat(onIssue.status()).as(onIssue.raw()).isEqualTo(201);
    }

    @Test
    public void aReplayThatAddsTheMatchingCustomerIsTheSamePayment_anotherCustomerIsAConflict() {
        String customerId = customer();
        String other = customer();
        String number = unique("INV");
        assertThat(invoice(number, customerId, "1000.00", "2025-01-01", "2025-02-01").status()).isEqualTo(201);
        String ref = unique("PAY");
        Response first = post(INTEGRATION, "/api/payments", payment(ref, number, null, "250.00", "CNY", "2025-01-20"));
        assertThat(first.status()).as(first.raw()).isEqualTo(201);

        Response withCustomer = post(INTEGRATION, "/api/payments",
            payment(ref, number, customerId, "250.00", "CNY", "2025-01-20"));
        assertThat(withCustomer.status()).as(withCustomer.raw()).isEqualTo(200);
        assertThat(withCustomer.body().path("paymentReference").asText()).isEqualTo(ref);

        assertProblem(post(INTEGRATION, "/api/payments", payment(ref, number, other, "250.00", "CNY", "2025-01-20")),
            409);
        assertProblem(post(INTEGRATION, "/api/payments", payment(ref, number, customerId, "260.00", "CNY",
            "2025-01-20")), 409);

        // and the other way round: first with the customer, the replay without it
        String ref2 = unique("PAY");
        assertThat(post(INTEGRATION, "/api/payments", payment(ref2, number, customerId, "100.00", "CNY", "2025-01-21"))
            .status()).isEqualTo(201);
        Response without = post(INTEGRATION, "/api/payments", payment(ref2, number, null, "100.00", "CNY", "2025-01-21"));
        assertThat(without.status()).as(without.raw()).isEqualTo(200);

        assertThat(count("SELECT COUNT(*) FROM payments WHERE payment_reference IN (?, ?)", ref, ref2)).isEqualTo(2);
        assertThat(outstanding(number, "2025-02-01").path("total").decimalValue()).isEqualByComparingTo("650.00");
    }

    /**
     * Money kept for an invoice not known yet, posted without a customer: a replay naming a customer contradicts
     * nothing stored (200, nothing changes), as for a known invoice. Once the invoice is registered (the customer's,
     * 1,000.00 due 2025-02-01) the money is applied to it (250.00 before the due date: 750.00 owed): the matching
     * customer or none is still the same payment, another customer is a conflict. Money that stays kept (USD for a
     * CNY invoice) is the registered invoice's customer's too: another customer is a conflict. Money first posted with
     * a customer is that customer's: a replay naming another one is a conflict.
     */
    @Test
    public void aReplayThatAddsTheCustomerToMoneyKeptForAnUnknownInvoiceIsTheSamePayment() {
        String customerId = customer();
        String other = customer();
        String number = unique("INV");
        String ref = unique("PAY");
        String usd = unique("PAY");
        String named = unique("PAY");
        assertThat(post(INTEGRATION, "/api/payments", payment(ref, number, null, "250.00", "CNY", "2025-01-20"))
            .status()).isEqualTo(202);
        assertThat(post(INTEGRATION, "/api/payments", payment(usd, number, null, "50.00", "USD", "2025-01-20"))
            .status()).isEqualTo(202);
        assertThat(post(INTEGRATION, "/api/payments", payment(named, number, customerId, "10.00", "CNY", "2025-01-20"))
            .status()).isEqualTo(202);
        Map<String, Object> before = jdbc.sql("SELECT * FROM payments WHERE payment_reference = ?").param(ref)
            .query().singleRow();

        for (String customer : new String[] {customerId, other}) {
            Response replay = post(INTEGRATION, "/api/payments", payment(ref, number, customer, "250.00", "CNY",
                "2025-01-20"));
            assertThat(replay.status()).as(replay.raw()).isEqualTo(200);
            assertThat(replay.body().path("status").asText()).isEqualTo("UNAPPLIED");
        }
        assertThat(jdbc.sql("SELECT * FROM payments WHERE payment_reference = ?").param(ref).query().singleRow())
            .isEqualTo(before);
        assertProblem(post(INTEGRATION, "/api/payments", payment(ref, number, customerId, "251.00", "CNY",
            "2025-01-20")), 409);
        assertProblem(post(INTEGRATION, "/api/payments", payment(named, number, other, "10.00", "CNY",
            "2025-01-20")), 409);
        assertThat(post(INTEGRATION, "/api/payments", payment(named, number, null, "10.00", "CNY", "2025-01-20"))
            .status()).isEqualTo(200);

        assertThat(invoice(number, customerId, "1000.00", "2025-01-01", "2025-02-01").status()).isEqualTo(201);
        assertThat(outstanding(number, "2025-02-01").path("total").decimalValue()).isEqualByComparingTo("740.00");

        Response applied = post(INTEGRATION, "/api/payments", payment(ref, number, customerId, "250.00", "CNY",
            "2025-01-20"));
        assertThat(applied.status()).as(applied.raw()).isEqualTo(200);
        assertThat(applied.body().path("status").asText()).isEqualTo("APPLIED");
        assertThat(post(INTEGRATION, "/api/payments", payment(ref, number, null, "250.00", "CNY", "2025-01-20"))
            .status()).isEqualTo(200);
        assertProblem(post(INTEGRATION, "/api/payments", payment(ref, number, other, "250.00", "CNY", "2025-01-20")),
            409);
        assertThat(post(INTEGRATION, "/api/payments", payment(usd, number, customerId, "50.00", "USD", "2025-01-20"))
            .status()).isEqualTo(200);
        assertProblem(post(INTEGRATION, "/api/payments", payment(usd, number, other, "50.00", "USD", "2025-01-20")),
            409);
        assertThat(count("SELECT COUNT(*) FROM payments WHERE payment_reference IN (?, ?, ?)", ref, usd, named))
            .isEqualTo(3);
        assertThat(count("SELECT COUNT(*) FROM payments WHERE payment_reference = ? AND status = 'UNAPPLIED'", usd))
            .isEqualTo(1);
        assertThat(outstanding(number, "2025-02-01").path("total").decimalValue()).isEqualByComparingTo("740.00");
    }

    /**
     * The bank feed ran before the ERP: 400.00 came on 2025-03-01 for an invoice not yet registered (202, kept). When
     * the invoice (1,000.00, due 2025-02-01, 4.65 %) is registered, the money is the invoice's, by its value date:
     * days 2025-02-02 .. 03-01 (28) on 1,000.00 = 3.567123 -> 3.57 interest paid, 396.43 principal: 603.57 left;
     * days 03-02 .. 03-31 (30) on 603.57 = 2.306770, cumulative 5.873893 -> 5.87, unpaid 2.30: 605.87 on 2025-03-31.
     * Without it the customer would be asked for 1,007.39 (58 days on 1,000.00 = 7.389041).
     * Money in another currency for the same invoice stays unapplied.
     */
    @Test
    public void moneyThatCameBeforeItsInvoiceIsAppliedByItsValueDateWhenTheInvoiceIsRegistered() {
        String customerId = customer();
        String number = unique("INV");
        String ref = unique("PAY");
        String usd = unique("PAY");
        Response early = post(INTEGRATION, "/api/payments", payment(ref, number, customerId, "400.00", "CNY",
            "2025-03-01"));
        assertThat(early.status()).as(early.raw()).isEqualTo(202);
        assertThat(post(INTEGRATION, "/api/payments", payment(usd, number, null, "50.00", "USD", "2025-03-01"))
            .status()).isEqualTo(202);

        assertThat(invoice(number, customerId, "1000.00", "2025-01-01", "2025-02-01").status()).isEqualTo(201);

        JsonNode before = outstanding(number, "2025-02-28");
        assertThat(before.path("total").decimalValue()).isEqualByComparingTo("1003.44"); // 27 days: 3.439726
        JsonNode on = outstanding(number, "2025-03-01");
        assertThat(on.path("principal").decimalValue()).isEqualByComparingTo("603.57");
        assertThat(on.path("interest").decimalValue()).isEqualByComparingTo("0.00");
        JsonNode after = outstanding(number, "2025-03-31");
        assertThat(after.path("principal").decimalValue()).isEqualByComparingTo("603.57");
        assertThat(after.path("interest").decimalValue()).isEqualByComparingTo("2.30");
        assertThat(after.path("total").decimalValue()).isEqualByComparingTo("605.87");

        assertThat(count("SELECT COUNT(*) FROM payments WHERE payment_reference = ? AND status = 'APPLIED'", ref))
            .isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM payments WHERE payment_reference = ? AND status = 'UNAPPLIED'", usd))
            .isEqualTo(1);
        // a replay of the early payment is still the same payment
        Response replay = post(INTEGRATION, "/api/payments", payment(ref, number, customerId, "400.00", "CNY",
            "2025-03-01"));
        assertThat(replay.status()).as(replay.raw()).isEqualTo(200);
    }

    /** Paid in full before the invoice arrived (1,000.00 + 28 days = 1,003.57 on 2025-03-01): settled at once. */
    @Test
    public void anInvoicePaidInFullBeforeItWasRegisteredIsSettledWhenItArrives() {
        String customerId = customer();
        String number = unique("INV");
        assertThat(post(INTEGRATION, "/api/payments", payment(unique("PAY"), number, null, "1003.57", "CNY",
            "2025-03-01")).status()).isEqualTo(202);

        assertThat(invoice(number, customerId, "1000.00", "2025-01-01", "2025-02-01").status()).isEqualTo(201);
        runDueJobsOfCase(number);

        Response view = get(FINANCE, "/api/invoices/" + number);
        assertThat(view.body().path("status").asText()).as(view.raw()).isEqualTo("SETTLED");
        assertThat(view.body().path("outstanding").path("total").decimalValue()).isEqualByComparingTo("0.00");
        assertThat(caseRunning(number)).isFalse();
    }

    /**
     * Money for a customer the ERP had not sent yet (no invoice named) was kept unapplied (202); once the customer is
     * registered it is the customer's credit from its value date (2025-01-20), and it pays the customer's invoice when
     * that comes (1,000.00 due 2025-02-01): 600.00 paid before the due date, 400.00 left; 30 days (02-02 .. 03-03) on
     * 400.00 at 4.65 % = 1.528767 -> 1.53: 401.53, not 1,003.82.
     */
    @Test
    public void moneyForACustomerNotYetKnownBecomesItsCreditWhenTheCustomerIsRegistered() {
        String customerId = unique("C");
        String ref = unique("PAY");
        Response early = post(INTEGRATION, "/api/payments", payment(ref, null, customerId, "600.00", "CNY",
            "2025-01-20"));
        assertThat(early.status()).as(early.raw()).isEqualTo(202);

        Response r = post(INTEGRATION, "/api/customers", Map.of("customerId", customerId, "name", "Acme " + customerId,
            "segment", "DOMESTIC", "country", "CN", "collector", COLLECTOR));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        Response file = get(FINANCE, "/api/customers/" + customerId);
        assertThat(file.body().path("credit").path("CNY").decimalValue()).as(file.raw()).isEqualByComparingTo("600.00");

        String number = unique("INV");
        assertThat(invoice(number, customerId, "1000.00", "2025-01-01", "2025-02-01").status()).isEqualTo(201);
        JsonNode due = outstanding(number, "2025-02-01");
        assertThat(due.path("total").decimalValue()).isEqualByComparingTo("400.00");
        JsonNode later = outstanding(number, "2025-03-03");
        assertThat(later.path("interest").decimalValue()).isEqualByComparingTo("1.53");
        assertThat(later.path("total").decimalValue()).isEqualByComparingTo("401.53");
        // the same payment again: still one payment
        Response replay = post(INTEGRATION, "/api/payments", payment(ref, null, customerId, "600.00", "CNY",
            "2025-01-20"));
        assertThat(replay.status()).as(replay.raw()).isEqualTo(200);
    }

    /** The customer's credit (1,000.00 received 2025-01-05) covers the next invoice at once: it is settled. */
    @Test
    public void anInvoiceTheCustomersCreditCoversIsSettledWhenItIsRegistered() {
        String customerId = customer();
        Response credit = post(INTEGRATION, "/api/payments", payment(unique("PAY"), null, customerId, "1000.00", "CNY",
            "2025-01-05"));
        assertThat(credit.status()).as(credit.raw()).isEqualTo(201);
        String number = unique("INV");

        assertThat(invoice(number, customerId, "1000.00", "2025-01-01", "2025-02-01").status()).isEqualTo(201);
        runDueJobsOfCase(number);

        Response view = get(FINANCE, "/api/invoices/" + number);
        assertThat(view.body().path("outstanding").path("total").decimalValue()).isEqualByComparingTo("0.00");
        assertThat(view.body().path("status").asText()).as(view.raw()).isEqualTo("SETTLED");
        assertThat(caseRunning(number)).isFalse();
    }
}
