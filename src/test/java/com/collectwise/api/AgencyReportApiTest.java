package com.collectwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.HashMap;
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
