package com.collectwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Go-live registration of invoices of other credit terms, over POST /api/invoices and the CSV import: the stage the
 * case starts in follows the credit term the invoice states ({@code creditTermDays}), or, when it states none, the
 * days from its issue to its due date. Policy for a DOMESTIC customer in CN: formal demand D + max(1, floor(T/3)),
 * field visit D + floor(T/3) + 10, agency D+60 (max(60, floor(T/3) + 10): D+60 for T up to 149). Clock: Tuesday
 * 2026-11-17 10:00 Asia/Shanghai.
 */
class CreditTermEntryStageApiTest extends ApiTestSupport {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 17);

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    void clockAt(LocalDate day, int hour) {
        ClockUtil.setCurrentTime(Date.from(ZonedDateTime.of(day.atTime(hour, 0), ZoneId.of("Asia/Shanghai"))
            .toInstant()));
    }

    Map<String, Object> invoice(String number, String customerId, LocalDate issue, LocalDate due, Integer term) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("invoiceNumber", number);
        body.put("customerId", customerId);
        body.put("issueDate", issue.toString());
        body.put("dueDate", due.toString());
        body.put("amount", "3000.00");
        body.put("currency", "CNY");
        if (term != null) {
            body.put("creditTermDays", term);
        }
        return body;
    }

    String stageOf(String number) {
        Response view = get(SUPERVISOR, "/api/invoices/" + number);
        assertThat(view.status()).as(view.raw()).isEqualTo(200);
        return view.body().path("stage").asText();
    }

    /** An invoice due {@code overdue} days before today, issued {@code issuedBeforeDue} days before its due date. */
    record Case(int overdue, int issuedBeforeDue, Integer creditTermDays, String stage) {
    }

    /**
     * Hand figures, due date D = today - overdue:
     * issued D-30, creditTermDays 45 stated: formal D+15, visit D+25 (derived from the dates, 30: D+10, D+20), so D+12
     * is still the internal reminder, D+15 the formal demand, D+22 the formal demand, D+25 the field stage;
     * issued D-30, creditTermDays 14 stated: formal D + floor(4.67) = D+4, visit D+14: D+3 internal, D+4 formal, D+14 field;
     * issued on its due date (T = 0, derived): formal D+1 (a third of 0 days is none: demanded on the first overdue
     * day), visit D+10, agency D+60: D+0 pre-due, D+1 formal, D+9 formal, D+10 field, D+59 field, D+60 and D+400 agency;
     * creditTermDays 0 stated for an invoice issued 30 days before its due date: the same as T = 0.
     */
    static final java.util.List<Case> CASES = java.util.List.of(
        new Case(12, 30, 45, "INTERNAL_REMINDER"),
        new Case(12, 30, null, "FORMAL_DEMAND"),
        new Case(15, 30, 45, "FORMAL_DEMAND"),
        new Case(22, 30, 45, "FORMAL_DEMAND"),
        new Case(22, 30, null, "FIELD_VISIT"),
        new Case(25, 30, 45, "FIELD_VISIT"),
        new Case(3, 30, 14, "INTERNAL_REMINDER"),
        new Case(4, 30, 14, "FORMAL_DEMAND"),
        new Case(14, 30, 14, "FIELD_VISIT"),
        new Case(0, 0, null, "PRE_DUE"),
        new Case(1, 0, null, "FORMAL_DEMAND"),
        new Case(9, 0, null, "FORMAL_DEMAND"),
        new Case(10, 0, null, "FIELD_VISIT"),
        new Case(59, 0, null, "FIELD_VISIT"),
        new Case(60, 0, null, "AGENCY"),
        new Case(400, 0, null, "AGENCY"),
        new Case(1, 30, 0, "FORMAL_DEMAND"),
        // T = 120: formal D+40, visit D+50, agency D+60 (DOMAIN: for every segment; was D+64, a visit + 14 days)
        new Case(59, 120, null, "FIELD_VISIT"),
        new Case(60, 120, null, "AGENCY"),
        new Case(62, 30, 120, "AGENCY"));

    @Test
    void thePostAnswerAndTheCaseViewShowTheStageOfTheStatedOrDerivedTerm() {
        clockAt(TODAY, 10);
        String customerId = createCustomer();
        for (Case c : CASES) {
            LocalDate due = TODAY.minusDays(c.overdue());
            String number = unique("TERM");
            Response r = post(INTEGRATION, "/api/invoices", invoice(number, customerId,
                due.minusDays(c.issuedBeforeDue()), due, c.creditTermDays()));
            assertThat(r.status()).as(r.raw()).isEqualTo(201);
            assertThat(r.body().path("stage").asText()).as("POST answer " + c).isEqualTo(c.stage());
            assertThat(stageOf(number)).as("case view " + c).isEqualTo(c.stage());
            runDueJobsOfCase(number);
            assertThat(stageOf(number)).as("after its jobs " + c).isEqualTo(c.stage());
        }
    }

    @Test
    void theCsvImportReadsTheStatedTermAndDerivesAMissingOne() {
        clockAt(TODAY, 10);
        String customerId = createCustomer();
        StringBuilder csv = new StringBuilder(
            "invoiceNumber,customerId,issueDate,dueDate,amount,currency,creditTermDays,contractInterestRatePercent\n");
        Map<String, String> expected = new LinkedHashMap<>();
        for (Case c : CASES) {
            LocalDate due = TODAY.minusDays(c.overdue());
            String number = unique("CSVTERM");
            csv.append(number).append(',').append(customerId).append(',').append(due.minusDays(c.issuedBeforeDue()))
                .append(',').append(due).append(",3000.00,CNY,")
                .append(c.creditTermDays() == null ? "" : c.creditTermDays().toString()).append(",\n");
            expected.put(number, c.stage());
        }
        Response r = postCsv(INTEGRATION, "/api/invoices/import", csv.toString());
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        expected.forEach((number, stage) -> assertThat(stageOf(number)).as(number).isEqualTo(stage));
    }
}
