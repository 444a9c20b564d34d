package com.collectwise.api;

import static org.assertj.core.api.Assertions.assertThat;

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
 * The stage and status of a case as of a past date are the ones it had on that date (DOMAIN.md 5, "every figure is a
 * replay"; finance reads past dates for month-end reporting): the case view, and the ageing report by stage. The
 * engine clock moves the business day (as the job executor would see it); stages change by the case's own timers under
 * the default Decision_CollectionPolicy (DOMESTIC, CN, 30-day term: internal reminder from D+1, formal demand from
 * D+10, field visit from D+20).
 */
public class CaseStageHistoryAsOfApiTest extends ApiTestSupport {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    private void clockAt(LocalDate day) {
        ClockUtil.setCurrentTime(Date.from(ZonedDateTime.of(day.atTime(10, 0), ZONE).toInstant()));
    }

    private JsonNode view(String number, LocalDate asOf) {
        Response r = get(INTEGRATION, "/api/invoices/" + number + "?asOf=" + asOf);
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.body();
    }

    private String stage(String number, LocalDate asOf) {
        return view(number, asOf).path("stage").asText();
    }

    private String status(String number, LocalDate asOf) {
        return view(number, asOf).path("status").asText();
    }

    private String register(String customerId, LocalDate issue, LocalDate due, String amount, String currency) {
        String number = unique("HIST");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("invoiceNumber", number);
        body.put("customerId", customerId);
        body.put("issueDate", issue.toString());
        body.put("dueDate", due.toString());
        body.put("amount", amount);
        body.put("currency", currency);
        Response r = post(INTEGRATION, "/api/invoices", body);
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return number;
    }

    /** Invoices of the currency per stage in the ageing report of the date. */
    private Map<String, Integer> agingByStage(LocalDate asOf, String currency) {
        Response report = get(FINANCE, "/api/reports/aging?asOf=" + asOf);
        assertThat(report.status()).as(report.raw()).isEqualTo(200);
        Map<String, Integer> byStage = new TreeMap<>();
        for (JsonNode c : report.body().path("currencies")) {
            if (c.path("currency").asText().equals(currency)) {
                c.path("stages").forEach(s -> {
                    if (s.path("invoiceCount").asInt() > 0) {
                        byStage.put(s.path("stage").asText(), s.path("invoiceCount").asInt());
                    }
                });
            }
        }
        return byStage;
    }

    @Test
    void theStageAsOfAPastDateIsTheStageTheCaseWasInOnThatDate_inTheViewAndTheAgeingReport() {
        // HKD: no other test registers it, so the report's HKD lines are this case alone
        LocalDate due = LocalDate.of(2026, 3, 10);
        clockAt(LocalDate.of(2026, 3, 2));
        String number = register(createCustomer(), due.minusDays(30), due, "3000.00", "HKD");
        assertThat(stage(number, LocalDate.of(2026, 3, 2))).isEqualTo("PRE_DUE");
        assertThat(count("SELECT COUNT(*) FROM case_stage_history WHERE invoice_number = ?", number))
            .as("a case that starts in the stage it was registered with writes no history row").isZero();

        clockAt(LocalDate.of(2026, 3, 12));
        runDueJobsOfCase(number);
        assertThat(stage(number, LocalDate.of(2026, 3, 12))).isEqualTo("INTERNAL_REMINDER");

        clockAt(LocalDate.of(2026, 3, 23));
        runDueJobsOfCase(number);
        assertThat(stage(number, LocalDate.of(2026, 3, 23))).isEqualTo("FORMAL_DEMAND");

        // as of past dates: the stage of that day, not today's
        assertThat(stage(number, due.minusDays(30))).as("issue date, before registration").isEqualTo("PRE_DUE");
        assertThat(stage(number, LocalDate.of(2026, 3, 5))).isEqualTo("PRE_DUE");
        assertThat(stage(number, LocalDate.of(2026, 3, 15))).isEqualTo("INTERNAL_REMINDER");
        assertThat(stage(number, LocalDate.of(2026, 3, 22))).isEqualTo("INTERNAL_REMINDER");
        assertThat(stage(number, LocalDate.of(2026, 3, 23))).isEqualTo("FORMAL_DEMAND");
        assertThat(status(number, LocalDate.of(2026, 3, 15))).isEqualTo("OPEN");

        // the ageing report of a month-end groups by the stage then
        assertThat(agingByStage(LocalDate.of(2026, 3, 5), "HKD")).isEqualTo(Map.of("PRE_DUE", 1));
        assertThat(agingByStage(LocalDate.of(2026, 3, 15), "HKD")).isEqualTo(Map.of("INTERNAL_REMINDER", 1));
        assertThat(agingByStage(LocalDate.of(2026, 3, 23), "HKD")).isEqualTo(Map.of("FORMAL_DEMAND", 1));
    }

    @Test
    void aCaseSettledAndReopenedByAReversalWasSettledBetween() {
        clockAt(LocalDate.of(2026, 4, 1));
        String number = register(createCustomer(), LocalDate.of(2026, 3, 15), LocalDate.of(2026, 4, 14), "1000.00",
            "CNY");
        String reference = unique("PAY");

        clockAt(LocalDate.of(2026, 4, 3));
        Response paid = post(INTEGRATION, "/api/payments", Map.of("paymentReference", reference,
            "invoiceNumber", number, "amount", "1000.00", "currency", "CNY", "receivedOn", "2026-04-03",
            "method", "BANK_TRANSFER"));
        assertThat(paid.status()).as(paid.raw()).isEqualTo(201);
        runDueJobsOfCase(number);
        assertThat(status(number, LocalDate.of(2026, 4, 3))).isEqualTo("SETTLED");

        clockAt(LocalDate.of(2026, 4, 8));
        Response reversed = post(FINANCE, "/api/payments/" + reference + "/reversal",
            Map.of("reversedOn", "2026-04-08", "reason", "returned by the bank"));
        assertThat(reversed.status()).as(reversed.raw()).isEqualTo(200);
        runDueJobsOfCase(number);
        assertThat(status(number, LocalDate.of(2026, 4, 8))).isEqualTo("OPEN");

        assertThat(status(number, LocalDate.of(2026, 4, 2))).isEqualTo("OPEN");
        assertThat(stage(number, LocalDate.of(2026, 4, 2))).isEqualTo("PRE_DUE");
        JsonNode settled = view(number, LocalDate.of(2026, 4, 5));
        assertThat(settled.path("status").asText()).as("settled on 04-03, reopened on 04-08").isEqualTo("SETTLED");
        assertThat(settled.path("stage").asText()).isEqualTo("CLOSED");
        assertThat(settled.path("outstanding").path("total").decimalValue()).isEqualByComparingTo("0.00");
        assertThat(view(number, LocalDate.of(2026, 4, 3)).path("status").asText()).isEqualTo("SETTLED");
        assertThat(stage(number, LocalDate.of(2026, 4, 8))).isEqualTo("PRE_DUE");
    }

    @Test
    void aCaseRegisteredOverdueShowsItsEntryStageFromTheRegistrationDayAndBefore() {
        // 15 days overdue on 05-04: formal demand (from D+10); field visit from D+20 = 05-09
        LocalDate due = LocalDate.of(2026, 4, 19);
        clockAt(LocalDate.of(2026, 5, 4));
        String number = register(createCustomer(), due.minusDays(30), due, "2000.00", "CNY");
        assertThat(stage(number, LocalDate.of(2026, 5, 4))).isEqualTo("FORMAL_DEMAND");
        runDueJobsOfCase(number);
        assertThat(count("SELECT COUNT(*) FROM case_stage_history WHERE invoice_number = ?", number))
            .as("one row for the case start: the stage it shows from its registration").isEqualTo(1);

        clockAt(LocalDate.of(2026, 5, 11));
        runDueJobsOfCase(number);
        assertThat(stage(number, LocalDate.of(2026, 5, 11))).isEqualTo("FIELD_VISIT");

        assertThat(stage(number, LocalDate.of(2026, 5, 4))).as("the registration day").isEqualTo("FORMAL_DEMAND");
        assertThat(stage(number, LocalDate.of(2026, 5, 8))).isEqualTo("FORMAL_DEMAND");
        assertThat(stage(number, LocalDate.of(2026, 4, 25)))
            .as("before the registration: the earliest known stage, never the PRE_DUE it was inserted with")
            .isEqualTo("FORMAL_DEMAND");
    }

    @Test
    void aCaseRegisteredAfterFormalDemandShowsItsStageOnTheRegistrationDayAlsoBeforeTheLetterJobRan() {
        // 50 days overdue: field visit; the formal letter goes first in a job of its own
        LocalDate due = LocalDate.of(2026, 4, 15);
        clockAt(LocalDate.of(2026, 6, 4));
        String number = register(createCustomer(), due.minusDays(30), due, "2500.00", "CNY");
        assertThat(stage(number, LocalDate.of(2026, 6, 4))).isEqualTo("FIELD_VISIT");
        assertThat(stage(number, LocalDate.of(2026, 6, 1))).isEqualTo("FIELD_VISIT");
        runDueJobsOfCase(number);
        assertThat(stage(number, LocalDate.of(2026, 6, 4))).isEqualTo("FIELD_VISIT");
        assertThat(count("SELECT COUNT(*) FROM case_stage_history WHERE invoice_number = ?", number))
            .as("shown at registration, entered by the letter's job: one row").isEqualTo(1);
        clockAt(LocalDate.of(2026, 6, 5));
        assertThat(stage(number, LocalDate.of(2026, 6, 4))).isEqualTo("FIELD_VISIT");
    }
}
