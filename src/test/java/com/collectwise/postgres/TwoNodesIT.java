package com.collectwise.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.collectwise.CollectwiseApplication;
import com.collectwise.cases.CaseVariables;

/**
 * Two application nodes on one PostgreSQL database, both with their job executor on, as in a
 * production cluster: both deploy the models at start, both take API calls, either may run a job.
 */
class TwoNodesIT {

    private static final String ADMIN = "admin";
    private static final String ADMIN_PASSWORD = "Test-Ledger-Passw0rd!";

    private static ConfigurableApplicationContext nodeA;
    private static ConfigurableApplicationContext nodeB;
    private final HttpClient http = HttpClient.newHttpClient();

    private static ConfigurableApplicationContext node(String name) {
        return new SpringApplicationBuilder(CollectwiseApplication.class).profiles("test", "postgres").run(
            "--server.port=0",
            "--spring.application.name=collectwise-" + name,
            "--spring.datasource.url=" + EmbeddedPostgres.jdbcUrl("two_nodes_it"),
            "--spring.datasource.username=postgres",
            "--spring.datasource.password=postgres",
            "--spring.datasource.hikari.connection-timeout=2000",
            "--spring.datasource.hikari.maximum-pool-size=5",
            "--camunda.bpm.database.schema-update=true",
            "--camunda.bpm.job-execution.enabled=true",
            "--camunda.bpm.job-execution.wait-time-in-millis=200",
            "--camunda.bpm.job-execution.max-wait=1000",
            "--camunda.bpm.job-execution.lock-time-in-millis=10000",
            "--collectwise.admin.password-file=target/two-nodes-admin-password.txt");
    }

    @BeforeAll
    static void startTwoNodes() {
        nodeA = node("a");
        nodeB = node("b");
    }

    @AfterAll
    static void stopNodes() {
        if (nodeB != null) {
            nodeB.close();
        }
        if (nodeA != null) {
            nodeA.close();
        }
    }

    @Test
    void deploymentsFromBothNodesDoNotDuplicateDefinitions() {
        RepositoryService repository = nodeB.getBean(RepositoryService.class);

        for (String key : new String[] {CaseVariables.PROCESS_COLLECTION, "Process_MoveCaseToStage"}) {
            assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(key).count()).as(key)
                .isEqualTo(1);
        }
        assertThat(repository.createDecisionDefinitionQuery().decisionDefinitionKey("collection-policy").count())
            .isLessThanOrEqualTo(1);
    }

    @Test
    void aCaseStartedOnOneNodeIsSettledOnTheOtherAndClosedOnceByEitherJobExecutor() throws Exception {
        LocalDate today = LocalDate.now();
        String customerId = "C-2N-1";
        String invoiceNumber = "INV-2N-1";
        int a = port(nodeA);
        int b = port(nodeB);
        assertThat(post(a, "/api/customers", """
            {"customerId": "%s", "name": "Two Nodes Ltd", "collector": "admin"}""".formatted(customerId))
            .statusCode()).isEqualTo(201);
        HttpResponse<String> invoice = post(a, "/api/invoices", """
            {"invoiceNumber": "%s", "customerId": "%s", "issueDate": "%s", "dueDate": "%s", "amount": "500.00",
             "currency": "CNY"}""".formatted(invoiceNumber, customerId, today.minusDays(5), today.plusDays(25)));
        assertThat(invoice.statusCode()).as(invoice.body()).isEqualTo(201);
        RuntimeService runtime = nodeB.getBean(RuntimeService.class);
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(invoiceNumber).count()).isEqualTo(1);

        HttpResponse<String> payment = post(b, "/api/payments", """
            {"paymentReference": "PAY-2N-1", "invoiceNumber": "%s", "amount": "500.00", "currency": "CNY",
             "receivedOn": "%s", "method": "BANK_TRANSFER"}""".formatted(invoiceNumber, today));
        assertThat(payment.statusCode()).as(payment.body()).isEqualTo(201);

        // the settled case ends in an asynchronous step: one of the two job executors runs it, once
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
            runtime.createProcessInstanceQuery().processDefinitionKey(CaseVariables.PROCESS_COLLECTION)
                .processInstanceBusinessKey(invoiceNumber).count() == 0);
        JdbcClient jdbc = nodeA.getBean(JdbcClient.class);
        assertThat(jdbc.sql("SELECT status FROM invoices WHERE invoice_number = ?").param(invoiceNumber)
            .query(String.class).single()).isEqualTo("SETTLED");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM payments WHERE payment_reference = 'PAY-2N-1'")
            .query(Integer.class).single()).isEqualTo(1);
        var ended = nodeA.getBean(org.camunda.bpm.engine.HistoryService.class).createHistoricProcessInstanceQuery()
            .processDefinitionKey(CaseVariables.PROCESS_COLLECTION).processInstanceBusinessKey(invoiceNumber).list();
        assertThat(ended).singleElement().satisfies(p -> assertThat(p.getState()).isEqualTo("COMPLETED"));
        assertThat(get(a, "/api/invoices/" + invoiceNumber).body()).contains("SETTLED");
    }

    @Test
    void csvImportAndAgencyInboxWorkOnPostgres() throws Exception {
        LocalDate today = LocalDate.now();
        int a = port(nodeA);
        assertThat(post(a, "/api/customers", """
            {"customerId": "C-2N-CSV", "name": "Csv Ltd", "collector": "admin"}""").statusCode()).isEqualTo(201);
        String csv = "invoiceNumber,customerId,issueDate,dueDate,amount,currency,creditTermDays,"
            + "contractInterestRatePercent\nINV-2N-CSV-1,C-2N-CSV," + today.minusDays(3) + "," + today.plusDays(27)
            + ",120.50,CNY,,\n";
        HttpResponse<String> imported = http.send(request(port(nodeB), "/api/invoices/import")
            .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(csv)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(imported.statusCode()).as(imported.body()).isIn(200, 201);

        HttpResponse<String> report = post(a, "/api/agency/reports", """
            {"invoiceNumber": "INV-2N-CSV-1", "agencyReference": "AG-2N", "reportId": "R-2N-1", "status": "IN_PROGRESS",
             "reportedOn": "%s"}""".formatted(today));
        assertThat(report.statusCode()).as(report.body()).isEqualTo(202);
        assertThat(nodeB.getBean(JdbcClient.class).sql("SELECT status FROM inbox WHERE dedup_key = 'AGENCY_REPORT:R-2N-1'")
            .query(String.class).single()).isEqualTo("KEPT");
    }

    private static int port(ConfigurableApplicationContext app) {
        return Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
    }

    private HttpResponse<String> post(int port, String path, String json) throws Exception {
        return http.send(request(port, path).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(request(port, path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(int port, String path) {
        String credentials = Base64.getEncoder().encodeToString((ADMIN + ":" + ADMIN_PASSWORD)
            .getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Authorization", "Basic " + credentials);
    }
}
