package com.collectwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.collectwise.kernel.CaseStatus;
import com.collectwise.kernel.CaseVariables;
import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.InvoiceRepository;
import com.collectwise.kernel.Stage;

/**
 * Whether a collection case waits for an agency report depends on the model; these tests do not rely on
 * the real model reaching the agency stage. An invoice is registered without a collection case, and a
 * small stand-in process that waits for the report is started under its number when a waiting case is needed.
 */
class AgencyReportApiTest extends ApiTestSupport {

    private static final String WAITING_PROCESS = "Test_AgencyReportWait";

    @Autowired
    InvoiceRepository invoices;
    @Autowired
    RepositoryService repository;
    @Autowired
    HistoryService history;

    /** An invoice in the agency stage, without a running collection case. */
    private String invoiceAtAgency(String amount) {
        String customerId = createCustomer();
        String number = unique("AG");
        invoices.insert(new Invoice(number, customerId, today().minusDays(120), today().minusDays(90), 30,
            new BigDecimal(amount), "CNY", null, CaseStatus.OPEN, Stage.AGENCY, null, null));
        return number;
    }

    private String waitingCase(String invoiceNumber) {
        if (repository.createProcessDefinitionQuery().processDefinitionKey(WAITING_PROCESS).count() == 0) {
            repository.createDeployment().name("agency report stand-in")
                .addModelInstance(WAITING_PROCESS + ".bpmn", Bpmn.createExecutableProcess(WAITING_PROCESS)
                    .camundaHistoryTimeToLive(1)
                    .startEvent().receiveTask("Task_WaitForReport").message(CaseVariables.MSG_AGENCY_REPORT)
                    .endEvent().done())
                .deploy();
        }
        return runtime.startProcessInstanceByKey(WAITING_PROCESS, invoiceNumber).getId();
    }

    private Map<String, Object> report(String invoiceNumber, String reportId, String status, Object amount) {
        Map<String, Object> body = new HashMap<>();
        body.put("invoiceNumber", invoiceNumber);
        body.put("agencyReference", "AGY-" + reportId);
        body.put("reportId", reportId);
        body.put("status", status);
        if (amount != null) {
            body.put("amountCollected", amount);
        }
        body.put("reportedOn", today().toString());
        return body;
    }

    private BigDecimal outstandingTotal(String invoiceNumber) {
        return get(FINANCE, "/api/invoices/" + invoiceNumber).body().path("outstanding").path("total").decimalValue();
    }

    private int inboxEntries(String reportId, String status) {
        return count("SELECT COUNT(*) FROM inbox WHERE dedup_key = ? AND status = ?", "AGENCY_REPORT:" + reportId,
            status);
    }

    @Test
    void reportOnAnUnknownCaseIsNotFoundButKept() {
        String reportId = unique("R");

        Response r = post(INTEGRATION, "/api/agency/reports", report(unique("NOPE"), reportId, "IN_PROGRESS", null));

        assertProblem(r, 404);
        assertThat(inboxEntries(reportId, "KEPT")).isEqualTo(1);
    }

    @Test
    void reportReachesTheWaitingCaseAndCollectedMoneyIsBooked() {
        String number = invoiceAtAgency("300.00");
        String instance = waitingCase(number);
        String reportId = unique("R");
        BigDecimal before = outstandingTotal(number);

        Response r = post(INTEGRATION, "/api/agency/reports", report(number, reportId, "PARTLY_COLLECTED", "120.00"));

        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(r.body().path("outcome").asText()).isEqualTo("CORRELATED");
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance).count()).isZero();
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(instance)
            .variableName(CaseVariables.AGENCY_REPORT_STATUS).singleResult().getValue()).isEqualTo("PARTLY_COLLECTED");
        assertThat(count("SELECT COUNT(*) FROM payments WHERE payment_reference = ? AND method = 'OTHER'",
            "AGENCY-" + reportId)).isEqualTo(1);
        // the case is overdue: the money may go to interest and fees first, but the total falls by all of it
        assertThat(outstandingTotal(number)).isEqualByComparingTo(before.subtract(new BigDecimal("120.00")));
        assertThat(inboxEntries(reportId, "APPLIED")).isEqualTo(1);
    }

    @Test
    void reportForACaseThatIsNotWaitingIsKeptAndItsMoneyBooked() {
        String number = invoiceAtAgency("300.00");
        String reportId = unique("R");

        Response r = post(INTEGRATION, "/api/agency/reports", report(number, reportId, "PARTLY_COLLECTED", 100));

        assertThat(r.status()).as(r.raw()).isEqualTo(202);
        assertThat(inboxEntries(reportId, "KEPT")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM payments WHERE payment_reference = ?", "AGENCY-" + reportId))
            .isEqualTo(1);
    }

    /**
     * Reports out of date order: the agency said PARTLY_COLLECTED 120.00 on today - 1 (the case took it and waits
     * again); its UNCOLLECTIBLE of today - 5 arrives after it. The older word does not end the case (202, kept with
     * the reason, the case still waits); its 30.00 is booked all the same, dated today - 5. A report of today
     * (newer) then reaches the case.
     */
    @Test
    void aReportOlderThanOneTheCaseTookDoesNotMoveTheCase() {
        String number = invoiceAtAgency("300.00");
        waitingCase(number);
        Map<String, Object> newer = report(number, unique("R"), "PARTLY_COLLECTED", "120.00");
        newer.put("reportedOn", today().minusDays(1).toString());
        assertThat(post(INTEGRATION, "/api/agency/reports", newer).status()).isEqualTo(200);
        String waitingAgain = waitingCase(number);

        String olderId = unique("R");
        Map<String, Object> older = report(number, olderId, "UNCOLLECTIBLE", "30.00");
        older.put("reportedOn", today().minusDays(5).toString());
        Response late = post(INTEGRATION, "/api/agency/reports", older);

        assertThat(late.status()).as(late.raw()).isEqualTo(202);
        assertThat(late.body().path("outcome").asText()).isEqualTo("KEPT");
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(waitingAgain).count())
            .as("the case still waits for the agency").isEqualTo(1);
        assertThat(jdbc.sql("SELECT reason FROM inbox WHERE dedup_key = ?").param("AGENCY_REPORT:" + olderId)
            .query(String.class).single()).contains(today().minusDays(1).toString());
        assertThat(jdbc.sql("SELECT received_on FROM payments WHERE payment_reference = ?").param("AGENCY-" + olderId)
            .query(java.time.LocalDate.class).single()).isEqualTo(today().minusDays(5));
        assertThat(jdbc.sql("SELECT SUM(amount) FROM payment_allocations WHERE payment_reference = ?")
            .param("AGENCY-" + olderId).query(BigDecimal.class).single()).isEqualByComparingTo("30.00");

        Response current = post(INTEGRATION, "/api/agency/reports", report(number, unique("R"), "IN_PROGRESS", null));
        assertThat(current.status()).as(current.raw()).isEqualTo(200);
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(waitingAgain).count()).isZero();
    }

    @Test
    void duplicateReportChangesNothing() {
        String number = invoiceAtAgency("300.00");
        String reportId = unique("R");
        assertThat(post(INTEGRATION, "/api/agency/reports", report(number, reportId, "COLLECTED", "50")).status())
            .isEqualTo(202);

        Response again = post(INTEGRATION, "/api/agency/reports", report(number, reportId, "COLLECTED", "50.00"));

        assertThat(again.status()).as(again.raw()).isEqualTo(200);
        assertThat(again.body().path("outcome").asText()).isEqualTo("DUPLICATE");
        assertThat(count("SELECT COUNT(*) FROM inbox WHERE dedup_key = ?", "AGENCY_REPORT:" + reportId)).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM payments WHERE payment_reference = ?", "AGENCY-" + reportId))
            .isEqualTo(1);
        assertThat(jdbc.sql("SELECT SUM(amount) FROM payment_allocations WHERE payment_reference = ?")
            .param("AGENCY-" + reportId).query(BigDecimal.class).single()).isEqualByComparingTo("50.00");
    }

    @Test
    void sameReportIdWithOtherContentIsAConflict() {
        String number = invoiceAtAgency("300.00");
        String reportId = unique("R");
        post(INTEGRATION, "/api/agency/reports", report(number, reportId, "IN_PROGRESS", null));

        assertProblem(post(INTEGRATION, "/api/agency/reports", report(number, reportId, "UNCOLLECTIBLE", null)), 409);
    }

    /** The calls, released together; their answers in the order given. */
    @SafeVarargs
    private List<Response> atOnce(java.util.concurrent.Callable<Response>... calls) throws Exception {
        var pool = java.util.concurrent.Executors.newFixedThreadPool(calls.length);
        try {
            var start = new java.util.concurrent.CyclicBarrier(calls.length);
            List<java.util.concurrent.Future<Response>> running = new java.util.ArrayList<>();
            for (var call : calls) {
                running.add(pool.submit(() -> {
                    start.await(30, java.util.concurrent.TimeUnit.SECONDS);
                    return call.call();
                }));
            }
            List<Response> answers = new java.util.ArrayList<>();
            for (var f : running) {
                answers.add(f.get(90, java.util.concurrent.TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Two reports of the agency on one waiting case at the same moment (PARTLY_COLLECTED 120.00 and 80.00 on 300.00):
     * never a 5xx; one reaches the case (200), the other is kept (202) or reaches it too; both sums are booked once,
     * the total falls by 200.00, both reports are in the inbox.
     */
    @Test
    void twoReportsOnOneCaseAtTheSameMomentAreBothTakenAndBooked() throws Exception {
        for (int round = 0; round < 3; round++) {
            String number = invoiceAtAgency("300.00");
            waitingCase(number);
            BigDecimal before = outstandingTotal(number);
            String first = unique("R");
            String second = unique("R");

            List<Response> answers = atOnce(
                () -> post(INTEGRATION, "/api/agency/reports", report(number, first, "PARTLY_COLLECTED", "120.00")),
                () -> post(INTEGRATION, "/api/agency/reports", report(number, second, "PARTLY_COLLECTED", "80.00")));

            answers.forEach(a -> assertThat(a.status()).as(a.raw()).isIn(200, 202));
            assertThat(answers.stream().filter(a -> a.status() == 200).count()).as(answers.toString()).isEqualTo(1);
            assertThat(count("SELECT COUNT(*) FROM payments WHERE payment_reference IN (?, ?)", "AGENCY-" + first,
                "AGENCY-" + second)).isEqualTo(2);
            assertThat(outstandingTotal(number)).isEqualByComparingTo(before.subtract(new BigDecimal("200.00")));
            assertThat(inboxEntries(first, "APPLIED") + inboxEntries(first, "KEPT")).isEqualTo(1);
            assertThat(inboxEntries(second, "APPLIED") + inboxEntries(second, "KEPT")).isEqualTo(1);
        }
    }

    /** The same COLLECTED report sent twice at the same moment: booked once; the copy is a replay (or a 409 to retry). */
    @Test
    void theSameReportTwiceAtTheSameMomentIsBookedOnce() throws Exception {
        for (int round = 0; round < 3; round++) {
            String number = invoiceAtAgency("300.00");
            waitingCase(number);
            String reportId = unique("R");

            List<Response> answers = atOnce(
                () -> post(INTEGRATION, "/api/agency/reports", report(number, reportId, "COLLECTED", "300.00")),
                () -> post(INTEGRATION, "/api/agency/reports", report(number, reportId, "COLLECTED", "300.00")));

            answers.forEach(a -> assertThat(a.status()).as(a.raw()).isIn(200, 202, 409));
            assertThat(answers.stream().filter(a -> a.status() == 409 || "DUPLICATE".equals(a.body().path("outcome")
                .asText())).count()).as(answers.toString()).isEqualTo(1);
            assertThat(count("SELECT COUNT(*) FROM payments WHERE payment_reference = ?", "AGENCY-" + reportId))
                .isEqualTo(1);
            assertThat(jdbc.sql("SELECT SUM(amount) FROM payment_allocations WHERE payment_reference = ?")
                .param("AGENCY-" + reportId).query(BigDecimal.class).single()).isEqualByComparingTo("300.00");
        }
    }

    @Test
    void reportsEveryBadFieldAtOnce() {
        Response r = post(INTEGRATION, "/api/agency/reports",
            Map.of("status", "DONE", "amountCollected", "12.34567", "reportedOn", "2026-11"));

        assertProblem(r, 400);
        assertThat(errorFields(r)).containsExactlyInAnyOrder("invoiceNumber", "agencyReference", "reportId",
            "status", "amountCollected", "reportedOn");
    }

    @Test
    void onlyTheIntegrationGroupMayReport() {
        assertProblem(post(SUPERVISOR, "/api/agency/reports", Map.of()), 403);
    }
}
