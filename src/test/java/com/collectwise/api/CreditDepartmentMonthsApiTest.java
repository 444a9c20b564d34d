package com.collectwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Five months of one EU customer's account as a credit department meets them (DOMAIN.md 5-6), every view that states
 * money compared with figures computed by hand, as of several dates, for the same events posted in two orders.
 *
 * <p>The customer is in the Netherlands (EU B2B: the EUR 40 per late invoice, converted at 4.25 units per EUR on
 * the due date = 170.00), every invoice has a contract rate (actual/365 simple interest from D+1 through the as-of date,
 * the principal of a day is what was unpaid at its start, the sum rounded once HALF_UP). Five invoices:
 * <pre>
 *   A 10,000.00 issued 06-01 due 07-01 12%      B 6,000.00 issued 06-15 due 07-31 9.5%
 *   C  4,000.00 issued 07-10 due 08-20 10%      D 3,000.00 issued 09-01 due 10-01 8%
 *   E  2,500.00 issued 11-02 due 11-12 12%
 * </pre>
 * The events by value date:
 * <pre>
 *   P1 3,000.00 on A, received 07-20 (posted late, on 09-01: after P2)
 *   N1 credit note 1,500.00 on A, issued 08-15 (partial, after P1)
 *   P2 2,500.00 on B, received 08-25, bounced: reversed 09-05
 *   P3 4,500.00 on C, received 09-15 (overpays C: the rest pays A, the oldest open)
 *   W1 fee waiver 170.00 (the EUR 40) and W2 interest waiver 50.00 on B, approved 10-05
 *   P4 1,000.00 on D, received 10-10; N2 credit note 3,000.00 on D, issued 10-20 (full, after P4: D never owed,
 *      P4 becomes credit and pays A)
 *   P5 11,690.34 for the customer (no invoice), received 10-28: settles A and B, 1,000.00 held as credit
 *   E, issued 11-02, is paid 1,000.00 from the credit; W3 early-payment discount 50.00 on E approved 11-10;
 *   E not paid by its due date: the EUR 40 and interest on 1,450.00 from 11-13
 * </pre>
 * The working is written where each figure is asserted. "Live" posts every event on its day (P1 late); "Replayed"
 * registers the invoices and approves the waivers on their days but receives all money and credit notes on 11-20, in
 * reverse value-date order (a bank feed and ERP catching up): every figure as of every date must be the same.
 * AED for one, QAR for the other (no other test uses them; BDT below), so the ageing and dashboard lines are theirs alone.
 */
class CreditDepartmentMonthsApiTest extends ApiTestSupport {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final LocalDate TODAY = LocalDate.of(2026, 11, 20);

    record Account(String customerId, String currency, Map<String, String> invoices) {
        String n(String key) {
            return invoices.get(key);
        }
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    private void clockAt(LocalDate day) {
        ClockUtil.setCurrentTime(Date.from(ZonedDateTime.of(day.atTime(10, 0), ZONE).toInstant()));
    }

    private static LocalDate d(int month, int day) {
        return LocalDate.of(2026, month, day);
    }

    // ---------------------------------------------------------------- posting

    private String customer(String currency) {
        Response fx = post(FINANCE, "/api/rates/fx", Map.of("currency", currency, "effectiveFrom", "2026-01-01",
            "unitsPerEur", "4.25"));
        assertThat(fx.status()).as(fx.raw()).isIn(200, 201);
        String customerId = unique("C");
        Response r = post(INTEGRATION, "/api/customers", Map.of("customerId", customerId, "name", "Handel " + customerId,
            "segment", "FOREIGN", "country", "NL", "collector", COLLECTOR, "decisionMaker", "Mr. de Vries"));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return customerId;
    }

    private void invoice(Account a, String key, String amount, LocalDate issued, LocalDate due, String rate) {
        String number = unique("INV");
        Response r = post(INTEGRATION, "/api/invoices", Map.of("invoiceNumber", number, "customerId", a.customerId(),
            "issueDate", issued.toString(), "dueDate", due.toString(), "amount", amount, "currency", a.currency(),
            "contractInterestRatePercent", rate));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        a.invoices().put(key, number);
    }

    private void invoiceA(Account a) {
        invoice(a, "A", "10000.00", d(6, 1), d(7, 1), "12");
    }

    private void invoiceB(Account a) {
        invoice(a, "B", "6000.00", d(6, 15), d(7, 31), "9.5");
    }

    private void invoiceC(Account a) {
        invoice(a, "C", "4000.00", d(7, 10), d(8, 20), "10");
    }

    private void invoiceD(Account a) {
        invoice(a, "D", "3000.00", d(9, 1), d(10, 1), "8");
    }

    private void invoiceE(Account a) {
        invoice(a, "E", "2500.00", d(11, 2), d(11, 12), "12");
    }

    private void pay(Account a, String ref, String key, String amount, LocalDate receivedOn) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("paymentReference", a.customerId() + "-" + ref);
        body.put("customerId", a.customerId());
        if (key != null) {
            body.put("invoiceNumber", a.n(key));
        }
        body.put("amount", amount);
        body.put("currency", a.currency());
        body.put("receivedOn", receivedOn.toString());
        body.put("method", "BANK_TRANSFER");
        Response r = post(INTEGRATION, "/api/payments", body);
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
    }

    private void reverse(Account a, String ref, LocalDate on) {
        Response r = post(FINANCE, "/api/payments/" + a.customerId() + "-" + ref + "/reversal",
            Map.of("reversedOn", on.toString(), "reason", "returned by the bank"));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
    }

    private void creditNote(Account a, String key, String amount, LocalDate issuedOn) {
        Response r = post(FINANCE, "/api/invoices/" + a.n(key) + "/credit-notes", Map.of("creditNoteNumber",
            unique("CN"), "amount", amount, "issuedOn", issuedOn.toString(), "reason", "goods returned"));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
    }

    /** A collector asks in Tasklist, a supervisor approves: booked on the day of the approval (the engine clock). */
    private void waive(Account a, String key, String component, double amount) {
        Response started = exchange(COLLECTOR, HttpMethod.POST,
            "/engine-rest/process-definition/key/Process_RequestWaiver/submit-form", Map.of("variables", Map.of(
                "invoiceNumber", Map.of("value", a.n(key)),
                "waiverComponent", Map.of("value", component),
                "waiverAmount", Map.of("value", amount, "type", "Double"),
                "waiverReason", Map.of("value", "long-standing customer"))), MediaType.APPLICATION_JSON);
        assertThat(started.status()).as(started.raw()).isEqualTo(200);
        Response tasks = exchange(SUPERVISOR, HttpMethod.GET, "/engine-rest/task?processInstanceId="
            + started.body().path("id").asText() + "&taskDefinitionKey=Task_ApproveWaiver&maxResults=10", null, null);
        assertThat(tasks.body()).as(tasks.raw()).hasSize(1);
        Response decided = exchange(SUPERVISOR, HttpMethod.POST, "/engine-rest/task/"
            + tasks.body().get(0).path("id").asText() + "/submit-form", Map.of("variables", Map.of(
                "waiverDecision", Map.of("value", "APPROVE"),
                "decisionReason", Map.of("value", "keeps the customer"))), MediaType.APPLICATION_JSON);
        assertThat(decided.status()).as(decided.raw()).isEqualTo(204);
    }

    /** Every event on its day; P1 (dated 07-20) reaches us on 09-01, after P2. */
    private Account live() {
        clockAt(d(7, 10));
        Account a = new Account(customer("AED"), "AED", new LinkedHashMap<>());
        invoiceA(a);
        invoiceB(a);
        invoiceC(a);
        clockAt(d(8, 15));
        creditNote(a, "A", "1500.00", d(8, 15));
        clockAt(d(8, 25));
        pay(a, "P2", "B", "2500.00", d(8, 25));
        clockAt(d(9, 1));
        pay(a, "P1", "A", "3000.00", d(7, 20));
        invoiceD(a);
        clockAt(d(9, 5));
        reverse(a, "P2", d(9, 5));
        clockAt(d(9, 15));
        pay(a, "P3", "C", "4500.00", d(9, 15));
        clockAt(d(10, 5));
        waive(a, "B", "FEES", 170.00);
        waive(a, "B", "INTEREST", 50.00);
        clockAt(d(10, 10));
        pay(a, "P4", "D", "1000.00", d(10, 10));
        clockAt(d(10, 20));
        creditNote(a, "D", "3000.00", d(10, 20));
        clockAt(d(10, 28));
        pay(a, "P5", null, "11690.34", d(10, 28));
        clockAt(d(11, 2));
        invoiceE(a);
        // E is registered with 1,000.00 of credit waiting: it owes 1,500.00 from the start, in Cockpit too
        assertThat(caseView(a, "E", d(11, 2))[3]).isEqualByComparingTo("1500.00");
        assertThat(cockpit(a.n("E"))).as("Cockpit of E when registered").isEqualByComparingTo("1500.00");
        clockAt(d(11, 10));
        waive(a, "E", "PRINCIPAL", 50.00);
        assertThat(cockpit(a.n("E"))).as("Cockpit of E after the discount").isEqualByComparingTo("1450.00");
        clockAt(TODAY);
        return a;
    }

    /** What Cockpit shows finance: the outstandingAmount of the invoice's running case. */
    private BigDecimal cockpit(String invoiceNumber) {
        String caseId = runtime.createProcessInstanceQuery().processDefinitionKey("Process_ReceivableCollection")
            .processInstanceBusinessKey(invoiceNumber).singleResult().getId();
        Response r = exchange(FINANCE, HttpMethod.GET, "/engine-rest/process-instance/" + caseId
            + "/variables/outstandingAmount", null, null);
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.body().path("value").decimalValue();
    }

    /** Invoices and waivers on their days; all money and credit notes on 11-20, the latest value date first. */
    private Account replayed() {
        clockAt(d(10, 5));
        Account a = new Account(customer("QAR"), "QAR", new LinkedHashMap<>());
        invoiceD(a);
        invoiceC(a);
        invoiceB(a);
        invoiceA(a);
        waive(a, "B", "FEES", 170.00);
        waive(a, "B", "INTEREST", 50.00);
        clockAt(d(11, 10));
        invoiceE(a);
        waive(a, "E", "PRINCIPAL", 50.00);
        clockAt(TODAY);
        pay(a, "P5", null, "11690.34", d(10, 28));
        creditNote(a, "D", "3000.00", d(10, 20));
        pay(a, "P4", "D", "1000.00", d(10, 10));
        pay(a, "P3", "C", "4500.00", d(9, 15));
        pay(a, "P2", "B", "2500.00", d(8, 25));
        reverse(a, "P2", d(9, 5));
        creditNote(a, "A", "1500.00", d(8, 15));
        pay(a, "P1", "A", "3000.00", d(7, 20));
        return a;
    }

    // ---------------------------------------------------------------- reading

    /** principal, interest, fees, total of one invoice as of a date, as the case view states them. */
    private BigDecimal[] caseView(Account a, String key, LocalDate asOf) {
        Response r = get(FINANCE, "/api/invoices/" + a.n(key) + "?asOf=" + asOf);
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        JsonNode o = r.body().path("outstanding");
        return new BigDecimal[] {o.path("principal").decimalValue(), o.path("interest").decimalValue(),
            o.path("fees").decimalValue(), o.path("total").decimalValue()};
    }

    private JsonNode statement(Account a, LocalDate asOf) {
        Response r = get(FINANCE, "/api/customers/" + a.customerId() + "/statement?asOf=" + asOf);
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.body();
    }

    private static JsonNode currencyLine(JsonNode lines, String currency) {
        for (JsonNode line : lines) {
            if (line.path("currency").asText().equals(currency)) {
                return line;
            }
        }
        return null;
    }

    /** Expected figures of one invoice: principal, interest, fees (total = their sum). */
    record Owed(String key, String principal, String interest, String fees) {
        BigDecimal total() {
            return new BigDecimal(principal).add(new BigDecimal(interest)).add(new BigDecimal(fees));
        }
    }

    /**
     * The figures by hand, as of each date (only invoices issued by then; an invoice not listed owes 0.00):
     * see the comments in {@link #expected}.
     */
    private static Map<String, Owed> expected(LocalDate asOf) {
        Map<String, Owed> m = new LinkedHashMap<>();
        if (asOf.equals(d(7, 25))) {
            // A: 07-02..07-20, 19 days on 10,000.00 at 12%: 62.465753; EUR 40 = 170.00 charged 07-02.
            //    P1 07-20 pays fees 170.00, interest 62.47, principal 2,767.53 -> 7,232.47.
            //    (N1 of 08-15 is not known as of 07-25.) 07-21..07-25, 5 days on 7,232.47: 11.888992;
            //    accrued 74.354745 -> 74.35, paid 62.47: interest 11.88.
            m.put("A", new Owed("A", "7232.47", "11.88", "0.00"));
            m.put("B", new Owed("B", "6000.00", "0.00", "0.00"));
            m.put("C", new Owed("C", "4000.00", "0.00", "0.00"));
        } else if (asOf.equals(d(8, 31))) {
            // A with N1 (from the due date: 8,500.00): 07-02..07-20 19 days on 8,500.00: 53.095890;
            //    P1 pays 170.00, 53.10, 2,776.90 -> 5,723.10; 07-21..08-31 42 days on 5,723.10: 79.025819;
            //    accrued 132.121710 -> 132.12, paid 53.10: 79.02.
            m.put("A", new Owed("A", "5723.10", "79.02", "0.00"));
            // B: 08-01..08-25 25 days on 6,000.00 at 9.5%: 39.041096; EUR 40 170.00 on 08-01; P2 (not yet reversed)
            //    pays 170.00, 39.04, 2,290.96 -> 3,709.04; 08-26..08-31 6 days: 5.792199; 44.833295 -> 44.83 - 39.04 = 5.79.
            m.put("B", new Owed("B", "3709.04", "5.79", "0.00"));
            // C: 08-21..08-31 11 days on 4,000.00 at 10%: 12.054795 -> 12.05; EUR 40 170.00.
            m.put("C", new Owed("C", "4000.00", "12.05", "170.00"));
        } else if (asOf.equals(d(9, 10))) {
            // A: + 09-01..09-10 10 days on 5,723.10: 18.815671; 150.937381 -> 150.94 - 53.10 = 97.84.
            m.put("A", new Owed("A", "5723.10", "97.84", "0.00"));
            // B: P2 reversed 09-05: as if never received; 08-01..09-10 41 days on 6,000.00: 64.027397 -> 64.03.
            m.put("B", new Owed("B", "6000.00", "64.03", "170.00"));
            // C: 08-21..09-10 21 days: 23.013699 -> 23.01.
            m.put("C", new Owed("C", "4000.00", "23.01", "170.00"));
            m.put("D", new Owed("D", "3000.00", "0.00", "0.00"));
        } else if (asOf.equals(d(10, 15))) {
            // C: 08-21..09-15 26 days on 4,000.00: 28.493151 -> 28.49; P3 4,500.00 pays 170.00, 28.49, 4,000.00:
            //    301.51 left is credit and pays A (the oldest open).
            // A: 07-21..09-15 57 days on 5,723.10: 107.250740; accrued 160.346630 -> 160.35, paid 53.10: 107.25 paid
            //    from P3, then 194.26 principal -> 5,528.84; 09-16..10-15 30 days on 5,528.84: 54.529611;
            //    214.876241 -> 214.88 - 160.35 = 54.53.
            m.put("A", new Owed("A", "5528.84", "54.53", "0.00"));
            // B: 08-01..10-05 66 days on 6,000.00: 103.068493 -> 103.07; W1 waives the 170.00, W2 50.00 interest;
            //    10-06..10-15 10 days: 15.616438; 118.684932 -> 118.68 - 50.00 = 68.68.
            m.put("B", new Owed("B", "6000.00", "68.68", "0.00"));
            // D (N2 of 10-20 not known as of 10-15): 10-02..10-10 9 days on 3,000.00 at 8%: 5.917808; EUR 40 170.00;
            //    P4 pays 170.00, 5.92, 824.08 -> 2,175.92; 10-11..10-15 5 days: 2.384570; 8.302378 -> 8.30 - 5.92 = 2.38.
            m.put("D", new Owed("D", "2175.92", "2.38", "0.00"));
        } else if (asOf.equals(d(10, 30))) {
            // D: N2 credits all of it from the due date: it never owed (no interest, no EUR 40); P4 10-10 is credit
            //    and pays A: 09-16..10-10 25 days on 5,528.84: 45.441151; 205.787781 -> 205.79 - 160.35 = 45.44
            //    interest, 954.56 principal -> 4,574.28.
            // 10-28 P5 11,690.34: A 10-11..10-28 18 days on 4,574.28: 27.069790; 232.857571 -> 232.86 - 205.79 = 27.07,
            //    principal 4,574.28 (A settled, 4,601.35); B 10-06..10-28 23 days on 6,000.00: 35.917808;
            //    138.986301 -> 138.99 - 50.00 = 88.99, principal 6,000.00 (B settled, 6,088.99);
            //    11,690.34 - 4,601.35 - 6,088.99 = 1,000.00 held as the customer's credit.
            // nothing owed: A, B, C, D settled
        } else if (asOf.equals(TODAY)) {
            // E issued 11-02: the 1,000.00 credit pays its principal -> 1,500.00; W3 discount 50.00 on 11-10 ->
            //    1,450.00; unpaid at the end of 11-12: EUR 40 170.00; 11-13..11-20 8 days on 1,450.00 at 12%:
            //    3.813699 -> 3.81.
            m.put("E", new Owed("E", "1450.00", "3.81", "170.00"));
        }
        return m;
    }

    private static final List<LocalDate> DATES = List.of(d(7, 25), d(8, 31), d(9, 10), d(10, 15), d(10, 30), TODAY);

    /** The customer's credit as of the date (0 unless a payment is held): 1,000.00 from 10-28 until E takes it 11-02. */
    private static BigDecimal credit(LocalDate asOf) {
        return asOf.equals(d(10, 30)) ? new BigDecimal("1000.00") : BigDecimal.ZERO;
    }

    /** The case view, the statement, the ageing report and the dashboard as of each date state the hand figures. */
    private void assertAsOfViews(Account a) {
        for (LocalDate asOf : DATES) {
            Map<String, Owed> owed = expected(asOf);
            String what = a.currency() + " as of " + asOf;
            BigDecimal total = BigDecimal.ZERO;
            for (String key : a.invoices().keySet()) {
                LocalDate issued = Map.of("A", d(6, 1), "B", d(6, 15), "C", d(7, 10), "D", d(9, 1), "E", d(11, 2))
                    .get(key);
                if (issued.isAfter(asOf)) {
                    continue;
                }
                Owed o = owed.getOrDefault(key, new Owed(key, "0.00", "0.00", "0.00"));
                total = total.add(o.total());
                BigDecimal[] v = caseView(a, key, asOf);
                assertThat(v).as(what + ": case view of " + key + " (principal, interest, fees, total)")
                    .usingElementComparator(BigDecimal::compareTo)
                    .containsExactly(new BigDecimal(o.principal()), new BigDecimal(o.interest()),
                        new BigDecimal(o.fees()), o.total());
            }
            JsonNode statement = statement(a, asOf);
            Map<String, BigDecimal> listed = new LinkedHashMap<>();
            for (JsonNode line : statement.path("invoices")) {
                listed.put(line.path("invoiceNumber").asText(), line.path("total").decimalValue());
            }
            Map<String, BigDecimal> owing = new LinkedHashMap<>();
            owed.forEach((key, o) -> {
                if (o.total().signum() > 0) {
                    owing.put(a.n(key), o.total());
                }
            });
            assertThat(listed).as(what + ": the statement's invoices").containsOnlyKeys(owing.keySet());
            owing.forEach((n, t) -> assertThat(listed.get(n)).as(what + ": statement line of " + n)
                .isEqualByComparingTo(t));
            JsonNode totals = currencyLine(statement.path("totals"), a.currency());
            if (total.signum() == 0 && credit(asOf).signum() == 0) {
                assertThat(totals == null || totals.path("total").decimalValue().signum() == 0)
                    .as(what + ": statement totals " + statement.path("totals")).isTrue();
            } else {
                assertThat(totals).as(what + ": statement totals " + statement.path("totals")).isNotNull();
                assertThat(totals.path("total").decimalValue()).as(what + ": statement total").isEqualByComparingTo(total);
                assertThat(totals.path("credit").decimalValue()).as(what + ": statement credit")
                    .isEqualByComparingTo(credit(asOf));
            }

            Response aging = get(FINANCE, "/api/reports/aging?asOf=" + asOf);
            assertThat(aging.status()).as(aging.raw()).isEqualTo(200);
            JsonNode line = currencyLine(aging.body().path("currencies"), a.currency());
            BigDecimal agingTotal = line == null ? BigDecimal.ZERO : line.path("total").decimalValue();
            assertThat(agingTotal).as(what + ": ageing total").isEqualByComparingTo(total);
            assertThat(line == null ? 0 : line.path("invoiceCount").asInt()).as(what + ": ageing count")
                .isEqualTo(owing.size());

            Response dashboard = get(FINANCE, "/api/reports/dashboard?asOf=" + asOf);
            assertThat(dashboard.status()).as(dashboard.raw()).isEqualTo(200);
            JsonNode dash = currencyLine(dashboard.body().path("aging").path("currencies"), a.currency());
            assertThat(dash == null ? BigDecimal.ZERO : dash.path("total").decimalValue())
                .as(what + ": dashboard ageing total").isEqualByComparingTo(total);
        }
    }

    /** The customer file and the credit status (today only) state today's hand figures. */
    private void assertToday(Account a) {
        // today: only E is open, 1,623.81 (1,450.00 + 3.81 + 170.00), overdue since 11-13; no credit left
        Response file = get(COLLECTOR, "/api/customers/" + a.customerId());
        assertThat(file.status()).as(file.raw()).isEqualTo(200);
        Map<String, BigDecimal> open = new LinkedHashMap<>();
        for (JsonNode line : file.body().path("openInvoices")) {
            open.put(line.path("invoiceNumber").asText(), line.path("outstanding").decimalValue());
        }
        assertThat(open).as(a.currency() + ": the customer file's open invoices").containsOnlyKeys(a.n("E"));
        assertThat(open.get(a.n("E"))).isEqualByComparingTo("1623.81");
        assertThat(file.body().path("outstanding").path(a.currency()).decimalValue()).isEqualByComparingTo("1623.81");
        assertThat(file.body().path("credit").path(a.currency()).decimalValue()).as(a.currency() + " credit")
            .isEqualByComparingTo("0.00");

        Response status = get(INTEGRATION, "/api/customers/" + a.customerId() + "/credit-status");
        assertThat(status.status()).as(status.raw()).isEqualTo(200);
        assertThat(status.body().path("currency").asText()).isEqualTo(a.currency());
        assertThat(status.body().path("overdueTotal").decimalValue()).as(a.currency() + " overdue")
            .isEqualByComparingTo("1623.81");
    }

    @Test
    void everyViewStatesTheHandFiguresAsOfEachDateWhateverThePostingOrder() {
        Account live = live();
        Account replayed = replayed();
        assertAsOfViews(live);
        assertAsOfViews(replayed);
        assertToday(live);
        assertToday(replayed);
    }

    /**
     * The live customer on 10-30 (nothing owed, 1,000.00 of P5 held): the customer file shows the credit and no open
     * invoice, the credit status nothing overdue; the statement of that day the credit and a zero total.
     */
    @Test
    void theCreditHeldOnTheDayIsTheSameInTheCustomerFileAndTheStatement() {
        clockAt(d(7, 10));
        Account a = new Account(customer("BDT"), "BDT", new LinkedHashMap<>());
        invoiceA(a);
        invoiceB(a);
        invoiceC(a);
        clockAt(d(8, 15));
        creditNote(a, "A", "1500.00", d(8, 15));
        clockAt(d(8, 25));
        pay(a, "P2", "B", "2500.00", d(8, 25));
        clockAt(d(9, 1));
        pay(a, "P1", "A", "3000.00", d(7, 20));
        invoiceD(a);
        clockAt(d(9, 5));
        reverse(a, "P2", d(9, 5));
        clockAt(d(9, 15));
        pay(a, "P3", "C", "4500.00", d(9, 15));
        clockAt(d(10, 5));
        waive(a, "B", "FEES", 170.00);
        waive(a, "B", "INTEREST", 50.00);
        clockAt(d(10, 10));
        pay(a, "P4", "D", "1000.00", d(10, 10));
        clockAt(d(10, 20));
        creditNote(a, "D", "3000.00", d(10, 20));
        clockAt(d(10, 28));
        pay(a, "P5", null, "11690.34", d(10, 28));
        clockAt(d(10, 30));

        Response file = get(COLLECTOR, "/api/customers/" + a.customerId());
        assertThat(file.body().path("openInvoices")).as(file.raw()).isEmpty();
        assertThat(file.body().path("credit").path("BDT").decimalValue()).isEqualByComparingTo("1000.00");
        Response status = get(INTEGRATION, "/api/customers/" + a.customerId() + "/credit-status");
        assertThat(status.body().path("overdueTotal").decimalValue()).as(status.raw()).isEqualByComparingTo("0.00");
        JsonNode totals = currencyLine(statement(a, d(10, 30)).path("totals"), "BDT");
        assertThat(totals.path("credit").decimalValue()).isEqualByComparingTo("1000.00");
        assertThat(totals.path("total").decimalValue()).isEqualByComparingTo("0.00");
    }

    /**
     * "They paid the invoice amount: forgive the rest." 8,000.00 LKR at a contract rate of 10%, due 15 days ago (formal
     * demand since D+10: the credit hold). The customer pays 8,000.00 today; the allocation takes the interest first:
     * 15 days on 8,000.00 at 10% = 32.876712 -> 32.88 interest, 7,967.12 principal, 32.88 of principal left. A
     * supervisor approves an early-payment discount of the 32.88: nothing is owed any more. The invoice must be
     * settled like one paid in full - case ended, no credit hold, nothing on the customer file - not left OPEN at
     * formal demand owing 0.00 (before: the case view OPEN, the customer file listing it with 0.00, the credit
     * status HOLD with an overdue total of 0.00, and the case kept escalating towards the agency).
     */
    @Test
    void aWaiverThatLeavesNothingOwingSettlesTheInvoiceLikeAPayment() {
        String customerId = createCustomer();
        String number = unique("INV");
        Response created = post(INTEGRATION, "/api/invoices", Map.of("invoiceNumber", number, "customerId", customerId,
            "issueDate", today().minusDays(45).toString(), "dueDate", today().minusDays(15).toString(),
            "amount", "8000.00", "currency", "LKR", "contractInterestRatePercent", "10"));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        runDueJobsOfCase(number);
        assertThat(get(INTEGRATION, "/api/customers/" + customerId + "/credit-status").body().path("status").asText())
            .isEqualTo("HOLD");
        Account a = new Account(customerId, "LKR", new LinkedHashMap<>(Map.of("X", number)));
        pay(a, "PAY", "X", "8000.00", today());
        runDueJobsOfCase(number);
        assertThat(caseView(a, "X", today())).usingElementComparator(BigDecimal::compareTo)
            .containsExactly(new BigDecimal("32.88"), BigDecimal.ZERO, BigDecimal.ZERO, new BigDecimal("32.88"));

        waive(a, "X", "PRINCIPAL", 32.88);
        runDueJobsOfCase(number);

        Response view = get(FINANCE, "/api/invoices/" + number);
        assertThat(view.body().path("outstanding").path("total").decimalValue()).isEqualByComparingTo("0.00");
        assertThat(view.body().path("status").asText()).as(view.raw()).isEqualTo("SETTLED");
        assertThat(caseRunning(number)).as("the case of an invoice owing nothing").isFalse();
        Response file = get(COLLECTOR, "/api/customers/" + customerId);
        assertThat(file.body().path("openInvoices")).as(file.raw()).isEmpty();
        Response status = get(INTEGRATION, "/api/customers/" + customerId + "/credit-status");
        assertThat(status.body().path("overdueTotal").decimalValue()).as(status.raw()).isEqualByComparingTo("0.00");
        assertThat(status.body().path("status").asText()).as(status.raw()).isEqualTo("OK");
    }

    /**
     * Cockpit (the case's outstandingAmount) and the open call form (amountToCollect) state the case view's figure after
     * money is taken back or credited, not only after a payment. 5,000.00 GHS at a contract rate of 7.3%, due 3 days ago
     * (internal reminder: a call task): 3 days on 5,000.00 = 5,000.00 x 7.3 x 3 / 36500 = 3.00 -> 5,003.00.
     * <ul>
     *   <li>2,000.00 received today: 3.00 interest, 1,997.00 principal -> 3,003.00 everywhere;</li>
     *   <li>it bounces today: as if it never came -> 5,003.00 (before: Cockpit and the call form kept 3,003.00, asking
     *       2,000.00 less than the customer owes);</li>
     *   <li>a credit note of 1,000.00 issued today: from the due date, 4,000.00 + 3 days at 7.3% (2.40) = 4,002.40
     *       (before: Cockpit and the call form kept the earlier figure).</li>
     * </ul>
     */
    @Test
    void cockpitAndTheCallFormFollowAReversalAndACreditNote() {
        String customerId = createCustomer();
        String number = unique("INV");
        Response created = post(INTEGRATION, "/api/invoices", Map.of("invoiceNumber", number, "customerId", customerId,
            "issueDate", today().minusDays(33).toString(), "dueDate", today().minusDays(3).toString(),
            "amount", "5000.00", "currency", "GHS", "contractInterestRatePercent", "7.3"));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        runDueJobsOfCase(number);
        String caseId = runtime.createProcessInstanceQuery().processDefinitionKey("Process_ReceivableCollection")
            .processInstanceBusinessKey(number).singleResult().getId();
        Account a = new Account(customerId, "GHS", new LinkedHashMap<>(Map.of("X", number)));
        assertDisplayed(a, caseId, "5003.00");

        pay(a, "PAY", "X", "2000.00", today());
        assertDisplayed(a, caseId, "3003.00");

        reverse(a, "PAY", today());
        assertDisplayed(a, caseId, "5003.00");

        creditNote(a, "X", "1000.00", today());
        assertDisplayed(a, caseId, "4002.40");
    }

    private void assertDisplayed(Account a, String caseId, String expected) {
        assertThat(caseView(a, "X", today())[3]).as("the case view").isEqualByComparingTo(expected);
        Response cockpit = exchange(FINANCE, HttpMethod.GET, "/engine-rest/process-instance/" + caseId
            + "/variables/outstandingAmount", null, null);
        assertThat(cockpit.body().path("value").decimalValue()).as("Cockpit " + cockpit.raw())
            .isEqualByComparingTo(expected);
        Response calls = exchange(COLLECTOR, HttpMethod.GET, "/engine-rest/task?processInstanceId=" + caseId
            + "&taskDefinitionKey=Task_CallCustomer&maxResults=10", null, null);
        assertThat(calls.body()).as(calls.raw()).hasSize(1);
        Response form = exchange(COLLECTOR, HttpMethod.GET, "/engine-rest/task/" + calls.body().get(0).path("id").asText()
            + "/form-variables?variableNames=amountToCollect", null, null);
        assertThat(new BigDecimal(form.body().path("amountToCollect").path("value").asText().replace(",", "")))
            .as("the call form " + form.raw()).isEqualByComparingTo(expected);
    }
}
