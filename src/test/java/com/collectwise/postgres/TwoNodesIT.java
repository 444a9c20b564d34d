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
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.collectwise.CollectwiseApplication;
import com.collectwise.kernel.CaseVariables;
import com.collectwise.communication.MailDispatcher;
import com.collectwise.communication.Outbox;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;

import jakarta.mail.internet.MimeMessage;

/**
 * Two application nodes on one PostgreSQL database, both with their job executor on, as in a
 * production cluster: both deploy the models at start, both take API calls, either may run a job.
 */
class TwoNodesIT {

    private static final String ADMIN = "admin";
    private static final String ADMIN_PASSWORD = "Test-Ledger-Passw0rd!";

    /** Short, so that a job locked by a node that died is taken over quickly by the other one. */
    private static final long LOCK_TIME_MILLIS = 4000;

    private static GreenMail smtp;
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
            "--camunda.bpm.job-execution.lock-time-in-millis=" + LOCK_TIME_MILLIS,
            // written into the job log, so a test can tell which node ran a job
            "--camunda.bpm.generic-properties.properties.hostname=node-" + name,
            "--spring.mail.host=localhost",
            "--spring.mail.port=" + smtp.getSmtp().getPort(),
            // e-mails are dispatched by the test, on both nodes at once
            "--collectwise.mail.dispatch-interval=PT1H",
            "--collectwise.admin.password-file=target/two-nodes-admin-password.txt");
    }

    @BeforeAll
    static void startTwoNodes() {
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
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
        if (smtp != null) {
            smtp.stop();
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

    /** A large import's cases are started by both nodes side by side (SKIP LOCKED batches), each exactly once. */
    @Test
    void bothNodesStartTheCasesOfALargeImportEachOnce() throws Exception {
        LocalDate today = LocalDate.now();
        assertThat(post(port(nodeA), "/api/customers", """
            {"customerId": "C-2N-BIG", "name": "Big Import Ltd", "collector": "admin"}""").statusCode()).isEqualTo(201);
        StringBuilder csv = new StringBuilder("invoiceNumber,customerId,issueDate,dueDate,amount,currency\n");
        int invoices = 24;
        for (int i = 0; i < invoices; i++) {
            csv.append("INV-2N-BIG-").append(i).append(",C-2N-BIG,").append(today.minusDays(3)).append(',')
                .append(today.plusDays(27)).append(",100.00,CNY\n");
        }
        HttpResponse<String> imported = http.send(request(port(nodeB), "/api/invoices/import")
            .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(csv.toString())).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        assertThat(imported.body()).contains("STARTING_CASES");

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> runs = new ArrayList<>();
            for (ConfigurableApplicationContext node : List.of(nodeA, nodeB)) {
                runs.add(pool.submit(() -> {
                    go.await();
                    return node.getBean(com.collectwise.cases.ImportCaseStarter.class).startPending();
                }));
            }
            go.countDown();
            int started = 0;
            for (Future<Integer> run : runs) {
                started += run.get(2, TimeUnit.MINUTES);
            }
            assertThat(started).isEqualTo(invoices);
        } finally {
            pool.shutdownNow();
        }
        JdbcClient jdbc = nodeA.getBean(JdbcClient.class);
        assertThat(jdbc.sql("""
                SELECT COUNT(*) FROM act_ru_execution WHERE business_key_ LIKE 'INV-2N-BIG-%' AND parent_id_ IS NULL""")
            .query(Integer.class).single()).isEqualTo(invoices);
        assertThat(jdbc.sql("SELECT COUNT(DISTINCT business_key_) FROM act_ru_execution WHERE business_key_ LIKE 'INV-2N-BIG-%'")
            .query(Integer.class).single()).isEqualTo(invoices);
        assertThat(jdbc.sql("SELECT cases_started FROM invoice_imports WHERE finished_at IS NOT NULL AND invoices = ?")
            .param(invoices).query(Integer.class).list()).containsExactly(invoices);
    }

    @Test
    void eachDueTimerRunsOnceAndEachReminderIsWrittenOnceAcrossBothNodes() throws Exception {
        LocalDate today = LocalDate.now();
        int cases = 20;
        assertThat(post(port(nodeA), "/api/customers", """
            {"customerId": "C-2N-TIMER", "name": "Timer Ltd", "collector": "admin", "email": "ap@timer.test"}""")
            .statusCode()).isEqualTo(201);
        // due in two days with the reminder seven days before the due date: every reminder timer is due at once
        List<String> invoices = new ArrayList<>();
        for (int i = 1; i <= cases; i++) {
            String invoiceNumber = "INV-2N-T-" + i;
            invoices.add(invoiceNumber);
            HttpResponse<String> created = post(port(i % 2 == 0 ? nodeA : nodeB), "/api/invoices", """
                {"invoiceNumber": "%s", "customerId": "C-2N-TIMER", "issueDate": "%s", "dueDate": "%s",
                 "amount": "100.00", "currency": "CNY"}""".formatted(invoiceNumber, today.minusDays(28),
                today.plusDays(2)));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        }
        RuntimeService runtime = nodeA.getBean(RuntimeService.class);
        Map<String, String> instanceByInvoice = invoices.stream().collect(Collectors.toMap(Function.identity(),
            invoice -> runtime.createProcessInstanceQuery().processDefinitionKey(CaseVariables.PROCESS_COLLECTION)
                .processInstanceBusinessKey(invoice).singleResult().getId()));
        ManagementService management = nodeA.getBean(ManagementService.class);
        HistoryService history = nodeA.getBean(HistoryService.class);
        JdbcClient jdbc = nodeA.getBean(JdbcClient.class);

        // both job executors work until every reminder is written and no executable job of these cases is left
        await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(250)).until(() ->
            jdbc.sql("SELECT COUNT(*) FROM outbox WHERE kind = 'PRE_DUE_REMINDER' AND invoice_number LIKE 'INV-2N-T-%'")
                .query(Integer.class).single() == cases
            && instanceByInvoice.values().stream().allMatch(pi ->
                management.createJobQuery().processInstanceId(pi).executable().count() == 0));

        List<String> ranOn = new ArrayList<>();
        for (Map.Entry<String, String> c : instanceByInvoice.entrySet()) {
            String invoice = c.getKey();
            String pi = c.getValue();
            assertThat(jdbc.sql("SELECT COUNT(*) FROM outbox WHERE kind = 'PRE_DUE_REMINDER' AND invoice_number = ?")
                .param(invoice).query(Integer.class).single()).as(invoice).isEqualTo(1);
            // the timer's job also queues the reminder (no job of its own: bench/results/TUNING.md)
            var successes = history.createHistoricJobLogQuery().processInstanceId(pi)
                .activityIdIn("Timer_PreDueReminder").successLog().list();
            assertThat(successes).as(invoice).hasSize(1);
            ranOn.add(successes.get(0).getHostname());
            // the case has moved on to wait for the overdue date, exactly once
            assertThat(runtime.createExecutionQuery().processInstanceId(pi).activityId("Timer_InvoiceOverdue").count())
                .as(invoice).isEqualTo(1);
        }
        assertThat(ranOn).allMatch(host -> host.equals("node-a") || host.equals("node-b"));
        System.out.println("TwoNodesIT: reminder jobs per node " + ranOn.stream()
            .collect(Collectors.groupingBy(Function.identity(), Collectors.counting())));
    }

    @Test
    void anEmailDispatchedOnBothNodesAtTheSameMomentIsSentOnce() throws Exception {
        int mails = 12;
        // quiet hours hold e-mail 22:00-08:00 Shanghai time: a weekday morning, whenever the build runs (a moment
        // past, so that no timer of the other tests falls due meanwhile)
        org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(java.util.Date.from(
            java.time.ZonedDateTime.of(2026, 3, 4, 10, 0, 0, 0, java.time.ZoneId.of("Asia/Shanghai")).toInstant()));
        try {
            sendOnBothNodes(mails);
        } finally {
            org.camunda.bpm.engine.impl.util.ClockUtil.reset();
        }
    }

    private void sendOnBothNodes(int mails) throws Exception {
        Outbox outbox = nodeA.getBean(Outbox.class);
        for (int i = 1; i <= mails; i++) {
            assertThat(outbox.enqueue("2N-MAIL:" + i, "INV-2N-MAIL", "C-2N-MAIL", Outbox.OVERDUE_REMINDER,
                "ap@mail.test", "2N-MAIL " + i, "Please pay invoice INV-2N-MAIL.")).isTrue();
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> sent = new ArrayList<>();
            for (ConfigurableApplicationContext node : List.of(nodeA, nodeB)) {
                MailDispatcher dispatcher = node.getBean(MailDispatcher.class);
                sent.add(threads.submit(() -> {
                    start.await();
                    return dispatcher.dispatchPending();
                }));
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> f : sent) {
                total += f.get(30, TimeUnit.SECONDS);
            }
            assertThat(total).isGreaterThanOrEqualTo(mails);
        } finally {
            threads.shutdownNow();
        }

        List<String> subjects = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            if (m.getSubject().startsWith("2N-MAIL ")) {
                subjects.add(m.getSubject());
            }
        }
        assertThat(subjects).hasSize(mails).doesNotHaveDuplicates();
        assertThat(nodeB.getBean(JdbcClient.class).sql(
                "SELECT COUNT(*) FROM outbox WHERE idempotency_key LIKE '2N-MAIL:%' AND status = 'SENT' AND attempts = 1")
            .query(Integer.class).single()).isEqualTo(mails);
    }

    @Test
    void aJobLockedByANodeThatDiedIsRunByALiveNodeAfterTheLockTime() throws Exception {
        LocalDate today = LocalDate.now();
        String invoiceNumber = "INV-2N-DEAD";
        assertThat(post(port(nodeA), "/api/customers", """
            {"customerId": "C-2N-DEAD", "name": "Dead Node Ltd", "collector": "admin", "email": "ap@dead.test"}""")
            .statusCode()).isEqualTo(201);
        // the reminder is weeks away: nobody acquires its timer job yet
        HttpResponse<String> created = post(port(nodeA), "/api/invoices", """
            {"invoiceNumber": "%s", "customerId": "C-2N-DEAD", "issueDate": "%s", "dueDate": "%s",
             "amount": "250.00", "currency": "CNY"}""".formatted(invoiceNumber, today, today.plusDays(30)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        RuntimeService runtime = nodeB.getBean(RuntimeService.class);
        ManagementService management = nodeB.getBean(ManagementService.class);
        String pi = runtime.createProcessInstanceQuery().processDefinitionKey(CaseVariables.PROCESS_COLLECTION)
            .processInstanceBusinessKey(invoiceNumber).singleResult().getId();
        String jobId = management.createJobQuery().processInstanceId(pi).activityId("Timer_PreDueReminder")
            .singleResult().getId();
        JdbcClient jdbc = nodeB.getBean(JdbcClient.class);

        // what a node leaves behind when it dies right after acquiring a due job: the job, locked by it
        Instant now = Instant.now();
        assertThat(jdbc.sql("""
                UPDATE ACT_RU_JOB SET DUEDATE_ = ?, LOCK_OWNER_ = 'dead-node', LOCK_EXP_TIME_ = ?
                WHERE ID_ = ? AND LOCK_OWNER_ IS NULL""")
            .params(Timestamp.from(now.minusSeconds(60)), Timestamp.from(now.plusMillis(LOCK_TIME_MILLIS)), jobId)
            .update()).isEqualTo(1);

        // while the lock is valid, the live nodes leave the job alone ...
        await().during(Duration.ofMillis(LOCK_TIME_MILLIS - 1500)).atMost(Duration.ofMillis(LOCK_TIME_MILLIS - 500))
            .pollInterval(Duration.ofMillis(200)).until(() ->
                "dead-node".equals(jdbc.sql("SELECT LOCK_OWNER_ FROM ACT_RU_JOB WHERE ID_ = ?").param(jobId)
                    .query(String.class).optional().orElse(null)));
        // ... and once it expired, one of them runs it and the case goes on: the reminder is written once
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() ->
            management.createJobQuery().jobId(jobId).count() == 0
            && jdbc.sql("SELECT COUNT(*) FROM outbox WHERE kind = 'PRE_DUE_REMINDER' AND invoice_number = ?")
                .param(invoiceNumber).query(Integer.class).single() == 1);
        HistoryService history = nodeB.getBean(HistoryService.class);
        var ran = history.createHistoricJobLogQuery().jobId(jobId).successLog().list();
        assertThat(ran).singleElement().satisfies(log ->
            assertThat(log.getHostname()).isIn("node-a", "node-b"));
        assertThat(runtime.createExecutionQuery().processInstanceId(pi).activityId("Timer_InvoiceOverdue").count())
            .isEqualTo(1);
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
