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
 * Money that names no invoice, and the customer's credit, collect the undisputed part first (DOMAIN.md section 5:
 * "Dunning pauses for the disputed amount only: collect the undisputed part first"; "a payment for a customer without
 * an invoice number pays the customer's open invoices oldest due date first"): first the undisputed part of every
 * invoice, oldest due date first (fees, interest, then the principal down to the disputed amount; nothing of an
 * invoice disputed in full), then the disputed parts, oldest due date first; credit is only what exceeds all open
 * invoices. A replay of dated events: the disputes that count for a payment are those open on its value date.
 *
 * <p>A customer with A, 1,000.00 due 2026-03-01, and B, 1,000.00 due 2026-03-10, both registered on 02-20 (nothing
 * due, no notice sent, no fee: no case job runs before the money comes). Contract rate 0% (no interest) unless said.
 * Before the fix the customer's money always paid A first, disputed or not. GHS: no other test uses it.
 */
class CustomerCreditUndisputedFirstApiTest extends ApiTestSupport {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final String CURRENCY = "GHS";
    static final LocalDate DUE_A = LocalDate.of(2026, 3, 1);
    static final LocalDate DUE_B = LocalDate.of(2026, 3, 10);

    @Autowired
    TaskService tasks;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    private void clockAt(LocalDate day, int hour) {
        ClockUtil.setCurrentTime(Date.from(ZonedDateTime.of(day.atTime(hour, 0), ZONE).toInstant()));
    }

    private String invoice(String customerId, LocalDate due, String ratePercent) {
        String number = unique("INV");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("invoiceNumber", number);
        body.put("customerId", customerId);
        body.put("issueDate", due.minusDays(30).toString());
        body.put("dueDate", due.toString());
        body.put("amount", "1000.00");
        body.put("currency", CURRENCY);
        body.put("contractInterestRatePercent", ratePercent);
        Response r = post(INTEGRATION, "/api/invoices", body);
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return number;
    }

    record Two(String customerId, String a, String b) {
    }

    private Two two(String ratePercent) {
        clockAt(LocalDate.of(2026, 2, 20), 10);
        String customerId = createCustomer();
        return new Two(customerId, invoice(customerId, DUE_A, ratePercent), invoice(customerId, DUE_B, ratePercent));
    }

    /** Money naming no invoice, received on {@code receivedOn}. */
    private void payCustomer(String customerId, String amount, LocalDate receivedOn) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("paymentReference", unique("PAY"));
        body.put("customerId", customerId);
        body.put("amount", amount);
        body.put("currency", CURRENCY);
        body.put("receivedOn", receivedOn.toString());
        body.put("method", "BANK_TRANSFER");
        Response r = post(INTEGRATION, "/api/payments", body);
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
    }

    private void dispute(String number, String amount) {
        Response r = post(COLLECTOR, "/api/invoices/" + number + "/disputes",
            Map.of("category", "QUALITY", "amount", amount, "description", "pumps leak"));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
    }

    private void reject(String number) {
        var resolve = tasks.createTaskQuery().taskDefinitionKey("Task_ResolveDispute")
            .processVariableValueEquals(CaseVariables.INVOICE_NUMBER, number).singleResult();
        assertThat(resolve).as("Resolve dispute of " + number).isNotNull();
        tasks.complete(resolve.getId(), Map.of(CaseVariables.DISPUTE_DECISION, "REJECTED",
            CaseVariables.DECISION_REASON, "the pumps were damaged in the customer's store"));
    }

    private JsonNode view(String number) {
        Response r = get(FINANCE, "/api/invoices/" + number);
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.body();
    }

    private BigDecimal owed(String number) {
        return view(number).path("outstanding").path("total").decimalValue();
    }

    private JsonNode statement(String customerId, LocalDate asOf) {
        Response r = get(FINANCE, "/api/customers/" + customerId + "/statement?asOf=" + asOf);
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.body();
    }

    /** The invoice's total on the statement; zero when it is not listed (nothing owed). */
    private static BigDecimal listed(JsonNode statement, String number) {
        for (JsonNode line : statement.path("invoices")) {
            if (line.path("invoiceNumber").asText().equals(number)) {
                return line.path("total").decimalValue();
            }
        }
        return BigDecimal.ZERO;
    }

    private static BigDecimal credit(JsonNode statement) {
        for (JsonNode t : statement.path("totals")) {
            if (t.path("currency").asText().equals(CURRENCY)) {
                return t.path("credit").decimalValue();
            }
        }
        return BigDecimal.ZERO;
    }

    /**
     * What the payments on the statement applied to the invoice (all their allocations, settled invoices too; a
     * payment that paid only invoices settled by the date is not on it).
     */
    private static BigDecimal applied(JsonNode statement, String number) {
        BigDecimal sum = BigDecimal.ZERO;
        for (JsonNode p : statement.path("payments")) {
            for (JsonNode a : p.path("applied")) {
                if (a.path("invoiceNumber").asText().equals(number)) {
                    sum = sum.add(a.path("amount").decimalValue());
                }
            }
        }
        return sum;
    }

    private void settled(String number) {
        runDueJobsOfCase(number);
        assertThat(view(number).path("status").asText()).as(number).isEqualTo("SETTLED");
        assertThat(caseRunning(number)).as("the case of " + number + " ended").isFalse();
    }

    private void open(String number) {
        assertThat(view(number).path("status").asText()).as(number).isEqualTo("OPEN");
        assertThat(caseRunning(number)).as("the case of " + number + " runs").isTrue();
    }

    /**
     * A disputed in full on 03-05 (open); 1,000.00 naming no invoice on 03-20 settles B (its case ends), A stays open
     * with its dispute: A 1,000.00 owed (all disputed), B 0.00, no credit. Before: A settled (dispute and all), B owed
     * 1,000.00.
     */
    @Test
    void aFullDisputeOnTheOldestInvoice_theCustomersMoneySettlesTheNextOne() {
        Two x = two("0");
        clockAt(LocalDate.of(2026, 3, 5), 10);
        dispute(x.a(), "1000.00");
        LocalDate paidOn = LocalDate.of(2026, 3, 20);
        clockAt(paidOn, 10);
        payCustomer(x.customerId(), "1000.00", paidOn);

        settled(x.b());
        open(x.a());
        assertThat(owed(x.a())).isEqualByComparingTo("1000.00");
        assertThat(view(x.a()).path("disputed").decimalValue()).isEqualByComparingTo("1000.00");

        JsonNode now = statement(x.customerId(), paidOn);
        assertThat(listed(now, x.a())).isEqualByComparingTo("1000.00");
        assertThat(listed(now, x.b())).as("settled, not listed").isEqualByComparingTo("0");
        assertThat(now.path("payments")).as("the money paid only B, settled").isEmpty();
        assertThat(credit(now)).isEqualByComparingTo("0");
        // the day before the money: both owed in full
        JsonNode before = statement(x.customerId(), paidOn.minusDays(1));
        assertThat(listed(before, x.a())).isEqualByComparingTo("1000.00");
        assertThat(listed(before, x.b())).isEqualByComparingTo("1000.00");
        assertThat(before.path("payments")).isEmpty();
    }

    /**
     * As above with 1,500.00: B takes 1,000.00 (its undisputed part, all of it), the other 500.00 goes to A's disputed
     * part (money is applied to debts; credit is only what exceeds all open invoices): A 500.00 owed, B settled, no
     * credit. Before: A settled with 1,000.00, B 500.00 owed.
     */
    @Test
    void moreThanTheUndisputedTotal_theRestPaysTheDisputedPartNotCredit() {
        Two x = two("0");
        clockAt(LocalDate.of(2026, 3, 5), 10);
        dispute(x.a(), "1000.00");
        LocalDate paidOn = LocalDate.of(2026, 3, 20);
        clockAt(paidOn, 10);
        payCustomer(x.customerId(), "1500.00", paidOn);

        settled(x.b());
        open(x.a());
        assertThat(owed(x.a())).isEqualByComparingTo("500.00");
        JsonNode now = statement(x.customerId(), paidOn);
        assertThat(applied(now, x.b())).isEqualByComparingTo("1000.00");
        assertThat(applied(now, x.a())).isEqualByComparingTo("500.00");
        assertThat(credit(now)).isEqualByComparingTo("0");
    }

    /**
     * Contract rate 7.30% (1,000.00: 0.20 a day). 400.00 of A disputed on 03-05; 1,000.00 naming no invoice on 03-20.
     * Interest through 03-20: A 19 days (03-02..03-20) x 0.20 = 3.80, B 10 days (03-11..03-20) x 0.20 = 2.00.
     * Undisputed parts first, oldest due first: A 3.80 interest + 600.00 principal = 603.80; the 396.20 left pays B
     * 2.00 interest and 394.20 principal. As of 03-20: A 400.00 (all of it disputed), B 605.80, no credit.
     * As of 03-30: A 400.00 + 10 days x 0.08 = 0.80 -> 400.80; B 605.80 + 10 days x 605.80 x 7.30% / 365 = 1.2116 ->
     * 1.21 -> 607.01. A second 1,000.00 on 03-30: A is now disputed in full (its 400.00 principal is all disputed:
     * nothing of it is undisputed, its interest stands or falls with it), so B 607.01 first (settled), then the 392.99
     * left pays A's 0.80 interest and 392.19 of its principal: A 400.00 - 392.19 = 7.81 owed, no credit. Before: the first 1,000.00 paid A's 3.80 and 996.20 of its principal.
     */
    @Test
    void aPartialDispute_theUndisputedPartsOfAllInvoicesFirstThenTheDisputedParts() {
        Two x = two("7.30");
        clockAt(LocalDate.of(2026, 3, 5), 10);
        dispute(x.a(), "400.00");
        LocalDate paidOn = LocalDate.of(2026, 3, 20);
        clockAt(paidOn, 10);
        payCustomer(x.customerId(), "1000.00", paidOn);

        assertThat(owed(x.a())).isEqualByComparingTo("400.00");
        assertThat(owed(x.b())).isEqualByComparingTo("605.80");
        JsonNode now = statement(x.customerId(), paidOn);
        assertThat(applied(now, x.a())).isEqualByComparingTo("603.80");
        assertThat(applied(now, x.b())).isEqualByComparingTo("396.20");
        assertThat(credit(now)).isEqualByComparingTo("0");

        LocalDate later = LocalDate.of(2026, 3, 30);
        clockAt(later, 10);
        assertThat(owed(x.a())).isEqualByComparingTo("400.80");
        assertThat(owed(x.b())).isEqualByComparingTo("607.01");
        payCustomer(x.customerId(), "1000.00", later);
        settled(x.b());
        open(x.a());
        assertThat(owed(x.a())).isEqualByComparingTo("7.81");
        assertThat(credit(statement(x.customerId(), later))).isEqualByComparingTo("0");
        // a statement of the first payment's day is what it was
        JsonNode then = statement(x.customerId(), paidOn);
        assertThat(listed(then, x.a())).isEqualByComparingTo("400.00");
        assertThat(listed(then, x.b())).isEqualByComparingTo("605.80");
    }

    /**
     * What is asked for on a partly disputed invoice the customer's money paid in part is the replay as if its dispute
     * ended in a credit note, which then holds nothing back any more. 400.00 of A disputed on 03-05; 300.00 naming no
     * invoice on 03-20 pays A's undisputed part (600.00 of it): A 700.00 owed, 400.00 disputed, 300.00 undisputed
     * (700.00 - 400.00); B 1,000.00. (Counting the dispute in the replay as if credited too left 200.00 of room on A,
     * so 100.00 went to B and A's undisputed part read 400.00.)
     */
    @Test
    void thePartAskedForOfAPartlyDisputedInvoiceTheCustomersMoneyPaidInPart() {
        Two x = two("0");
        clockAt(LocalDate.of(2026, 3, 5), 10);
        dispute(x.a(), "400.00");
        LocalDate paidOn = LocalDate.of(2026, 3, 20);
        clockAt(paidOn, 10);
        payCustomer(x.customerId(), "300.00", paidOn);

        assertThat(owed(x.a())).isEqualByComparingTo("700.00");
        assertThat(owed(x.b())).isEqualByComparingTo("1000.00");
        JsonNode now = statement(x.customerId(), paidOn);
        JsonNode a = now.path("invoices").get(0);
        assertThat(a.path("invoiceNumber").asText()).isEqualTo(x.a());
        assertThat(a.path("disputed").decimalValue()).isEqualByComparingTo("400.00");
        assertThat(a.path("undisputed").decimalValue()).isEqualByComparingTo("300.00");
        assertThat(now.path("totals").get(0).path("undisputed").decimalValue()).isEqualByComparingTo("1300.00");
    }

    /**
     * The disputes that count are those open on the money's value date. 500.00 naming no invoice on 03-20 pays A (no
     * dispute yet): A 500.00, B 1,000.00. A's remaining 500.00 disputed on 03-25: the 03-20 allocation stays as it was
     * (the money came before the dispute; a statement as of 03-20 does not change). 1,000.00 on 03-28 pays B (A is
     * disputed in full): B settled. Then 300.00 dated 03-26 is posted on 03-30 (the bank feed was late): in date order
     * it pays B (03-26, A disputed in full): B 700.00 left; the 03-28 money pays B's 700.00 and its 300.00 left goes to
     * A's disputed part: A 200.00, B 0.00, no credit. The statement as of 03-25 is the same before and after. Before
     * the fix: 03-28 paid A 500.00 and B 500.00.
     */
    @Test
    void aDisputeRaisedAfterThePaymentDate_leavesThatAllocation_laterMoneyInDateOrder() {
        Two x = two("0");
        LocalDate first = LocalDate.of(2026, 3, 20);
        clockAt(first, 10);
        payCustomer(x.customerId(), "500.00", first);
        assertThat(owed(x.a())).isEqualByComparingTo("500.00");

        LocalDate disputedOn = LocalDate.of(2026, 3, 25);
        clockAt(disputedOn, 10);
        dispute(x.a(), "500.00");
        JsonNode atPayment = statement(x.customerId(), first);
        assertThat(applied(atPayment, x.a())).as("the allocation before the dispute stays").isEqualByComparingTo("500.00");
        assertThat(listed(atPayment, x.a())).isEqualByComparingTo("500.00");
        assertThat(listed(atPayment, x.b())).isEqualByComparingTo("1000.00");

        LocalDate second = LocalDate.of(2026, 3, 28);
        clockAt(second, 10);
        payCustomer(x.customerId(), "1000.00", second);
        settled(x.b());
        open(x.a());
        assertThat(owed(x.a())).isEqualByComparingTo("500.00");
        JsonNode dayOfDispute = statement(x.customerId(), disputedOn);

        clockAt(LocalDate.of(2026, 3, 30), 10);
        payCustomer(x.customerId(), "300.00", LocalDate.of(2026, 3, 26));
        assertThat(owed(x.a())).isEqualByComparingTo("200.00");
        assertThat(owed(x.b())).isEqualByComparingTo("0");
        JsonNode now = statement(x.customerId(), LocalDate.of(2026, 3, 30));
        assertThat(applied(now, x.a())).isEqualByComparingTo("800.00"); // 500.00 (03-20) + 300.00 (03-28)
        // 700.00 of the 03-28 money; the 03-26 money paid only B (settled) and is not on the statement
        assertThat(applied(now, x.b())).isEqualByComparingTo("700.00");
        assertThat(now.path("payments").findValuesAsText("receivedOn")).containsExactly("2026-03-20", "2026-03-28");
        assertThat(credit(now)).isEqualByComparingTo("0");
        assertThat(statement(x.customerId(), disputedOn)).isEqualTo(dayOfDispute);
    }

    /**
     * A disputed in full on 03-05; 1,000.00 on 03-20 settles B. The dispute is rejected on 03-25: A's 1,000.00 is
     * collected again, and 1,000.00 naming no invoice on 03-28 settles A. The 03-20 money stays on B (A was disputed
     * on 03-20): the statement as of 03-20 is the same after the rejection, and as of 03-25 A owes 1,000.00 with
     * nothing disputed.
     */
    @Test
    void aRejectedDispute_theDisputedAmountIsCollectedAgain_earlierAllocationsStay() {
        Two x = two("0");
        clockAt(LocalDate.of(2026, 3, 5), 10);
        dispute(x.a(), "1000.00");
        LocalDate paidOn = LocalDate.of(2026, 3, 20);
        clockAt(paidOn, 10);
        payCustomer(x.customerId(), "1000.00", paidOn);
        settled(x.b());
        JsonNode before = statement(x.customerId(), paidOn);

        LocalDate rejectedOn = LocalDate.of(2026, 3, 25);
        clockAt(rejectedOn, 10);
        reject(x.a());
        assertThat(view(x.a()).path("disputed").decimalValue()).isEqualByComparingTo("0");
        assertThat(owed(x.a())).isEqualByComparingTo("1000.00");
        assertThat(statement(x.customerId(), paidOn)).isEqualTo(before);
        JsonNode rejected = statement(x.customerId(), rejectedOn);
        assertThat(listed(rejected, x.a())).isEqualByComparingTo("1000.00");
        assertThat(listed(rejected, x.b())).isEqualByComparingTo("0");
        assertThat(rejected.path("invoices").get(0).path("disputed").decimalValue()).isEqualByComparingTo("0");
        assertThat(credit(rejected)).isEqualByComparingTo("0");

        LocalDate again = LocalDate.of(2026, 3, 28);
        clockAt(again, 10);
        payCustomer(x.customerId(), "1000.00", again);
        settled(x.a());
        assertThat(owed(x.b())).isEqualByComparingTo("0");
        JsonNode now = statement(x.customerId(), again);
        assertThat(now.path("invoices")).isEmpty();
        assertThat(credit(now)).isEqualByComparingTo("0");
    }
}
