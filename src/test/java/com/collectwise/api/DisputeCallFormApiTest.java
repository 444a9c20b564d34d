package com.collectwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.collectwise.kernel.CaseVariables;

/**
 * The open call form follows the disputes of its invoice at once (DOMAIN.md 5: every call form shows the undisputed
 * amount and names the disputed one): a dispute posted while the call is open, its rejection (the disputed part is
 * asked for again) and its acceptance with a credit note (the credited part is gone, nothing is disputed any more).
 * <p>
 * The invoice: 10,000.00 CNY at a contract rate of 7.30%, due 5 days ago: 2.00 a day on 10,000.00, 1.20 on 6,000.00.
 */
public class DisputeCallFormApiTest extends ApiTestSupport {

    @Autowired
    TaskService tasks;

    private String invoiceFiveDaysOverdue() {
        String number = unique("INV");
        Map<String, Object> body = new HashMap<>();
        body.put("invoiceNumber", number);
        body.put("customerId", createCustomer());
        body.put("issueDate", today().minusDays(35).toString());
        body.put("dueDate", today().minusDays(5).toString());
        body.put("amount", "10000.00");
        body.put("currency", "CNY");
        body.put("contractInterestRatePercent", "7.30");
        Response r = post(INTEGRATION, "/api/invoices", body);
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        runDueJobsOfCase(number);
        return number;
    }

    private Task call(String number) {
        Task call = tasks.createTaskQuery().processInstanceBusinessKey(number).taskDefinitionKey("Task_CallCustomer")
            .singleResult();
        assertThat(call).as("the call of " + number).isNotNull();
        return call;
    }

    private void dispute(String number, String amount) {
        Response r = post(COLLECTOR, "/api/invoices/" + number + "/disputes",
            Map.of("category", "QUALITY", "amount", amount, "description", "4 of 10 pumps leak"));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
    }

    private void decide(String number, String decision) {
        Task resolve = tasks.createTaskQuery().taskDefinitionKey("Task_ResolveDispute")
            .processVariableValueEquals(CaseVariables.INVOICE_NUMBER, number).singleResult();
        assertThat(resolve).isNotNull();
        tasks.complete(resolve.getId(), Map.of(CaseVariables.DISPUTE_DECISION, decision,
            CaseVariables.DECISION_REASON, "checked"));
    }

    private BigDecimal asked(Task call) {
        return new BigDecimal(((String) tasks.getVariableLocal(call.getId(), "amountToCollect")).replace(",", ""));
    }

    private BigDecimal named(Task call) {
        return new BigDecimal(String.valueOf(tasks.getVariable(call.getId(), "openDisputedAmount")));
    }

    private String callTotal(Task call) {
        return (String) tasks.getVariableLocal(call.getId(), "callTotal");
    }

    @Test
    void aDisputePostedWhileTheCallIsOpenIsNamedAndLeftOutOfTheAmount_aRejectionAsksForItAgain() {
        String number = invoiceFiveDaysOverdue();
        Task call = call(number);
        // 10,000.00 + 5 days x 2.00
        assertThat(asked(call)).isEqualByComparingTo("10010.00");
        assertThat(named(call)).isEqualByComparingTo("0");

        dispute(number, "4000.00");
        // as if 4,000.00 were credited from the due date: 6,000.00 + 5 days x 1.20 = 6,006.00 (was 10,010.00, no
        // disputed amount named)
        assertThat(asked(call)).isEqualByComparingTo("6006.00");
        assertThat(named(call)).isEqualByComparingTo("4000.00");
        assertThat(callTotal(call)).contains("6,006.00");

        decide(number, "REJECTED");
        // collection of the disputed part resumes, its interest as if never paused
        assertThat(asked(call)).isEqualByComparingTo("10010.00");
        assertThat(named(call)).isEqualByComparingTo("0");
        assertThat(callTotal(call)).contains("10,010.00");
        assertThat(get(FINANCE, "/api/invoices/" + number).body().path("outstanding").path("total").decimalValue())
            .isEqualByComparingTo("10010.00");
    }

    @Test
    void aDisputeAcceptedWithACreditNoteLeavesTheRestToAskFor_notTheRestLessTheCreditedPartAgain() {
        String number = invoiceFiveDaysOverdue();
        Task call = call(number);
        dispute(number, "4000.00");

        decide(number, "CREDIT_NOTE");
        // 6,000.00 from the due date: 6,000.00 + 5 x 1.20 = 6,006.00; not 2,000.00 + 5 x 0.40 = 2,002.00 (the credited
        // 4,000.00 taken off once more while the dispute still looked open)
        assertThat(get(FINANCE, "/api/invoices/" + number).body().path("outstanding").path("total").decimalValue())
            .isEqualByComparingTo("6006.00");
        assertThat(asked(call)).isEqualByComparingTo("6006.00");
        assertThat(named(call)).isEqualByComparingTo("0");
        assertThat(callTotal(call)).contains("6,006.00");
    }
}
