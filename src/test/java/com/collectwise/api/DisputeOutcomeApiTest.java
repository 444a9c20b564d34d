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
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The outcome of a dispute over HTTP (DOMAIN.md 5 and 8). The open call form follows the disputes of its invoice at once (DOMAIN.md 5: every call form shows the undisputed
 * amount and names the disputed one): a dispute posted while the call is open, its rejection (the disputed part is
 * asked for again) and its acceptance with a credit note (the credited part is gone, nothing is disputed any more).
 * <p>
 * The accepted dispute shows what it credited; its credit note reduces the invoice from its due date, with payments
 * before and after it; the credit of the last overdue invoice releases the customer's credit hold.
 * <p>
 * The invoices are at a contract rate of 7.30%: a day's interest is 0.02% of the principal (10,000.00: 2.00).
 */
public class DisputeOutcomeApiTest extends ApiTestSupport {

    @Autowired
    TaskService tasks;

    /** 10,000.00 CNY due 5 days ago: the case waits at its call. */
    private String invoiceFiveDaysOverdue() {
        return invoice(createCustomer(), "10000.00", 5);
    }

    private String invoice(String customerId, String amount, int dueDaysAgo) {
        String number = unique("INV");
        Map<String, Object> body = new HashMap<>();
        body.put("invoiceNumber", number);
        body.put("customerId", customerId);
        body.put("issueDate", today().minusDays(30 + dueDaysAgo).toString());
        body.put("dueDate", today().minusDays(dueDaysAgo).toString());
        body.put("amount", amount);
        body.put("currency", "CNY");
        body.put("contractInterestRatePercent", "7.30");
        Response r = post(INTEGRATION, "/api/invoices", body);
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        runDueJobsOfCase(number);
        return number;
    }

    private JsonNode view(String number) {
        Response r = get(FINANCE, "/api/invoices/" + number);
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.body();
    }

    private void pay(String number, String amount, int daysAgo) {
        Response r = post(INTEGRATION, "/api/payments", Map.of("paymentReference", unique("PAY"),
            "invoiceNumber", number, "amount", amount, "currency", "CNY",
            "receivedOn", today().minusDays(daysAgo).toString(), "method", "BANK_TRANSFER"));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        runDueJobsOfCase(number);
    }

    private String creditStatus(String customerId) {
        Response r = get(INTEGRATION, "/api/customers/" + customerId + "/credit-status");
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.body().path("status").asText();
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
        runDueJobsOfCase(number);
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

    private long openCalls(String number) {
        return tasks.createTaskQuery().processInstanceBusinessKey(number).taskDefinitionKey("Task_CallCustomer")
            .count();
    }

    /**
     * DOMAIN.md 5: an invoice disputed in full is not called for payment while the dispute is open. The whole
     * 10,000.00 disputed while its call is open: the call (which asked for 0.00 before) is withdrawn and no call
     * comes while the dispute is open; rejected, the call is back at once for 10,000.00 + 5 days x 2.00 = 10,010.00.
     */
    @Test
    void aDisputeOfTheWholeInvoiceWithdrawsItsCall_aRejectionBringsTheCallBackForAllOfIt() {
        String number = invoiceFiveDaysOverdue();
        assertThat(openCalls(number)).isOne();

        dispute(number, "10000.00");
        assertThat(openCalls(number)).as("no call asking for 0.00").isZero();
        assertThat(view(number).path("disputed").decimalValue()).isEqualByComparingTo("10000.00");
        assertThat(view(number).path("stage").asText()).isEqualTo("INTERNAL_REMINDER");

        decide(number, "REJECTED");
        Task call = call(number);
        assertThat(asked(call)).isEqualByComparingTo("10010.00");
        assertThat(named(call)).isEqualByComparingTo("0");
    }

    /** The whole 10,000.00 disputed and accepted: the credit note from the due date leaves nothing: the case settles. */
    /**
     * The customer pays the invoice in full while its dispute is open (paying under protest): the case ends, settled,
     * but the dispute is still the customer's claim and the department still decides it. Before, the settlement
     * cancelled the dispute's process with the case: the dispute stayed OPEN for ever with no task to decide it (and a
     * bounce would have reopened the invoice with an undecided dispute nobody could see in Tasklist). Now it goes on
     * on its own. 10,000.00 due 5 days ago at 7.30% (2.00 a day): 10,010.00 paid today settles it; 4,000.00 disputed.
     * Accepted, the credit note reduces the invoice from its due date (6,000.00 with 5 x 1.20 = 6.00 interest): of
     * the 10,010.00 paid, 6,006.00 was owed, 4,004.00 becomes the customer's credit.
     */
    @Test
    void aDisputeOpenWhenTheInvoiceIsPaidInFullIsStillDecided_acceptedItsCreditIsTheCustomers() {
        String number = invoiceFiveDaysOverdue();
        String customerId = view(number).path("customerId").asText();
        dispute(number, "4000.00");
        pay(number, "10010.00", 0);
        assertThat(view(number).path("status").asText()).isEqualTo("SETTLED");
        assertThat(caseRunning(number)).isFalse();
        JsonNode open = view(number).path("disputes").get(0);
        assertThat(open.path("status").asText()).isEqualTo("OPEN");

        decide(number, "CREDIT_NOTE");

        JsonNode after = view(number);
        assertThat(after.path("status").asText()).isEqualTo("SETTLED");
        assertThat(after.path("disputes").get(0).path("status").asText()).isEqualTo("CREDIT_NOTE");
        assertThat(after.path("disputed").decimalValue()).isEqualByComparingTo("0");
        Response file = get(COLLECTOR, "/api/customers/" + customerId);
        assertThat(file.body().path("credit").path("CNY").decimalValue()).as(file.raw()).isEqualByComparingTo("4004.00");
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(number).count()).isZero();
    }

    /** The same, rejected: the dispute ends REJECTED, the invoice stays settled, nothing is owed or credited. */
    @Test
    void aDisputeOpenWhenTheInvoiceIsPaidInFullIsStillDecided_rejectedNothingChanges() {
        String number = invoiceFiveDaysOverdue();
        String customerId = view(number).path("customerId").asText();
        dispute(number, "4000.00");
        pay(number, "10010.00", 0);

        decide(number, "REJECTED");

        JsonNode after = view(number);
        assertThat(after.path("status").asText()).isEqualTo("SETTLED");
        assertThat(after.path("disputes").get(0).path("status").asText()).isEqualTo("REJECTED");
        assertThat(after.path("outstanding").path("total").decimalValue()).isEqualByComparingTo("0");
        Response file = get(COLLECTOR, "/api/customers/" + customerId);
        assertThat(file.body().path("credit").path("CNY").isMissingNode()
            || file.body().path("credit").path("CNY").decimalValue().signum() == 0).as(file.raw()).isTrue();
    }

    @Test
    void aDisputeOfTheWholeInvoiceAcceptedSettlesTheCaseWithoutACall() {
        String number = invoiceFiveDaysOverdue();
        dispute(number, "10000.00");
        decide(number, "CREDIT_NOTE");
        assertThat(openCalls(number)).isZero();
        JsonNode view = view(number);
        assertThat(view.path("status").asText()).isEqualTo("SETTLED");
        assertThat(view.path("outstanding").path("total").decimalValue()).isEqualByComparingTo("0");
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
        // the dispute shows what its outcome credited (was credited 0.00, no credit note)
        JsonNode dispute = view(number).path("disputes").get(0);
        assertThat(dispute.path("status").asText()).isEqualTo("CREDIT_NOTE");
        assertThat(dispute.path("credited").decimalValue()).isEqualByComparingTo("4000.00");
        assertThat(dispute.path("openAmount").decimalValue()).isEqualByComparingTo("0");
        assertThat(dispute.path("creditNotes")).hasSize(1);
        assertThat(dispute.path("creditNotes").get(0).path("amount").decimalValue()).isEqualByComparingTo("4000.00");
        assertThat(dispute.path("creditNotes").get(0).path("creditedOn").asText()).isEqualTo(today().toString());
        assertThat(view(number).path("disputed").decimalValue()).isEqualByComparingTo("0");
    }

    /**
     * 10,000.00 due D = 40 days ago; 2,000.00 paid on D+10; 3,000.00 disputed and accepted today; 1,000.00 dated D+35
     * posted after the decision. As if only 7,000.00 had ever been owed: D+1..D+10 on 7,000.00 = 14.00, so 2,000.00
     * pays 14.00 interest and 1,986.00 principal (5,014.00 left); D+11..D+35, 25 days on 5,014.00 = 25.07, so 1,000.00
     * pays 25.07 and 974.93 (4,039.07 left); D+36..D+40, 5 days on 4,039.07 = 4.03907. Interest 14 + 25.07 + 4.03907 =
     * 43.10907 -> 43.11, paid 39.07: 4.04 owed; total 4,043.11.
     */
    @Test
    void aPartCreditNoteOfADisputeReducesTheInvoiceFromItsDueDate_withPaymentsBeforeAndAfterIt() {
        String number = invoice(createCustomer(), "10000.00", 40);
        pay(number, "2000.00", 30);
        // the whole invoice: 10 days on 10,000.00 = 20.00, so 2,000.00 pays 20.00 and 1,980.00 (8,020.00 left);
        // 30 days on 8,020.00 = 48.12: 8,068.12
        assertThat(view(number).path("outstanding").path("total").decimalValue()).isEqualByComparingTo("8068.12");
        dispute(number, "3000.00");
        assertThat(view(number).path("outstanding").path("total").decimalValue()).as("disputed, still owed in full")
            .isEqualByComparingTo("8068.12");

        decide(number, "CREDIT_NOTE");
        pay(number, "1000.00", 5);

        JsonNode outstanding = view(number).path("outstanding");
        assertThat(outstanding.path("principal").decimalValue()).isEqualByComparingTo("4039.07");
        assertThat(outstanding.path("interest").decimalValue()).isEqualByComparingTo("4.04");
        assertThat(outstanding.path("total").decimalValue()).isEqualByComparingTo("4043.11");
    }

    /**
     * A at formal demand (due 15 days ago) holds the customer's credit; B (due 4 days ago) is overdue too. A credit
     * note for all of A leaves B overdue: still HOLD. B disputed in full and accepted: nothing of the customer is
     * overdue any more: OK.
     */
    @Test
    void theCreditOfADisputeOnTheLastOverdueInvoiceReleasesTheCreditHold() {
        String customerId = createCustomer();
        String a = invoice(customerId, "1000.00", 15);
        String b = invoice(customerId, "2000.00", 4);
        assertThat(view(a).path("stage").asText()).isEqualTo("FORMAL_DEMAND");
        assertThat(creditStatus(customerId)).isEqualTo("HOLD");

        Response note = post(FINANCE, "/api/invoices/" + a + "/credit-notes", Map.of("creditNoteNumber",
            unique("CN"), "amount", "1000.00", "issuedOn", today().toString(), "reason", "goods returned"));
        assertThat(note.status()).as(note.raw()).isEqualTo(201);
        runDueJobsOfCase(a);
        assertThat(caseRunning(a)).isFalse();
        assertThat(creditStatus(customerId)).as("B is still overdue").isEqualTo("HOLD");

        dispute(b, "2000.00");
        decide(b, "CREDIT_NOTE");
        assertThat(view(b).path("status").asText()).isEqualTo("SETTLED");
        assertThat(caseRunning(b)).isFalse();
        assertThat(creditStatus(customerId)).isEqualTo("OK");
    }
}
