package com.collectwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.collectwise.communication.DangerSignals;
import com.collectwise.kernel.CaseVariables;

/**
 * Danger signals (DOMAIN.md 3): a part payment without explanation raises the customer's priority; one the collector
 * had explained does not. An explanation given for a part payment of another invoice, settled since, explains nothing
 * of this one.
 */
class PartPaymentSignalApiTest extends ApiTestSupport {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Autowired DangerSignals dangerSignals;
    @Autowired TaskService tasks;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    static void at(int month, int day, int hour) {
        ClockUtil.setCurrentTime(Date.from(ZonedDateTime.of(2026, month, day, hour, 0, 0, 0, SHANGHAI).toInstant()));
    }

    String register(String customerId, String amount) {
        String number = unique("INV");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("invoiceNumber", number);
        body.put("customerId", customerId);
        body.put("issueDate", "2026-02-01");
        body.put("dueDate", "2026-03-03");
        body.put("amount", amount);
        body.put("currency", "CNY");
        body.put("contractInterestRatePercent", "0");
        Response r = post(INTEGRATION, "/api/invoices", body);
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        runDueJobsOfCase(number);
        return number;
    }

    void pay(String number, String amount) {
        Response r = post(INTEGRATION, "/api/payments", Map.of("paymentReference", unique("PAY"),
            "invoiceNumber", number, "amount", amount, "currency", "CNY", "receivedOn", today().toString(),
            "method", "BANK_TRANSFER"));
        assertThat(r.status()).as(r.raw()).isIn(200, 201);
        runDueJobsOfCase(number);
    }

    boolean partPaymentSignal(String customerId) {
        return dangerSignals.assess(customerId, clock.now()).signals().stream()
            .anyMatch(s -> s.contains("part payment"));
    }

    /**
     * Invoices A (CNY 1000.00) and B (CNY 500.00), due 03-03, no interest (0%), no fees (DOMESTIC). On 03-05 A is paid
     * 400.00 and the collector records the customer's reason (no signal); on 03-06 A is paid its last 600.00 (1000.00 -
     * 400.00), settled; on 03-09 B is paid 200.00 of 500.00 and nobody knows why: the signal. Before: 1 applied payment
     * on open invoices against 1 explanation ever (A's) read as explained.
     */
    @Test
    void anExplanationOfASettledInvoiceDoesNotExplainAPartPaymentOfAnother() {
        at(3, 5, 10);
        String customerId = createCustomer();
        String a = register(customerId, "1000.00");
        String b = register(customerId, "500.00");

        pay(a, "400.00");
        assertThat(partPaymentSignal(customerId)).as("A's part payment, not yet explained").isTrue();
        Task clarify = tasks.createTaskQuery().processInstanceBusinessKey(a)
            .taskDefinitionKey("Task_ClarifyPartialPayment").singleResult();
        tasks.complete(clarify.getId(), Map.of(CaseVariables.PARTIAL_PAYMENT_REASON, "cash flow, rest tomorrow"));
        runDueJobsOfCase(a);
        assertThat(partPaymentSignal(customerId)).as("explained").isFalse();

        at(3, 6, 10);
        pay(a, "600.00");
        assertThat(caseRunning(a)).isFalse();
        assertThat(partPaymentSignal(customerId)).isFalse();

        at(3, 9, 10);
        pay(b, "200.00");
        assertThat(partPaymentSignal(customerId)).as("B's part payment, never explained").isTrue();
    }
}
