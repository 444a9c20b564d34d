package com.collectwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Scenarios an outside checker would run over the HTTP API: other numbers, other currencies (KWD, BHD, OMR 3
 * decimals; JPY, ISK 0), other orders of events. Every figure is computed by hand in the comment beside it (DOMAIN.md 5
 * and 6). The dashboard's figures are read only in currencies no other test uses (BHD, OMR, SEK, RSD, RON, TWD).
 */
public class MoneyFromOutsideApiTest extends ApiTestSupport {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    /** The invoices this test registered, with their amounts. */
    private final Map<String, String> registered = new LinkedHashMap<>();

    /**
     * The dashboard lists the 25 most overdue open cases of the shared database (DashboardApiTest looks for its own
     * among them): this test's invoices still open are credited in full once its figures are checked, so they leave
     * the open receivables (their payments become the customers' credit).
     */
    @AfterEach
    void closeOpenInvoicesAndResetClock() {
        try {
            registered.forEach((number, amount) -> {
                Response now = get(INTEGRATION, "/api/invoices/" + number);
                if (now.status() == 200 && now.body().path("status").asText().equals("OPEN")) {
                    post(FINANCE, "/api/invoices/" + number + "/credit-notes", Map.of("creditNoteNumber",
                        unique("CN"), "amount", amount, "issuedOn", today().toString(), "reason", "test closed"));
                }
            });
        } finally {
            ClockUtil.reset();
        }
    }

    private void clockAt(LocalDate day) {
        ClockUtil.setCurrentTime(Date.from(ZonedDateTime.of(day.atTime(10, 0), ZONE).toInstant()));
    }

    private String customer(String country, String segment) {
        String customerId = unique("C");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("customerId", customerId);
        body.put("name", "Outside " + customerId);
        body.put("segment", segment);
        body.put("country", country);
        body.put("collector", COLLECTOR);
        body.put("decisionMaker", "Ms. Li");
        Response created = post(INTEGRATION, "/api/customers", body);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return customerId;
    }

    private void invoiceNumbered(String number, String customerId, String amount, String currency, LocalDate issued,
                                 LocalDate due) {
        registered.put(number, amount);
        Response r = post(INTEGRATION, "/api/invoices", Map.of("invoiceNumber", number, "customerId", customerId,
            "issueDate", issued.toString(), "dueDate", due.toString(), "amount", amount, "currency", currency));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
    }

    private Map<String, Object> paymentBody(String reference, String invoiceNumber, String customerId, String amount,
                                            String currency, LocalDate receivedOn) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("paymentReference", reference);
        if (invoiceNumber != null) {
            body.put("invoiceNumber", invoiceNumber);
        }
        if (customerId != null) {
            body.put("customerId", customerId);
        }
        body.put("amount", amount);
        body.put("currency", currency);
        body.put("receivedOn", receivedOn.toString());
        body.put("method", "BANK_TRANSFER");
        return body;
    }

    private Response pay(String invoiceNumber, String customerId, String amount, String currency,
                         LocalDate receivedOn) {
        return post(INTEGRATION, "/api/payments",
            paymentBody(unique("PAY"), invoiceNumber, customerId, amount, currency, receivedOn));
    }

    private JsonNode view(String number, LocalDate asOf) {
        Response r = get(INTEGRATION, "/api/invoices/" + number + "?asOf=" + asOf);
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.body();
    }

    private BigDecimal total(String number, LocalDate asOf) {
        return view(number, asOf).path("outstanding").path("total").decimalValue();
    }

    private JsonNode dashboard(LocalDate asOf) {
        Response r = get(FINANCE, "/api/reports/dashboard?asOf=" + asOf);
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.body();
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

    /**
     * Money the bank feed posted before the ERP sent its invoice, that settles the invoice in the transaction that
     * registers it, counts under the stage the invoice was registered for, never under CLOSED (finance guide,
     * "Collected per stage"). BHD, 3 decimals. A 1,250.375 issued 03-01 due 03-31, paid 1,250.375 on its due date
     * (no interest: paid by the end of D), the payment posted 04-02 before A was known; A registered on 04-15
     * (D+15: the default policy for a 30-day term puts it at formal demand from D+10). B 480.250 issued 04-01 due
     * 05-31, paid in full 04-10 before it was known, registered 04-20 (pre-due). Both settle when registered.
     * Collected as of 04-20: 1,250.375 at formal demand, 480.250 pre-due; nothing under CLOSED.
     */
    @Test
    void moneyWaitingForItsInvoiceCountsUnderTheStageTheInvoiceWasRegisteredFor() {
        String customerId = customer("CN", "DOMESTIC");
        String a = unique("INV");
        String b = unique("INV");
        clockAt(LocalDate.of(2026, 4, 2));
        Response kept = pay(a, customerId, "1250.375", "BHD", LocalDate.of(2026, 3, 31));
        assertThat(kept.status()).as(kept.raw()).isEqualTo(202);
        clockAt(LocalDate.of(2026, 4, 10));
        Response keptB = pay(b, customerId, "480.250", "BHD", LocalDate.of(2026, 4, 10));
        assertThat(keptB.status()).as(keptB.raw()).isEqualTo(202);

        clockAt(LocalDate.of(2026, 4, 15));
        invoiceNumbered(a, customerId, "1250.375", "BHD", LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31));
        runDueJobsOfCase(a);
        clockAt(LocalDate.of(2026, 4, 20));
        invoiceNumbered(b, customerId, "480.250", "BHD", LocalDate.of(2026, 4, 1), LocalDate.of(2026, 5, 31));
        runDueJobsOfCase(b);

        assertThat(view(a, LocalDate.of(2026, 4, 20)).path("status").asText()).isEqualTo("SETTLED");
        assertThat(view(b, LocalDate.of(2026, 4, 20)).path("status").asText()).isEqualTo("SETTLED");
        assertThat(total(a, LocalDate.of(2026, 4, 20))).isEqualByComparingTo("0");
        assertThat(collectedPerStage(dashboard(LocalDate.of(2026, 4, 20)), "BHD")).isEqualTo(Map.of(
            "FORMAL_DEMAND", new BigDecimal("1250.375"), "PRE_DUE", new BigDecimal("480.250")));
    }

    private void assertOutstanding(String number, LocalDate asOf, String principal, String interest, String fees,
                                   String total) {
        JsonNode o = view(number, asOf).path("outstanding");
        assertThat(o.path("principal").decimalValue()).as("principal as of " + asOf + ": " + o)
            .isEqualByComparingTo(principal);
        assertThat(o.path("interest").decimalValue()).as("interest as of " + asOf + ": " + o)
            .isEqualByComparingTo(interest);
        assertThat(o.path("fees").decimalValue()).as("fees as of " + asOf + ": " + o).isEqualByComparingTo(fees);
        assertThat(o.path("total").decimalValue()).as("total as of " + asOf + ": " + o).isEqualByComparingTo(total);
    }

    private String invoiceWithRate(String customerId, String amount, String currency, LocalDate issued, LocalDate due,
                                   String ratePercent) {
        String number = unique("INV");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("invoiceNumber", number);
        body.put("customerId", customerId);
        body.put("issueDate", issued.toString());
        body.put("dueDate", due.toString());
        body.put("amount", amount);
        body.put("currency", currency);
        if (ratePercent != null) {
            body.put("contractInterestRatePercent", ratePercent);
        }
        registered.put(number, amount);
        Response r = post(INTEGRATION, "/api/invoices", body);
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return number;
    }

    private String paid(String invoiceNumber, String amount, String currency, LocalDate receivedOn) {
        String reference = unique("PAY");
        Response r = post(INTEGRATION, "/api/payments",
            paymentBody(reference, invoiceNumber, null, amount, currency, receivedOn));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return reference;
    }

    /**
     * CN statutory: one-year LPR on the due date x 1.5, not the LPR of each day. Due 2025-05-10 (LPR 3.10%; 3.00%
     * from 05-20): 4.65% for every day. 100,000.00 CNY. As of 05-20: 10 days x 100,000 x 0.0465 / 365 = 127.3973 ->
     * 127.40. 40,000.00 paid 05-25: interest 05-11..05-25 = 15 days = 191.0959 -> 191.10 first, principal 39,808.90,
     * so 60,191.10 from 05-26. As of 06-09: 191.0959 + 15 x 60,191.10 x 0.0465 / 365 (115.0227) = 306.1186 ->
     * 306.12, minus 191.10 paid = 115.02; total 60,306.12. The statement of 05-20 stays as it was.
     */
    @Test
    void cnStatutoryInterestKeepsTheLprOfTheDueDateAndAPaymentCutsPrincipalFromTheNextDay() {
        String customerId = customer("CN", "DOMESTIC");
        clockAt(LocalDate.of(2025, 5, 12));
        String number = invoiceWithRate(customerId, "100000.00", "CNY", LocalDate.of(2025, 4, 10),
            LocalDate.of(2025, 5, 10), null);
        clockAt(LocalDate.of(2025, 6, 9));
        paid(number, "40000.00", "CNY", LocalDate.of(2025, 5, 25));
        assertOutstanding(number, LocalDate.of(2025, 5, 20), "100000.00", "127.40", "0.00", "100127.40");
        assertOutstanding(number, LocalDate.of(2025, 5, 25), "60191.10", "0.00", "0.00", "60191.10");
        assertOutstanding(number, LocalDate.of(2025, 6, 9), "60191.10", "115.02", "0.00", "60306.12");
    }

    /**
     * A back-dated payment changes the split of a later one. JPY (0 decimals), contract 12%, 1,000,000 due 01-31.
     * P1 300,000 dated 03-02 posted 03-02; P2 200,000 dated 02-15 posted 03-05. In date order: P2 on 02-15:
     * interest 02-01..02-15 = 15 days x 1,000,000 x 0.12 / 365 = 4,931.5068 -> 4,932, principal 195,068 ->
     * 804,932. P1 on 03-02: 02-16..03-02 = 15 days x 804,932 x 0.12 / 365 = 3,969.5277; accrued 8,901.0345 ->
     * 8,901, interest 8,901 - 4,932 = 3,969, principal 296,031 -> 508,901. As of 03-31: 03-03..03-31 = 29 days x
     * 508,901 x 0.12 / 365 = 4,852.0013; accrued 13,753.0358 -> 13,753 - 8,901 paid = 4,852; total 513,753.
     * As of 03-01 (before P1): 14 days x 804,932 x 0.12 / 365 = 3,704.8925; 8,636.3993 -> 8,636 - 4,932 = 3,704;
     * total 808,636.
     */
    @Test
    void aBackDatedJpyPaymentChangesTheSplitOfTheLaterOne() {
        String customerId = customer("CN", "DOMESTIC");
        clockAt(LocalDate.of(2026, 1, 5));
        String number = invoiceWithRate(customerId, "1000000", "JPY", LocalDate.of(2026, 1, 1),
            LocalDate.of(2026, 1, 31), "12");
        clockAt(LocalDate.of(2026, 3, 2));
        paid(number, "300000", "JPY", LocalDate.of(2026, 3, 2));
        clockAt(LocalDate.of(2026, 3, 5));
        paid(number, "200000", "JPY", LocalDate.of(2026, 2, 15));
        clockAt(LocalDate.of(2026, 3, 31));
        assertOutstanding(number, LocalDate.of(2026, 2, 15), "804932", "0", "0", "804932");
        assertOutstanding(number, LocalDate.of(2026, 3, 1), "804932", "3704", "0", "808636");
        assertOutstanding(number, LocalDate.of(2026, 3, 31), "508901", "4852", "0", "513753");
    }

    /**
     * A bounced payment followed by another. KWD (3 decimals), contract 8%, 5,000.000 due 05-31. P1 2,000.000 dated
     * 06-10, P2 1,000.000 dated 06-20, P1 reversed on 06-25. As of 06-24 (before the reversal) P1 counts: P1: 10
     * days x 5,000 x 0.08 / 365 = 10.958904 -> 10.959, principal 1,989.041 -> 3,010.959; P2: 10 days x 3,010.959 x
     * 0.08 / 365 = 6.599362, accrued 17.558266 -> 17.558 - 10.959 = 6.599, principal 993.401 -> 2,017.558; 4 days x
     * 2,017.558 x 0.08 / 365 = 1.768818, accrued 19.327084 -> 19.327 - 17.558 = 1.769: total 2,019.327. As of
     * 06-30 P1 never was: P2: 20 days x 5,000 x 0.08 / 365 = 21.917808 -> 21.918, principal 978.082 -> 4,021.918;
     * 10 days x 4,021.918 x 0.08 / 365 = 8.815163, accrued 30.732971 -> 30.733 - 21.918 = 8.815: total 4,030.733.
     */
    @Test
    void aBouncedKwdPaymentFollowedByAnotherIsRecomputedAndPastStatementsStay() {
        String customerId = customer("CN", "DOMESTIC");
        clockAt(LocalDate.of(2026, 5, 2));
        String number = invoiceWithRate(customerId, "5000.000", "KWD", LocalDate.of(2026, 5, 1),
            LocalDate.of(2026, 5, 31), "8");
        clockAt(LocalDate.of(2026, 6, 10));
        String p1 = paid(number, "2000.000", "KWD", LocalDate.of(2026, 6, 10));
        clockAt(LocalDate.of(2026, 6, 20));
        paid(number, "1000.000", "KWD", LocalDate.of(2026, 6, 20));
        clockAt(LocalDate.of(2026, 6, 25));
        Response reversed = post(FINANCE, "/api/payments/" + p1 + "/reversal",
            Map.of("reversedOn", "2026-06-25", "reason", "returned by the bank"));
        assertThat(reversed.status()).as(reversed.raw()).isEqualTo(200);
        clockAt(LocalDate.of(2026, 6, 30));
        assertOutstanding(number, LocalDate.of(2026, 6, 24), "2017.558", "1.769", "0", "2019.327");
        assertOutstanding(number, LocalDate.of(2026, 6, 30), "4021.918", "8.815", "0", "4030.733");
    }

    /**
     * EU B2B (NL: ECB + 8 points, day by day per half-year) and the EUR 40. 20,000.00 EUR due 2025-06-20, no contract
     * rate. Invoice A unpaid: as of 07-10, 06-21..06-30 10 days at 3.15 + 8 = 11.15% (61.0959) and 07-01..07-10 10
     * days at 2.15 + 8 = 10.15% (55.6164) = 116.7123 -> 116.71; EUR 40; total 20,156.71. B paid in full on its due
     * date: nothing, no EUR 40. C 15,000.00 paid by the due date: as of 07-10 5,000 x (0.1115 x 10 + 0.1015 x 10) /
     * 365 = 29.1781 -> 29.18, EUR 40, total 5,069.18; 50.00 paid 07-10 pays the EUR 40 first, then 10.00 of interest:
     * principal 5,000.00, interest 19.18, fees 0.00, total 5,019.18.
     */
    @Test
    void euB2bInterestAcrossTheHalfYearAndTheEur40ByTheDueDate() {
        String customerId = customer("NL", "FOREIGN");
        clockAt(LocalDate.of(2025, 6, 1));
        LocalDate issued = LocalDate.of(2025, 5, 21);
        LocalDate due = LocalDate.of(2025, 6, 20);
        String a = invoiceWithRate(customerId, "20000.00", "EUR", issued, due, null);
        String b = invoiceWithRate(customerId, "20000.00", "EUR", issued, due, null);
        String c = invoiceWithRate(customerId, "20000.00", "EUR", issued, due, null);
        clockAt(due);
        paid(b, "20000.00", "EUR", due);
        paid(c, "15000.00", "EUR", due);
        clockAt(LocalDate.of(2025, 7, 10));
        assertOutstanding(a, LocalDate.of(2025, 7, 10), "20000.00", "116.71", "40.00", "20156.71");
        assertOutstanding(b, LocalDate.of(2025, 7, 10), "0.00", "0.00", "0.00", "0.00");
        assertOutstanding(c, LocalDate.of(2025, 6, 20), "5000.00", "0.00", "0.00", "5000.00");
        assertOutstanding(c, LocalDate.of(2025, 7, 10), "5000.00", "29.18", "40.00", "5069.18");
        paid(c, "50.00", "EUR", LocalDate.of(2025, 7, 10));
        assertOutstanding(c, LocalDate.of(2025, 7, 10), "5000.00", "19.18", "0.00", "5019.18");
    }

    /**
     * The EUR 40 of an ISK invoice (0 decimals) converted at the rate of the due date: 40 x 149.8125 = 5,992.5 ->
     * 5,993 ISK (HALF_UP). NL customer, contract 0% (the EUR 40 alone). A 500,000 paid on its due date 06-20: no
     * EUR 40. B 500,000 paid 500,000 the day after: the EUR 40 (dated 06-21) is paid first, 494,007 of principal:
     * 5,993 owed. A rate entered later for a later date changes nothing.
     */
    @Test
    void theEur40OfAnIskInvoicePaidTheDayAfterIsConvertedOnTheDueDateAndPaidFirst() {
        String customerId = customer("NL", "FOREIGN");
        clockAt(LocalDate.of(2025, 6, 1));
        Response rate = post(FINANCE, "/api/rates/fx", Map.of("currency", "ISK", "effectiveFrom", "2025-06-02",
            "unitsPerEur", "149.8125"));
        assertThat(rate.status()).as(rate.raw()).isEqualTo(201);
        LocalDate issued = LocalDate.of(2025, 5, 21);
        LocalDate due = LocalDate.of(2025, 6, 20);
        String a = invoiceWithRate(customerId, "500000", "ISK", issued, due, "0");
        String b = invoiceWithRate(customerId, "500000", "ISK", issued, due, "0");
        clockAt(due);
        paid(a, "500000", "ISK", due);
        clockAt(LocalDate.of(2025, 6, 21));
        paid(b, "500000", "ISK", LocalDate.of(2025, 6, 21));
        Response later = post(FINANCE, "/api/rates/fx", Map.of("currency", "ISK", "effectiveFrom", "2025-06-21",
            "unitsPerEur", "160.0000"));
        assertThat(later.status()).as(later.raw()).isEqualTo(201);
        clockAt(LocalDate.of(2025, 6, 30));
        assertOutstanding(a, LocalDate.of(2025, 6, 30), "0", "0", "0", "0");
        assertOutstanding(b, LocalDate.of(2025, 6, 30), "5993", "0", "0", "5993");
    }

    /**
     * A credit note reduces its invoice from the due date, also when posted after a payment: no interest ever on the
     * credited part. JPY, contract 12%, 1,000,000 due 03-01; 500,000 paid 03-31; note 200,000 issued and posted
     * 04-10. Replay: 800,000 from 03-02; 03-02..03-31 = 30 days x 800,000 x 0.12 / 365 = 7,890.4110 -> 7,890 paid
     * first, principal 492,110 -> 307,890 from 04-01; 04-01..04-30 30 days x 307,890 x 0.12 / 365 = 3,036.7233;
     * accrued 10,927.1342 -> 10,927 - 7,890 = 3,037; total as of 04-30 310,927.
     */
    @Test
    void aJpyCreditNotePostedAfterAPaymentEarnsNoInterestFromTheDueDate() {
        String customerId = customer("CN", "DOMESTIC");
        clockAt(LocalDate.of(2026, 2, 1));
        String number = invoiceWithRate(customerId, "1000000", "JPY", LocalDate.of(2026, 1, 30),
            LocalDate.of(2026, 3, 1), "12");
        clockAt(LocalDate.of(2026, 3, 31));
        paid(number, "500000", "JPY", LocalDate.of(2026, 3, 31));
        clockAt(LocalDate.of(2026, 4, 10));
        Response note = post(FINANCE, "/api/invoices/" + number + "/credit-notes", Map.of("creditNoteNumber",
            unique("CN"), "amount", "200000", "issuedOn", "2026-04-10", "reason", "short delivery"));
        assertThat(note.status()).as(note.raw()).isEqualTo(201);
        clockAt(LocalDate.of(2026, 4, 30));
        assertOutstanding(number, LocalDate.of(2026, 4, 30), "307890", "3037", "0", "310927");
    }

    /**
     * Replaying a payment reference: the same body is 200 and changes nothing, also after the money waited for its
     * invoice and was applied when the invoice came, and after the payment was reversed; the same reference with
     * another method or value date is 409.
     */
    @Test
    void replayingAPaymentReferenceAfterItWasAppliedOrReversed() {
        String customerId = customer("CN", "DOMESTIC");
        String number = unique("INV");
        String reference = unique("PAY");
        Map<String, Object> body = paymentBody(reference, number, customerId, "700.00", "CNY", today());
        Response kept = post(INTEGRATION, "/api/payments", body);
        assertThat(kept.status()).as(kept.raw()).isEqualTo(202);
        invoiceNumbered(number, customerId, "1000.00", "CNY", today().minusDays(10), today().plusDays(20));
        assertThat(total(number, today())).isEqualByComparingTo("300.00");

        Response again = post(INTEGRATION, "/api/payments", body);
        assertThat(again.status()).as(again.raw()).isEqualTo(200);
        assertThat(total(number, today())).isEqualByComparingTo("300.00");
        Map<String, Object> otherMethod = new LinkedHashMap<>(body);
        otherMethod.put("method", "CARD");
        assertProblem(post(INTEGRATION, "/api/payments", otherMethod), 409);
        Map<String, Object> otherDate = new LinkedHashMap<>(body);
        otherDate.put("receivedOn", today().minusDays(1).toString());
        assertProblem(post(INTEGRATION, "/api/payments", otherDate), 409);

        Response reversed = post(FINANCE, "/api/payments/" + reference + "/reversal",
            Map.of("reversedOn", today().toString(), "reason", "recalled"));
        assertThat(reversed.status()).as(reversed.raw()).isEqualTo(200);
        assertThat(total(number, today())).isEqualByComparingTo("1000.00");
        Response afterReversal = post(INTEGRATION, "/api/payments", body);
        assertThat(afterReversal.status()).as(afterReversal.raw()).isEqualTo(200);
        assertThat(total(number, today())).isEqualByComparingTo("1000.00");
    }

    private JsonNode statement(String customerId, LocalDate asOf) {
        Response r = get(INTEGRATION, "/api/customers/" + customerId + "/statement?asOf=" + asOf);
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.body();
    }

    private static JsonNode paymentLine(JsonNode statement, String reference) {
        for (JsonNode p : statement.path("payments")) {
            if (p.path("paymentReference").asText().equals(reference)) {
                return p;
            }
        }
        throw new AssertionError("no payment " + reference + " in " + statement);
    }

    private static Map<String, BigDecimal> collectedPerMonth(JsonNode dashboard, String currency) {
        Map<String, BigDecimal> months = new TreeMap<>();
        for (JsonNode m : dashboard.path("collectedPerMonth")) {
            if (m.path("currency").asText().equals(currency) && m.path("amount").decimalValue().signum() != 0) {
                months.put(m.path("month").asText(), m.path("amount").decimalValue());
            }
        }
        return months;
    }

    /**
     * HALF_UP once at the end: JPY 1,825 at a contract 10%: one day 1,825 x 0.10 / 365 = 0.5 -> 1 (HALF_EVEN would
     * say 0); five days 2.5 -> 3.
     */
    @Test
    void halfAYenOfInterestRoundsUp() {
        String customerId = customer("CN", "DOMESTIC");
        clockAt(LocalDate.of(2026, 2, 1));
        String number = invoiceWithRate(customerId, "1825", "JPY", LocalDate.of(2026, 1, 10),
            LocalDate.of(2026, 2, 9), "10");
        clockAt(LocalDate.of(2026, 2, 20));
        assertOutstanding(number, LocalDate.of(2026, 2, 10), "1825", "1", "0", "1826");
        assertOutstanding(number, LocalDate.of(2026, 2, 14), "1825", "3", "0", "1828");
    }

    /**
     * An overpayment's credit pays an invoice registered later but issued before the payment, from the payment's
     * value date (the replay, in date order). KWD. A 1,000.000 due 08-31. B 500.000 issued 07-01 due 07-31,
     * contract 10%, registered only on 09-15. P 1,400.000 naming A, dated and posted 08-20: A 1,000.000, 400.000
     * credit, which pays B on 08-20: interest 08-01..08-20 = 20 days x 500 x 0.10 / 365 = 2.739726 -> 2.740 first,
     * principal 397.260 -> 102.740 from 08-21; as of 09-15: 26 days x 102.740 x 0.10 / 365 = 0.731846, accrued
     * 3.471572 -> 3.472 - 2.740 = 0.732; total 103.472.
     */
    @Test
    void anOverpaymentsCreditPaysAnInvoiceRegisteredLaterFromThePaymentsValueDate() {
        String customerId = customer("CN", "DOMESTIC");
        clockAt(LocalDate.of(2026, 8, 1));
        String a = invoiceWithRate(customerId, "1000.000", "KWD", LocalDate.of(2026, 8, 1),
            LocalDate.of(2026, 8, 31), null);
        clockAt(LocalDate.of(2026, 8, 20));
        String p = paid(a, "1400.000", "KWD", LocalDate.of(2026, 8, 20));
        clockAt(LocalDate.of(2026, 9, 15));
        String b = invoiceWithRate(customerId, "500.000", "KWD", LocalDate.of(2026, 7, 1),
            LocalDate.of(2026, 7, 31), "10");
        assertOutstanding(a, LocalDate.of(2026, 9, 15), "0", "0", "0", "0");
        assertOutstanding(b, LocalDate.of(2026, 9, 15), "102.740", "0.732", "0", "103.472");
        JsonNode line = paymentLine(statement(customerId, LocalDate.of(2026, 9, 15)), p);
        assertThat(line.path("heldAsCredit").decimalValue()).as(line.toString()).isEqualByComparingTo("0");
    }

    /**
     * A credit note on an invoice paid in full: the payment paid more than the invoice now owes, the rest is the
     * customer's credit (shown on the customer and the statement), and only what the invoice took is collected.
     * SEK (no other test uses it). A 1,000.00 due 05-31 paid 1,000.00 on 05-20; note 250.00 issued and posted 06-05:
     * A owes 750.00 from its due date, paid 750.00, 250.00 held as credit; collected in May 750.00.
     */
    @Test
    void aCreditNoteOnAPaidInvoiceLeavesTheExcessAsCustomerCredit() {
        String customerId = customer("CN", "DOMESTIC");
        clockAt(LocalDate.of(2026, 5, 1));
        String a = invoiceWithRate(customerId, "1000.00", "SEK", LocalDate.of(2026, 5, 1),
            LocalDate.of(2026, 5, 31), null);
        clockAt(LocalDate.of(2026, 5, 20));
        String p = paid(a, "1000.00", "SEK", LocalDate.of(2026, 5, 20));
        clockAt(LocalDate.of(2026, 6, 5));
        Response note = post(FINANCE, "/api/invoices/" + a + "/credit-notes", Map.of("creditNoteNumber",
            unique("CN"), "amount", "250.00", "issuedOn", "2026-06-05", "reason", "price corrected"));
        assertThat(note.status()).as(note.raw()).isEqualTo(201);
        LocalDate asOf = LocalDate.of(2026, 6, 5);
        JsonNode line = paymentLine(statement(customerId, asOf), p);
        assertThat(line.path("heldAsCredit").decimalValue()).as(line.toString()).isEqualByComparingTo("250.00");
        JsonNode file = get(INTEGRATION, "/api/customers/" + customerId).body();
        assertThat(file.path("credit").path("SEK").decimalValue()).as(file.toString()).isEqualByComparingTo("250.00");
        assertOutstanding(a, asOf, "0.00", "0.00", "0.00", "0.00");
        assertThat(collectedPerMonth(dashboard(asOf), "SEK")).isEqualTo(Map.of("2026-05", new BigDecimal("750.00")));
    }

    /**
     * A payment without invoice number pays the oldest due invoice of its own currency first and never one in
     * another currency; money in a currency the customer has no invoice in is never collected. A 300.00 EUR due
     * 01-31 (oldest), B 400.00 UAH due 02-28, C 500.00 UAH due 03-31 (registered C before B; none due on 02-10, no
     * interest). P 600.00 UAH for the customer dated 02-10: B 400.00, C 200.00; A untouched. Q 50.00 TWD: no TWD
     * invoice, nothing collected in TWD.
     */
    @Test
    void aCustomerPaymentPaysItsOwnCurrencyOldestDueFirst() {
        String customerId = customer("CN", "DOMESTIC");
        clockAt(LocalDate.of(2026, 1, 5));
        String a = invoiceWithRate(customerId, "300.00", "EUR", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 31),
            "0");
        String c = invoiceWithRate(customerId, "500.00", "UAH", LocalDate.of(2026, 1, 2), LocalDate.of(2026, 3, 31),
            null);
        String b = invoiceWithRate(customerId, "400.00", "UAH", LocalDate.of(2026, 1, 3), LocalDate.of(2026, 2, 28),
            null);
        clockAt(LocalDate.of(2026, 2, 10));
        Response r = pay(null, customerId, "600.00", "UAH", LocalDate.of(2026, 2, 10));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        Response q = pay(null, customerId, "50.00", "TWD", LocalDate.of(2026, 2, 10));
        assertThat(q.status()).as(q.raw()).isIn(201, 202);
        assertOutstanding(a, LocalDate.of(2026, 2, 10), "300.00", "0.00", "0.00", "300.00");
        assertOutstanding(b, LocalDate.of(2026, 2, 10), "0.00", "0.00", "0.00", "0.00");
        assertOutstanding(c, LocalDate.of(2026, 2, 10), "300.00", "0.00", "0.00", "300.00");
        assertThat(collectedPerMonth(dashboard(LocalDate.of(2026, 2, 10)), "TWD")).isEmpty();
        JsonNode file = get(INTEGRATION, "/api/customers/" + customerId).body();
        assertThat(file.path("credit").path("UAH").decimalValue()).as(file.toString()).isEqualByComparingTo("0");
    }

    /**
     * France (ECB + 10 points) across H2 2022 (0.00%) into H1 2023 (2.50%): 10,000.00 EUR due 2022-12-20, no contract.
     * As of 2023-01-10: 12-21..12-31 11 days x 10% (30.1370) + 01-01..01-10 10 days x 12.5% (34.2466) = 64.3836 ->
     * 64.38; EUR 40; total 10,104.38.
     */
    @Test
    void franceEcbPlusTenAcrossTheTurnOf2023() {
        String customerId = customer("FR", "FOREIGN");
        clockAt(LocalDate.of(2022, 12, 1));
        String number = invoiceWithRate(customerId, "10000.00", "EUR", LocalDate.of(2022, 11, 20),
            LocalDate.of(2022, 12, 20), null);
        clockAt(LocalDate.of(2023, 1, 10));
        assertOutstanding(number, LocalDate.of(2023, 1, 10), "10000.00", "64.38", "40.00", "10104.38");
    }

    /**
     * Finance corrects a reference rate: an invoice the corrected rate shows paid in full is settled at once, not
     * left open (its case dunning for money not owed). ECB H2 2015 (before the seeded table; no other API test has an
     * EU invoice due then) entered as 5.05 by mistake, corrected to 0.05. France: ECB + 10. 10,000.00 EUR due
     * 2015-11-30, no contract. Paid 2016-01-05 (value date 2015-12-31) what is owed at the true rate: 12-01..12-31 31
     * days x 10,000 x 0.1005 / 365 = 85.3562 -> 85.36 + EUR 40 + 10,000.00 = 10,125.36. At 15.05%: 127.8219 ->
     * 127.82, total 10,167.82: fees, interest, then principal, so 42.46 of principal looked unpaid and the case
     * stayed open (plus 01-01..01-05 at 0.00 + 10% on it: 0.0582, accrued 127.8801 -> 127.88 - 127.82 = 0.06). After
     * the correction it owes 0.00 and is SETTLED.
     */
    @Test
    void aCorrectedReferenceRateThatShowsAnInvoicePaidSettlesIt() {
        String customerId = customer("FR", "FOREIGN");
        clockAt(LocalDate.of(2015, 11, 1));
        Response typo = post(FINANCE, "/api/rates/ecb", Map.of("effectiveFrom", "2015-07-01", "ratePercent", "5.05"));
        assertThat(typo.status()).as(typo.raw()).isEqualTo(201);
        String number = invoiceWithRate(customerId, "10000.00", "EUR", LocalDate.of(2015, 10, 31),
            LocalDate.of(2015, 11, 30), null);
        clockAt(LocalDate.of(2016, 1, 5));
        paid(number, "10125.36", "EUR", LocalDate.of(2015, 12, 31));
        assertOutstanding(number, LocalDate.of(2016, 1, 5), "42.46", "0.06", "0.00", "42.52");
        assertThat(view(number, LocalDate.of(2016, 1, 5)).path("status").asText()).isEqualTo("OPEN");

        Response corrected = post(FINANCE, "/api/rates/ecb", Map.of("effectiveFrom", "2015-07-01",
            "ratePercent", "0.05"));
        assertThat(corrected.status()).as(corrected.raw()).isEqualTo(201);
        assertOutstanding(number, LocalDate.of(2016, 1, 5), "0.00", "0.00", "0.00", "0.00");
        assertThat(view(number, LocalDate.of(2016, 1, 5)).path("status").asText()).isEqualTo("SETTLED");
    }

    /**
     * As above for the exchange rate of the EUR 40. HUF (no other test enters its rate), NL customer, contract 0%:
     * 100,000.00 HUF due 2025-03-31. Rate of 03-28 entered as 4,012.375 by mistake: EUR 40 = 160,495.00 HUF. Paid
     * 04-10 what is owed at the true 401.2375: 40 x 401.2375 = 16,049.50 + 100,000.00 = 116,049.50. With the typo
     * the money pays the fee first (116,049.50 of 160,495.00): 44,445.50 of fees and 100,000.00 look unpaid. Corrected
     * to 401.2375: fees 16,049.50 and principal 100,000.00 are paid, 0.00 owed, SETTLED.
     */
    @Test
    void aCorrectedExchangeRateThatShowsAnInvoicePaidSettlesIt() {
        String customerId = customer("NL", "FOREIGN");
        clockAt(LocalDate.of(2025, 3, 1));
        String number = invoiceWithRate(customerId, "100000.00", "HUF", LocalDate.of(2025, 3, 1),
            LocalDate.of(2025, 3, 31), "0");
        Response typo = post(FINANCE, "/api/rates/fx", Map.of("currency", "HUF", "effectiveFrom", "2025-03-28",
            "unitsPerEur", "4012.375"));
        assertThat(typo.status()).as(typo.raw()).isEqualTo(201);
        clockAt(LocalDate.of(2025, 4, 10));
        paid(number, "116049.50", "HUF", LocalDate.of(2025, 4, 10));
        assertOutstanding(number, LocalDate.of(2025, 4, 10), "100000.00", "0.00", "44445.50", "144445.50");

        Response corrected = post(FINANCE, "/api/rates/fx", Map.of("currency", "HUF", "effectiveFrom", "2025-03-28",
            "unitsPerEur", "401.2375"));
        assertThat(corrected.status()).as(corrected.raw()).isEqualTo(201);
        assertOutstanding(number, LocalDate.of(2025, 4, 10), "0.00", "0.00", "0.00", "0.00");
        assertThat(view(number, LocalDate.of(2025, 4, 10)).path("status").asText()).isEqualTo("SETTLED");
    }

    /**
     * After a rate correction the collected figures are the replay's, as the statement's: RON (no other test uses
     * it), NL customer, contract 0%, 50,000.00 RON due 2025-01-31. Rate of 01-30 entered as 49.7710 by mistake: EUR
     * 40 = 1,990.84 RON; the customer pays that total 51,990.84 on 02-10 (settled). Corrected to 4.9771: EUR 40 =
     * 199.084 -> 199.08; the invoice took 50,199.08, 1,791.76 is the customer's credit. Collected in February
     * 50,199.08 (not the 51,990.84 recorded at posting), as the statement's paid; the credit is on the customer.
     */
    @Test
    void afterARateCorrectionTheCollectedFiguresAreTheStatements() {
        String customerId = customer("NL", "FOREIGN");
        clockAt(LocalDate.of(2025, 1, 2));
        String number = invoiceWithRate(customerId, "50000.00", "RON", LocalDate.of(2025, 1, 1),
            LocalDate.of(2025, 1, 31), "0");
        Response typo = post(FINANCE, "/api/rates/fx", Map.of("currency", "RON", "effectiveFrom", "2025-01-30",
            "unitsPerEur", "49.7710"));
        assertThat(typo.status()).as(typo.raw()).isEqualTo(201);
        clockAt(LocalDate.of(2025, 2, 10));
        String p = paid(number, "51990.84", "RON", LocalDate.of(2025, 2, 10));
        assertThat(view(number, LocalDate.of(2025, 2, 10)).path("status").asText()).isEqualTo("SETTLED");

        Response corrected = post(FINANCE, "/api/rates/fx", Map.of("currency", "RON", "effectiveFrom", "2025-01-30",
            "unitsPerEur", "4.9771"));
        assertThat(corrected.status()).as(corrected.raw()).isEqualTo(201);
        LocalDate asOf = LocalDate.of(2025, 2, 10);
        assertOutstanding(number, asOf, "0.00", "0.00", "0.00", "0.00");
        JsonNode line = paymentLine(statement(customerId, asOf), p);
        assertThat(line.path("heldAsCredit").decimalValue()).as(line.toString()).isEqualByComparingTo("1791.76");
        assertThat(collectedPerMonth(dashboard(asOf), "RON")).isEqualTo(Map.of("2025-02", new BigDecimal("50199.08")));
    }

    /**
     * The LPR of the due date, at the boundary of a fixing: 3.00% from 2025-05-20, 3.10% before. 100,000.00 CNY due
     * 05-20: 4.5%, 30 days to 06-19: 100,000 x 0.045 x 30 / 365 = 369.8630 -> 369.86. Due 05-19: 4.65%, 30 days to
     * 06-18: 382.1918 -> 382.19.
     */
    @Test
    void theLprOfTheDueDateAtTheDayOfAFixing() {
        String customerId = customer("CN", "DOMESTIC");
        clockAt(LocalDate.of(2025, 5, 1));
        String onFixing = invoiceWithRate(customerId, "100000.00", "CNY", LocalDate.of(2025, 4, 20),
            LocalDate.of(2025, 5, 20), null);
        String dayBefore = invoiceWithRate(customerId, "100000.00", "CNY", LocalDate.of(2025, 4, 19),
            LocalDate.of(2025, 5, 19), null);
        clockAt(LocalDate.of(2025, 6, 19));
        assertOutstanding(onFixing, LocalDate.of(2025, 6, 19), "100000.00", "369.86", "0.00", "100369.86");
        assertOutstanding(dayBefore, LocalDate.of(2025, 6, 18), "100000.00", "382.19", "0.00", "100382.19");
    }

    /**
     * The ageing report agrees with the statements, bucket by days past due. RSD (no other test uses it), CN
     * statutory 4.5% (LPR 3.00 x 1.5). A 10,000.00 due 06-30, 4,000.00 paid 07-10: interest 10 days 12.3288 -> 12.33
     * first, principal 3,987.67 -> 6,012.33; as of 07-30 20 days x 6,012.33 x 0.045 / 365 = 14.8249, accrued 27.1537
     * -> 27.15 - 12.33 = 14.82: 6,027.15, 30 days past due: 1-30. B 5,000.00 due 06-29: 31 days 19.1096 -> 19.11:
     * 5,019.11 in 31-60. Total 11,046.26. As of 06-30: A current 10,000.00, B 1 day 0.6164 -> 0.62: 5,000.62 in 1-30.
     */
    @Test
    void theAgeingReportAgreesWithTheStatementsBucketByBucket() {
        String customerId = customer("CN", "DOMESTIC");
        clockAt(LocalDate.of(2026, 6, 1));
        String a = invoiceWithRate(customerId, "10000.00", "RSD", LocalDate.of(2026, 5, 31),
            LocalDate.of(2026, 6, 30), null);
        String b = invoiceWithRate(customerId, "5000.00", "RSD", LocalDate.of(2026, 5, 30),
            LocalDate.of(2026, 6, 29), null);
        clockAt(LocalDate.of(2026, 7, 10));
        paid(a, "4000.00", "RSD", LocalDate.of(2026, 7, 10));
        clockAt(LocalDate.of(2026, 7, 30));
        assertOutstanding(a, LocalDate.of(2026, 7, 30), "6012.33", "14.82", "0.00", "6027.15");
        assertOutstanding(b, LocalDate.of(2026, 7, 30), "5000.00", "19.11", "0.00", "5019.11");
        assertThat(ageing(LocalDate.of(2026, 7, 30), "RSD")).isEqualTo(Map.of("1-30", new BigDecimal("6027.15"),
            "31-60", new BigDecimal("5019.11"), "total", new BigDecimal("11046.26")));
        assertThat(ageing(LocalDate.of(2026, 6, 30), "RSD")).isEqualTo(Map.of("current", new BigDecimal("10000.00"),
            "1-30", new BigDecimal("5000.62"), "total", new BigDecimal("15000.62")));
    }

    /** The non-zero buckets and the total of a currency in the ageing report of the date. */
    private Map<String, BigDecimal> ageing(LocalDate asOf, String currency) {
        Response r = get(FINANCE, "/api/reports/aging?asOf=" + asOf);
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        Map<String, BigDecimal> result = new TreeMap<>();
        for (JsonNode c : r.body().path("currencies")) {
            if (c.path("currency").asText().equals(currency)) {
                result.put("total", c.path("total").decimalValue());
                for (JsonNode bucket : c.path("buckets")) {
                    if (bucket.path("amount").decimalValue().signum() != 0) {
                        result.put(bucket.path("bucket").asText(), bucket.path("amount").decimalValue());
                    }
                }
            }
        }
        return result;
    }

    /**
     * EU B2B: 600.00 of 1,000.00 EUR paid on the due date (06-20), the other 400.00 credited by a note issued 07-05: a
     * credit note reduces the invoice from its due date, so nothing was unpaid at the end of the due date: no EUR 40
     * and no interest (NL, ECB + 8, no contract rate). As of 07-10: 0.00 owed, SETTLED.
     */
    @Test
    void anEuInvoicePaidInPartOnTheDueDateAndCreditedForTheRestOwesNoEur40() {
        String customerId = customer("NL", "FOREIGN");
        clockAt(LocalDate.of(2025, 6, 1));
        String number = invoiceWithRate(customerId, "1000.00", "EUR", LocalDate.of(2025, 5, 21),
            LocalDate.of(2025, 6, 20), null);
        clockAt(LocalDate.of(2025, 6, 20));
        paid(number, "600.00", "EUR", LocalDate.of(2025, 6, 20));
        clockAt(LocalDate.of(2025, 7, 5));
        Response note = post(FINANCE, "/api/invoices/" + number + "/credit-notes", Map.of("creditNoteNumber",
            unique("CN"), "amount", "400.00", "issuedOn", "2025-07-05", "reason", "goods returned"));
        assertThat(note.status()).as(note.raw()).isEqualTo(201);
        clockAt(LocalDate.of(2025, 7, 10));
        assertOutstanding(number, LocalDate.of(2025, 7, 10), "0.00", "0.00", "0.00", "0.00");
        assertThat(view(number, LocalDate.of(2025, 7, 10)).path("status").asText()).isEqualTo("SETTLED");
    }

    /**
     * A contract rate replaces the statutory rate, not the EUR 40: NL, contract 5%, 20,000.00 EUR due 2025-06-20;
     * as of 07-10 20 days x 20,000 x 0.05 / 365 = 54.7945 -> 54.79 (the ECB half-years play no part), EUR 40, total
     * 20,094.79. A customer's credit in CNY never pays a EUR invoice: 300.00 CNY paid for the customer with no CNY
     * invoice stays its CNY credit.
     */
    @Test
    void aContractRateReplacesTheStatutoryRateButNotTheEur40_andCreditStaysInItsCurrency() {
        String customerId = customer("NL", "FOREIGN");
        clockAt(LocalDate.of(2025, 6, 1));
        Response credit = pay(null, customerId, "300.00", "CNY", LocalDate.of(2025, 6, 1));
        assertThat(credit.status()).as(credit.raw()).isIn(201, 202);
        String number = invoiceWithRate(customerId, "20000.00", "EUR", LocalDate.of(2025, 5, 21),
            LocalDate.of(2025, 6, 20), "5");
        clockAt(LocalDate.of(2025, 7, 10));
        assertOutstanding(number, LocalDate.of(2025, 7, 10), "20000.00", "54.79", "40.00", "20094.79");
        JsonNode file = get(INTEGRATION, "/api/customers/" + customerId).body();
        assertThat(file.path("credit").path("CNY").decimalValue()).as(file.toString()).isEqualByComparingTo("300.00");
        assertThat(file.path("credit").path("EUR").decimalValue()).as(file.toString()).isEqualByComparingTo("0");
    }

    /**
     * A credit note number is unique: the same note again is 200 and credits once; the same number with another amount,
     * or on another invoice, is 409 and credits nothing. 1,000.00 CNY each, not due: A credited 150.00 once owes
     * 850.00, B stays 1,000.00.
     */
    @Test
    void aCreditNoteNumberCreditsOnce() {
        String customerId = customer("CN", "DOMESTIC");
        String a = invoiceWithRate(customerId, "1000.00", "CNY", today().minusDays(5), today().plusDays(25), null);
        String b = invoiceWithRate(customerId, "1000.00", "CNY", today().minusDays(5), today().plusDays(25), null);
        Map<String, Object> body = Map.of("creditNoteNumber", unique("CN"), "amount", "150.00",
            "issuedOn", today().toString(), "reason", "price corrected");
        assertThat(post(FINANCE, "/api/invoices/" + a + "/credit-notes", body).status()).isEqualTo(201);
        Response again = post(FINANCE, "/api/invoices/" + a + "/credit-notes", body);
        assertThat(again.status()).as(again.raw()).isEqualTo(200);
        Map<String, Object> other = new LinkedHashMap<>(body);
        other.put("amount", "160.00");
        assertProblem(post(FINANCE, "/api/invoices/" + a + "/credit-notes", other), 409);
        Response elsewhere = post(FINANCE, "/api/invoices/" + b + "/credit-notes", body);
        assertThat(elsewhere.status()).as(elsewhere.raw()).isEqualTo(409);
        assertThat(total(a, today())).isEqualByComparingTo("850.00");
        assertThat(total(b, today())).isEqualByComparingTo("1000.00");
    }

    /**
     * Money for a customer not known yet becomes its credit when the customer comes, and settles the invoice
     * registered after it in the invoice's registering transaction: collected under the stage the invoice was
     * registered for (pre-due: due 2026-10-31), never CLOSED. OMR (3 decimals, no other test uses it): 725.125 dated
     * 09-01 for customer X (unknown), X registered 09-05, invoice 725.125 issued 09-01 registered 09-10: settled at
     * once.
     */
    @Test
    void creditOfACustomerRegisteredLaterThatSettlesAnInvoiceCountsUnderItsStage() {
        String customerId = unique("C");
        clockAt(LocalDate.of(2026, 9, 1));
        Response kept = pay(null, customerId, "725.125", "OMR", LocalDate.of(2026, 9, 1));
        assertThat(kept.status()).as(kept.raw()).isEqualTo(202);
        clockAt(LocalDate.of(2026, 9, 5));
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("customerId", customerId);
        c.put("name", "Later " + customerId);
        c.put("segment", "DOMESTIC");
        c.put("country", "CN");
        c.put("collector", COLLECTOR);
        Response created = post(INTEGRATION, "/api/customers", c);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        clockAt(LocalDate.of(2026, 9, 10));
        String number = invoiceWithRate(customerId, "725.125", "OMR", LocalDate.of(2026, 9, 1),
            LocalDate.of(2026, 10, 31), null);
        assertThat(view(number, LocalDate.of(2026, 9, 10)).path("status").asText()).isEqualTo("SETTLED");
        Map<String, BigDecimal> stages = collectedPerStage(dashboard(LocalDate.of(2026, 9, 10)), "OMR");
        assertThat(stages).doesNotContainKey("CLOSED");
        assertThat(stages.get("PRE_DUE")).as(stages.toString()).isEqualByComparingTo("725.125");
    }
}
