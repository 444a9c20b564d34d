package com.collectwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.collectwise.kernel.CaseVariables;

/**
 * The approval limit judges the customer's plans in a currency, not each plan alone (DOMAIN.md section 5): this
 * plan's total plus the customer's other plans in the same currency being agreed or running. Every invoice is due in
 * 30 days and every instalment falls before its due date, so no interest runs: a plan's total is its invoice amount.
 * Limits of Decision_AgreementApproval: CNY 10,000, EUR 1,500 (above them a supervisor approves).
 */
class CustomerPlansApprovalApiTest extends ApiTestSupport {

    private String invoice(String customerId, String amount, String currency) {
        return createInvoice(customerId, amount, currency, today().minusDays(5), today().plusDays(30));
    }

    /** A plan of two halves of the invoice amount (no interest: both before the due date). */
    private void proposeHalves(String number, String half) {
        Response r = post(INTEGRATION, "/api/invoices/" + number + "/agreements", Map.of("instalments", List.of(
            Map.of("dueDate", today().plusDays(10).toString(), "amount", half),
            Map.of("dueDate", today().plusDays(25).toString(), "amount", half))));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
    }

    private boolean awaitsSupervisor(String number) {
        return runtime.createExecutionQuery().processInstanceBusinessKey(number).activityId("Task_ApproveAgreement")
            .count() > 0;
    }

    private Object judged(String number) {
        String execution = runtime.createExecutionQuery().processInstanceBusinessKey(number)
            .activityId("Task_ApproveAgreement").singleResult().getId();
        return runtime.getVariable(execution, CaseVariables.CUSTOMER_PLANS_TOTAL);
    }

    @Test
    void fourPlansUnderTheLimitEachNeedASupervisorFromTheOneThatCrossesItTogether() {
        String customer = createCustomer();
        String first = invoice(customer, "2500.00", "CNY");
        String second = invoice(customer, "2500.00", "CNY");
        String third = invoice(customer, "2500.00", "CNY");
        String fourth = invoice(customer, "2506.00", "CNY");
        String fifth = invoice(customer, "100.00", "CNY");

        proposeHalves(first, "1250.00");   // judged 2,500.00
        proposeHalves(second, "1250.00");  // 5,000.00
        proposeHalves(third, "1250.00");   // 7,500.00
        assertThat(List.of(first, second, third)).noneMatch(this::awaitsSupervisor);

        proposeHalves(fourth, "1253.00");  // 7,500.00 + 2,506.00 = 10,006.00 > 10,000: crosses the limit
        assertThat(awaitsSupervisor(fourth)).isTrue();
        assertThat(judged(fourth)).isEqualTo("10006.00");

        proposeHalves(fifth, "50.00");     // 10,006.00 + 100.00 = 10,106.00 (the fourth, awaiting approval, counts)
        assertThat(awaitsSupervisor(fifth)).isTrue();
        assertThat(judged(fifth)).isEqualTo("10106.00");
    }

    @Test
    void plansInAnotherCurrencyDoNotAddAndNothingIsConverted() {
        String customer = createCustomer();
        String yuan = invoice(customer, "9000.00", "CNY");
        String euro = invoice(customer, "1400.00", "EUR");
        String moreYuan = invoice(customer, "1000.00", "CNY");

        proposeHalves(yuan, "4500.00");    // CNY 9,000.00
        proposeHalves(euro, "700.00");     // EUR 1,400.00: its own limit 1,500, the yuan plan does not add
        proposeHalves(moreYuan, "500.00"); // CNY 9,000.00 + 1,000.00 = 10,000.00: not above 10,000 (EUR not added)

        assertThat(List.of(yuan, euro, moreYuan)).noneMatch(this::awaitsSupervisor);
    }

    @Test
    void aKeptPlanNoLongerCounts() {
        String customer = createCustomer();
        String paid = invoice(customer, "9000.00", "CNY");
        String next = invoice(customer, "2000.00", "CNY");
        proposeHalves(paid, "4500.00");
        runDueJobsOfCase(paid);

        Map<String, Object> payment = new HashMap<>(Map.of("paymentReference", unique("PAY"), "invoiceNumber", paid,
            "amount", "9000.00", "currency", "CNY", "receivedOn", today().toString(), "method", "BANK_TRANSFER"));
        Response r = post(INTEGRATION, "/api/payments", payment);
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        runDueJobsOfCase(paid);
        assertThat(jdbc.sql("SELECT status FROM agreements WHERE invoice_number = ?").param(paid).query(String.class)
            .single()).isEqualTo("KEPT");

        proposeHalves(next, "1000.00");    // 2,000.00 alone; with the kept 9,000.00 it would be 11,000.00
        assertThat(awaitsSupervisor(next)).isFalse();
    }
}
