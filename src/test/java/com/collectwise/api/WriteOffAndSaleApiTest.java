package com.collectwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.collectwise.kernel.CaseVariables;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The last resort seen from outside: a receivable written off or sold after finance's approval. THB and PHP: no other
 * test uses them, so the ageing report's lines of these currencies are this test's alone, one currency per test. Contract interest 0 so the figures are the
 * principal (and the fees the late-fee policy charges, read from the case view where they matter).
 */
class WriteOffAndSaleApiTest extends ApiTestSupport {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @Autowired
    TaskService tasks;

    /** One currency per test (the database is shared): THB, PHP. */
    private String currency = "THB";

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    private void clockAt(LocalDate day) {
        ClockUtil.setCurrentTime(Date.from(ZonedDateTime.of(day.atTime(10, 0), ZONE).toInstant()));
    }

    private String invoice(String customerId, String amount, LocalDate issued, LocalDate due) {
        String number = unique("INV");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("invoiceNumber", number);
        body.put("customerId", customerId);
        body.put("issueDate", issued.toString());
        body.put("dueDate", due.toString());
        body.put("amount", amount);
        body.put("currency", currency);
        body.put("contractInterestRatePercent", "0");
        Response r = post(INTEGRATION, "/api/invoices", body);
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return number;
    }

    private Response pay(String invoiceNumber, String amount, LocalDate receivedOn) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("paymentReference", unique("PAY"));
        body.put("invoiceNumber", invoiceNumber);
        body.put("amount", amount);
        body.put("currency", currency);
        body.put("receivedOn", receivedOn.toString());
        body.put("method", "BANK_TRANSFER");
        return post(INTEGRATION, "/api/payments", body);
    }

    /** One due job at a time (a job may remove another, e.g. an interrupting boundary timer). */
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

    private void toWriteOffApproval(String number) {
        runtime.createMessageCorrelation(CaseVariables.MSG_STAGE_CHANGE).processInstanceBusinessKey(number)
            .setVariable(CaseVariables.TARGET_STAGE, "WRITE_OFF")
            .setVariable(CaseVariables.STAGE_CHANGE_REASON, "customer insolvent").correlate();
        jobs(number);
    }

    private void decide(String number, Map<String, Object> decision) {
        var task = tasks.createTaskQuery().processInstanceBusinessKey(number).taskDefinitionKey("Task_ApproveWriteOff")
            .singleResult();
        assertThat(task).as("the approval of " + number).isNotNull();
        tasks.complete(task.getId(), decision);
        jobs(number);
    }

    private JsonNode view(String number, LocalDate asOf) {
        Response r = get(FINANCE, "/api/invoices/" + number + (asOf == null ? "" : "?asOf=" + asOf));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.body();
    }

    private JsonNode thb(LocalDate asOf) {
        Response r = get(FINANCE, "/api/reports/aging?asOf=" + asOf);
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        for (JsonNode c : r.body().path("currencies")) {
            if (currency.equals(c.path("currency").asText())) {
                return c;
            }
        }
        return null;
    }

    private String creditStatus(String customerId) {
        Response r = get(FINANCE, "/api/customers/" + customerId + "/credit-status");
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.body().path("status").asText();
    }

    private static BigDecimal bucket(JsonNode currency, String label) {
        for (JsonNode b : currency.path("buckets")) {
            if (label.equals(b.path("bucket").asText())) {
                return b.path("amount").decimalValue();
            }
        }
        throw new AssertionError("no bucket " + label);
    }

    /**
     * A 1000.00 due 03-31 reaches formal demand on 04-12 (D+10, the hold); B 400.00 is due only on 04-30. Finance
     * writes A off on 04-12: A is WRITTEN_OFF / CLOSED owing 0.00, the hold ends (nothing else overdue), the ageing
     * of 04-11 still shows A (11 days: 1-30, 1000.00; B current 400.00), the one of 04-12 only B (400.00). 300.00 paid
     * on 04-15 naming A is kept: A owes nothing, so the money pays what is open, B (400.00 - 300.00 = 100.00, the
     * documented rule for what a payment leaves over), collected under B's stage PRE_DUE; A stays written off. B
     * unpaid: 30 days past due on 05-30 (1-30), 31 days on 05-31 (31-60).
     */
    @Test
    void aWrittenOffInvoiceIsNoLongerOverdueAndMoneyNamingItLaterIsKept() {
        String customerId = createCustomer();
        clockAt(LocalDate.of(2026, 4, 1));
        String a = invoice(customerId, "1000.00", LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31));
        String b = invoice(customerId, "400.00", LocalDate.of(2026, 3, 20), LocalDate.of(2026, 4, 30));
        clockAt(LocalDate.of(2026, 4, 12));
        jobs(a);
        jobs(b);
        assertThat(view(a, null).path("stage").asText()).isEqualTo("FORMAL_DEMAND");
        assertThat(creditStatus(customerId)).isEqualTo("HOLD");

        toWriteOffApproval(a);
        assertThat(view(a, null).path("stage").asText()).isEqualTo("WRITE_OFF");
        decide(a, Map.of(CaseVariables.CLOSING_DECISION, "WRITE_OFF", CaseVariables.DECISION_REASON, "insolvent"));

        JsonNode closed = view(a, null);
        assertThat(closed.path("status").asText()).isEqualTo("WRITTEN_OFF");
        assertThat(closed.path("stage").asText()).isEqualTo("CLOSED");
        assertThat(closed.path("outstanding").path("total").decimalValue()).isEqualByComparingTo("0.00");
        assertThat(view(a, LocalDate.of(2026, 4, 11)).path("outstanding").path("total").decimalValue())
            .isEqualByComparingTo("1000.00");
        assertThat(creditStatus(customerId)).isEqualTo("OK");

        JsonNode before = thb(LocalDate.of(2026, 4, 11));
        assertThat(before.path("total").decimalValue()).isEqualByComparingTo("1400.00");
        assertThat(bucket(before, "1-30")).isEqualByComparingTo("1000.00");
        assertThat(bucket(before, "current")).isEqualByComparingTo("400.00");
        JsonNode after = thb(LocalDate.of(2026, 4, 12));
        assertThat(after.path("total").decimalValue()).isEqualByComparingTo("400.00");
        assertThat(after.path("invoiceCount").asInt()).isEqualTo(1);

        clockAt(LocalDate.of(2026, 4, 15));
        Response paid = pay(a, "300.00", LocalDate.of(2026, 4, 15));
        assertThat(paid.status()).as(paid.raw()).isEqualTo(201);
        jobs(a);
        jobs(b);
        assertThat(view(a, null).path("status").asText()).isEqualTo("WRITTEN_OFF");
        assertThat(view(b, null).path("outstanding").path("total").decimalValue()).isEqualByComparingTo("100.00");
        BigDecimal preDue = null;
        for (JsonNode line : get(FINANCE, "/api/reports/dashboard?asOf=2026-04-15").body().path("collectedPerStage")) {
            if ("THB".equals(line.path("currency").asText())) {
                assertThat(preDue).as("one THB line").isNull();
                assertThat(line.path("stage").asText()).isEqualTo("PRE_DUE");
                preDue = line.path("amount").decimalValue();
            }
        }
        assertThat(preDue).isEqualByComparingTo("300.00");

        clockAt(LocalDate.of(2026, 6, 2));
        assertThat(bucket(thb(LocalDate.of(2026, 5, 30)), "1-30")).isEqualByComparingTo("100.00");
        assertThat(bucket(thb(LocalDate.of(2026, 5, 30)), "31-60")).isEqualByComparingTo("0.00");
        assertThat(bucket(thb(LocalDate.of(2026, 5, 31)), "31-60")).isEqualByComparingTo("100.00");
        assertThat(bucket(thb(LocalDate.of(2026, 5, 31)), "1-30")).isEqualByComparingTo("0.00");
    }

    /**
     * A 1000.00 due 03-31 (formal demand on 04-12) is sold for 600.00 on 04-12 while C 500.00 due 04-05 is 7 days
     * overdue: A is SOLD / CLOSED owing 0.00 but the hold stays (C is overdue). C paid in full on 04-13: the hold
     * ends. The ageing of 04-12 (PHP) has C alone (7 days: 1-30, 500.00).
     */
    @Test
    void aSoldInvoiceKeepsTheHoldOnlyWhileAnotherIsOverdue() {
        currency = "PHP";
        String customerId = createCustomer();
        clockAt(LocalDate.of(2026, 4, 1));
        String a = invoice(customerId, "1000.00", LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31));
        String c = invoice(customerId, "500.00", LocalDate.of(2026, 3, 6), LocalDate.of(2026, 4, 5));
        clockAt(LocalDate.of(2026, 4, 12));
        jobs(a);
        jobs(c);
        assertThat(creditStatus(customerId)).isEqualTo("HOLD");
        toWriteOffApproval(a);
        decide(a, Map.of(CaseVariables.CLOSING_DECISION, "SELL", CaseVariables.BUYER, "Factor Ltd",
            CaseVariables.SALE_PRICE, 600, CaseVariables.DECISION_REASON, "factor offer"));
        JsonNode sold = view(a, null);
        assertThat(sold.path("status").asText()).isEqualTo("SOLD");
        assertThat(sold.path("stage").asText()).isEqualTo("CLOSED");
        assertThat(sold.path("outstanding").path("total").decimalValue()).isEqualByComparingTo("0.00");
        assertThat(creditStatus(customerId)).as("C is still overdue").isEqualTo("HOLD");
        JsonNode aging = thb(LocalDate.of(2026, 4, 12));
        assertThat(aging.path("invoiceCount").asInt()).isEqualTo(1);
        assertThat(bucket(aging, "1-30")).isEqualByComparingTo("500.00");

        clockAt(LocalDate.of(2026, 4, 13));
        BigDecimal owed = view(c, null).path("outstanding").path("total").decimalValue();
        assertThat(owed).isEqualByComparingTo("500.00");
        Response paid = pay(c, "500.00", LocalDate.of(2026, 4, 13));
        assertThat(paid.status()).as(paid.raw()).isEqualTo(201);
        jobs(c);
        assertThat(view(c, null).path("status").asText()).isEqualTo("SETTLED");
        assertThat(creditStatus(customerId)).isEqualTo("OK");
    }

    /**
     * The bank feed runs late: 300.00 received on 04-10 is posted on 04-14, after A (1000.00 due 03-31) was written off
     * on 04-12. The replay puts the money where it was on 04-10: A owed 700.00 then (ageing of 04-10: 1-30 700.00,
     * B current 400.00, total 1100.00); the write-off of 04-12 takes what was left (700.00), so A owes 0.00 from 04-12
     * on and stays WRITTEN_OFF; B is untouched (400.00); the 300.00 counts as collected under the stage A was in on
     * 04-10, INTERNAL_REMINDER (formal demand began on 04-12). IDR: this test's alone.
     */
    @Test
    void moneyReceivedBeforeAWriteOffButPostedAfterItCountsOnTheWrittenOffInvoice() {
        currency = "IDR";
        String customerId = createCustomer();
        clockAt(LocalDate.of(2026, 4, 1));
        String a = invoice(customerId, "1000.00", LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31));
        String b = invoice(customerId, "400.00", LocalDate.of(2026, 3, 20), LocalDate.of(2026, 4, 30));
        clockAt(LocalDate.of(2026, 4, 12));
        jobs(a);
        jobs(b);
        toWriteOffApproval(a);
        decide(a, Map.of(CaseVariables.CLOSING_DECISION, "WRITE_OFF", CaseVariables.DECISION_REASON, "insolvent"));
        clockAt(LocalDate.of(2026, 4, 14));
        Response paid = pay(a, "300.00", LocalDate.of(2026, 4, 10));
        assertThat(paid.status()).as(paid.raw()).isEqualTo(201);
        jobs(a);
        jobs(b);

        assertThat(view(a, LocalDate.of(2026, 4, 10)).path("outstanding").path("total").decimalValue())
            .isEqualByComparingTo("700.00");
        JsonNode then = thb(LocalDate.of(2026, 4, 10));
        assertThat(then.path("total").decimalValue()).isEqualByComparingTo("1100.00");
        assertThat(bucket(then, "1-30")).isEqualByComparingTo("700.00");
        for (LocalDate d : new LocalDate[] {LocalDate.of(2026, 4, 12), LocalDate.of(2026, 4, 14)}) {
            JsonNode written = view(a, d);
            assertThat(written.path("status").asText()).isEqualTo("WRITTEN_OFF");
            assertThat(written.path("outstanding").path("total").decimalValue()).as("A as of " + d)
                .isEqualByComparingTo("0.00");
            assertThat(view(b, d).path("outstanding").path("total").decimalValue()).as("B as of " + d)
                .isEqualByComparingTo("400.00");
            assertThat(thb(d).path("total").decimalValue()).as("ageing as of " + d).isEqualByComparingTo("400.00");
        }
        Map<String, BigDecimal> collected = new java.util.TreeMap<>();
        for (JsonNode line : get(FINANCE, "/api/reports/dashboard?asOf=2026-04-14").body().path("collectedPerStage")) {
            if ("IDR".equals(line.path("currency").asText())) {
                collected.put(line.path("stage").asText(), line.path("amount").decimalValue());
            }
        }
        assertThat(collected).hasSize(1);
        assertThat(collected.get("INTERNAL_REMINDER")).isEqualByComparingTo("300.00");
    }

    private Response reverse(String reference, LocalDate on) {
        return post(FINANCE, "/api/payments/" + reference + "/reversal",
            Map.of("reversedOn", on.toString(), "reason", "bounced: insufficient funds"));
    }

    private Response pay(String reference, String invoiceNumber, String amount, LocalDate receivedOn) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("paymentReference", reference);
        if (invoiceNumber != null) {
            body.put("invoiceNumber", invoiceNumber);
        }
        body.put("amount", amount);
        body.put("currency", currency);
        body.put("receivedOn", receivedOn.toString());
        body.put("method", "BANK_TRANSFER");
        return post(INTEGRATION, "/api/payments", body);
    }

    /** Every view of the customer as of {@code asOf} shows {@code owed} on the invoice, as the case view does. */
    private void everyViewShows(String customerId, String number, String owed, LocalDate asOf) {
        JsonNode view = view(number, asOf);
        assertThat(view.path("outstanding").path("total").decimalValue()).as("case view").isEqualByComparingTo(owed);
        assertThat(view.path("status").asText()).as("a case owing money is open").isEqualTo("OPEN");
        assertThat(view.path("stage").asText()).as("a case owing money is worked").isNotEqualTo("CLOSED");
        assertThat(thb(asOf).path("total").decimalValue()).as("ageing").isEqualByComparingTo(owed);
        JsonNode file = get(COLLECTOR, "/api/customers/" + customerId).body();
        assertThat(file.path("openInvoices").findValuesAsText("invoiceNumber")).as("customer file").contains(number);
        assertThat(file.path("outstanding").path(currency).decimalValue()).as("customer file outstanding")
            .isEqualByComparingTo(owed);
        JsonNode credit = get(FINANCE, "/api/customers/" + customerId + "/credit-status").body();
        assertThat(credit.path("overdueTotal").decimalValue()).as("credit status").isEqualByComparingTo(owed);
        JsonNode statement = get(FINANCE, "/api/customers/" + customerId + "/statement?asOf=" + asOf).body();
        assertThat(statement.path("invoices").findValuesAsText("invoiceNumber")).as("statement").contains(number);
        BigDecimal statementTotal = BigDecimal.ZERO;
        for (JsonNode t : statement.path("totals")) {
            if (currency.equals(t.path("currency").asText())) {
                statementTotal = t.path("total").decimalValue();
            }
        }
        assertThat(statementTotal).as("statement total").isEqualByComparingTo(owed);
    }

    /**
     * A 1000.00 due 03-31: 300.00 received on 04-05 (A owes 700.00), A written off on 04-12 (the write-off books the
     * 700.00 then left), the 300.00 bounces on 04-14. The write-off covered only what was left then: the 300.00 is owed
     * again (as SAP's reset of a cleared item brings back the open item). The replay already said so on the case view
     * (04-14: 1000.00 - 700.00 written off = 300.00), but the case stayed WRITTEN_OFF / CLOSED and the ageing, the
     * customer file, the credit status and the statement left the 300.00 out. Now the case reopens (OPEN, a new case
     * in the stage its age calls for: 14 days overdue on a 30-day term, formal demand, credit hold) and every view
     * shows 300.00; as of 04-13 the money still counted, A owed nothing.
     */
    @Test
    void aPaymentBouncedAfterTheWriteOffIsOwedAgainInEveryView() {
        currency = "ZAR";
        String customerId = createCustomer();
        clockAt(LocalDate.of(2026, 4, 5));
        String a = invoice(customerId, "1000.00", LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31));
        String ref = unique("PAY");
        assertThat(pay(ref, a, "300.00", LocalDate.of(2026, 4, 5)).status()).isEqualTo(201);
        clockAt(LocalDate.of(2026, 4, 12));
        jobs(a);
        toWriteOffApproval(a);
        decide(a, Map.of(CaseVariables.CLOSING_DECISION, "WRITE_OFF", CaseVariables.DECISION_REASON, "insolvent"));
        assertThat(view(a, null).path("status").asText()).isEqualTo("WRITTEN_OFF");
        assertThat(creditStatus(customerId)).isEqualTo("OK");
        assertThat(caseRunning(a)).as("the case ends with its part payment still to clarify").isFalse();

        clockAt(LocalDate.of(2026, 4, 14));
        Response r = reverse(ref, LocalDate.of(2026, 4, 14));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        jobs(a);

        everyViewShows(customerId, a, "300.00", LocalDate.of(2026, 4, 14));
        assertThat(closingLine(customerId, a, LocalDate.of(2026, 4, 14))).isEqualTo("WRITE_OFF 2026-04-12 700.00");
        assertThat(creditStatus(customerId)).isEqualTo("HOLD");
        assertThat(caseRunning(a)).isTrue();
        assertThat(view(a, LocalDate.of(2026, 4, 13)).path("outstanding").path("total").decimalValue())
            .isEqualByComparingTo("0.00");
        // the customer pays the 300.00 again: settled, the hold ends
        assertThat(pay(unique("PAY"), a, "300.00", LocalDate.of(2026, 4, 14)).status()).isEqualTo(201);
        jobs(a);
        assertThat(view(a, null).path("status").asText()).isEqualTo("SETTLED");
        assertThat(creditStatus(customerId)).isEqualTo("OK");
    }

    /**
     * Only money taken back makes a written-off invoice owe again, not a rate entered later. A German customer's
     * 1000.00 BGN invoice due 03-31 (no interest agreed), 300.00 paid late on 04-05: the EUR 40 is owed but cannot be
     * converted (no BGN rate yet), so 700.00 is written off on 04-12. On 04-14 finance enters the BGN rate of 03-01
     * (1.9558 per euro): the replay now charges the EUR 40 (78.23 BGN) on 04-01, paid first by the 300.00, so the
     * write-off's 700.00 leaves 78.23 of principal. Before, the rate entry reopened the written-off invoice and started
     * a new case to collect it (the reconciliation after a rate took any closed invoice owing something for a bounce);
     * the write-off decided to give up what was left, so it stays WRITTEN_OFF with no case. (The customer is reconciled
     * after the rate because its second invoice, B, is late in BGN too.)
     */
    @Test
    void aRateEnteredAfterTheWriteOffDoesNotReopenIt() {
        currency = "BGN";
        String customerId = unique("C");
        Response customer = post(INTEGRATION, "/api/customers", Map.of("customerId", customerId, "name", "Sofia GmbH "
            + customerId, "segment", "FOREIGN", "country", "DE", "collector", COLLECTOR, "decisionMaker", "Frau Ivanova"));
        assertThat(customer.status()).as(customer.raw()).isEqualTo(201);
        clockAt(LocalDate.of(2026, 4, 5));
        String a = invoice(customerId, "1000.00", LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31));
        // a second invoice, late too: the rate entry reconciles the customer because of it
        String b = invoice(customerId, "200.00", LocalDate.of(2026, 3, 11), LocalDate.of(2026, 4, 10));
        assertThat(pay(unique("PAY"), a, "300.00", LocalDate.of(2026, 4, 5)).status()).isEqualTo(201);
        clockAt(LocalDate.of(2026, 4, 12));
        jobs(a);
        toWriteOffApproval(a);
        decide(a, Map.of(CaseVariables.CLOSING_DECISION, "WRITE_OFF", CaseVariables.DECISION_REASON, "insolvent"));
        assertThat(view(a, null).path("status").asText()).isEqualTo("WRITTEN_OFF");
        assertThat(view(b, null).path("status").asText()).isEqualTo("OPEN");

        clockAt(LocalDate.of(2026, 4, 14));
        Response rate = post(FINANCE, "/api/rates/fx", Map.of("currency", "BGN", "effectiveFrom", "2026-03-01",
            "unitsPerEur", "1.9558"));
        assertThat(rate.status()).as(rate.raw()).isEqualTo(201);
        jobs(a);

        assertThat(view(a, null).path("outstanding").path("fees").decimalValue()).as("the EUR 40, paid first")
            .isEqualByComparingTo("0.00");
        assertThat(view(a, null).path("status").asText()).isEqualTo("WRITTEN_OFF");
        assertThat(caseRunning(a)).isFalse();
    }

    /** As for a write-off: the factor bought the 700.00 left on 04-12; the bounced 300.00 is still ours to collect. */
    @Test
    void aPaymentBouncedAfterTheSaleIsOwedAgainInEveryView() {
        currency = "BRL";
        String customerId = createCustomer();
        clockAt(LocalDate.of(2026, 4, 5));
        String a = invoice(customerId, "1000.00", LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31));
        String ref = unique("PAY");
        assertThat(pay(ref, a, "300.00", LocalDate.of(2026, 4, 5)).status()).isEqualTo(201);
        clockAt(LocalDate.of(2026, 4, 12));
        jobs(a);
        toWriteOffApproval(a);
        decide(a, Map.of(CaseVariables.CLOSING_DECISION, "SELL", CaseVariables.BUYER, "Factor Ltd",
            CaseVariables.SALE_PRICE, 400, CaseVariables.DECISION_REASON, "factor offer"));
        assertThat(view(a, null).path("status").asText()).isEqualTo("SOLD");

        clockAt(LocalDate.of(2026, 4, 14));
        Response r = reverse(ref, LocalDate.of(2026, 4, 14));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        jobs(a);

        everyViewShows(customerId, a, "300.00", LocalDate.of(2026, 4, 14));
        assertThat(closingLine(customerId, a, LocalDate.of(2026, 4, 14))).isEqualTo("SALE 2026-04-12 700.00");
    }

    /** The statement's write-off or sale line of the invoice: kind, date, amount (null when there is none). */
    private String closingLine(String customerId, String number, LocalDate asOf) {
        JsonNode statement = get(FINANCE, "/api/customers/" + customerId + "/statement?asOf=" + asOf).body();
        String found = null;
        for (JsonNode c : statement.path("credits")) {
            String kind = c.path("kind").asText();
            if (number.equals(c.path("invoiceNumber").asText()) && ("WRITE_OFF".equals(kind) || "SALE".equals(kind))) {
                assertThat(found).as("one closing line").isNull();
                found = kind + " " + c.path("bookedOn").asText() + " " + c.path("amount").decimalValue()
                    .setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
            }
        }
        return found;
    }

    /**
     * A 1000.00 due 03-31 is sold to a factor on 04-12; B 400.00 of the same customer is due 04-30. 250.00 naming A
     * comes on 04-15 (and a replay of it): the factor owns A, so the money is neither applied to B (it paid B down to
     * 150.00 before) nor the customer's credit: 202, kept unapplied for finance, naming the sale. B still owes 400.00,
     * the customer has no credit, the statement of 04-15 shows B 400.00 alone. Money naming no invoice still pays B.
     */
    @Test
    void moneyNamingASoldInvoiceIsKeptForTheBuyer_notAppliedToTheCustomersOtherInvoices() {
        currency = "TRY";
        String customerId = createCustomer();
        clockAt(LocalDate.of(2026, 4, 1));
        String a = invoice(customerId, "1000.00", LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31));
        String b = invoice(customerId, "400.00", LocalDate.of(2026, 3, 31), LocalDate.of(2026, 4, 30));
        clockAt(LocalDate.of(2026, 4, 12));
        jobs(a);
        toWriteOffApproval(a);
        decide(a, Map.of(CaseVariables.CLOSING_DECISION, "SELL", CaseVariables.BUYER, "Factor Ltd",
            CaseVariables.SALE_PRICE, 600, CaseVariables.DECISION_REASON, "factor offer"));
        assertThat(view(a, null).path("status").asText()).isEqualTo("SOLD");

        clockAt(LocalDate.of(2026, 4, 15));
        String ref = unique("PAY");
        Response kept = pay(ref, a, "250.00", LocalDate.of(2026, 4, 15));
        assertThat(kept.status()).as(kept.raw()).isEqualTo(202);
        assertThat(kept.body().path("status").asText()).isEqualTo("UNAPPLIED");
        assertThat(kept.body().path("unappliedReason").asText()).contains("sold").contains("Factor Ltd");
        Response again = pay(ref, a, "250.00", LocalDate.of(2026, 4, 15));
        assertThat(again.status()).as(again.raw()).isEqualTo(200);
        assertThat(again.body().path("status").asText()).isEqualTo("UNAPPLIED");

        assertThat(view(b, null).path("outstanding").path("total").decimalValue()).isEqualByComparingTo("400.00");
        assertThat(view(a, null).path("status").asText()).isEqualTo("SOLD");
        JsonNode file = get(COLLECTOR, "/api/customers/" + customerId).body();
        assertThat(file.path("credit").path(currency).decimalValue()).isEqualByComparingTo("0.00");
        JsonNode statement = get(FINANCE, "/api/customers/" + customerId + "/statement?asOf=2026-04-15").body();
        assertThat(statement.path("totals").get(0).path("total").decimalValue()).isEqualByComparingTo("400.00");

        assertThat(pay(unique("PAY"), null, "100.00", LocalDate.of(2026, 4, 15)).status()).isEqualTo(400);
        Map<String, Object> unnamed = new LinkedHashMap<>(Map.of("paymentReference", unique("PAY"), "customerId",
            customerId, "amount", "100.00", "currency", currency, "receivedOn", "2026-04-15", "method", "CASH"));
        assertThat(post(INTEGRATION, "/api/payments", unnamed).status()).isEqualTo(201);
        assertThat(view(b, null).path("outstanding").path("total").decimalValue()).isEqualByComparingTo("300.00");
        assertThat(view(a, null).path("status").asText()).isEqualTo("SOLD");
    }

    /** Every view of the customer as of {@code asOf} shows that the written-off or sold invoice owes nothing. */
    private void everyViewShowsNothingOwed(String customerId, String number, LocalDate asOf) {
        JsonNode view = view(number, asOf);
        assertThat(view.path("outstanding").path("total").decimalValue()).as("case view as of " + asOf)
            .isEqualByComparingTo("0.00");
        assertThat(view.path("outstanding").path("principal").decimalValue()).as("principal as of " + asOf)
            .isEqualByComparingTo("0.00");
        JsonNode aging = thb(asOf);
        assertThat(aging == null ? BigDecimal.ZERO : aging.path("total").decimalValue()).as("ageing as of " + asOf)
            .isEqualByComparingTo("0.00");
        JsonNode statement = get(FINANCE, "/api/customers/" + customerId + "/statement?asOf=" + asOf).body();
        assertThat(statement.path("invoices").findValuesAsText("invoiceNumber")).as("statement as of " + asOf)
            .doesNotContain(number);
        for (JsonNode t : statement.path("totals")) {
            if (currency.equals(t.path("currency").asText())) {
                assertThat(t.path("total").decimalValue()).as("statement total as of " + asOf)
                    .isEqualByComparingTo("0.00");
            }
        }
        JsonNode dashboard = get(FINANCE, "/api/reports/dashboard?asOf=" + asOf).body();
        for (JsonNode c : dashboard.path("aging").path("currencies")) {
            if (currency.equals(c.path("currency").asText())) {
                assertThat(c.path("total").decimalValue()).as("dashboard as of " + asOf).isEqualByComparingTo("0.00");
            }
        }
    }

    /**
     * The write-off closes what the replay says was owed on its day, whatever is entered later. A German customer's
     * 1000.00 PEN invoice due 03-31 (no interest agreed), 300.00 paid on 04-05: the EUR 40 is owed but cannot be
     * converted (no PEN rate), so on 04-12 the write-off books the 700.00 then left. On 04-14 finance enters the PEN rate
     * of 03-01 (4.0000 per euro): the EUR 40 is 160.00 PEN charged on 04-01; the 300.00 of 04-05 pays it first, then
     * 140.00 of principal, so A owed 860.00 from 04-05 to 04-11 and the write-off of 04-12 closes 860.00. As of 04-12
     * and 04-14: 0.00 in the case view, the ageing, the dashboard, the statement, the customer file, the credit
     * status; as of 04-11: 860.00 (fees 0.00, principal 860.00). Before, the replay took only the booked 700.00 off
     * the principal and A showed 160.00 owed while WRITTEN_OFF / CLOSED.
     */
    @Test
    void aWrittenOffInvoiceOwesNothingFromItsDate_evenWhenARateEnteredLaterMadeItOweMoreThen() {
        currency = "PEN";
        String customerId = unique("C");
        Response customer = post(INTEGRATION, "/api/customers", Map.of("customerId", customerId, "name", "Lima GmbH "
            + customerId, "segment", "FOREIGN", "country", "DE", "collector", COLLECTOR, "decisionMaker", "Herr Quispe"));
        assertThat(customer.status()).as(customer.raw()).isEqualTo(201);
        clockAt(LocalDate.of(2026, 4, 5));
        String a = invoice(customerId, "1000.00", LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31));
        assertThat(pay(unique("PAY"), a, "300.00", LocalDate.of(2026, 4, 5)).status()).isEqualTo(201);
        clockAt(LocalDate.of(2026, 4, 12));
        jobs(a);
        toWriteOffApproval(a);
        decide(a, Map.of(CaseVariables.CLOSING_DECISION, "WRITE_OFF", CaseVariables.DECISION_REASON, "insolvent"));
        assertThat(view(a, null).path("status").asText()).isEqualTo("WRITTEN_OFF");

        clockAt(LocalDate.of(2026, 4, 14));
        Response rate = post(FINANCE, "/api/rates/fx", Map.of("currency", "PEN", "effectiveFrom", "2026-03-01",
            "unitsPerEur", "4.0000"));
        assertThat(rate.status()).as(rate.raw()).isEqualTo(201);
        jobs(a);

        JsonNode then = view(a, LocalDate.of(2026, 4, 11));
        assertThat(then.path("outstanding").path("total").decimalValue()).isEqualByComparingTo("860.00");
        assertThat(then.path("outstanding").path("fees").decimalValue()).isEqualByComparingTo("0.00");
        assertThat(thb(LocalDate.of(2026, 4, 11)).path("total").decimalValue()).isEqualByComparingTo("860.00");
        for (LocalDate d : new LocalDate[] {LocalDate.of(2026, 4, 12), LocalDate.of(2026, 4, 14)}) {
            everyViewShowsNothingOwed(customerId, a, d);
        }
        assertThat(view(a, null).path("status").asText()).isEqualTo("WRITTEN_OFF");
        JsonNode file = get(COLLECTOR, "/api/customers/" + customerId).body();
        assertThat(file.path("openInvoices").findValuesAsText("invoiceNumber")).doesNotContain(a);
        assertThat(file.path("outstanding").path(currency).decimalValue()).isEqualByComparingTo("0.00");
        JsonNode credit = get(FINANCE, "/api/customers/" + customerId + "/credit-status").body();
        assertThat(credit.path("status").asText()).isEqualTo("OK");
        assertThat(credit.path("overdueTotal").decimalValue()).isEqualByComparingTo("0.00");
        assertThat(caseRunning(a)).isFalse();
    }

    /**
     * Money posted after a sale never pays the sold invoice, whatever its value date. A 1000.00 due 03-01 (contract
     * interest 0) is sold on 04-12; B 400.00 of the same customer is due 04-30. On 04-15 the bank feed posts 500.00
     * received on 04-10, naming only the customer. By value date alone it would have paid A (oldest due date), and the
     * sale would have closed 750.00... but the factor owns A: the money pays B (400.00, B settled) and the 100.00 left is
     * the customer's credit. A owed 1000.00 on 04-10 as it did when it was sold, 0.00 from 04-12; the same figures
     * whichever day they are asked. Before, the replay put the 500.00 on A on 04-10 (A owed 500.00 then) and B still owed
     * 400.00.
     */
    @Test
    void moneyPostedAfterASaleNeverPaysTheSoldInvoice_evenDatedBeforeIt() {
        currency = "EGP";
        String customerId = createCustomer();
        clockAt(LocalDate.of(2026, 4, 1));
        String a = invoice(customerId, "1000.00", LocalDate.of(2026, 2, 1), LocalDate.of(2026, 3, 1));
        String b = invoice(customerId, "400.00", LocalDate.of(2026, 3, 31), LocalDate.of(2026, 4, 30));
        clockAt(LocalDate.of(2026, 4, 12));
        jobs(a);
        toWriteOffApproval(a);
        decide(a, Map.of(CaseVariables.CLOSING_DECISION, "SELL", CaseVariables.BUYER, "Factor Ltd",
            CaseVariables.SALE_PRICE, 500, CaseVariables.DECISION_REASON, "factor offer"));
        assertThat(view(a, null).path("status").asText()).isEqualTo("SOLD");

        clockAt(LocalDate.of(2026, 4, 15));
        Map<String, Object> unnamed = new LinkedHashMap<>(Map.of("paymentReference", unique("PAY"), "customerId",
            customerId, "amount", "500.00", "currency", currency, "receivedOn", "2026-04-10", "method",
            "BANK_TRANSFER"));
        Response paid = post(INTEGRATION, "/api/payments", unnamed);
        assertThat(paid.status()).as(paid.raw()).isEqualTo(201);
        assertThat(paid.body().path("allocations").findValuesAsText("invoiceNumber")).doesNotContain(a);
        jobs(a);
        jobs(b);

        for (LocalDate d : new LocalDate[] {LocalDate.of(2026, 4, 10), LocalDate.of(2026, 4, 11)}) {
            assertThat(view(a, d).path("outstanding").path("total").decimalValue()).as("A as of " + d)
                .isEqualByComparingTo("1000.00");
            assertThat(view(b, d).path("outstanding").path("total").decimalValue()).as("B as of " + d)
                .isEqualByComparingTo("0.00");
        }
        everyViewShowsNothingOwed(customerId, a, LocalDate.of(2026, 4, 12));
        everyViewShowsNothingOwed(customerId, a, LocalDate.of(2026, 4, 15));
        assertThat(view(a, null).path("status").asText()).isEqualTo("SOLD");
        assertThat(view(b, null).path("status").asText()).isEqualTo("SETTLED");
        JsonNode file = get(COLLECTOR, "/api/customers/" + customerId).body();
        assertThat(file.path("credit").path(currency).decimalValue()).isEqualByComparingTo("100.00");
        JsonNode statement = get(FINANCE, "/api/customers/" + customerId + "/statement?asOf=2026-04-15").body();
        assertThat(statement.path("totals").get(0).path("credit").decimalValue()).isEqualByComparingTo("100.00");
    }

    /**
     * A credit note on a written-off invoice reduces it from its due date like on any other: the customer's money
     * beyond the reduced invoice is the customer's credit (DOMAIN 5; SAP and Odoo leave a credit memo on a cleared item
     * as an open credit of the customer). A 1000.00 due 03-31, 300.00 paid 04-05, 700.00 written off on 04-12. A credit
     * note of 800.00 issued 04-14 makes A 200.00 from its due date: the 300.00 paid it, 100.00 is the customer's credit,
     * the write-off closes nothing. A stays WRITTEN_OFF owing 0.00; as of 04-13 no credit yet. The same note again: 200;
     * its number with another amount: 409.
     */
    @Test
    void aCreditNoteOnAWrittenOffInvoiceLeavesWhatWasPaidBeyondItAsCustomerCredit() {
        currency = "MAD";
        String customerId = createCustomer();
        clockAt(LocalDate.of(2026, 4, 5));
        String a = invoice(customerId, "1000.00", LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31));
        assertThat(pay(unique("PAY"), a, "300.00", LocalDate.of(2026, 4, 5)).status()).isEqualTo(201);
        clockAt(LocalDate.of(2026, 4, 12));
        jobs(a);
        toWriteOffApproval(a);
        decide(a, Map.of(CaseVariables.CLOSING_DECISION, "WRITE_OFF", CaseVariables.DECISION_REASON, "insolvent"));

        clockAt(LocalDate.of(2026, 4, 14));
        Map<String, Object> note = Map.of("creditNoteNumber", unique("CN"), "amount", "800.00", "issuedOn",
            "2026-04-14", "reason", "goods returned");
        Response booked = post(FINANCE, "/api/invoices/" + a + "/credit-notes", note);
        assertThat(booked.status()).as(booked.raw()).isEqualTo(201);
        assertThat(post(FINANCE, "/api/invoices/" + a + "/credit-notes", note).status()).isEqualTo(200);
        Map<String, Object> other = new LinkedHashMap<>(note);
        other.put("amount", "700.00");
        assertThat(post(FINANCE, "/api/invoices/" + a + "/credit-notes", other).status()).isEqualTo(409);
        jobs(a);

        everyViewShowsNothingOwed(customerId, a, LocalDate.of(2026, 4, 14));
        assertThat(view(a, null).path("status").asText()).isEqualTo("WRITTEN_OFF");
        assertThat(caseRunning(a)).isFalse();
        JsonNode file = get(COLLECTOR, "/api/customers/" + customerId).body();
        assertThat(file.path("credit").path(currency).decimalValue()).isEqualByComparingTo("100.00");
        JsonNode statement = get(FINANCE, "/api/customers/" + customerId + "/statement?asOf=2026-04-14").body();
        assertThat(statement.path("totals").get(0).path("credit").decimalValue()).isEqualByComparingTo("100.00");
        JsonNode before = get(FINANCE, "/api/customers/" + customerId + "/statement?asOf=2026-04-13").body();
        assertThat(before.path("totals").size()).isZero();
    }
}
