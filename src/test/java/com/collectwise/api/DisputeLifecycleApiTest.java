package com.collectwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.collectwise.kernel.CaseVariables;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Disputes over the life of a case, seen from outside (DOMAIN.md 5, with 1, 2 and 8): a payment of the undisputed
 * part, a write-off or a sale while a dispute is open, the credit hold of a customer whose overdue money is all
 * disputed. The clock is the engine's (ClockUtil), set per step; contract rate 7.30%: a day's interest is 0.02% of
 * the principal (10,000.00: 2.00 a day). MYR: no other test uses it.
 */
class DisputeLifecycleApiTest extends ApiTestSupport {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final String CURRENCY = "MYR";

    @Autowired
    TaskService tasks;

    @Autowired
    HistoryService history;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    private void clockAt(LocalDate day) {
        ClockUtil.setCurrentTime(Date.from(ZonedDateTime.of(day.atTime(10, 0), ZONE).toInstant()));
    }

    private String invoice(String customerId, String amount, LocalDate due) {
        return invoice(customerId, amount, due, "7.30");
    }

    private String invoice(String customerId, String amount, LocalDate due, String ratePercent) {
        String number = unique("INV");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("invoiceNumber", number);
        body.put("customerId", customerId);
        body.put("issueDate", due.minusDays(30).toString());
        body.put("dueDate", due.toString());
        body.put("amount", amount);
        body.put("currency", CURRENCY);
        body.put("contractInterestRatePercent", ratePercent);
        Response r = post(INTEGRATION, "/api/invoices", body);
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        jobs(number);
        return number;
    }

    /** One due job at a time (a job may remove another). */
    private void jobs(String number) {
        for (int round = 0; round < 50; round++) {
            var instance = runtime.createProcessInstanceQuery().processDefinitionKey(CaseVariables.PROCESS_COLLECTION)
                .processInstanceBusinessKey(number).singleResult();
            if (instance == null) {
                return;
            }
            var due = management.createJobQuery().processInstanceId(instance.getId()).executable().listPage(0, 1);
            if (due.isEmpty()) {
                return;
            }
            management.executeJob(due.get(0).getId());
        }
    }

    private void pay(String number, String amount, LocalDate receivedOn) {
        pay(unique("PAY"), number, amount, receivedOn);
    }

    private void pay(String reference, String number, String amount, LocalDate receivedOn) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("paymentReference", reference);
        body.put("invoiceNumber", number);
        body.put("amount", amount);
        body.put("currency", CURRENCY);
        body.put("receivedOn", receivedOn.toString());
        body.put("method", "BANK_TRANSFER");
        Response r = post(INTEGRATION, "/api/payments", body);
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        jobs(number);
    }

    private void dispute(String number, String amount) {
        Response r = post(COLLECTOR, "/api/invoices/" + number + "/disputes",
            Map.of("category", "QUALITY", "amount", amount, "description", "4 of 10 pumps leak"));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        jobs(number);
    }

    private void decide(String number, String decision) {
        var resolve = tasks.createTaskQuery().taskDefinitionKey("Task_ResolveDispute")
            .processVariableValueEquals(CaseVariables.INVOICE_NUMBER, number).singleResult();
        assertThat(resolve).as("Resolve dispute of " + number).isNotNull();
        tasks.complete(resolve.getId(), Map.of(CaseVariables.DISPUTE_DECISION, decision,
            CaseVariables.DECISION_REASON, "checked"));
        jobs(number);
    }

    private JsonNode view(String number) {
        Response r = get(FINANCE, "/api/invoices/" + number);
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.body();
    }

    private JsonNode view(String number, LocalDate asOf) {
        Response r = get(FINANCE, "/api/invoices/" + number + "?asOf=" + asOf);
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.body();
    }

    private long openCalls(String number) {
        return tasks.createTaskQuery().processInstanceBusinessKey(number).taskDefinitionKey("Task_CallCustomer")
            .count();
    }

    private JsonNode creditStatus(String customerId) {
        Response r = get(FINANCE, "/api/customers/" + customerId + "/credit-status");
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.body();
    }

    private long letters(String number) {
        return count("SELECT COUNT(*) FROM contact_log WHERE invoice_number = ? AND outcome = 'FORMAL_LETTER'", number);
    }

    /**
     * 10,000.00 due 2026-03-02 (a Monday), 4,000.00 disputed on D+5 (03-07) while the call is open; the customer pays
     * what it is asked for that day, the undisputed 6,006.00 (6,000.00 + 5 days x 1.20). What is left is all
     * disputed: 10.00 interest and 5,996.00 principal paid, 4,004.00 principal left, of which 4,000.00 disputed; as
     * if credited, nothing is owed. So the call asking for 0.00 goes, the collector is not asked "why not in full?" (the
     * dispute says why), and the case does not escalate at D+10 (no
     * formal letter) while the dispute is open. Rejected on 03-16: 4,004.00 plus 9 days (03-08..03-16) on 4,004.00
     * at 0.8008 a day = 7.2072 -> 7.21: 4,011.21 is owed and the formal demand comes at once.
     */
    @Test
    void aPaymentOfTheUndisputedPartLeavesTheInvoiceDisputedInFull_itDoesNotEscalateUntilTheDisputeIsDecided() {
        String customerId = createCustomer();
        LocalDate due = LocalDate.of(2026, 3, 2);
        clockAt(due.minusDays(10));
        String number = invoice(customerId, "10000.00", due);
        clockAt(due.plusDays(5));
        jobs(number);
        assertThat(openCalls(number)).isOne();
        dispute(number, "4000.00");
        assertThat(openCalls(number)).isOne();

        pay(number, "6006.00", due.plusDays(5));
        JsonNode paid = view(number);
        assertThat(paid.path("outstanding").path("principal").decimalValue()).isEqualByComparingTo("4004.00");
        assertThat(paid.path("outstanding").path("total").decimalValue()).isEqualByComparingTo("4004.00");
        assertThat(paid.path("disputed").decimalValue()).isEqualByComparingTo("4000.00");
        assertThat(openCalls(number)).as("no call asking for 0.00").isZero();
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(number)
            .taskDefinitionKey("Task_ClarifyPartialPayment").count()).as("paid what it was asked for").isZero();

        clockAt(due.plusDays(11));
        jobs(number);
        assertThat(view(number).path("stage").asText()).isEqualTo("INTERNAL_REMINDER");
        assertThat(letters(number)).isZero();

        clockAt(due.plusDays(14));
        decide(number, "REJECTED");
        JsonNode rejected = view(number);
        assertThat(rejected.path("outstanding").path("total").decimalValue()).isEqualByComparingTo("4011.21");
        assertThat(rejected.path("stage").asText()).isEqualTo("FORMAL_DEMAND");
        assertThat(letters(number)).isOne();
    }

    private void toWriteOffApproval(String number) {
        runtime.createMessageCorrelation(CaseVariables.MSG_STAGE_CHANGE).processInstanceBusinessKey(number)
            .setVariable(CaseVariables.TARGET_STAGE, "WRITE_OFF")
            .setVariable(CaseVariables.STAGE_CHANGE_REASON, "customer insolvent").correlate();
        jobs(number);
    }

    private void closeAs(String number, Map<String, Object> decision) {
        var task = tasks.createTaskQuery().processInstanceBusinessKey(number).taskDefinitionKey("Task_ApproveWriteOff")
            .singleResult();
        assertThat(task).as("the approval of " + number).isNotNull();
        tasks.complete(task.getId(), decision);
        jobs(number);
    }

    private void theDisputeIsClosedWithTheCase(String number, String why, LocalDate closedOn) {
        JsonNode closed = view(number);
        JsonNode d = closed.path("disputes").get(0);
        assertThat(d.path("status").asText()).as(closed.toString()).isEqualTo("CLOSED");
        assertThat(d.path("openAmount").decimalValue()).isEqualByComparingTo("0");
        assertThat(d.path("resolution").asText()).contains(why);
        assertThat(closed.path("disputed").decimalValue()).isEqualByComparingTo("0");
        assertThat(tasks.createTaskQuery().taskDefinitionKey("Task_ResolveDispute")
            .processVariableValueEquals(CaseVariables.INVOICE_NUMBER, number).count()).isZero();
        Response contacts = get(COLLECTOR, "/api/invoices/" + number + "/contacts");
        assertThat(contacts.raw()).contains("Dispute #" + d.path("id").asLong()).contains(why);
        // the day before, it was open
        JsonNode before = view(number, closedOn.minusDays(1));
        assertThat(before.path("disputes").get(0).path("status").asText()).isEqualTo("OPEN");
        assertThat(before.path("disputed").decimalValue()).isEqualByComparingTo("400.00");
    }

    /**
     * 1,000.00 due 2026-03-02, 400.00 disputed on D+5; finance writes the invoice off on D+12: the dispute's task goes
     * with the case, the dispute is CLOSED (not left OPEN for ever), and the case file says why.
     */
    @Test
    void anOpenDisputeOfAWrittenOffInvoiceIsClosedWithANote() {
        String customerId = createCustomer();
        LocalDate due = LocalDate.of(2026, 3, 2);
        clockAt(due.minusDays(10));
        String number = invoice(customerId, "1000.00", due);
        clockAt(due.plusDays(5));
        jobs(number);
        dispute(number, "400.00");
        clockAt(due.plusDays(12));
        toWriteOffApproval(number);
        closeAs(number, Map.of(CaseVariables.CLOSING_DECISION, "WRITE_OFF", CaseVariables.DECISION_REASON,
            "insolvent"));
        assertThat(view(number).path("status").asText()).isEqualTo("WRITTEN_OFF");
        theDisputeIsClosedWithTheCase(number, "written off", due.plusDays(12));
    }

    @Test
    void anOpenDisputeOfASoldInvoiceIsClosedWithANote() {
        String customerId = createCustomer();
        LocalDate due = LocalDate.of(2026, 3, 2);
        clockAt(due.minusDays(10));
        String number = invoice(customerId, "1000.00", due);
        clockAt(due.plusDays(5));
        jobs(number);
        dispute(number, "400.00");
        clockAt(due.plusDays(12));
        toWriteOffApproval(number);
        closeAs(number, Map.of(CaseVariables.CLOSING_DECISION, "SELL", CaseVariables.BUYER, "Factor Ltd",
            CaseVariables.SALE_PRICE, 500, CaseVariables.DECISION_REASON, "factor offer"));
        assertThat(view(number).path("status").asText()).isEqualTo("SOLD");
        theDisputeIsClosedWithTheCase(number, "sold", due.plusDays(12));
    }

    /**
     * A customer's only overdue invoice, 1,000.00 due 2026-03-02, reaches formal demand on D+11 (the hold); on D+12 it
     * is disputed in full. The hold stays (DOMAIN.md 8: released only when nothing is overdue; the disputed 1,000.00 is
     * unpaid past its due date, and a rejection asks for it with its interest from the due date: the dispute pauses
     * the dunning, not the debt). The credit status and the customer file name the disputed 1,000.00 and show the
     * 0.00 asked for: 12 days x 0.20 = 2.40 interest, 1,002.40 overdue. Rejected: still HOLD, 1,002.40 asked for.
     */
    @Test
    void aCustomerWhoseOnlyOverdueInvoiceIsDisputedInFullStaysOnHold_theStatusNamesTheDisputedAmount() {
        String customerId = createCustomer();
        LocalDate due = LocalDate.of(2026, 3, 2);
        clockAt(due.minusDays(10));
        String number = invoice(customerId, "1000.00", due);
        clockAt(due.plusDays(11));
        jobs(number);
        assertThat(view(number).path("stage").asText()).isEqualTo("FORMAL_DEMAND");
        assertThat(creditStatus(customerId).path("status").asText()).isEqualTo("HOLD");
        clockAt(due.plusDays(12));
        dispute(number, "1000.00");

        JsonNode status = creditStatus(customerId);
        assertThat(status.path("status").asText()).isEqualTo("HOLD");
        assertThat(status.path("overdueTotal").decimalValue()).isEqualByComparingTo("1002.40");
        assertThat(status.path("disputed").decimalValue()).as(status.toString()).isEqualByComparingTo("1000.00");
        assertThat(status.path("undisputed").decimalValue()).as(status.toString()).isEqualByComparingTo("0.00");
        Response file = get(COLLECTOR, "/api/customers/" + customerId);
        JsonNode line = file.body().path("openInvoices").get(0);
        assertThat(line.path("outstanding").decimalValue()).isEqualByComparingTo("1002.40");
        assertThat(line.path("disputed").decimalValue()).as(file.raw()).isEqualByComparingTo("1000.00");
        assertThat(line.path("undisputed").decimalValue()).as(file.raw()).isEqualByComparingTo("0.00");

        decide(number, "REJECTED");
        JsonNode rejected = creditStatus(customerId);
        assertThat(rejected.path("status").asText()).isEqualTo("HOLD");
        assertThat(rejected.path("disputed").decimalValue()).isEqualByComparingTo("0.00");
        assertThat(rejected.path("undisputed").decimalValue()).isEqualByComparingTo("1002.40");
    }
    private void bounce(String reference, String number, LocalDate on) {
        Response r = post(FINANCE, "/api/payments/" + reference + "/reversal",
            Map.of("reversedOn", on.toString(), "reason", "bounced: insufficient funds"));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        jobs(number);
    }

    /** The Process_Dispute instances of the invoice still running (called by its case or on their own). */
    private long runningDisputeProcesses(String number) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(CaseVariables.PROCESS_DISPUTE)
            .processInstanceBusinessKey(number).count();
    }

    /**
     * 1,000.00 due 2026-03-02 at 7.30% (0.20 a day), 400.00 disputed on D+5 (03-07); the customer pays it in full
     * under protest that day: 1,000.00 + 5 days (03-03..03-07) x 0.20 = 1,001.00. The case ends settled and the
     * dispute goes on as a Process_Dispute of its own ("Resolve dispute" for the supervisors). On 03-09 the payment
     * bounces: 1,000.00 + 7 days (03-03..03-09) x 0.20 = 1,001.40 is owed again, a new case runs, the dispute is still
     * open (400.00 disputed). Finance writes the invoice off on 03-16: the dispute is closed undecided with the case,
     * and its process, which the reopened case never called, ends too (before: its "Resolve dispute" task stayed in
     * Tasklist for ever, and at the end of its service level the supervisors got "Decide overdue dispute" of a
     * dispute nobody decides any more). The process ends deleted with the reason the case file gives.
     */
    @Test
    void aDisputeRunningOnItsOwnEndsWhenTheReopenedCaseIsWrittenOff() {
        String number = disputeRunningOnItsOwnInAReopenedCase();
        LocalDate due = LocalDate.of(2026, 3, 2);
        clockAt(due.plusDays(14));
        toWriteOffApproval(number);
        closeAs(number, Map.of(CaseVariables.CLOSING_DECISION, "WRITE_OFF", CaseVariables.DECISION_REASON,
            "insolvent"));
        assertThat(view(number).path("status").asText()).isEqualTo("WRITTEN_OFF");
        theDisputeAndItsOwnProcessEnd(number, "the invoice was written off (Written off: insolvent)");
    }

    /** The same, sold on 03-16: the customer's claim goes with the receivable, the dispute's own process ends. */
    @Test
    void aDisputeRunningOnItsOwnEndsWhenTheReopenedCaseIsSold() {
        String number = disputeRunningOnItsOwnInAReopenedCase();
        LocalDate due = LocalDate.of(2026, 3, 2);
        clockAt(due.plusDays(14));
        toWriteOffApproval(number);
        closeAs(number, Map.of(CaseVariables.CLOSING_DECISION, "SELL", CaseVariables.BUYER, "Factor Ltd",
            CaseVariables.SALE_PRICE, 500, CaseVariables.DECISION_REASON, "factor offer"));
        assertThat(view(number).path("status").asText()).isEqualTo("SOLD");
        theDisputeAndItsOwnProcessEnd(number, "the receivable was sold (Sold to Factor Ltd for MYR 500.00: factor"
            + " offer)");
    }

    private String disputeRunningOnItsOwnInAReopenedCase() {
        String customerId = createCustomer();
        LocalDate due = LocalDate.of(2026, 3, 2);
        clockAt(due.minusDays(10));
        String number = invoice(customerId, "1000.00", due);
        clockAt(due.plusDays(5));
        jobs(number);
        dispute(number, "400.00");
        String reference = unique("PAY");
        pay(reference, number, "1001.00", due.plusDays(5));
        assertThat(view(number).path("status").asText()).isEqualTo("SETTLED");
        assertThat(caseRunning(number)).isFalse();
        assertThat(runningDisputeProcesses(number)).as("the dispute goes on on its own").isOne();

        clockAt(due.plusDays(7));
        bounce(reference, number, due.plusDays(7));
        JsonNode reopened = view(number);
        assertThat(reopened.path("status").asText()).isEqualTo("OPEN");
        assertThat(reopened.path("outstanding").path("total").decimalValue()).isEqualByComparingTo("1001.40");
        assertThat(reopened.path("disputed").decimalValue()).isEqualByComparingTo("400.00");
        assertThat(caseRunning(number)).isTrue();
        var own = runtime.createProcessInstanceQuery().processDefinitionKey(CaseVariables.PROCESS_DISPUTE)
            .processInstanceBusinessKey(number).singleResult();
        assertThat(runtime.createProcessInstanceQuery().subProcessInstanceId(own.getId()).count())
            .as("not called by the reopened case").isZero();
        assertThat(tasks.createTaskQuery().processInstanceId(own.getId()).taskDefinitionKey("Task_ResolveDispute")
            .count()).isOne();
        return number;
    }

    private void theDisputeAndItsOwnProcessEnd(String number, String why) {
        JsonNode closed = view(number);
        JsonNode d = closed.path("disputes").get(0);
        assertThat(d.path("status").asText()).as(closed.toString()).isEqualTo("CLOSED");
        assertThat(closed.path("disputed").decimalValue()).isEqualByComparingTo("0");
        assertThat(runningDisputeProcesses(number)).as("no dispute process of " + number + " left").isZero();
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(number).count()).as("no task left").isZero();
        // the one that ran on its own (the first, called by the settled case, ended with it)
        var own = history.createHistoricProcessInstanceQuery().processDefinitionKey(CaseVariables.PROCESS_DISPUTE)
            .processInstanceBusinessKey(number).list().stream().filter(h -> h.getSuperProcessInstanceId() == null)
            .toList();
        assertThat(own).hasSize(1);
        assertThat(management.createJobQuery().processInstanceId(own.get(0).getId()).count())
            .as("no service-level timer left").isZero();
        String note = "Dispute #" + d.path("id").asLong() + " (QUALITY, 400.00 MYR) closed undecided: " + why + ".";
        Response contacts = get(COLLECTOR, "/api/invoices/" + number + "/contacts");
        assertThat(contacts.raw()).contains(note);
        assertThat(own.get(0).getDeleteReason()).as("why the process ended").isEqualTo(note);
    }
    /**
     * A bounce after the write-off or sale reopens the money that bounced, not the dispute closed with the case (choice
     * made, docs/processes/dispute.md "Closed with a written-off or sold case"). 1,000.00 due 2026-03-02, no interest;
     * 300.00 paid on 03-05 (700.00 left), 400.00 of the rest disputed on 03-07. Written off (or sold) on 03-11 (the move to the
     * last resort sends the formal letter first): the 700.00 left goes, the disputed 400.00 within it, and the dispute is closed undecided. On 03-14 the 300.00
     * bounces: 1,000.00 - 700.00 written off = 300.00 is owed again, a new case runs (12 days overdue on a 30-day term:
     * formal demand, the credit hold). The 300.00 is money the customer paid, not the part it disputed: the dispute
     * stays CLOSED, nothing of the 300.00 is disputed (the credit status asks for all of it), no dispute process
     * runs. A customer who contests the reopened money raises a new dispute on the reopened case: at most the 300.00.
     */
    @Test
    void aBounceAfterTheWriteOffReopensTheMoneyNotTheDisputeClosedWithTheCase() {
        theClosedDisputeStaysClosedAfterTheBounce(Map.of(CaseVariables.CLOSING_DECISION, "WRITE_OFF",
            CaseVariables.DECISION_REASON, "insolvent"), "WRITTEN_OFF", "written off");
    }

    @Test
    void aBounceAfterTheSaleReopensTheMoneyNotTheDisputeClosedWithTheCase() {
        theClosedDisputeStaysClosedAfterTheBounce(Map.of(CaseVariables.CLOSING_DECISION, "SELL",
            CaseVariables.BUYER, "Factor Ltd", CaseVariables.SALE_PRICE, 350, CaseVariables.DECISION_REASON,
            "factor offer"), "SOLD", "sold");
    }

    private void theClosedDisputeStaysClosedAfterTheBounce(Map<String, Object> closing, String status, String why) {
        String customerId = createCustomer();
        LocalDate due = LocalDate.of(2026, 3, 2);
        clockAt(due.minusDays(10));
        String number = invoice(customerId, "1000.00", due, "0");
        clockAt(due.plusDays(3));
        jobs(number);
        String reference = unique("PAY");
        pay(reference, number, "300.00", due.plusDays(3));
        clockAt(due.plusDays(5));
        jobs(number);
        dispute(number, "400.00");
        clockAt(due.plusDays(9));
        toWriteOffApproval(number);
        closeAs(number, closing);
        // moved to the last resort before its formal demand date: the letter went first (the evidence of demand)
        assertThat(letters(number)).isOne();
        assertThat(view(number).path("status").asText()).isEqualTo(status);
        long id = view(number).path("disputes").get(0).path("id").asLong();

        clockAt(due.plusDays(12));
        bounce(reference, number, due.plusDays(12));
        JsonNode reopened = view(number);
        assertThat(reopened.path("status").asText()).isEqualTo("OPEN");
        assertThat(reopened.path("stage").asText()).isEqualTo("FORMAL_DEMAND");
        assertThat(reopened.path("outstanding").path("total").decimalValue()).isEqualByComparingTo("300.00");
        JsonNode d = reopened.path("disputes").get(0);
        assertThat(d.path("id").asLong()).isEqualTo(id);
        assertThat(d.path("status").asText()).as(reopened.toString()).isEqualTo("CLOSED");
        assertThat(d.path("resolution").asText()).contains(why);
        assertThat(reopened.path("disputed").decimalValue()).isEqualByComparingTo("0");
        assertThat(runningDisputeProcesses(number)).isZero();
        JsonNode status2 = creditStatus(customerId);
        assertThat(status2.path("status").asText()).isEqualTo("HOLD");
        assertThat(status2.path("overdueTotal").decimalValue()).isEqualByComparingTo("300.00");
        assertThat(status2.path("disputed").decimalValue()).isEqualByComparingTo("0.00");
        assertThat(status2.path("undisputed").decimalValue()).isEqualByComparingTo("300.00");
        assertThat(letters(number)).as("the reopened case demands the 300.00 formally").isEqualTo(2);

        // the customer contests the reopened money: a new dispute, at most the 300.00 now owed
        Response tooMuch = post(COLLECTOR, "/api/invoices/" + number + "/disputes",
            Map.of("category", "QUALITY", "amount", "300.01", "description", "4 of 10 pumps leak"));
        assertThat(tooMuch.status()).as(tooMuch.raw()).isEqualTo(400);
        dispute(number, "300.00");
        assertThat(view(number).path("disputed").decimalValue()).isEqualByComparingTo("300.00");
        assertThat(runningDisputeProcesses(number)).isOne();
    }
    /**
     * 1,000.00 due 2026-03-02 at 7.30% (0.20 a day), 400.00 disputed on 03-07 and 1,001.00 paid that day under protest:
     * settled, the dispute goes on on its own. On 03-09 finance posts a credit note of 400.00 for it over the API: the
     * dispute ends CREDIT_NOTE and its process ends as credited (before, only a process called by a running case was
     * ended, so the "Resolve dispute" task of a dispute already credited stayed in Tasklist). The note reduces the
     * invoice from its due date: 600.00 + 5 days (03-03..03-07) x 0.12 = 0.60 was owed, so of the 1,001.00 paid
     * 400.40 is the customer's credit.
     */
    @Test
    void aCreditNotePostedForADisputeRunningOnItsOwnEndsItsProcess() {
        String customerId = createCustomer();
        LocalDate due = LocalDate.of(2026, 3, 2);
        clockAt(due.minusDays(10));
        String number = invoice(customerId, "1000.00", due);
        clockAt(due.plusDays(5));
        jobs(number);
        dispute(number, "400.00");
        pay(number, "1001.00", due.plusDays(5));
        assertThat(caseRunning(number)).isFalse();
        assertThat(runningDisputeProcesses(number)).isOne();

        clockAt(due.plusDays(7));
        Response r = post(FINANCE, "/api/invoices/" + number + "/credit-notes", Map.of("creditNoteNumber",
            unique("CN"), "amount", "400.00", "issuedOn", due.plusDays(7).toString(), "reason", "pumps returned"));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        JsonNode after = view(number);
        assertThat(after.path("disputes").get(0).path("status").asText()).isEqualTo("CREDIT_NOTE");
        assertThat(runningDisputeProcesses(number)).as("the credited dispute's process ended").isZero();
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(number).count()).isZero();
        Response file = get(COLLECTOR, "/api/customers/" + customerId);
        assertThat(file.body().path("credit").path(CURRENCY).decimalValue()).as(file.raw())
            .isEqualByComparingTo("400.40");
    }
}
