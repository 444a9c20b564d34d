package com.collectwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.collectwise.money.CustomerAccountPropertiesTest.CreditNote;
import com.collectwise.money.CustomerAccountPropertiesTest.Inv;
import com.collectwise.money.CustomerAccountPropertiesTest.Model;
import com.collectwise.money.CustomerAccountPropertiesTest.Pay;
import com.collectwise.money.CustomerAccountPropertiesTest.Scenario;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Every figure is a replay, over HTTP: two customers get the same random invoices (3-6, different due dates, contract
 * rates), a credit note, payments with and without an invoice number (random value dates, some reversed), posted in
 * value-date order for one and in reverse order for the other (the bank feed out of date order). Case views and
 * statements as of several dates agree between the two and with the day-by-day model of
 * {@link com.collectwise.money.CustomerAccountPropertiesTest} (interest actual/365 on overdue principal, interest
 * then principal, oldest due date first for money naming no invoice, overpayment as credit). Today is 2026-07-01.
 */
class PostingOrderApiTest extends ApiTestSupport {

    static final LocalDate TODAY = LocalDate.of(2026, 7, 1);

    @BeforeEach
    void fixedToday() {
        ClockUtil.setCurrentTime(Date.from(ZonedDateTime.of(TODAY.atTime(10, 0), ZoneId.of("Asia/Shanghai"))
            .toInstant()));
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    private static Scenario scenario(long seed) {
        Random random = new Random(seed);
        LocalDate start = com.collectwise.money.CustomerAccountPropertiesTest.START;
        List<Inv> invoices = new ArrayList<>();
        int n = 3 + random.nextInt(4);
        String[] rates = {"0", "4.35", "12", "18.25"};
        for (int k = 0; k < n; k++) {
            LocalDate issued = start.plusDays(random.nextInt(50));
            invoices.add(new Inv("I" + k, BigDecimal.valueOf(50_000 + random.nextInt(450_000), 2), issued,
                issued.plusDays(new int[] {30, 45, 60}[random.nextInt(3)]), new BigDecimal(rates[random.nextInt(4)])));
        }
        List<Pay> payments = new ArrayList<>();
        int m = 4 + random.nextInt(5);
        for (int k = 0; k < m; k++) {
            LocalDate received = LocalDate.of(2026, 3, 1).plusDays(random.nextInt(110));
            String named = random.nextInt(3) == 0 ? null : invoices.get(random.nextInt(n)).number();
            LocalDate reversed = random.nextInt(5) == 0 ? received.plusDays(random.nextInt(10)) : null;
            payments.add(new Pay("P" + k, named, BigDecimal.valueOf(10_000 + random.nextInt(300_000), 2), received,
                reversed));
        }
        Inv credited = invoices.get(random.nextInt(n));
        List<CreditNote> notes = List.of(new CreditNote(credited.number(),
            credited.amount().divide(BigDecimal.TEN, 2, java.math.RoundingMode.DOWN), credited.issued().plusDays(5)));
        return new Scenario(invoices, payments, notes, TODAY, seed);
    }

    /** Registers the scenario for a new customer, payments posted in the given order; the invoice numbers used. */
    private Map<String, String> post(Scenario s, List<Pay> order, boolean reversalsAtOnce) {
        String customerId = createCustomer();
        Map<String, String> numbers = new LinkedHashMap<>();
        for (Inv i : s.invoices()) {
            String number = unique("INV");
            numbers.put(i.number(), number);
            Map<String, Object> body = new LinkedHashMap<>(Map.of("invoiceNumber", number, "customerId", customerId,
                "issueDate", i.issued().toString(), "dueDate", i.due().toString(), "amount", i.amount().toPlainString(),
                "currency", "CNY", "contractInterestRatePercent", i.rate().toPlainString()));
            Response r = post(INTEGRATION, "/api/invoices", body);
            assertThat(r.status()).as(r.raw()).isEqualTo(201);
        }
        numbers.put("customer", customerId);
        for (CreditNote note : s.notes()) {
            Response r = post(FINANCE, "/api/invoices/" + numbers.get(note.invoiceNumber()) + "/credit-notes",
                Map.of("creditNoteNumber", unique("CN"), "amount", note.amount().toPlainString(), "issuedOn",
                    note.issuedOn().toString(), "reason", "goods returned"));
            assertThat(r.status()).as(r.raw()).isEqualTo(201);
        }
        List<Pay> reversals = new ArrayList<>();
        for (Pay p : order) {
            String reference = customerId + "-" + p.reference();
            Map<String, Object> body = new LinkedHashMap<>(Map.of("paymentReference", reference, "customerId",
                customerId, "amount", p.amount().toPlainString(), "currency", "CNY", "receivedOn",
                p.receivedOn().toString(), "method", "BANK_TRANSFER"));
            if (p.invoiceNumber() != null) {
                body.put("invoiceNumber", numbers.get(p.invoiceNumber()));
            }
            Response r = post(INTEGRATION, "/api/payments", body);
            assertThat(r.status()).as(r.raw()).isEqualTo(201);
            if (p.reversedOn() != null) {
                if (reversalsAtOnce) {
                    reverse(reference, p.reversedOn());
                } else {
                    reversals.add(p);
                }
            }
        }
        for (Pay p : reversals) {
            reverse(customerId + "-" + p.reference(), p.reversedOn());
        }
        return numbers;
    }

    private void reverse(String reference, LocalDate on) {
        Response r = post(FINANCE, "/api/payments/" + reference + "/reversal",
            Map.of("reversedOn", on.toString(), "reason", "bounced"));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 424242})
    void figuresAsOfEachDateDoNotDependOnThePostingOrderAndMatchTheModel(long seed) {
        Scenario s = scenario(seed);
        List<Pay> inOrder = new ArrayList<>(s.payments());
        inOrder.sort(java.util.Comparator.comparing(Pay::receivedOn));
        List<Pay> backwards = new ArrayList<>(inOrder);
        Collections.reverse(backwards);
        Map<String, String> a = post(s, inOrder, false);
        Map<String, String> b = post(s, backwards, true);

        for (LocalDate asOf : List.of(LocalDate.of(2026, 3, 15), LocalDate.of(2026, 5, 1), LocalDate.of(2026, 6, 10),
            TODAY)) {
            Model model = Model.run(s, asOf);
            for (Inv i : s.invoices()) {
                if (i.issued().isAfter(asOf)) {
                    continue;
                }
                JsonNode va = view(a.get(i.number()), asOf);
                JsonNode vb = view(b.get(i.number()), asOf);
                String what = "seed " + seed + ", " + i + " as of " + asOf;
                assertThat(vb.path("outstanding")).as(what + ": both orders").isEqualTo(va.path("outstanding"));
                assertThat(va.path("outstanding").path("principal").decimalValue()).as(what + " principal")
                    .isEqualByComparingTo(model.principal(i));
                assertThat(va.path("outstanding").path("interest").decimalValue()).as(what + " interest")
                    .isEqualByComparingTo(model.interestDue(i));
                assertThat(va.path("outstanding").path("fees").decimalValue()).as(what + " fees")
                    .isEqualByComparingTo("0");
            }
            JsonNode sa = get(FINANCE, "/api/customers/" + a.get("customer") + "/statement?asOf=" + asOf).body();
            JsonNode sb = get(FINANCE, "/api/customers/" + b.get("customer") + "/statement?asOf=" + asOf).body();
            assertThat(total(sb)).as("seed " + seed + " statement as of " + asOf).isEqualByComparingTo(total(sa));
        }
        Model now = Model.run(s, TODAY);
        for (Map<String, String> customer : List.of(a, b)) {
            JsonNode file = get(COLLECTOR, "/api/customers/" + customer.get("customer")).body();
            assertThat(file.path("credit").path("CNY").decimalValue()).as("seed " + seed + " credit")
                .isEqualByComparingTo(now.credit);
            for (Inv i : s.invoices()) {
                BigDecimal owed = now.principal(i).add(now.interestDue(i));
                assertThat(view(customer.get(i.number()), TODAY).path("status").asText())
                    .as("seed " + seed + " " + i + " owing " + owed).isEqualTo(owed.signum() > 0 ? "OPEN" : "SETTLED");
            }
        }
    }

    private static BigDecimal total(JsonNode statement) {
        for (JsonNode t : statement.path("totals")) {
            if ("CNY".equals(t.path("currency").asText())) {
                return t.path("total").decimalValue();
            }
        }
        return BigDecimal.ZERO;
    }

    private JsonNode view(String number, LocalDate asOf) {
        Response r = get(FINANCE, "/api/invoices/" + number + "?asOf=" + asOf);
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.body();
    }
}
