package com.collectwise.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Base64;

import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.collectwise.CollectwiseApplication;
import com.collectwise.kernel.CaseVariables;

/**
 * One application on a file database, as in production with H2: while the database is away the API
 * answers 503 and books nothing; after a restart every case and payment is still there.
 */
class OutageAndRestartTest {

    /** From the test profile: the first administrator, who may call every endpoint. */
    private static final String ADMIN = "admin";
    private static final String ADMIN_PASSWORD = "Test-Ledger-Passw0rd!";

    private final HttpClient http = HttpClient.newHttpClient();

    private static ConfigurableApplicationContext start(Path dir) {
        return new SpringApplicationBuilder(CollectwiseApplication.class, DatabaseSwitch.class).profiles("test").run(
            "--server.port=0",
            "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("collectwise").toAbsolutePath()
                + ";DB_CLOSE_ON_EXIT=FALSE",
            "--collectwise.admin.password-file=" + dir.resolve("admin-password.txt"));
    }

    @Test
    void anOutageIsA503WithNothingBookedAndARestartLosesNothing(@TempDir Path dir) throws Exception {
        String customerId = "C-RESTART-1";
        String invoiceNumber = "INV-RESTART-1";
        LocalDate today;
        try (ConfigurableApplicationContext app = start(dir)) {
            int port = port(app);
            today = LocalDate.now();
            assertThat(post(port, "/api/customers", """
                {"customerId": "%s", "name": "Restart Ltd", "collector": "admin"}""".formatted(customerId))
                .statusCode()).isEqualTo(201);
            assertThat(post(port, "/api/invoices", """
                {"invoiceNumber": "%s", "customerId": "%s", "issueDate": "%s", "dueDate": "%s", "amount": "1000.00",
                 "currency": "CNY"}""".formatted(invoiceNumber, customerId, today.minusDays(10), today.plusDays(20)))
                .statusCode()).isEqualTo(201);
            String payment = """
                {"paymentReference": "PAY-RESTART-1", "invoiceNumber": "%s", "amount": "300.00", "currency": "CNY",
                 "receivedOn": "%s", "method": "BANK_TRANSFER"}""".formatted(invoiceNumber, today.minusDays(1));

            String session = webappSession(port);

            HttpResponse<String> during;
            HttpResponse<String> read;
            HttpResponse<String> tasklist;
            HttpResponse<String> engineRest;
            DatabaseSwitch.down = true;
            try {
                during = post(port, "/api/payments", payment);
                read = get(port, "/api/invoices/" + invoiceNumber);
                // what Tasklist asks in a session opened before the outage, and a script on the engine REST API
                tasklist = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/camunda/api/engine/engine/default/task?firstResult=0&maxResults=15"))
                    .header("Cookie", session).GET().build(), HttpResponse.BodyHandlers.ofString());
                engineRest = get(port, "/engine-rest/task?maxResults=5");
            } finally {
                DatabaseSwitch.down = false;
            }
            for (HttpResponse<String> engineCall : java.util.List.of(tasklist, engineRest)) {
                assertThat(engineCall.statusCode()).as(engineCall.uri() + " " + engineCall.body()).isEqualTo(503);
                assertThat(engineCall.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
                assertThat(engineCall.headers().firstValue("Retry-After")).isPresent();
                assertThat(engineCall.body()).contains("\"status\":503");
            }
            // and the same session works again once the database is back
            HttpResponse<String> after = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                    + "/camunda/api/engine/engine/default/task?firstResult=0&maxResults=15"))
                .header("Cookie", session).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(after.statusCode()).as(after.body()).isEqualTo(200);

            assertThat(during.statusCode()).as(during.body()).isEqualTo(503);
            assertThat(during.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(during.headers().firstValue("Retry-After")).isPresent();
            assertThat(read.statusCode()).as(read.body()).isEqualTo(503);
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            assertThat(count(jdbc, "SELECT COUNT(*) FROM payments")).isZero();
            assertThat(count(jdbc, "SELECT COUNT(*) FROM payment_allocations")).isZero();

            // the retry after the outage books it, once
            HttpResponse<String> retry = post(port, "/api/payments", payment);
            assertThat(retry.statusCode()).as(retry.body()).isEqualTo(201);
            assertThat(post(port, "/api/payments", payment).statusCode()).isEqualTo(200);
        }

        try (ConfigurableApplicationContext app = start(dir)) {
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            RuntimeService runtime = app.getBean(RuntimeService.class);

            assertThat(count(jdbc, "SELECT COUNT(*) FROM customers WHERE customer_id = '" + customerId + "'"))
                .isEqualTo(1);
            assertThat(count(jdbc, "SELECT COUNT(*) FROM payments WHERE payment_reference = 'PAY-RESTART-1'"))
                .isEqualTo(1);
            assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(CaseVariables.PROCESS_COLLECTION)
                .processInstanceBusinessKey(invoiceNumber).count()).isEqualTo(1);
            HttpResponse<String> view = get(port(app), "/api/invoices/" + invoiceNumber);
            assertThat(view.statusCode()).isEqualTo(200);
            assertThat(view.body()).contains("\"total\":700.00");
            // one deployment of the models, not one per start
            assertThat(app.getBean(org.camunda.bpm.engine.RepositoryService.class).createProcessDefinitionQuery()
                .processDefinitionKey(CaseVariables.PROCESS_COLLECTION).count()).isEqualTo(1);
        }
    }

    /** A Tasklist login as a browser makes it; returns the session cookie ("JSESSIONID=..."). */
    private String webappSession(int port) throws Exception {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
            + "/camunda/app/tasklist/default/")).GET().build(), HttpResponse.BodyHandlers.ofString());
        java.util.List<String> cookies = page.headers().allValues("Set-Cookie").stream().map(c -> c.split(";")[0])
            .toList();
        String xsrf = cookies.stream().filter(c -> c.startsWith("XSRF-TOKEN=")).findFirst().orElseThrow()
            .substring("XSRF-TOKEN=".length());
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/camunda/api/admin/auth/user/default/login/tasklist"))
            .header("Cookie", String.join("; ", cookies)).header("X-XSRF-TOKEN", xsrf)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("username=" + ADMIN + "&password="
                + java.net.URLEncoder.encode(ADMIN_PASSWORD, StandardCharsets.UTF_8))).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        return login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
            .findFirst().orElseThrow().split(";")[0];
    }

    private static int port(ConfigurableApplicationContext app) {
        return Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
    }

    private static int count(JdbcClient jdbc, String sql) {
        return jdbc.sql(sql).query(Integer.class).single();
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
