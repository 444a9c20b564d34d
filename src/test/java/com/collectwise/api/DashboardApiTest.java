package com.collectwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;

import com.collectwise.cases.CustomerCalls;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The finance dashboard over HTTP: its ageing figures are the ageing report's for the same date, the other
 * figures follow from the test's own invoices and payments, and only finance and supervisors get in.
 */
class DashboardApiTest extends ApiTestSupport {

    @Test
    void dashboardFiguresEqualTheAgingReport() {
        String customerId = createCustomer();
        String current = createInvoice(customerId, "1000.00");
        String overdue = createInvoice(customerId, "2500.00", "USD", today().minusDays(75), today().minusDays(45));
        Response paid = post(INTEGRATION, "/api/payments", payment(unique("PAY"), overdue, "500.00", "USD"));
        assertThat(paid.status()).as(paid.raw()).isEqualTo(201);
        runDueJobsOfCase(overdue);
        String asOf = today().toString();

        Response aging = get(FINANCE, "/api/reports/aging?asOf=" + asOf);
        Response dashboard = get(FINANCE, "/api/reports/dashboard?asOf=" + asOf);
        assertThat(dashboard.status()).as(dashboard.raw()).isEqualTo(200);
        assertThat(dashboard.body().path("aging")).isEqualTo(aging.body());
        assertThat(dashboard.body().path("asOf").asText()).isEqualTo(asOf);

        // cases per stage add up to the ageing report's invoice counts
        int ageingCount = 0;
        for (JsonNode c : aging.body().path("currencies")) {
            ageingCount += c.path("invoiceCount").asInt();
        }
        int stageCount = 0;
        for (JsonNode s : dashboard.body().path("casesPerStage")) {
            stageCount += s.path("cases").asInt();
        }
        assertThat(stageCount).isEqualTo(ageingCount);

        // the DSO's receivables are the ageing totals
        for (JsonNode r : dashboard.body().path("ratios")) {
            JsonNode total = null;
            for (JsonNode c : aging.body().path("currencies")) {
                if (c.path("currency").asText().equals(r.path("currency").asText())) {
                    total = c.path("total");
                }
            }
            if (total != null) {
                assertThat(r.path("receivables").decimalValue()).isEqualByComparingTo(total.decimalValue());
            }
        }
        // the payment shows in the month it was applied, in its currency
        String month = asOf.substring(0, 7);
        BigDecimal usdThisMonth = BigDecimal.ZERO;
        for (JsonNode m : dashboard.body().path("collectedPerMonth")) {
            if (m.path("currency").asText().equals("USD") && m.path("month").asText().equals(month)) {
                usdThisMonth = m.path("amount").decimalValue();
            }
        }
        assertThat(usdThisMonth).isGreaterThanOrEqualTo(new BigDecimal("500.00"));

        JsonNode overdueLine = null;
        for (JsonNode c : dashboard.body().path("cases")) {
            if (c.path("invoiceNumber").asText().equals(overdue)) {
                overdueLine = c;
            }
        }
        JsonNode listed = dashboard.body().path("cases");
        if (overdueLine == null) {
            // the list holds the 25 most overdue cases of the whole (shared) test database: when other tests left 25
            // cases more overdue than this one open, it is full of them and this one is rightly not listed
            assertThat(listed.size()).as("the overdue case is listed, or 25 more overdue ones are").isEqualTo(25);
            for (JsonNode c : listed) {
                assertThat(c.path("daysPastDue").asLong()).as(c.toString()).isGreaterThanOrEqualTo(45);
            }
            return;
        }
        // the case's own instance: the processes it calls carry its business key too (at 45 days the field stage
        // keeps in contact beside the visit)
        String processInstanceId = runtime.createProcessInstanceQuery()
            .processDefinitionKey(com.collectwise.kernel.CaseVariables.PROCESS_COLLECTION)
            .processInstanceBusinessKey(overdue).singleResult().getId();
        assertThat(overdueLine.path("cockpitLink").asText())
            .isEqualTo("/camunda/app/cockpit/default/#/process-instance/" + processInstanceId);
        assertThat(overdueLine.path("daysPastDue").asLong()).isEqualTo(45);
        assertThat(current).isNotBlank();
    }

    @Autowired TaskService tasks;

    /**
     * Issue 16 item 10: the causes heard on a call are counted per collector; one call about two invoices is one
     * contact and one cause; promises, money collected and open cases per stage are the collector's customers'.
     */
    @Test
    void causesAndTheViewPerCollector() {
        String collector = "col" + unique("R").replaceAll("[^A-Za-z0-9]", "");
        org.camunda.bpm.engine.identity.User user = identity.newUser(collector);
        user.setPassword(PASSWORD);
        identity.saveUser(user);
        identity.createMembership(collector, "collectors");
        String customerId = unique("C");
        Response created = post(INTEGRATION, "/api/customers", Map.of("customerId", customerId, "name", "Dash " + customerId,
            "segment", "DOMESTIC", "country", "CN", "collector", collector, "decisionMaker", "Ms. Wang"));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        // two days overdue: each case starts with a call, and the customer's two calls are one
        String first = createInvoice(customerId, "1000.00", "CNY", today().minusDays(32), today().minusDays(2));
        String second = createInvoice(customerId, "2000.00", "CNY", today().minusDays(32), today().minusDays(2));
        runDueJobsOfCase(first);
        runDueJobsOfCase(second);
        List<Task> calls = tasks.createTaskQuery().taskDefinitionKey("Task_CallCustomer")
            .processInstanceBusinessKeyIn(first, second).list();
        assertThat(calls).hasSize(2);
        Task lead = calls.stream().filter(t -> tasks.getVariableLocal(t.getId(), CustomerCalls.COVERED_BY) == null)
            .findFirst().orElseThrow();
        tasks.complete(lead.getId(), Map.of("callOutcome", "PROMISE_TO_PAY", "promisedAmount", "100.00",
            "promisedDate", today().plusDays(5).toString(), CustomerCalls.OVERDUE_CAUSE, "CASH_TROUBLE"));
        assertThat(tasks.createTaskQuery().processInstanceBusinessKeyIn(first, second).count()).isZero();
        Response paid = post(INTEGRATION, "/api/payments", payment(unique("PAY"), second, "50.00", "CNY"));
        assertThat(paid.status()).as(paid.raw()).isEqualTo(201);

        Response dashboard = get(FINANCE, "/api/reports/dashboard?asOf=" + today());
        assertThat(dashboard.status()).as(dashboard.raw()).isEqualTo(200);
        JsonNode report = dashboard.body().path("collectorReport");
        JsonNode mine = null;
        for (JsonNode line : report.path("collectors")) {
            if (line.path("collector").asText().equals(collector)) {
                mine = line;
            }
        }
        assertThat(mine).as(report.toString()).isNotNull();
        assertThat(mine.path("contacts").asInt()).as("one call with the customer").isEqualTo(1);
        assertThat(mine.path("causes").path("CASH_TROUBLE").asInt()).as("heard once").isEqualTo(1);
        assertThat(mine.path("promisesMade").asInt()).as("100.00 fits on the first invoice").isEqualTo(1);
        assertThat(mine.path("promisesKept").asInt()).isZero();
        assertThat(mine.path("openCasesPerStage").path("INTERNAL_REMINDER").asInt()).isEqualTo(2);
        assertThat(mine.path("collected")).singleElement().satisfies(m -> {
            assertThat(m.path("currency").asText()).isEqualTo("CNY");
            assertThat(m.path("amount").decimalValue()).isEqualByComparingTo("50.00");
        });
        boolean cashTrouble = false;
        for (JsonNode cause : report.path("causes")) {
            if (cause.path("cause").asText().equals("CASH_TROUBLE")) {
                cashTrouble = cause.path("count").asInt() >= 1 && cause.path("label").asText().equals("Cash trouble");
            }
        }
        assertThat(cashTrouble).as(report.path("causes").toString()).isTrue();
        Response page = exchange(FINANCE, HttpMethod.GET, "/dashboard/", null, null);
        assertThat(page.entity().getBody()).contains("Why accounts go overdue").contains("Per collector");
    }

    @Test
    void onlyFinanceAndSupervisorsSeeTheDashboard() {
        assertThat(get(SUPERVISOR, "/api/reports/dashboard").status()).isEqualTo(200);
        assertProblem(get(COLLECTOR, "/api/reports/dashboard"), 403);
        assertProblem(get(null, "/api/reports/dashboard"), 401);
        assertProblem(get(FINANCE, "/api/reports/dashboard?asOf=yesterday"), 400);

        Response page = exchange(FINANCE, HttpMethod.GET, "/dashboard/", null, null);
        assertThat(page.entity().getStatusCode().value()).isEqualTo(200);
        assertThat(page.entity().getBody()).contains("Receivables dashboard").contains("vendor/chart-4.6.1.umd.min.js");
        assertThat(exchange(FINANCE, HttpMethod.GET, "/dashboard/vendor/chart-4.6.1.umd.min.js", null, null)
            .entity().getStatusCode().value()).isEqualTo(200);
        assertThat(get(FINANCE, "/dashboard/data").body().path("aging").isObject()).isTrue();
        assertProblem(get(COLLECTOR, "/dashboard/"), 403);
        assertProblem(get(null, "/dashboard/"), 401);
        assertThat(get(null, "/dashboard/").headers().getFirst("WWW-Authenticate")).startsWith("Basic");
    }

    private Map<String, Object> payment(String reference, String invoiceNumber, String amount, String currency) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("paymentReference", reference);
        body.put("invoiceNumber", invoiceNumber);
        body.put("amount", amount);
        body.put("currency", currency);
        body.put("receivedOn", today().toString());
        body.put("method", "BANK_TRANSFER");
        return body;
    }
}
