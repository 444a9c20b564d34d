package com.collectwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

import com.collectwise.kernel.CaseVariables;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Issue 4 acceptance: for the same case on the same day, the outstanding total in Cockpit (the case's variable
 * outstandingAmount), on the call form (the variables Tasklist loads for Task_CallCustomer) and in
 * GET /api/invoices/{number} is one figure - when the call is prepared, after a waiver approved in Tasklist,
 * and after a stage is entered. Everything goes over HTTP as the people who look at it.
 */
class OutstandingFiguresAgreeApiTest extends ApiTestSupport {

    @Test
    void cockpitCallFormAndApiShowTheSameOutstandingTotal() {
        String customerId = createCustomer();
        // three days overdue: late interest is part of the figure, and the case waits at the call
        String invoice = createInvoice(customerId, "10000.00", "CNY", today().minusDays(40), today().minusDays(3));
        runDueJobsOfCase(invoice);
        String caseId = runtime.createProcessInstanceQuery().processDefinitionKey(CaseVariables.PROCESS_COLLECTION)
            .processInstanceBusinessKey(invoice).singleResult().getId();
        String callTask = onlyTask(COLLECTOR, caseId, "Task_CallCustomer");

        BigDecimal prepared = apiTotal(invoice);
        assertThat(prepared).isGreaterThan(new BigDecimal("10000.00"));
        assertThat(cockpit(caseId)).isEqualByComparingTo(prepared);
        assertThat(callForm(callTask)).isEqualByComparingTo(prepared);

        // a collector asks for an early-payment discount in Tasklist, a supervisor approves it
        Response started = engineRest(COLLECTOR, HttpMethod.POST,
            "/engine-rest/process-definition/key/Process_RequestWaiver/submit-form", Map.of("variables", Map.of(
                "invoiceNumber", Map.of("value", invoice),
                "waiverComponent", Map.of("value", "PRINCIPAL"),
                "waiverAmount", Map.of("value", 100.0, "type", "Double"),
                "waiverReason", Map.of("value", "pays the rest this week"))));
        assertThat(started.status()).as(started.raw()).isEqualTo(200);
        String approval = onlyTask(SUPERVISOR, started.body().path("id").asText(), "Task_ApproveWaiver");
        Response decided = engineRest(SUPERVISOR, HttpMethod.POST, "/engine-rest/task/" + approval + "/submit-form",
            Map.of("variables", Map.of("waiverDecision", Map.of("value", "APPROVE"),
                "decisionReason", Map.of("value", "worth it for payment this week"))));
        assertThat(decided.status()).as(decided.raw()).isEqualTo(204);
        assertThat(count("SELECT COUNT(*) FROM ledger_entries WHERE invoice_number = ? AND approved_by = ?", invoice,
            SUPERVISOR)).isEqualTo(1);

        BigDecimal waived = apiTotal(invoice);
        assertThat(waived).isEqualByComparingTo(prepared.subtract(new BigDecimal("100.00")));
        assertThat(cockpit(caseId)).isEqualByComparingTo(waived);
        assertThat(callForm(callTask)).isEqualByComparingTo(waived);

        // a supervisor moves the case on: entering the stage refreshes the figure, letter fee included
        runtime.createMessageCorrelation(CaseVariables.MSG_STAGE_CHANGE).processInstanceId(caseId)
            .setVariable(CaseVariables.TARGET_STAGE, "FORMAL_DEMAND")
            .setVariable(CaseVariables.STAGE_CHANGE_REASON, "no answer to calls").correlate();
        runDueJobsOfCase(invoice);
        BigDecimal demanded = apiTotal(invoice);
        assertThat(cockpit(caseId)).isEqualByComparingTo(demanded);
    }

    private BigDecimal apiTotal(String invoice) {
        Response view = get(SUPERVISOR, "/api/invoices/" + invoice);
        assertThat(view.status()).as(view.raw()).isEqualTo(200);
        assertThat(view.body().path("asOf").asText()).isEqualTo(today().toString());
        return view.body().path("outstanding").path("total").decimalValue();
    }

    /** What Cockpit shows finance: the variable of the case instance. */
    private BigDecimal cockpit(String caseId) {
        Response r = engineRest(FINANCE, HttpMethod.GET,
            "/engine-rest/process-instance/" + caseId + "/variables/outstandingAmount", null);
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.body().path("value").decimalValue();
    }

    /** What Tasklist loads into the call form for the collector. */
    private BigDecimal callForm(String taskId) {
        Response r = engineRest(COLLECTOR, HttpMethod.GET,
            "/engine-rest/task/" + taskId + "/form-variables?variableNames=amountToCollect", null);
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        // the call form shows the amount as the collector says it: "3,451.70"
        String shown = r.body().path("amountToCollect").path("value").asText();
        assertThat(shown).matches("[0-9]{1,3}(,[0-9]{3})*\\.[0-9]{2}");
        return new BigDecimal(shown.replace(",", ""));
    }

    private String onlyTask(String user, String processInstanceId, String taskKey) {
        Response r = engineRest(user, HttpMethod.GET, "/engine-rest/task?processInstanceId=" + processInstanceId
            + "&taskDefinitionKey=" + taskKey + "&maxResults=10", null);
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(r.body()).as(r.raw()).hasSize(1);
        JsonNode task = r.body().get(0);
        return task.path("id").asText();
    }

    private Response engineRest(String user, HttpMethod method, String path, Object body) {
        return exchange(user, method, path, body, body == null ? null : MediaType.APPLICATION_JSON);
    }
}
