package com.collectwise.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.collectwise.CollectwiseApplication;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A payment answered 201 is a promise to the bank feed that it is booked. This test kills the application
 * with SIGKILL ({@code kill -9}) in the middle of a burst of payments and checks, after a restart on the
 * same database file, that every payment answered 201 before the kill is still there.
 *
 * <p>The application runs in a child JVM on its <em>default</em> configuration (the H2 file database of
 * application.yaml, relative to the child's working directory), because the test must kill a process
 * without killing itself, and because what is under test is the default an operator gets. With H2's
 * default write delay (500 ms) this test loses payments; with {@code WRITE_DELAY=0} it loses none.
 */
class CrashDurabilityTest {

    private static final String ADMIN = "admin";
    private static final String ADMIN_PASSWORD = "Test-Ledger-Passw0rd!";

    /** A customer and an invoice per client: payments of one customer queue behind each other, not in parallel. */
    private static final int CLIENTS = 8;
    private static final int PAYMENTS_PER_CLIENT = 38;
    /** Kill after this many 201s: mid-burst by construction (304 are sent), whatever the machine's speed. */
    private static final int KILL_AFTER_ACKNOWLEDGED = 120;
    private static final BigDecimal INVOICE_AMOUNT = new BigDecimal("100000.00");

    private static final Duration START_TIMEOUT = Duration.ofSeconds(150);
    private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    /** A payment the application answered 201. */
    private record Acknowledged(String reference, String invoiceNumber, BigDecimal amount, String body) {
    }

    @Test
    void everyPaymentAnswered201BeforeAKill9IsBookedAfterTheRestart(@TempDir Path dir) throws Exception {
        LocalDate today = LocalDate.now();
        List<String> invoices = new ArrayList<>();
        Queue<Acknowledged> acknowledged = new ConcurrentLinkedQueue<>();
        Queue<String> unexpected = new ConcurrentLinkedQueue<>();
        AtomicInteger refused = new AtomicInteger();

        Child first = Child.start(dir, "first");
        try {
            int port = first.awaitReady(http);
            for (int c = 0; c < CLIENTS; c++) {
                String customerId = "C-KILL9-" + c;
                assertThat(post(port, "/api/customers", """
                    {"customerId": "%s", "name": "Kill Nine %d Ltd", "collector": "admin"}""".formatted(customerId, c))
                    .statusCode()).isEqualTo(201);
                String invoiceNumber = "INV-KILL9-" + c;
                HttpResponse<String> created = post(port, "/api/invoices", """
                    {"invoiceNumber": "%s", "customerId": "%s", "issueDate": "%s", "dueDate": "%s",
                     "amount": "%s", "currency": "CNY"}""".formatted(invoiceNumber, customerId, today.minusDays(10),
                    today.plusDays(20), INVOICE_AMOUNT));
                assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
                invoices.add(invoiceNumber);
            }

            AtomicInteger answered201 = new AtomicInteger();
            long burstStart = System.nanoTime();
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                clients.execute(() -> {
                    for (int i = 0; i < PAYMENTS_PER_CLIENT; i++) {
                        String reference = "KILL9-" + client + "-" + i;
                        BigDecimal amount = new BigDecimal("1.00").add(new BigDecimal(i).movePointLeft(2));
                        String body = payment(reference, invoices.get(client), amount, today.minusDays(1));
                        HttpResponse<String> answer;
                        try {
                            answer = post(port, "/api/payments", body);
                        } catch (IOException e) {
                            // the server is gone: this payment was never acknowledged, and neither will the rest be
                            refused.incrementAndGet();
                            return;
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                        if (answer.statusCode() != 201) {
                            unexpected.add(reference + " -> " + answer.statusCode() + " " + answer.body());
                            continue;
                        }
                        acknowledged.add(new Acknowledged(reference, invoices.get(client), amount, body));
                        if (answered201.incrementAndGet() == KILL_AFTER_ACKNOWLEDGED) {
                            System.out.printf("%d payments answered 201 in %d ms; kill -9%n", KILL_AFTER_ACKNOWLEDGED,
                                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - burstStart));
                            first.kill();
                        }
                    }
                });
            }
            clients.shutdown();
            assertThat(clients.awaitTermination(120, TimeUnit.SECONDS)).as("the burst ends").isTrue();
        } finally {
            first.kill();
        }

        assertThat(unexpected).as("answers other than 201 during the burst").isEmpty();
        assertThat(acknowledged).as("201s before the kill").hasSizeGreaterThanOrEqualTo(KILL_AFTER_ACKNOWLEDGED);
        assertThat(refused.get()).as("clients cut off by the kill, i.e. it hit the burst").isPositive();
        System.out.printf("kill -9 after %d payments answered 201 (%d clients cut off)%n", acknowledged.size(),
            refused.get());

        Child second = Child.start(dir, "second");
        try {
            int port = second.awaitReady(http);
            // read-only first: the principal still owed shows every acknowledged payment (and maybe some that were
            // in flight at the kill, booked but never answered)
            List<String> principalsTooHigh = new ArrayList<>();
            for (String invoiceNumber : invoices) {
                BigDecimal acknowledgedSum = acknowledged.stream().filter(p -> p.invoiceNumber().equals(invoiceNumber))
                    .map(Acknowledged::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
                HttpResponse<String> view = get(port, "/api/invoices/" + invoiceNumber);
                assertThat(view.statusCode()).as(view.body()).isEqualTo(200);
                JsonNode owed = json.readTree(view.body()).path("outstanding").path("principal");
                assertThat(owed.isNumber()).as("outstanding.principal in %s", view.body()).isTrue();
                BigDecimal principal = owed.decimalValue();
                if (principal.compareTo(INVOICE_AMOUNT.subtract(acknowledgedSum)) > 0) {
                    principalsTooHigh.add(invoiceNumber + ": " + principal + " owed, at most "
                        + INVOICE_AMOUNT.subtract(acknowledgedSum) + " expected");
                }
            }
            // then each acknowledged payment again: 200 "replayed" if it is booked, 201 if it had been lost
            List<String> lost = new ArrayList<>();
            for (Acknowledged payment : acknowledged) {
                HttpResponse<String> replay = post(port, "/api/payments", payment.body());
                if (replay.statusCode() != 200) {
                    lost.add(payment.reference() + " -> " + replay.statusCode());
                }
            }
            System.out.printf("after the restart: %d of %d acknowledged payments lost%n", lost.size(),
                acknowledged.size());
            assertThat(principalsTooHigh).as("invoices owing more than the acknowledged payments leave").isEmpty();
            assertThat(lost).as("acknowledged payments missing after the restart (of %d)", acknowledged.size())
                .isEmpty();
        } finally {
            second.stop();
        }
    }

    private static String payment(String reference, String invoiceNumber, BigDecimal amount, LocalDate receivedOn) {
        return """
            {"paymentReference": "%s", "invoiceNumber": "%s", "amount": "%s", "currency": "CNY",
             "receivedOn": "%s", "method": "BANK_TRANSFER"}""".formatted(reference, invoiceNumber, amount, receivedOn);
    }

    private HttpResponse<String> post(int port, String path, String body) throws IOException, InterruptedException {
        return http.send(request(port, path).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return http.send(request(port, path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(int port, String path) {
        String credentials = Base64.getEncoder().encodeToString((ADMIN + ":" + ADMIN_PASSWORD)
            .getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(30))
            .header("Authorization", "Basic " + credentials);
    }

    /**
     * The application in a JVM of its own, started from the test's class path without the test classes (their
     * configurations would be picked up by component scanning), in {@code dir} as working directory, so that
     * the default database URL ({@code ./data/collectwise}) lands there.
     */
    private record Child(Process process, Path log) {

        static Child start(Path dir, String name) throws IOException {
            String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !Path.of(entry).endsWith("test-classes"))
                .reduce((a, b) -> a + File.pathSeparator + b).orElseThrow();
            Path log = dir.resolve(name + ".log");
            ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                // a short-lived server: quick start matters more than peak speed
                "-XX:TieredStopAtLevel=1",
                "-cp", classPath,
                CollectwiseApplication.class.getName(),
                "--server.port=0",
                "--spring.main.banner-mode=off",
                "--logging.level.root=WARN",
                "--logging.level.org.springframework.boot.web.embedded.tomcat=INFO",
                // no case watch sweeping in the background of the burst
                "--collectwise.watch.initial-delay=P3650D")
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
            Map<String, String> env = builder.environment();
            // the defaults of application.yaml, whatever the machine running the build has set
            env.keySet().removeIf(key -> key.startsWith("SPRING_") || key.startsWith("COLLECTWISE_"));
            env.put("COLLECTWISE_ADMIN_PASSWORD", ADMIN_PASSWORD);
            return new Child(builder.start(), log);
        }

        /** Waits (bounded) for the port in the log and for the readiness probe; fails early if the JVM dies. */
        int awaitReady(HttpClient http) {
            int[] port = {0};
            await("start of " + log.getFileName()).atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    if (!process.isAlive()) {
                        fail("the application exited with " + process.exitValue() + ":\n" + tail());
                    }
                    if (port[0] == 0) {
                        Matcher m = PORT.matcher(Files.readString(log));
                        if (!m.find()) {
                            return false;
                        }
                        port[0] = Integer.parseInt(m.group(1));
                    }
                    try {
                        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port[0]
                            + "/actuator/health/readiness")).timeout(Duration.ofSeconds(5)).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                    } catch (IOException e) {
                        return false;
                    }
                });
            return port[0];
        }

        /** SIGKILL on Unix: no shutdown hook, no H2 close, nothing flushed. */
        void kill() {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** A normal shutdown (SIGTERM), so the temporary folder can be removed; killed if it hangs. */
        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
        }

        private String tail() throws IOException {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        }
    }
}
