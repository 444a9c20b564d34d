package com.collectwise.api;

import static com.collectwise.kernel.CaseVariables.DECISION_COLLECTION_POLICY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.collectwise.cases.ImportCaseStarter;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * An outside system that registers an invoice and reads it back sees the stage the case is in: the stage its age
 * calls for under Decision_CollectionPolicy (default segment DOMESTIC in CN: formal demand after floor(T/3) days,
 * field visit floor(T/3) + 10, agency max(60, floor(T/3) + 10); T = credit term), in the POST answer, the case view,
 * the customer file and the ageing report by stage, also while the formal letter that goes first to a case starting
 * after formal demand still waits for its job. A claim past its limitation date goes to legal review. Imported
 * invoices show the stage their case starts in, also before a large import's batches started it.
 */
class EntryStageApiTest extends ApiTestSupport {

    @Autowired ImportCaseStarter starter;

    /** An invoice of a 30-day term (or {@code term}) due {@code days} days ago (negative: due in the future). */
    private record Age(int overdueDays, int term, String stage) {
        LocalDate due(LocalDate today) {
            return today.minusDays(overdueDays);
        }
    }

    private static final List<Age> AGES = List.of(
        new Age(-10, 30, "PRE_DUE"),
        new Age(6, 30, "INTERNAL_REMINDER"),
        // T = 30: formal demand on day 10, field visit on day 20, agency on day 60
        new Age(15, 30, "FORMAL_DEMAND"),
        new Age(50, 30, "FIELD_VISIT"),
        new Age(120, 30, "AGENCY"),
        // T = 60: formal demand on day 20, field visit on day 30, agency on day 60
        new Age(25, 60, "FORMAL_DEMAND"),
        new Age(45, 60, "FIELD_VISIT"),
        new Age(75, 60, "AGENCY"),
        // due four years ago: the limitation date (due + 3 years) has passed: legal review, not the agency
        new Age(4 * 365 + 1, 30, "LITIGATION"));

    private Map<String, Object> invoice(String number, String customerId, Age age) {
        LocalDate due = age.due(today());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("invoiceNumber", number);
        body.put("customerId", customerId);
        body.put("issueDate", due.minusDays(age.term()).toString());
        body.put("dueDate", due.toString());
        body.put("amount", "4000.00");
        body.put("currency", "CNY");
        return body;
    }

    private String stageOf(String number) {
        Response view = get(INTEGRATION, "/api/invoices/" + number);
        assertThat(view.status()).as(view.raw()).isEqualTo(200);
        return view.body().path("stage").asText();
    }

    private Map<String, String> openInvoiceStages(String customerId) {
        Response file = get(INTEGRATION, "/api/customers/" + customerId);
        assertThat(file.status()).as(file.raw()).isEqualTo(200);
        Map<String, String> stages = new TreeMap<>();
        file.body().path("openInvoices").forEach(i -> stages.put(i.path("invoiceNumber").asText(),
            i.path("stage").asText()));
        return stages;
    }

    /** Open CNY invoices per stage in today's ageing report. */
    private Map<String, Integer> agingByStage() {
        Response report = get(FINANCE, "/api/reports/aging?asOf=" + today());
        assertThat(report.status()).as(report.raw()).isEqualTo(200);
        Map<String, Integer> byStage = new TreeMap<>();
        for (JsonNode currency : report.body().path("currencies")) {
            if (currency.path("currency").asText().equals("CNY")) {
                currency.path("stages").forEach(s -> byStage.put(s.path("stage").asText(),
                    s.path("invoiceCount").asInt()));
            }
        }
        return byStage;
    }

    @Test
    void thePostAnswerAndEveryReadRightAfterShowTheStageTheAgeCallsFor() {
        String customerId = createCustomer();
        Map<String, Integer> agingBefore = agingByStage();
        Map<String, String> expected = new TreeMap<>();
        for (Age age : AGES) {
            String number = unique("AGE");
            Response r = post(INTEGRATION, "/api/invoices", invoice(number, customerId, age));
            assertThat(r.status()).as(r.raw()).isEqualTo(201);
            assertThat(r.body().path("stage").asText()).as("POST answer, " + age).isEqualTo(age.stage());
            assertThat(stageOf(number)).as("case view right after, " + age).isEqualTo(age.stage());
            expected.put(number, age.stage());
        }
        assertThat(openInvoiceStages(customerId)).as("customer file").isEqualTo(expected);
        Map<String, Integer> agingAfter = agingByStage();
        Map<String, Integer> added = new TreeMap<>();
        expected.values().forEach(stage -> added.merge(stage, 1, Integer::sum));
        added.forEach((stage, n) -> assertThat(agingAfter.getOrDefault(stage, 0) - agingBefore.getOrDefault(stage, 0))
            .as("ageing report, stage " + stage).isEqualTo(n));
    }

    @Test
    void theStageStaysWhenTheLetterJobRunsAndTheLetterAndTheHoldHappenOnce() {
        String customerId = createCustomer();
        String number = unique("AGE");
        Response r = post(INTEGRATION, "/api/invoices", invoice(number, customerId, new Age(50, 30, "FIELD_VISIT")));
        assertThat(r.body().path("stage").asText()).isEqualTo("FIELD_VISIT");
        assertThat(count("SELECT COUNT(*) FROM outbox WHERE invoice_number = ?", number))
            .as("nothing is sent before the job runs").isZero();
        // the customer is on hold from the moment it has a case at formal demand or later (DOMAIN.md, section 8)
        assertThat(get(INTEGRATION, "/api/customers/" + customerId + "/credit-status").body().path("status").asText())
            .isEqualTo("HOLD");

        runDueJobsOfCase(number);
        runDueJobsOfCase(number);

        assertThat(stageOf(number)).isEqualTo("FIELD_VISIT");
        assertThat(count("SELECT COUNT(*) FROM outbox WHERE invoice_number = ? AND kind = 'DUNNING_LETTER'"
            + " AND idempotency_key = ?", number, "DUNNING_LETTER:" + number + ":0")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM outbox WHERE invoice_number = ? AND kind = 'DUNNING_LETTER'", number))
            .isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM outbox WHERE customer_id = ? AND kind = 'CREDIT_HOLD'", customerId))
            .isEqualTo(1);
        assertThat(get(INTEGRATION, "/api/customers/" + customerId + "/credit-status").body().path("status").asText())
            .isEqualTo("HOLD");
    }

    private String csv(String customerId, Map<String, Age> invoices) {
        StringBuilder csv = new StringBuilder("invoiceNumber,customerId,issueDate,dueDate,amount,currency\n");
        invoices.forEach((number, age) -> csv.append(number).append(',').append(customerId).append(',')
            .append(age.due(today()).minusDays(age.term())).append(',').append(age.due(today())).append(",300.00,CNY\n"));
        return csv.toString();
    }

    @Test
    void aSmallImportShowsTheStagesAtOnce() {
        String customerId = createCustomer();
        Map<String, Age> invoices = new LinkedHashMap<>();
        invoices.put(unique("IMP"), new Age(6, 30, "INTERNAL_REMINDER"));
        invoices.put(unique("IMP"), new Age(50, 30, "FIELD_VISIT"));
        invoices.put(unique("IMP"), new Age(120, 30, "AGENCY"));

        Response r = postCsv(INTEGRATION, "/api/invoices/import", csv(customerId, invoices));

        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(r.body().path("status").asText()).isEqualTo("DONE");
        invoices.forEach((number, age) -> assertThat(stageOf(number)).as(number + " " + age).isEqualTo(age.stage()));
    }

    @Test
    void aLargeImportShowsTheStageEachCaseWillStartInBeforeItStartsAndTheSameAfter() {
        String customerId = createCustomer();
        Map<String, Age> invoices = new LinkedHashMap<>();
        for (Age age : AGES) {
            invoices.put(unique("BIGAGE"), age);
        }

        clearInvocations(caseEngine);
        Response r = postCsv(INTEGRATION, "/api/invoices/import", csv(customerId, invoices));

        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(r.body().path("status").asText()).isEqualTo("STARTING_CASES");
        // one customer, two credit terms: the policy is decided twice for the 9 invoices (EntryStages.policy: the
        // shipped table reads segment, region and credit term, not the amount)
        verify(caseEngine, times(2)).decideWithVersion(any(), eq(DECISION_COLLECTION_POLICY), anyMap());
        assertThat(invoices.keySet()).noneMatch(this::caseRunning);
        invoices.forEach((number, age) -> assertThat(stageOf(number)).as("before its case starts: " + age)
            .isEqualTo(age.stage()));

        starter.startPending();

        assertThat(invoices.keySet()).allMatch(this::caseRunning);
        invoices.forEach((number, age) -> assertThat(stageOf(number)).as("its case started: " + age)
            .isEqualTo(age.stage()));
    }
}
