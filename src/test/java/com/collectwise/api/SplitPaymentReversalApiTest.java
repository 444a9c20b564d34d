package com.collectwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.collectwise.kernel.CaseVariables;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A customer's payment naming no invoice, split over three invoices, bounces: every allocation is undone, the interest
 * is recomputed as if the money never came, and each settled case reopens in the stage its age calls for. KES: this
 * test's alone.
 */
class SplitPaymentReversalApiTest extends ApiTestSupport {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final String CURRENCY = "KES";

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
        body.put("currency", CURRENCY);
        body.put("contractInterestRatePercent", "36.5");
        Response r = post(INTEGRATION, "/api/invoices", body);
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return number;
    }

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

    private JsonNode view(String number, LocalDate asOf) {
        Response r = get(FINANCE, "/api/invoices/" + number + (asOf == null ? "" : "?asOf=" + asOf));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.body();
    }

    private static BigDecimal total(JsonNode view) {
        return view.path("outstanding").path("total").decimalValue();
    }

    private BigDecimal statementTotal(String customerId, LocalDate asOf) {
        JsonNode statement = get(FINANCE, "/api/customers/" + customerId + "/statement?asOf=" + asOf).body();
        for (JsonNode t : statement.path("totals")) {
            if (CURRENCY.equals(t.path("currency").asText())) {
                return t.path("total").decimalValue();
            }
        }
        return BigDecimal.ZERO;
    }

    /**
     * 36.5% a year: 0.1% of the principal a day. A 100.00 due 05-01, B 200.00 due 05-11, C 300.00 due 05-31 (30-day
     * terms). 601.90 naming only the customer, received 05-14, pays them oldest due first: A 100.00 + 13 days (05-02 ..
     * 05-14) x 0.10 = 101.30, B 200.00 + 3 days (05-12 .. 05-14) x 0.20 = 200.60, C 300.00 (not due): all settled. It
     * bounces on 05-16: as of 05-16 A owes 100.00 + 15 x 0.10 = 101.50, B 200.00 + 5 x 0.20 = 201.00, C 300.00 (602.50
     * in all), each reopened: A 15 days late on a 30-day term at formal demand (from D+10, credit hold), B 5 days late
     * at internal reminder, C not due yet at pre-due. As of 05-15 the money still counted: nothing owed.
     */
    @Test
    void aCustomersPaymentSplitOverThreeInvoicesBounces_everyAllocationIsUndoneAndEachCaseReopensInItsStage() {
        String customerId = createCustomer();
        clockAt(LocalDate.of(2026, 5, 14));
        String a = invoice(customerId, "100.00", LocalDate.of(2026, 4, 1), LocalDate.of(2026, 5, 1));
        String b = invoice(customerId, "200.00", LocalDate.of(2026, 4, 11), LocalDate.of(2026, 5, 11));
        String c = invoice(customerId, "300.00", LocalDate.of(2026, 5, 1), LocalDate.of(2026, 5, 31));
        String ref = unique("PAY");
        Map<String, Object> payment = new LinkedHashMap<>(Map.of("paymentReference", ref, "customerId", customerId,
            "amount", "601.90", "currency", CURRENCY, "receivedOn", "2026-05-14", "method", "BANK_TRANSFER"));
        Response paid = post(INTEGRATION, "/api/payments", payment);
        assertThat(paid.status()).as(paid.raw()).isEqualTo(201);
        for (String n : new String[] {a, b, c}) {
            jobs(n);
            assertThat(view(n, null).path("status").asText()).as(n).isEqualTo("SETTLED");
        }

        clockAt(LocalDate.of(2026, 5, 16));
        Response reversed = post(FINANCE, "/api/payments/" + ref + "/reversal",
            Map.of("reversedOn", "2026-05-16", "reason", "bounced: account closed"));
        assertThat(reversed.status()).as(reversed.raw()).isEqualTo(200);
        for (String n : new String[] {a, b, c}) {
            jobs(n);
        }

        Map<String, String[]> expected = Map.of(a, new String[] {"101.50", "1.50", "FORMAL_DEMAND"},
            b, new String[] {"201.00", "1.00", "INTERNAL_REMINDER"}, c, new String[] {"300.00", "0.00", "PRE_DUE"});
        expected.forEach((n, figures) -> {
            JsonNode now = view(n, null);
            assertThat(now.path("status").asText()).as(n).isEqualTo("OPEN");
            assertThat(total(now)).as(n).isEqualByComparingTo(figures[0]);
            assertThat(now.path("outstanding").path("interest").decimalValue()).as(n).isEqualByComparingTo(figures[1]);
            assertThat(now.path("stage").asText()).as(n).isEqualTo(figures[2]);
            assertThat(caseRunning(n)).as(n).isTrue();
            assertThat(total(view(n, LocalDate.of(2026, 5, 15)))).as(n + " as of 05-15").isEqualByComparingTo("0.00");
        });
        assertThat(statementTotal(customerId, LocalDate.of(2026, 5, 16))).isEqualByComparingTo("602.50");
        assertThat(statementTotal(customerId, LocalDate.of(2026, 5, 15))).isEqualByComparingTo("0.00");
        JsonNode file = get(COLLECTOR, "/api/customers/" + customerId).body();
        assertThat(file.path("outstanding").path(CURRENCY).decimalValue()).isEqualByComparingTo("602.50");
        assertThat(file.path("credit").path(CURRENCY).decimalValue()).isEqualByComparingTo("0.00");
        assertThat(get(FINANCE, "/api/customers/" + customerId + "/credit-status").body().path("status").asText())
            .isEqualTo("HOLD");
        Response again = post(FINANCE, "/api/payments/" + ref + "/reversal",
            Map.of("reversedOn", "2026-05-16", "reason", "bounced: account closed"));
        assertThat(again.status()).as(again.raw()).isEqualTo(200);
        Response other = post(FINANCE, "/api/payments/" + ref + "/reversal",
            Map.of("reversedOn", "2026-05-16", "reason", "recalled"));
        assertThat(other.status()).as(other.raw()).isEqualTo(409);
        assertThat(statementTotal(customerId, LocalDate.of(2026, 5, 16))).isEqualByComparingTo("602.50");
    }
}
