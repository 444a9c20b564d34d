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
import java.util.TreeMap;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The finance dashboard and the collector report as of a past date show the stage each case was in on that date
 * (DOMAIN.md 5, "every figure is a replay"), not the stage it has today: the collector's open cases per stage, and the
 * money collected per stage (by the stage the case was in on the money's value date; money that settled a case counts
 * under the stage it was open in). The engine clock moves the business day; stages change by the case's own timers
 * under the default Decision_CollectionPolicy (DOMESTIC, CN, 30-day term: internal reminder from D+1, formal demand
 * from D+10). MOP: no other test uses it, so the dashboard's MOP lines are this test's alone.
 */
public class ReportsAsOfApiTest extends ApiTestSupport {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @org.springframework.beans.factory.annotation.Autowired
    private com.collectwise.fees.Ledger ledger;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    private void clockAt(LocalDate day) {
        ClockUtil.setCurrentTime(Date.from(ZonedDateTime.of(day.atTime(10, 0), ZONE).toInstant()));
    }

    private String collector() {
        String collector = "col" + unique("S").replaceAll("[^A-Za-z0-9]", "");
        org.camunda.bpm.engine.identity.User user = identity.newUser(collector);
        user.setPassword(PASSWORD);
        identity.saveUser(user);
        identity.createMembership(collector, "collectors");
        return collector;
    }

    private String customerOf(String collector) {
        String customerId = unique("C");
        Response created = post(INTEGRATION, "/api/customers", Map.of("customerId", customerId,
            "name", "Stage " + customerId, "segment", "DOMESTIC", "country", "CN", "collector", collector,
            "decisionMaker", "Ms. Wang"));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return customerId;
    }

    private String pay(String invoiceNumber, String amount, LocalDate receivedOn) {
        return pay(invoiceNumber, amount, "MOP", receivedOn);
    }

    private String pay(String invoiceNumber, String amount, String currency, LocalDate receivedOn) {
        String reference = unique("PAY");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("paymentReference", reference);
        body.put("invoiceNumber", invoiceNumber);
        body.put("amount", amount);
        body.put("currency", currency);
        body.put("receivedOn", receivedOn.toString());
        body.put("method", "BANK_TRANSFER");
        Response paid = post(INTEGRATION, "/api/payments", body);
        assertThat(paid.status()).as(paid.raw()).isEqualTo(201);
        return reference;
    }

    private JsonNode dashboard(LocalDate asOf) {
        Response r = get(FINANCE, "/api/reports/dashboard?asOf=" + asOf);
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.body();
    }

    /** The collector's open cases per stage in the dashboard's collector report of the date. */
    private Map<String, Integer> openCasesPerStage(LocalDate asOf, String collector) {
        Map<String, Integer> perStage = new TreeMap<>();
        for (JsonNode line : dashboard(asOf).path("collectorReport").path("collectors")) {
            if (line.path("collector").asText().equals(collector)) {
                line.path("openCasesPerStage").fields().forEachRemaining(e -> perStage.put(e.getKey(), e.getValue().asInt()));
            }
        }
        return perStage;
    }

    /** The MOP money collected per stage on the dashboard of the date. */
    private Map<String, BigDecimal> collectedPerStage(LocalDate asOf) {
        return collectedPerStage(dashboard(asOf), "MOP");
    }

    private static Map<String, BigDecimal> collectedPerStage(JsonNode dashboard, String currency) {
        Map<String, BigDecimal> perStage = new TreeMap<>();
        for (JsonNode line : dashboard.path("collectedPerStage")) {
            if (line.path("currency").asText().equals(currency)) {
                perStage.put(line.path("stage").asText(), line.path("amount").decimalValue());
            }
        }
        return perStage;
    }

    private String stage(String number, LocalDate asOf) {
        Response r = get(INTEGRATION, "/api/invoices/" + number + "?asOf=" + asOf);
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.body().path("stage").asText();
    }

    @Test
    void openCasesAndMoneyCollectedPerStageAsOfAPastDateAreByTheStageOfThatDay() {
        String collector = collector();
        String customerId = customerOf(collector);
        LocalDate due = LocalDate.of(2026, 3, 10);
        clockAt(LocalDate.of(2026, 3, 2));
        String first = createInvoice(customerId, "3000.00", "MOP", due.minusDays(30), due);
        String second = createInvoice(customerId, "1000.00", "MOP", due.minusDays(30), due);

        // internal reminder from D+1: 500.00 part-paid on the first invoice then
        clockAt(LocalDate.of(2026, 3, 12));
        runDueJobsOfCase(first);
        runDueJobsOfCase(second);
        assertThat(stage(first, LocalDate.of(2026, 3, 12))).isEqualTo("INTERNAL_REMINDER");
        pay(first, "500.00", LocalDate.of(2026, 3, 12));

        // formal demand from D+10: 200.00 more on the first invoice
        clockAt(LocalDate.of(2026, 3, 23));
        runDueJobsOfCase(first);
        runDueJobsOfCase(second);
        assertThat(stage(first, LocalDate.of(2026, 3, 23))).isEqualTo("FORMAL_DEMAND");
        assertThat(stage(second, LocalDate.of(2026, 3, 23))).isEqualTo("FORMAL_DEMAND");
        pay(first, "200.00", LocalDate.of(2026, 3, 23));

        // the second invoice paid in full at formal demand: 1000.00 and its interest, CN statutory LPR 3.00% x 1.5 =
        // 4.5% a year for 03-11..03-24, 14 days: 1000.00 x 0.045 x 14 / 365 = 1.7260 -> 1.73
        clockAt(LocalDate.of(2026, 3, 24));
        Response owed = get(INTEGRATION, "/api/invoices/" + second + "?asOf=2026-03-24");
        assertThat(owed.body().path("outstanding").path("total").decimalValue()).isEqualByComparingTo("1001.73");
        pay(second, "1001.73", LocalDate.of(2026, 3, 24));
        runDueJobsOfCase(second);
        assertThat(stage(second, LocalDate.of(2026, 3, 24))).isEqualTo("CLOSED");

        // the collector's open cases, by the stage of each day (today: the first one at formal demand)
        assertThat(openCasesPerStage(LocalDate.of(2026, 3, 5), collector)).isEqualTo(Map.of("PRE_DUE", 2));
        assertThat(openCasesPerStage(LocalDate.of(2026, 3, 15), collector)).isEqualTo(Map.of("INTERNAL_REMINDER", 2));
        assertThat(openCasesPerStage(LocalDate.of(2026, 3, 23), collector)).isEqualTo(Map.of("FORMAL_DEMAND", 2));
        assertThat(openCasesPerStage(LocalDate.of(2026, 3, 24), collector)).isEqualTo(Map.of("FORMAL_DEMAND", 1));

        // money per stage the case was in on its value date: the 500.00 came in at the internal reminder, the 200.00
        // and the settling 1001.73 at formal demand (not under CLOSED)
        assertThat(collectedPerStage(LocalDate.of(2026, 3, 11))).isEmpty();
        assertThat(collectedPerStage(LocalDate.of(2026, 3, 15)))
            .isEqualTo(Map.of("INTERNAL_REMINDER", new BigDecimal("500.00")));
        assertThat(collectedPerStage(LocalDate.of(2026, 3, 24))).isEqualTo(Map.of(
            "INTERNAL_REMINDER", new BigDecimal("500.00"), "FORMAL_DEMAND", new BigDecimal("1201.73")));
    }

    /**
     * Every figure of the dashboard as of a past date agrees with the case view and the statement of account of the
     * same date, for a case whose payments, credit note and dispute were posted out of date order and whose first
     * payment bounced later: the 500.00 of 07-05 reversed on 07-10 counts as of 07-09, not as of 07-12 (as in the
     * replay); the 300.00 dated 07-03 but posted on 07-08 counts from 07-03; the customer reassigned to another
     * collector on 07-13 was the first collector's before. SGD: no other test uses it.
     */
    @Test
    void theDashboardOfAPastDateAgreesWithTheCaseViewOfThatDate() {
        String collector = collector();
        String customerId = customerOf(collector);
        clockAt(LocalDate.of(2026, 6, 25));
        String number = createInvoice(customerId, "2000.00", "SGD", LocalDate.of(2026, 6, 1), LocalDate.of(2026, 7, 1));
        clockAt(LocalDate.of(2026, 7, 2));
        runDueJobsOfCase(number);
        clockAt(LocalDate.of(2026, 7, 5));
        String bounced = pay(number, "500.00", "SGD", LocalDate.of(2026, 7, 5));
        clockAt(LocalDate.of(2026, 7, 8));
        pay(number, "300.00", "SGD", LocalDate.of(2026, 7, 3));
        Response credit = post(FINANCE, "/api/invoices/" + number + "/credit-notes", Map.of("creditNoteNumber",
            unique("CN"), "amount", "100.00", "issuedOn", "2026-07-04", "reason", "short delivery"));
        assertThat(credit.status()).as(credit.raw()).isEqualTo(201);
        Response dispute = post(COLLECTOR, "/api/invoices/" + number + "/disputes",
            Map.of("category", "QUALITY", "amount", "200.00", "description", "one pallet damaged"));
        assertThat(dispute.status()).as(dispute.raw()).isEqualTo(201);
        clockAt(LocalDate.of(2026, 7, 10));
        Response reversed = post(FINANCE, "/api/payments/" + bounced + "/reversal",
            Map.of("reversedOn", "2026-07-10", "reason", "returned by the bank"));
        assertThat(reversed.status()).as(reversed.raw()).isEqualTo(200);
        runDueJobsOfCase(number);
        // the customer goes to another collector on 07-13: the figures of earlier dates stay with the first one
        clockAt(LocalDate.of(2026, 7, 13));
        String successor = collector();
        Response reassigned = exchange(SUPERVISOR, org.springframework.http.HttpMethod.PATCH,
            "/api/customers/" + customerId, Map.of("collector", successor),
            org.springframework.http.MediaType.APPLICATION_JSON);
        assertThat(reassigned.status()).as(reassigned.raw()).isEqualTo(200);
        clockAt(LocalDate.of(2026, 7, 14));
        assertThat(openCasesPerStage(LocalDate.of(2026, 7, 14), successor)).as("today: the new owner's")
            .isEqualTo(Map.of("INTERNAL_REMINDER", 1));
        assertThat(openCasesPerStage(LocalDate.of(2026, 7, 14), collector)).isEmpty();

        for (Object[] expected : new Object[][] {{LocalDate.of(2026, 7, 9), "800.00"}, {LocalDate.of(2026, 7, 12), "300.00"}}) {
            LocalDate asOf = (LocalDate) expected[0];
            BigDecimal collected = new BigDecimal((String) expected[1]);
            JsonNode view = get(INTEGRATION, "/api/invoices/" + number + "?asOf=" + asOf).body();
            JsonNode statementLine = get(INTEGRATION, "/api/customers/" + customerId + "/statement?asOf=" + asOf)
                .body().path("invoices").get(0);
            JsonNode dashboard = dashboard(asOf);

            assertThat(statementLine.path("paid").decimalValue()).as("the statement's paid, as of " + asOf)
                .isEqualByComparingTo(collected);
            JsonNode mine = null;
            for (JsonNode line : dashboard.path("collectorReport").path("collectors")) {
                if (line.path("collector").asText().equals(collector)) {
                    mine = line;
                }
            }
            assertThat(mine).as("as of " + asOf).isNotNull();
            assertThat(mine.path("collected")).as("as of " + asOf).singleElement().satisfies(m -> {
                assertThat(m.path("currency").asText()).isEqualTo("SGD");
                assertThat(m.path("amount").decimalValue()).isEqualByComparingTo(collected);
            });
            assertThat(mine.path("openCasesPerStage").path(view.path("stage").asText()).asInt()).isEqualTo(1);
            assertThat(collectedPerStage(dashboard, "SGD")).as("as of " + asOf)
                .isEqualTo(Map.of("INTERNAL_REMINDER", collected));
            BigDecimal july = null;
            for (JsonNode m : dashboard.path("collectedPerMonth")) {
                if (m.path("currency").asText().equals("SGD") && m.path("month").asText().equals("2026-07")) {
                    july = m.path("amount").decimalValue();
                }
            }
            assertThat(july).as("collected in July, as of " + asOf).isEqualByComparingTo(collected);
            JsonNode sgd = null;
            for (JsonNode c : dashboard.path("aging").path("currencies")) {
                if (c.path("currency").asText().equals("SGD")) {
                    sgd = c;
                }
            }
            assertThat(sgd).as("as of " + asOf).isNotNull();
            assertThat(sgd.path("total").decimalValue()).as("ageing total = the case's outstanding, as of " + asOf)
                .isEqualByComparingTo(view.path("outstanding").path("total").decimalValue());
            for (JsonNode s : sgd.path("stages")) {
                assertThat(s.path("invoiceCount").asInt()).as(s.toString())
                    .isEqualTo(s.path("stage").asText().equals(view.path("stage").asText()) ? 1 : 0);
            }
        }
    }

    /**
     * A case OPEN on a date but owing 0.00 then is no open receivable: the collector report's open cases count only
     * what the ageing report counts (something unpaid as of the date). Here the 800.00 dated 09-01 was posted on
     * 09-05 (the case closed then): as of 09-02 the case was still OPEN in its history, but its statement of 09-02
     * owes nothing, so only the other invoice is open.
     */
    @Test
    void aCaseOpenButOwingNothingIsNoOpenCaseOfTheCollector() {
        String collector = collector();
        String customerId = customerOf(collector);
        clockAt(LocalDate.of(2026, 9, 1));
        String paid = createInvoice(customerId, "800.00", "MOP", LocalDate.of(2026, 8, 20), LocalDate.of(2026, 9, 20));
        createInvoice(customerId, "300.00", "MOP", LocalDate.of(2026, 8, 20), LocalDate.of(2026, 9, 20));
        clockAt(LocalDate.of(2026, 9, 5));
        pay(paid, "800.00", LocalDate.of(2026, 9, 1));
        JsonNode then = get(INTEGRATION, "/api/invoices/" + paid + "?asOf=2026-09-02").body();
        assertThat(then.path("outstanding").path("total").decimalValue()).isEqualByComparingTo("0.00");

        assertThat(openCasesPerStage(LocalDate.of(2026, 9, 2), collector)).as("a past date")
            .isEqualTo(Map.of("PRE_DUE", 1));
        assertThat(openCasesPerStage(LocalDate.of(2026, 9, 5), collector)).as("today").isEqualTo(Map.of("PRE_DUE", 1));
    }

    /**
     * The collected figures are the replay's split (the statements' paid), not the split recorded when a payment was
     * posted. Invoices A 1000.00 (due 10-31) and B 300.00 (due 11-15), THB (no other test uses it), nothing due yet
     * so no interest. P1 1000.00 for the customer (no invoice number) dated and posted 10-20: oldest due first, all to
     * A. P2 1000.00 dated 09-28, posted on 10-22: the replay puts P2 on A (1000.00) first, so P1 pays B 300.00 and
     * 700.00 is held as the customer's credit. Collected as of 10-21 and 10-22: 1000.00 in September (P2 on A),
     * 300.00 in October (P1 on B), 1300.00 in all under PRE_DUE and for the collector; the split recorded when P1
     * was posted (1000.00 on A) would give 2000.00.
     */
    @Test
    void collectedFiguresAreTheReplaysSplitOfABackDatedCustomerPayment() {
        String collector = collector();
        String customerId = customerOf(collector);
        clockAt(LocalDate.of(2026, 9, 1));
        String a = createInvoice(customerId, "1000.00", "THB", LocalDate.of(2026, 9, 1), LocalDate.of(2026, 10, 31));
        String b = createInvoice(customerId, "300.00", "THB", LocalDate.of(2026, 9, 1), LocalDate.of(2026, 11, 15));
        clockAt(LocalDate.of(2026, 10, 20));
        String p1 = payCustomer(customerId, "1000.00", "THB", LocalDate.of(2026, 10, 20));
        clockAt(LocalDate.of(2026, 10, 22));
        String p2 = payCustomer(customerId, "1000.00", "THB", LocalDate.of(2026, 9, 28));

        for (LocalDate asOf : List.of(LocalDate.of(2026, 10, 21), LocalDate.of(2026, 10, 22))) {
            // the statement: P1 on B (300.00), the rest held as credit; A (paid by P2 alone) owes nothing, not listed
            JsonNode statement = get(INTEGRATION, "/api/customers/" + customerId + "/statement?asOf=" + asOf).body();
            JsonNode first = null;
            for (JsonNode p : statement.path("payments")) {
                if (p.path("paymentReference").asText().equals(p1)) {
                    first = p;
                }
                if (p.path("paymentReference").asText().equals(p2)) {
                    assertThat(p.path("applied")).singleElement()
                        .satisfies(x -> assertThat(x.path("invoiceNumber").asText()).isEqualTo(a));
                }
            }
            assertThat(first).as("P1 on the statement of " + asOf).isNotNull();
            assertThat(first.path("heldAsCredit").decimalValue()).isEqualByComparingTo("700.00");
            assertThat(first.path("applied")).singleElement().satisfies(x -> {
                assertThat(x.path("invoiceNumber").asText()).isEqualTo(b);
                assertThat(x.path("amount").decimalValue()).isEqualByComparingTo("300.00");
            });
            for (JsonNode line : statement.path("invoices")) {
                assertThat(line.path("invoiceNumber").asText()).as("A and B owe nothing").isNotIn(a, b);
            }

            JsonNode dashboard = dashboard(asOf);
            Map<String, BigDecimal> months = new TreeMap<>();
            for (JsonNode m : dashboard.path("collectedPerMonth")) {
                if (m.path("currency").asText().equals("THB") && m.path("amount").decimalValue().signum() != 0) {
                    months.put(m.path("month").asText(), m.path("amount").decimalValue());
                }
            }
            assertThat(months).as("collected per month as of " + asOf).isEqualTo(Map.of(
                "2026-09", new BigDecimal("1000.00"), "2026-10", new BigDecimal("300.00")));
            assertThat(collectedPerStage(dashboard, "THB")).as("collected per stage as of " + asOf)
                .isEqualTo(Map.of("PRE_DUE", new BigDecimal("1300.00")));
            JsonNode mine = null;
            for (JsonNode line : dashboard.path("collectorReport").path("collectors")) {
                if (line.path("collector").asText().equals(collector)) {
                    mine = line;
                }
            }
            assertThat(mine).as("as of " + asOf).isNotNull();
            assertThat(mine.path("collected")).as("the collector's, as of " + asOf).singleElement().satisfies(m -> {
                assertThat(m.path("currency").asText()).isEqualTo("THB");
                assertThat(m.path("amount").decimalValue()).isEqualByComparingTo("1300.00");
            });
        }
    }

    /**
     * A credit note on A dated before a customer payment that paid A in full, posted after it: the replay takes the
     * note first (A owes 1,000.00 - 400.00 = 600.00), so the payment pays A 600.00, B (due later) 300.00 and holds
     * 100.00 as credit. The collected figures follow that split (900.00, not the 1,000.00 recorded on A when the
     * payment was posted), as the statements' {@code paid} does. NZD: no other test uses it.
     */
    @Test
    void collectedFiguresAreTheReplaysSplitAfterABackDatedCreditNote() {
        String collector = collector();
        String customerId = customerOf(collector);
        clockAt(LocalDate.of(2026, 9, 1));
        String a = createInvoice(customerId, "1000.00", "NZD", LocalDate.of(2026, 9, 1), LocalDate.of(2026, 10, 31));
        String b = createInvoice(customerId, "300.00", "NZD", LocalDate.of(2026, 9, 1), LocalDate.of(2026, 11, 15));
        clockAt(LocalDate.of(2026, 10, 20));
        String p1 = payCustomer(customerId, "1000.00", "NZD", LocalDate.of(2026, 10, 20));
        clockAt(LocalDate.of(2026, 10, 22));
        Response note = post(INTEGRATION, "/api/invoices/" + a + "/credit-notes", Map.of("creditNoteNumber",
            unique("CN"), "amount", "400.00", "issuedOn", "2026-10-01", "reason", "goods returned"));
        assertThat(note.status()).as(note.raw()).isEqualTo(201);

        LocalDate asOf = LocalDate.of(2026, 10, 22);
        JsonNode statement = get(INTEGRATION, "/api/customers/" + customerId + "/statement?asOf=" + asOf).body();
        Map<String, BigDecimal> paid = new TreeMap<>();
        BigDecimal held = null;
        for (JsonNode p : statement.path("payments")) {
            if (p.path("paymentReference").asText().equals(p1)) {
                held = p.path("heldAsCredit").decimalValue();
                for (JsonNode x : p.path("applied")) {
                    paid.merge(x.path("invoiceNumber").asText(), x.path("amount").decimalValue(), BigDecimal::add);
                }
            }
        }
        assertThat(held).as(statement.toString()).isEqualByComparingTo("100.00");
        assertThat(paid.get(a)).as(statement.toString()).isEqualByComparingTo("600.00");
        assertThat(paid.get(b)).as(statement.toString()).isEqualByComparingTo("300.00");

        JsonNode dashboard = dashboard(asOf);
        Map<String, BigDecimal> months = new TreeMap<>();
        for (JsonNode m : dashboard.path("collectedPerMonth")) {
            if (m.path("currency").asText().equals("NZD") && m.path("amount").decimalValue().signum() != 0) {
                months.put(m.path("month").asText(), m.path("amount").decimalValue());
            }
        }
        assertThat(months).as("collected per month").isEqualTo(Map.of("2026-10", new BigDecimal("900.00")));
        assertThat(collectedPerStage(dashboard, "NZD")).as("collected per stage")
            .isEqualTo(Map.of("PRE_DUE", new BigDecimal("900.00")));
        JsonNode mine = null;
        for (JsonNode line : dashboard.path("collectorReport").path("collectors")) {
            if (line.path("collector").asText().equals(collector)) {
                mine = line;
            }
        }
        assertThat(mine).isNotNull();
        assertThat(mine.path("collected")).as("the collector's").singleElement().satisfies(m -> {
            assertThat(m.path("currency").asText()).isEqualTo("NZD");
            assertThat(m.path("amount").decimalValue()).isEqualByComparingTo("900.00");
        });
    }

    /**
     * Money held as the customer's credit pays an invoice registered afterwards. A 1000.00 AUD (due 04-30; AUD: no
     * other test uses it, nothing is due so no interest). P 1500.00 for the customer, dated and posted 03-10: A
     * 1000.00, 500.00 held as credit (so recorded when P was posted). B 800.00 issued and registered 03-20 (due
     * 05-31): the replay pays B 500.00 out of the credit on its issue date, as the statement shows; the allocations
     * recorded when P was posted still hold it as credit. As of 03-15: 1000.00 collected (the statement holds
     * 500.00); as of 03-25: 1500.00, all in March (P's value date), under PRE_DUE, for the collector.
     */
    @Test
    void creditHeldThatPaysAnInvoiceRegisteredLaterIsCollectedFromThen() {
        String collector = collector();
        String customerId = customerOf(collector);
        clockAt(LocalDate.of(2026, 3, 1));
        String a = createInvoice(customerId, "1000.00", "AUD", LocalDate.of(2026, 3, 1), LocalDate.of(2026, 4, 30));
        clockAt(LocalDate.of(2026, 3, 10));
        String p = payCustomer(customerId, "1500.00", "AUD", LocalDate.of(2026, 3, 10));
        clockAt(LocalDate.of(2026, 3, 20));
        String b = createInvoice(customerId, "800.00", "AUD", LocalDate.of(2026, 3, 20), LocalDate.of(2026, 5, 31));
        clockAt(LocalDate.of(2026, 3, 25));

        LocalDate before = LocalDate.of(2026, 3, 15);
        assertThat(statementSplit(customerId, p, before)).as("the statement of " + before)
            .isEqualTo(Map.of(a, new BigDecimal("1000.00"), "heldAsCredit", new BigDecimal("500.00")));
        assertCollected(dashboard(before), "AUD", collector, Map.of("2026-03", new BigDecimal("1000.00")),
            Map.of("PRE_DUE", new BigDecimal("1000.00")), new BigDecimal("1000.00"));

        LocalDate after = LocalDate.of(2026, 3, 25);
        assertThat(statementSplit(customerId, p, after)).as("the statement of " + after)
            .isEqualTo(Map.of(a, new BigDecimal("1000.00"), b, new BigDecimal("500.00"),
                "heldAsCredit", new BigDecimal("0.00")));
        assertCollected(dashboard(after), "AUD", collector, Map.of("2026-03", new BigDecimal("1500.00")),
            Map.of("PRE_DUE", new BigDecimal("1500.00")), new BigDecimal("1500.00"));
    }

    /**
     * A fee line booked after a payment but dated before it (a daily job that booked the day's fee late): the replay
     * charges it before the payment, so the payment's split moves. CAD (no other test uses it), CN statutory LPR
     * 3.00% x 1.5 = 4.5% a year. A 1000.00 (due 02-10, at the internal reminder from 02-11), B 500.00 (due 03-31,
     * PRE_DUE). P 1200.00 for the customer, dated and posted 02-15: A owes 1000.00 + interest 02-11..02-15, 5 days:
     * 1000.00 x 0.045 x 5 / 365 = 0.6164 -> 0.62, so A 1000.62 and B 199.38 (recorded so). Fee 50.00 on A dated 02-14,
     * booked 02-16: the replay charges it first, so P pays A 1050.62 and B 149.38, as the statement of 02-16 shows
     * and the collected figures per stage must too (the recorded split would give 1000.62 and 199.38).
     */
    @Test
    void aFeeBookedAfterAPaymentButDatedBeforeItMovesTheCollectedSplit() {
        String collector = collector();
        String customerId = customerOf(collector);
        clockAt(LocalDate.of(2026, 2, 1));
        String a = createInvoice(customerId, "1000.00", "CAD", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 2, 10));
        String b = createInvoice(customerId, "500.00", "CAD", LocalDate.of(2026, 2, 1), LocalDate.of(2026, 3, 31));
        clockAt(LocalDate.of(2026, 2, 12));
        runDueJobsOfCase(a);
        assertThat(stage(a, LocalDate.of(2026, 2, 12))).isEqualTo("INTERNAL_REMINDER");
        clockAt(LocalDate.of(2026, 2, 15));
        String p = payCustomer(customerId, "1200.00", "CAD", LocalDate.of(2026, 2, 15));
        clockAt(LocalDate.of(2026, 2, 16));
        assertThat(ledger.append(com.collectwise.money.LedgerEntry.of(a, com.collectwise.money.LedgerEntryType.FEE,
            com.collectwise.money.Component.FEES, com.collectwise.money.Money.of(new BigDecimal("50.00"), "CAD"),
            LocalDate.of(2026, 2, 14), "daily fee job", "overdue reminder fee", null, unique("FEE")))).isTrue();

        LocalDate asOf = LocalDate.of(2026, 2, 16);
        assertThat(statementSplit(customerId, p, asOf)).as("the statement of " + asOf)
            .isEqualTo(Map.of(a, new BigDecimal("1050.62"), b, new BigDecimal("149.38"),
                "heldAsCredit", new BigDecimal("0.00")));
        assertCollected(dashboard(asOf), "CAD", collector, Map.of("2026-02", new BigDecimal("1200.00")),
            Map.of("INTERNAL_REMINDER", new BigDecimal("1050.62"), "PRE_DUE", new BigDecimal("149.38")),
            new BigDecimal("1200.00"));
    }

    /**
     * A payment posted late whose posting already paid, out of what it left as credit, an invoice issued between its
     * value date and its posting. PLN (no other test uses it), nothing due, no interest. A 1000.00 (due 07-31); B
     * 800.00 issued and registered 06-20 (due 08-31); P 1500.00 for the customer dated 06-10, posted 06-25: the
     * posting recorded A 1000.00 and B 500.00 (both dated 06-10). The replay of 06-15 holds 500.00 as credit (B is not
     * issued yet), as the statement of 06-15 shows: collected 1000.00 then (the recorded split would give 1500.00),
     * 1500.00 as of 06-25.
     */
    @Test
    void aPaymentPostedLateCountsWhatItsCreditPaidOnlyFromThatInvoicesIssueDate() {
        String collector = collector();
        String customerId = customerOf(collector);
        clockAt(LocalDate.of(2026, 6, 1));
        String a = createInvoice(customerId, "1000.00", "PLN", LocalDate.of(2026, 6, 1), LocalDate.of(2026, 7, 31));
        clockAt(LocalDate.of(2026, 6, 20));
        String b = createInvoice(customerId, "800.00", "PLN", LocalDate.of(2026, 6, 20), LocalDate.of(2026, 8, 31));
        clockAt(LocalDate.of(2026, 6, 25));
        String p = payCustomer(customerId, "1500.00", "PLN", LocalDate.of(2026, 6, 10));

        LocalDate before = LocalDate.of(2026, 6, 15);
        assertThat(statementSplit(customerId, p, before)).as("the statement of " + before)
            .isEqualTo(Map.of(a, new BigDecimal("1000.00"), "heldAsCredit", new BigDecimal("500.00")));
        assertCollected(dashboard(before), "PLN", collector, Map.of("2026-06", new BigDecimal("1000.00")),
            Map.of("PRE_DUE", new BigDecimal("1000.00")), new BigDecimal("1000.00"));
        LocalDate after = LocalDate.of(2026, 6, 25);
        assertThat(statementSplit(customerId, p, after)).as("the statement of " + after)
            .isEqualTo(Map.of(a, new BigDecimal("1000.00"), b, new BigDecimal("500.00"),
                "heldAsCredit", new BigDecimal("0.00")));
        assertCollected(dashboard(after), "PLN", collector, Map.of("2026-06", new BigDecimal("1500.00")),
            Map.of("PRE_DUE", new BigDecimal("1500.00")), new BigDecimal("1500.00"));
    }

    /**
     * An invoice registered after a customer payment but issued before it (the ERP sent it late) and due before the
     * invoice the payment paid: the replay pays it first. DKK (no other test uses it), CN statutory 4.5% a year. A
     * 1000.00 (due 04-01, at the internal reminder from 04-02); P 900.00 for the customer dated and posted 04-10: A's
     * interest 04-02..04-10, 9 days: 1000.00 x 0.045 x 9 / 365 = 1.1096 -> 1.11, so P pays A 900.00 (recorded so).
     * C 600.00 issued 03-01, due 03-31, registered 04-12: on 04-10 it owes 600.00 + 10 days of interest 600.00 x
     * 0.045 x 10 / 365 = 0.7397 -> 0.74, so the replay pays C 600.74 and A 299.26, as the statement of 04-12 shows.
     */
    @Test
    void anInvoiceRegisteredAfterAPaymentButIssuedBeforeItTakesItsShareOfTheCollectedMoney() {
        String collector = collector();
        String customerId = customerOf(collector);
        clockAt(LocalDate.of(2026, 3, 1));
        String a = createInvoice(customerId, "1000.00", "DKK", LocalDate.of(2026, 3, 1), LocalDate.of(2026, 4, 1));
        clockAt(LocalDate.of(2026, 4, 3));
        runDueJobsOfCase(a);
        assertThat(stage(a, LocalDate.of(2026, 4, 3))).isEqualTo("INTERNAL_REMINDER");
        clockAt(LocalDate.of(2026, 4, 10));
        String p = payCustomer(customerId, "900.00", "DKK", LocalDate.of(2026, 4, 10));
        clockAt(LocalDate.of(2026, 4, 12));
        String c = createInvoice(customerId, "600.00", "DKK", LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31));

        LocalDate asOf = LocalDate.of(2026, 4, 12);
        assertThat(statementSplit(customerId, p, asOf)).as("the statement of " + asOf)
            .isEqualTo(Map.of(c, new BigDecimal("600.74"), a, new BigDecimal("299.26"),
                "heldAsCredit", new BigDecimal("0.00")));
        // C, registered 12 days after its due date, is worked at the formal demand (from D+10) from its start
        assertCollected(dashboard(asOf), "DKK", collector, Map.of("2026-04", new BigDecimal("900.00")),
            Map.of("INTERNAL_REMINDER", new BigDecimal("299.26"), "FORMAL_DEMAND", new BigDecimal("600.74")),
            new BigDecimal("900.00"));
    }

    /**
     * Money kept unapplied (its invoice was not known yet) and applied when the invoice came counts from its value
     * date, before a payment posted while it waited. MXN (no other test uses it), nothing due, no interest. A 1000.00
     * (due 06-30). W 1500.00 naming X, dated and posted 05-05, kept (X unknown). P 800.00 for the customer dated and
     * posted 05-07: A 800.00 (recorded so). X 1000.00 issued and registered 05-08 (due 06-15): W is applied by its
     * value date, X 1000.00 and A 500.00; the replay pays P on A 500.00 and holds 300.00, as the statement of 05-08
     * shows (W paid only invoices settled by then, so it is not on it): collected 2000.00, not the recorded 2300.00.
     */
    @Test
    void moneyKeptUntilItsInvoiceCameCountsBeforeAPaymentPostedMeanwhile() {
        keptMoneyAndAPaymentPostedMeanwhile("MXN", LocalDate.of(2026, 5, 5));
    }

    /**
     * As above on one value date, INR (no other test uses it): W kept from 09:00 on 05-07, P posted at 11:00 that day.
     * The replay orders a day's payments by when they were posted, so W (posted first, applied on 05-08) comes
     * before P: collected 2000.00, not 2300.00.
     */
    @Test
    void moneyKeptUntilItsInvoiceCameCountsBeforeAPaymentOfTheSameDayPostedMeanwhile() {
        keptMoneyAndAPaymentPostedMeanwhile("INR", LocalDate.of(2026, 5, 7));
    }

    private void keptMoneyAndAPaymentPostedMeanwhile(String currency, LocalDate keptOn) {
        String collector = collector();
        String customerId = customerOf(collector);
        clockAt(LocalDate.of(2026, 5, 1));
        String a = createInvoice(customerId, "1000.00", currency, LocalDate.of(2026, 5, 1), LocalDate.of(2026, 6, 30));
        // kept at 09:00, P posted at 11:00 (the same day or later)
        ClockUtil.setCurrentTime(Date.from(ZonedDateTime.of(keptOn.atTime(9, 0), ZONE).toInstant()));
        String x = unique("INV");
        String w = unique("PAY");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("paymentReference", w);
        body.put("invoiceNumber", x);
        body.put("customerId", customerId);
        body.put("amount", "1500.00");
        body.put("currency", currency);
        body.put("receivedOn", keptOn.toString());
        body.put("method", "BANK_TRANSFER");
        Response kept = post(INTEGRATION, "/api/payments", body);
        assertThat(kept.status()).as(kept.raw()).isEqualTo(202);
        ClockUtil.setCurrentTime(Date.from(ZonedDateTime.of(LocalDate.of(2026, 5, 7).atTime(11, 0), ZONE).toInstant()));
        String p = payCustomer(customerId, "800.00", currency, LocalDate.of(2026, 5, 7));
        clockAt(LocalDate.of(2026, 5, 8));
        Response registered = post(INTEGRATION, "/api/invoices", Map.of("invoiceNumber", x, "customerId", customerId,
            "issueDate", "2026-05-08", "dueDate", "2026-06-15", "amount", "1000.00", "currency", currency));
        assertThat(registered.status()).as(registered.raw()).isEqualTo(201);

        LocalDate asOf = LocalDate.of(2026, 5, 8);
        assertThat(statementSplit(customerId, p, asOf)).as("the statement of " + asOf)
            .isEqualTo(Map.of(a, new BigDecimal("500.00"), "heldAsCredit", new BigDecimal("300.00")));
        // A's 1000.00 (W 500.00, P 500.00) under PRE_DUE; X, settled by W at its registration, counts under the
        // stage it was registered for (pre-due: due 06-15), never under CLOSED: 2000.00 in all, all PRE_DUE
        JsonNode dashboard = dashboard(asOf);
        assertCollected(dashboard, currency, collector, Map.of("2026-05", new BigDecimal("2000.00")), null,
            new BigDecimal("2000.00"));
        Map<String, BigDecimal> stages = collectedPerStage(dashboard, currency);
        assertThat(stages).isEqualTo(Map.of("PRE_DUE", new BigDecimal("2000.00")));
    }

    /**
     * A credit note dated after a payment that paid its invoice: the replay takes a credit note off its invoice from
     * the due date, so in every statement as of its date or later the payment paid the invoice only what the note
     * left. CZK (no other test uses it), nothing due, no interest. A 1000.00 (due 08-31), B 300.00 (due 09-15). P
     * 1000.00 for the customer dated and posted 07-20: A 1000.00 (recorded so). Credit note 400.00 on A dated and
     * booked 07-25: as of 07-25 the replay pays A 600.00, B 300.00 and holds 100.00, as the statement shows: collected
     * 900.00, not the recorded 1000.00; as of 07-22, 1000.00 on A.
     */
    @Test
    void aCreditNoteDatedAfterAPaymentMovesItsSplitFromTheNotesDate() {
        String collector = collector();
        String customerId = customerOf(collector);
        clockAt(LocalDate.of(2026, 7, 1));
        String a = createInvoice(customerId, "1000.00", "CZK", LocalDate.of(2026, 7, 1), LocalDate.of(2026, 8, 31));
        String b = createInvoice(customerId, "300.00", "CZK", LocalDate.of(2026, 7, 1), LocalDate.of(2026, 9, 15));
        clockAt(LocalDate.of(2026, 7, 20));
        String p = payCustomer(customerId, "1000.00", "CZK", LocalDate.of(2026, 7, 20));
        clockAt(LocalDate.of(2026, 7, 25));
        Response note = post(INTEGRATION, "/api/invoices/" + a + "/credit-notes", Map.of("creditNoteNumber",
            unique("CN"), "amount", "400.00", "issuedOn", "2026-07-25", "reason", "goods returned"));
        assertThat(note.status()).as(note.raw()).isEqualTo(201);

        LocalDate before = LocalDate.of(2026, 7, 22);
        // P paid only A, settled then, and held nothing: not on the statement, which lists B alone (300.00)
        JsonNode then = get(INTEGRATION, "/api/customers/" + customerId + "/statement?asOf=" + before).body();
        assertThat(then.path("payments")).as(then.toString()).isEmpty();
        assertThat(then.path("invoices")).as(then.toString()).singleElement().satisfies(line -> {
            assertThat(line.path("invoiceNumber").asText()).isEqualTo(b);
            assertThat(line.path("total").decimalValue()).isEqualByComparingTo("300.00");
        });
        assertCollected(dashboard(before), "CZK", collector, Map.of("2026-07", new BigDecimal("1000.00")),
            Map.of("PRE_DUE", new BigDecimal("1000.00")), new BigDecimal("1000.00"));
        LocalDate after = LocalDate.of(2026, 7, 25);
        assertThat(statementSplit(customerId, p, after)).as("the statement of " + after)
            .isEqualTo(Map.of(a, new BigDecimal("600.00"), b, new BigDecimal("300.00"),
                "heldAsCredit", new BigDecimal("100.00")));
        assertCollected(dashboard(after), "CZK", collector, Map.of("2026-07", new BigDecimal("900.00")),
            Map.of("PRE_DUE", new BigDecimal("900.00")), new BigDecimal("900.00"));
    }

    /**
     * A payment posted after another one's reversal but dated before the reversal: it was split without the reversed
     * one, while the statements of dates before the reversal still count that one. MYR (no other test uses it),
     * nothing due, no interest. A 1000.00 (due 08-31). R 600.00 on A dated and posted 07-05, reversed on 07-10. P
     * 700.00 for the customer dated 07-08, posted 07-12: A 700.00 (recorded so, R gone). As of 07-09 the replay pays A
     * R's 600.00 and P's 400.00 and holds 300.00 of P, as the statement shows: collected 1000.00, not 1300.00; as of
     * 07-12, P's 700.00 on A.
     */
    @Test
    void aPaymentPostedAfterAnotherOnesReversalIsSplitWithItBeforeTheReversal() {
        String collector = collector();
        String customerId = customerOf(collector);
        clockAt(LocalDate.of(2026, 7, 1));
        String a = createInvoice(customerId, "1000.00", "MYR", LocalDate.of(2026, 7, 1), LocalDate.of(2026, 8, 31));
        clockAt(LocalDate.of(2026, 7, 5));
        String r = pay(a, "600.00", "MYR", LocalDate.of(2026, 7, 5));
        clockAt(LocalDate.of(2026, 7, 10));
        Response reversed = post(FINANCE, "/api/payments/" + r + "/reversal",
            Map.of("reversedOn", "2026-07-10", "reason", "returned by the bank"));
        assertThat(reversed.status()).as(reversed.raw()).isEqualTo(200);
        clockAt(LocalDate.of(2026, 7, 12));
        String p = payCustomer(customerId, "700.00", "MYR", LocalDate.of(2026, 7, 8));

        LocalDate before = LocalDate.of(2026, 7, 9);
        assertThat(statementSplit(customerId, p, before)).as("the statement of " + before)
            .isEqualTo(Map.of(a, new BigDecimal("400.00"), "heldAsCredit", new BigDecimal("300.00")));
        assertCollected(dashboard(before), "MYR", collector, Map.of("2026-07", new BigDecimal("1000.00")),
            Map.of("PRE_DUE", new BigDecimal("1000.00")), new BigDecimal("1000.00"));
        LocalDate after = LocalDate.of(2026, 7, 12);
        assertThat(statementSplit(customerId, p, after)).as("the statement of " + after)
            .isEqualTo(Map.of(a, new BigDecimal("700.00"), "heldAsCredit", new BigDecimal("0.00")));
        assertCollected(dashboard(after), "MYR", collector, Map.of("2026-07", new BigDecimal("700.00")),
            Map.of("PRE_DUE", new BigDecimal("700.00")), new BigDecimal("700.00"));
    }

    /** The statement's split of the payment as of the date: per invoice applied, and what it holds as credit. */
    private Map<String, BigDecimal> statementSplit(String customerId, String paymentReference, LocalDate asOf) {
        JsonNode statement = get(INTEGRATION, "/api/customers/" + customerId + "/statement?asOf=" + asOf).body();
        Map<String, BigDecimal> split = new TreeMap<>();
        for (JsonNode p : statement.path("payments")) {
            if (p.path("paymentReference").asText().equals(paymentReference)) {
                split.put("heldAsCredit", p.path("heldAsCredit").decimalValue());
                for (JsonNode x : p.path("applied")) {
                    split.merge(x.path("invoiceNumber").asText(), x.path("amount").decimalValue(), BigDecimal::add);
                }
            }
        }
        assertThat(split).as(statement.toString()).isNotEmpty();
        return normalized(split);
    }

    /** The dashboard's collected figures in the currency: per month (not zero), per stage (unless null), the collector's. */
    private void assertCollected(JsonNode dashboard, String currency, String collector, Map<String, BigDecimal> months,
                                 Map<String, BigDecimal> stages, BigDecimal collectors) {
        Map<String, BigDecimal> perMonth = new TreeMap<>();
        for (JsonNode m : dashboard.path("collectedPerMonth")) {
            if (m.path("currency").asText().equals(currency) && m.path("amount").decimalValue().signum() != 0) {
                perMonth.put(m.path("month").asText(), m.path("amount").decimalValue());
            }
        }
        assertThat(normalized(perMonth)).as("collected per month").isEqualTo(normalized(months));
        if (stages != null) {
            assertThat(normalized(collectedPerStage(dashboard, currency))).as("collected per stage")
                .isEqualTo(normalized(stages));
        }
        JsonNode mine = null;
        for (JsonNode line : dashboard.path("collectorReport").path("collectors")) {
            if (line.path("collector").asText().equals(collector)) {
                mine = line;
            }
        }
        assertThat(mine).isNotNull();
        assertThat(mine.path("collected")).as("the collector's").singleElement().satisfies(m -> {
            assertThat(m.path("currency").asText()).isEqualTo(currency);
            assertThat(m.path("amount").decimalValue()).isEqualByComparingTo(collectors);
        });
    }

    private static Map<String, BigDecimal> normalized(Map<String, BigDecimal> amounts) {
        Map<String, BigDecimal> scaled = new TreeMap<>();
        amounts.forEach((k, v) -> scaled.put(k, v.setScale(2, java.math.RoundingMode.UNNECESSARY)));
        return scaled;
    }

    /** A payment for the customer, without an invoice number: it pays the oldest due invoices first. */
    private String payCustomer(String customerId, String amount, String currency, LocalDate receivedOn) {
        String reference = unique("PAY");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("paymentReference", reference);
        body.put("customerId", customerId);
        body.put("amount", amount);
        body.put("currency", currency);
        body.put("receivedOn", receivedOn.toString());
        body.put("method", "BANK_TRANSFER");
        Response paid = post(INTEGRATION, "/api/payments", body);
        assertThat(paid.status()).as(paid.raw()).isEqualTo(201);
        return reference;
    }

    /**
     * An invoice whose statutory rate is unknown (CNY, due before the rate tables start) was open on 2016-06-30 and
     * is paid today: the dashboard of 2016-06-30 still lists it under "interest rate unknown", as the case view of
     * that date shows it open with source UNKNOWN; today's dashboard no longer does.
     */
    @Test
    void anInvoiceSettledSinceIsStillAmongTheUnknownRatesOfADateItWasOpenOn() {
        String customerId = createCustomer();
        String number = createInvoice(customerId, "5000.00", "CNY", LocalDate.of(2015, 1, 1), LocalDate.of(2015, 1, 31));
        LocalDate asOf = LocalDate.of(2016, 6, 30);
        JsonNode then = get(INTEGRATION, "/api/invoices/" + number + "?asOf=" + asOf).body();
        assertThat(then.path("status").asText()).isEqualTo("OPEN");
        assertThat(then.path("interestBasis").path("source").asText()).isEqualTo("UNKNOWN");
        JsonNode owed = get(INTEGRATION, "/api/invoices/" + number).body().path("outstanding");
        pay(number, owed.path("total").decimalValue().toPlainString(), "CNY", today());
        runDueJobsOfCase(number);
        assertThat(get(INTEGRATION, "/api/invoices/" + number).body().path("status").asText()).isEqualTo("SETTLED");

        assertThat(unknownRateNumbers(asOf)).contains(number);
        assertThat(unknownRateNumbers(today())).doesNotContain(number);
    }

    private List<String> unknownRateNumbers(LocalDate asOf) {
        List<String> numbers = new java.util.ArrayList<>();
        dashboard(asOf).path("unknownRates").path("invoiceNumbers").forEach(n -> numbers.add(n.asText()));
        return numbers;
    }
}
