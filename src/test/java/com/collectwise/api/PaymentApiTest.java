package com.collectwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class PaymentApiTest extends ApiTestSupport {

    private Map<String, Object> payment(String reference, String invoiceNumber, Object amount) {
        Map<String, Object> body = new HashMap<>();
        body.put("paymentReference", reference);
        if (invoiceNumber != null) {
            body.put("invoiceNumber", invoiceNumber);
        }
        body.put("amount", amount);
        body.put("currency", "CNY");
        body.put("receivedOn", today().toString());
        body.put("method", "BANK_TRANSFER");
        return body;
    }

    private String outstandingTotal(String invoiceNumber) {
        return get(FINANCE, "/api/invoices/" + invoiceNumber).body().path("outstanding").path("total").toString();
    }

    @Test
    void paymentIsAppliedToItsInvoice() {
        String number = createInvoice(createCustomer(), "1000.00");
        String ref = unique("PAY");

        Response r = post(INTEGRATION, "/api/payments", payment(ref, number, 400));

        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        assertThat(r.body().path("status").asText()).isEqualTo("APPLIED");
        assertThat(r.body().path("allocations").get(0).path("component").asText()).isEqualTo("PRINCIPAL");
        assertThat(r.body().path("allocations").get(0).path("amount").decimalValue()).isEqualByComparingTo("400");
        assertThat(outstandingTotal(number)).isEqualTo("600.00");
        assertThat(caseRunning(number)).isTrue();
    }

    @Test
    void replayOfTheSamePaymentChangesNothing() {
        String number = createInvoice(createCustomer(), "1000.00");
        String ref = unique("PAY");
        assertThat(post(FINANCE, "/api/payments", payment(ref, number, 250)).status()).isEqualTo(201);

        // same content, other formatting: still the same payment
        Response again = post(FINANCE, "/api/payments", payment(ref, number, "250.00"));

        assertThat(again.status()).as(again.raw()).isEqualTo(200);
        assertThat(again.body().path("paymentReference").asText()).isEqualTo(ref);
        assertThat(count("SELECT COUNT(*) FROM payments WHERE payment_reference = ?", ref)).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM payment_allocations WHERE payment_reference = ?", ref)).isEqualTo(1);
        assertThat(outstandingTotal(number)).isEqualTo("750.00");
    }

    @Test
    void sameReferenceWithOtherContentIsAConflict() {
        String number = createInvoice(createCustomer(), "1000.00");
        String ref = unique("PAY");
        assertThat(post(INTEGRATION, "/api/payments", payment(ref, number, 250)).status()).isEqualTo(201);

        Response r = post(INTEGRATION, "/api/payments", payment(ref, number, 260));

        assertProblem(r, 409);
        assertThat(outstandingTotal(number)).isEqualTo("750.00");
    }

    @Test
    void paymentForAnUnknownInvoiceIsKeptAsUnappliedCash() {
        String ref = unique("PAY");

        Response r = post(INTEGRATION, "/api/payments", payment(ref, unique("UNKNOWN"), "75.10"));

        assertThat(r.status()).as(r.raw()).isEqualTo(202);
        assertThat(r.body().path("status").asText()).isEqualTo("UNAPPLIED");
        assertThat(count("SELECT COUNT(*) FROM payments WHERE payment_reference = ? AND status = 'UNAPPLIED'", ref))
            .isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM payment_allocations WHERE payment_reference = ?", ref)).isZero();
    }

    @Test
    void paymentOfACustomerIsCreditUntilAnInvoiceComes_thenPaysTheOldestOpenInvoiceFirst() {
        String customerId = createCustomer();
        Map<String, Object> body = payment(unique("PAY"), null, 50);
        body.put("customerId", customerId);

        // nothing open yet: the money is the customer's credit, booked to the customer, not lost
        Response credit = post(INTEGRATION, "/api/payments", body);
        assertThat(credit.status()).as(credit.raw()).isEqualTo(201);
        assertThat(credit.body().path("allocations").get(0).path("component").asText()).isEqualTo("CREDIT");

        // the credit pays the next invoice (the oldest due first)
        String older = createInvoice(customerId, "100.00", "CNY", today().minusDays(40), today().plusDays(5));
        String newer = createInvoice(customerId, "100.00", "CNY", today().minusDays(10), today().plusDays(20));
        assertThat(outstandingTotal(older)).isEqualTo("50.00");
        assertThat(outstandingTotal(newer)).isEqualTo("100.00");

        body.put("paymentReference", unique("PAY"));
        body.put("amount", "120.00");
        Response matched = post(INTEGRATION, "/api/payments", body);
        assertThat(matched.status()).as(matched.raw()).isEqualTo(201);
        // 50.00 settles the older one, 70.00 goes to the newer one
        assertThat(outstandingTotal(older)).isEqualTo("0.00");
        assertThat(outstandingTotal(newer)).isEqualTo("30.00");
        assertThat(count("SELECT COUNT(*) FROM invoices WHERE invoice_number = ? AND status = 'SETTLED'", older))
            .isEqualTo(1);
    }

    @Test
    void aPaymentInAnotherCurrencyThanTheInvoiceIsKeptUnappliedForFinance_neverBookedAsTheInvoiceCurrency() {
        String number = createInvoice(createCustomer(), "1000.00");
        String ref = unique("PAY");
        Map<String, Object> body = payment(ref, number, 100);
        body.put("currency", "EUR");

        Response r = post(INTEGRATION, "/api/payments", body);

        assertThat(r.status()).as(r.raw()).isEqualTo(202);
        assertThat(r.body().path("status").asText()).isEqualTo("UNAPPLIED");
        assertThat(r.body().path("unappliedReason").asText()).contains("EUR").contains("CNY");
        assertThat(outstandingTotal(number)).isEqualTo("1000.00");
        assertThat(count("SELECT COUNT(*) FROM payments WHERE payment_reference = ? AND status = 'UNAPPLIED'", ref))
            .isEqualTo(1);
    }

    @Test
    void reportsEveryBadFieldAtOnce() {
        Map<String, Object> body = new HashMap<>();
        body.put("amount", "-5");
        body.put("currency", "cny");
        body.put("receivedOn", today().plusDays(3).toString());
        body.put("method", "CHEQUE");

        Response r = post(INTEGRATION, "/api/payments", body);

        assertProblem(r, 400);
        assertThat(errorFields(r)).containsExactlyInAnyOrder("paymentReference", "invoiceNumber", "amount",
            "currency", "receivedOn", "method");
    }

    @Test
    void partialThenFullPaymentSettlesTheCase() {
        String number = createInvoice(createCustomer(), "1000.00");

        Response part = post(INTEGRATION, "/api/payments", payment(unique("PAY"), number, "400.00"));
        assertThat(part.status()).as(part.raw()).isEqualTo(201);
        assertThat(caseRunning(number)).isTrue();
        // the part payment acknowledges the debt (limitation date); the settling payment is no acknowledgement
        assertThat(count("SELECT COUNT(*) FROM acknowledgements WHERE invoice_number = ? AND source = 'PARTIAL_PAYMENT'",
            number)).isEqualTo(1);

        Response rest = post(INTEGRATION, "/api/payments", payment(unique("PAY"), number, outstandingTotal(number)));
        assertThat(rest.status()).as(rest.raw()).isEqualTo(201);

        var view = get(FINANCE, "/api/invoices/" + number).body();
        assertThat(view.path("status").asText()).isEqualTo("SETTLED");
        assertThat(view.path("stage").asText()).isEqualTo("CLOSED");
        assertThat(view.path("outstanding").path("total").toString()).isEqualTo("0.00");
        runDueJobsOfCase(number);
        assertThat(caseRunning(number)).isFalse();
    }

    @Test
    void overpaymentBecomesCustomerCredit() {
        String number = createInvoice(createCustomer(), "100.00");

        Response r = post(INTEGRATION, "/api/payments", payment(unique("PAY"), number, "130.00"));

        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        assertThat(r.body().path("allocations").toString()).contains("CREDIT");
        assertThat(r.body().path("allocations").findValuesAsText("component")).containsExactly("PRINCIPAL", "CREDIT");
        assertThat(r.body().path("allocations").get(1).path("amount").decimalValue()).isEqualByComparingTo("30");
        assertThat(get(FINANCE, "/api/invoices/" + number).body().path("status").asText()).isEqualTo("SETTLED");
    }

    @Test
    void moneyForAClosedCaseIsKeptAsCredit() {
        String number = createInvoice(createCustomer(), "100.00");
        assertThat(post(INTEGRATION, "/api/payments", payment(unique("PAY"), number, 100)).status()).isEqualTo(201);
        String ref = unique("PAY");

        Response r = post(INTEGRATION, "/api/payments", payment(ref, number, 20));

        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        assertThat(r.body().path("allocations").findValuesAsText("component")).containsExactly("CREDIT");
        assertThat(count("SELECT COUNT(*) FROM payment_allocations WHERE payment_reference = ? AND component = 'CREDIT'",
            ref)).isEqualTo(1);
        assertThat(get(FINANCE, "/api/invoices/" + number).body().path("status").asText()).isEqualTo("SETTLED");
    }

    @Test
    void concurrentCopiesOfOnePaymentAreBookedOnce() throws Exception {
        String number = createInvoice(createCustomer(), "1000.00");
        String ref = unique("PAY");
        Map<String, Object> body = payment(ref, number, "100.00");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                calls.add(pool.submit(() -> post(INTEGRATION, "/api/payments", body).status()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> call : calls) {
                statuses.add(call.get(60, TimeUnit.SECONDS));
            }

            assertThat(statuses).containsOnly(201, 200);
            assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(count("SELECT COUNT(*) FROM payments WHERE payment_reference = ?", ref)).isEqualTo(1);
        assertThat(outstandingTotal(number)).isEqualTo("900.00");
    }

    @Autowired
    private org.camunda.bpm.engine.TaskService tasks;

    @Test
    void aPartPaymentRefreshesTheOpenCallForm() {
        // three days overdue: the case waits at the call, whose form shows the amount to collect
        String number = createInvoice(createCustomer(), "10000.00", "CNY", today().minusDays(40), today().minusDays(3));
        runDueJobsOfCase(number);
        var call = tasks.createTaskQuery().processInstanceBusinessKey(number).taskDefinitionKey("Task_CallCustomer")
            .singleResult();
        assertThat(call).isNotNull();

        assertThat(post(INTEGRATION, "/api/payments", payment(unique("PAY"), number, 1000)).status()).isEqualTo(201);

        java.math.BigDecimal total = get(FINANCE, "/api/invoices/" + number).body().path("outstanding").path("total")
            .decimalValue();
        String shown = (String) tasks.getVariableLocal(call.getId(), "amountToCollect");
        assertThat(new java.math.BigDecimal(shown.replace(",", ""))).isEqualByComparingTo(total);
        assertThat(total).isLessThan(new java.math.BigDecimal("9100.00"));
    }
}
