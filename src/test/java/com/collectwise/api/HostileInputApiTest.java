package com.collectwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

/**
 * Hostile input on every API endpoint: wrong types, huge numbers, negative amounts, unknown currencies,
 * SQL and expression fragments, oversized bodies. Each is answered with a clear 4xx problem, and nothing
 * in the database changes.
 */
@ExtendWith(OutputCaptureExtension.class)
class HostileInputApiTest extends ApiTestSupport {

    /** Every table an API call may write, and the engine's instances. */
    private static final List<String> TABLES = List.of("customers", "invoices", "payments", "payment_allocations",
        "ledger_entries", "contact_log", "promises", "outbox", "inbox", "lpr_rates", "ecb_rates");
    private static final MediaType CSV = MediaType.parseMediaType("text/csv");
    private static final String CSV_HEADER =
        "invoiceNumber,customerId,issueDate,dueDate,amount,currency,creditTermDays,contractInterestRatePercent\n";

    /** A date a promise or an instalment may have (after today, within a year). */
    private static final String SOON = java.time.LocalDate.now().plusYears(1).toString();

    private static String customerId;
    private static String invoiceNumber;

    @BeforeEach
    void oneCaseToAimAt() {
        if (invoiceNumber == null) {
            customerId = createCustomer();
            invoiceNumber = createInvoice(customerId, "1000.00");
        }
    }

    record Attack(String name, String user, HttpMethod method, String path, MediaType type, String body,
                  int status) {

        @Override
        public String toString() {
            return name;
        }
    }

    private static Attack post(String name, String user, String path, String body, int status) {
        return new Attack(name, user, HttpMethod.POST, path, MediaType.APPLICATION_JSON, body, status);
    }

    private static Attack get(String name, String user, String path, int status) {
        return new Attack(name, user, HttpMethod.GET, path, null, null, status);
    }

    /** A JSON object from alternating names and raw JSON values; "@INVOICE" and "@CUSTOMER" are filled in. */
    private static String json(String... pairs) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            fields.put(pairs[i], pairs[i + 1]);
        }
        StringBuilder out = new StringBuilder("{");
        fields.forEach((k, v) -> out.append(out.length() > 1 ? "," : "").append('"').append(k).append("\":").append(v));
        return out.append('}').toString();
    }

    private static String payment(String field, String value) {
        Map<String, String> base = new LinkedHashMap<>(Map.of("paymentReference", "\"HOSTILE-PAY-1\"",
            "invoiceNumber", "\"@INVOICE\"", "amount", "\"10.00\"", "currency", "\"CNY\"", "receivedOn",
            "\"2024-01-02\"", "method", "\"BANK_TRANSFER\""));
        base.put(field, value);
        return json(base);
    }

    private static String invoice(String field, String value) {
        Map<String, String> base = new LinkedHashMap<>(Map.of("invoiceNumber", "\"HOSTILE-INV-1\"", "customerId",
            "\"@CUSTOMER\"", "issueDate", "\"2024-01-01\"", "dueDate", "\"2024-02-01\"", "amount", "\"100.00\"",
            "currency", "\"CNY\""));
        base.put(field, value);
        return json(base);
    }

    private static String customer(String field, String value) {
        Map<String, String> base = new LinkedHashMap<>(Map.of("customerId", "\"HOSTILE-C-1\"", "name",
            "\"Hostile Ltd\"", "segment", "\"DOMESTIC\"", "country", "\"CN\"", "collector", "\"" + COLLECTOR + "\""));
        base.put(field, value);
        return json(base);
    }

    private static String report(String field, String value) {
        Map<String, String> base = new LinkedHashMap<>(Map.of("invoiceNumber", "\"@INVOICE\"", "agencyReference",
            "\"AG-1\"", "reportId", "\"HOSTILE-R-1\"", "status", "\"PARTLY_COLLECTED\"", "amountCollected",
            "\"10.00\"", "reportedOn", "\"2024-01-02\""));
        base.put(field, value);
        return json(base);
    }

    private static String json(Map<String, String> fields) {
        return json(fields.entrySet().stream().flatMap(e -> Stream.of(e.getKey(), e.getValue()))
            .toArray(String[]::new));
    }

    static Stream<Attack> attacks() {
        String longText = "\"" + "x".repeat(5000) + "\"";
        return Stream.of(
            // bodies that are not what they claim
            post("customer: not JSON", INTEGRATION, "/api/customers", "{\"customerId\": ", 400),
            post("customer: JSON array", INTEGRATION, "/api/customers", "[1, 2, 3]", 400),
            post("customer: id is an object", INTEGRATION, "/api/customers", customer("customerId", "{\"a\": 1}"), 400),
            post("customer: SQL in id", INTEGRATION, "/api/customers",
                customer("customerId", "\"C1'; DROP TABLE customers; --\""), 400),
            post("customer: expression in id", INTEGRATION, "/api/customers", customer("customerId", "\"${1+1}\""), 400),
            post("customer: expression as collector", INTEGRATION, "/api/customers",
                customer("collector", "\"#{runtimeService}\""), 400),
            post("customer: name of 5000 characters", INTEGRATION, "/api/customers", customer("name", longText), 400),
            post("customer: unknown segment", INTEGRATION, "/api/customers", customer("segment", "\"VIP' OR '1'='1\""), 400),
            post("customer: bad e-mail", INTEGRATION, "/api/customers", customer("email", "\"<script>@x\""), 400),

            post("invoice: amount is text", INTEGRATION, "/api/invoices", invoice("amount", "\"a lot\""), 400),
            post("invoice: amount is a boolean", INTEGRATION, "/api/invoices", invoice("amount", "true"), 400),
            post("invoice: huge amount", INTEGRATION, "/api/invoices", invoice("amount", "1e400"), 400),
            post("invoice: 30-digit amount", INTEGRATION, "/api/invoices",
                invoice("amount", "123456789012345678901234567890"), 400),
            post("invoice: negative amount", INTEGRATION, "/api/invoices", invoice("amount", "-100"), 400),
            post("invoice: a tenth of a cent", INTEGRATION, "/api/invoices", invoice("amount", "0.001"), 400),
            post("invoice: unknown currency", INTEGRATION, "/api/invoices", invoice("currency", "\"ZZZ\""), 400),
            post("invoice: SQL as currency", INTEGRATION, "/api/invoices", invoice("currency", "\"' OR 1=1 --\""), 400),
            post("invoice: SQL in number", INTEGRATION, "/api/invoices",
                invoice("invoiceNumber", "\"X'; DROP TABLE invoices; --\""), 400),
            post("invoice: expression in number", INTEGRATION, "/api/invoices",
                invoice("invoiceNumber", "\"${execution.setVariable('x', 1)}\""), 400),
            post("invoice: 30 February", INTEGRATION, "/api/invoices", invoice("issueDate", "\"2024-02-30\""), 400),
            post("invoice: year 99999", INTEGRATION, "/api/invoices", invoice("dueDate", "\"99999-01-01\""), 400),
            post("invoice: credit term of a million days", INTEGRATION, "/api/invoices",
                invoice("creditTermDays", "1000000"), 400),

            new Attack("import: SQL in a cell", INTEGRATION, HttpMethod.POST, "/api/invoices/import", CSV,
                CSV_HEADER + "X'); DELETE FROM invoices; --,@CUSTOMER,2024-01-01,2024-02-01,100.00,CNY,,\n", 400),
            new Attack("import: negative amount", INTEGRATION, HttpMethod.POST, "/api/invoices/import", CSV,
                CSV_HEADER + "HOSTILE-CSV-1,@CUSTOMER,2024-01-01,2024-02-01,-100.00,CNY,,\n", 400),
            new Attack("import: unknown currency", INTEGRATION, HttpMethod.POST, "/api/invoices/import", CSV,
                CSV_HEADER + "HOSTILE-CSV-2,@CUSTOMER,2024-01-01,2024-02-01,100.00,ZZZ,,\n", 400),
            new Attack("import: wrong header", INTEGRATION, HttpMethod.POST, "/api/invoices/import", CSV,
                "a,b,c\n1,2,3\n", 400),
            new Attack("import: formula injection", INTEGRATION, HttpMethod.POST, "/api/invoices/import", CSV,
                CSV_HEADER + "=cmd|'/C calc'!A0,@CUSTOMER,2024-01-01,2024-02-01,100.00,CNY,,\n", 400),

            post("payment: negative amount", FINANCE, "/api/payments", payment("amount", "-10"), 400),
            post("payment: huge amount", FINANCE, "/api/payments", payment("amount", "\"1E+400\""), 400),
            post("payment: amount is an array", FINANCE, "/api/payments", payment("amount", "[10]"), 400),
            post("payment: unknown currency", FINANCE, "/api/payments", payment("currency", "\"ABC\""), 400),
            post("payment: SQL in invoice number", FINANCE, "/api/payments",
                payment("invoiceNumber", "\"1' OR '1'='1\""), 400),
            post("payment: expression as method", FINANCE, "/api/payments", payment("method", "\"${true}\""), 400),
            post("payment: reference of 5000 characters", FINANCE, "/api/payments",
                payment("paymentReference", longText), 400),
            post("payment: received in the year 3000", FINANCE, "/api/payments",
                payment("receivedOn", "\"3000-01-01\""), 400),

            // an exponent the money check refuses, but that must never be scaled to the currency's decimals on the
            // way: 1e999999999 overflowed (500), 1e99999999 kept a core busy for minutes (see the test below)
            post("promise: amount 1e999999999", INTEGRATION, "/api/invoices/@INVOICE/promises",
                json("amount", "\"1e999999999\"", "promisedDate", "\"" + SOON + "\""), 400),
            post("promise: amount -1e999999999", INTEGRATION, "/api/invoices/@INVOICE/promises",
                json("amount", "\"-1e999999999\"", "promisedDate", "\"" + SOON + "\""), 400),
            post("dispute: amount 1e999999999", INTEGRATION, "/api/invoices/@INVOICE/disputes",
                json("category", "\"PRICE\"", "amount", "\"1e999999999\""), 400),
            post("agreement: instalment of 1e999999999", INTEGRATION, "/api/invoices/@INVOICE/agreements",
                json("instalments", "[{\"dueDate\": \"" + SOON + "\", \"amount\": \"1e999999999\"}]"), 400),

            post("agency report: unknown status", INTEGRATION, "/api/agency/reports",
                report("status", "\"COLLECTED'; --\""), 400),
            post("agency report: negative amount", INTEGRATION, "/api/agency/reports",
                report("amountCollected", "-5"), 400),
            post("agency report: expression in invoice number", INTEGRATION, "/api/agency/reports",
                report("invoiceNumber", "\"${''.getClass()}\""), 400),
            post("agency report: report id is a number array", INTEGRATION, "/api/agency/reports",
                report("reportId", "[1,2]"), 400),

            post("rate: not a number", FINANCE, "/api/rates/lpr",
                "{\"effectiveFrom\": \"2024-01-01\", \"ratePercent\": \"NaN\"}", 400),
            post("rate: huge", FINANCE, "/api/rates/lpr",
                "{\"effectiveFrom\": \"2024-01-01\", \"ratePercent\": 1e308}", 400),
            post("rate: negative", FINANCE, "/api/rates/ecb",
                "{\"effectiveFrom\": \"2024-01-01\", \"ratePercent\": -1}", 400),
            post("rate: SQL as date", FINANCE, "/api/rates/lpr",
                "{\"effectiveFrom\": \"2024-01-01'; --\", \"ratePercent\": 3}", 400),
            post("rate: unknown table", FINANCE, "/api/rates/pg_user", "{}", 404),

            get("case: SQL as date", FINANCE, "/api/invoices/@INVOICE?asOf=2024-01-01' OR '1'='1", 400),
            get("case: SQL as number", FINANCE, "/api/invoices/1' OR '1'='1", 404),
            get("aging: date far out of range", FINANCE, "/api/reports/aging?asOf=+999999999-12-31", 400),
            get("credit status: SQL in id", FINANCE, "/api/customers/1' OR '1'='1/credit-status", 404));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void hostileInputIsRefusedAndChangesNothing(Attack attack) {
        Map<String, Integer> before = snapshot();
        String body = attack.body() == null ? null
            : attack.body().replace("@INVOICE", invoiceNumber).replace("@CUSTOMER", customerId);
        String path = attack.path().replace("@INVOICE", invoiceNumber);

        Response r = exchange(attack.user(), attack.method(), path, body, attack.type());

        assertProblem(r, attack.status());
        assertThat(snapshot()).as("no change in the database").isEqualTo(before);
    }

    @Test
    void anAmountWithAHugeExponentIsRefusedAtOnce() {
        // 1e99999999 at two decimals is a number of 100 million digits: it took 200 s of one core per request
        String[] paths = {"/promises", "/disputes", "/agreements"};
        String[] bodies = {"{\"amount\": \"1e99999999\", \"promisedDate\": \"" + SOON + "\"}",
            "{\"category\": \"PRICE\", \"amount\": \"1e99999999\"}",
            "{\"instalments\": [{\"dueDate\": \"" + SOON + "\", \"amount\": \"1e99999999\"}]}"};
        for (int i = 0; i < paths.length; i++) {
            String path = "/api/invoices/" + invoiceNumber + paths[i];
            String body = bodies[i];
            Response r = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20),
                () -> exchange(INTEGRATION, HttpMethod.POST, path, body, MediaType.APPLICATION_JSON));
            assertProblem(r, 400);
            assertThat(errorFields(r)).as(r.raw()).containsExactly(i == 2 ? "instalments[0].amount" : "amount");
        }
    }

    /**
     * Requests refused before any controller sees them are problems too (they were Tomcat's HTML page and Spring Boot's
     * plain JSON): a path of 9,000 characters or a header of 10,000 (over the 8 KB Tomcat reads), and URLs the
     * firewall refuses (an encoded '%' or '\\', a ';'). Sent with the JDK client, which leaves the URL as written.
     */
    @Test
    void requestsRefusedBeforeTheApplicationAreProblemsToo() throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        String root = rest.getRootUri();
        String auth = "Basic " + java.util.Base64.getEncoder().encodeToString((FINANCE + ":" + PASSWORD).getBytes());
        Map<String, java.net.http.HttpRequest> requests = new LinkedHashMap<>();
        requests.put("path of 9000 characters", java.net.http.HttpRequest.newBuilder(
            java.net.URI.create(root + "/api/invoices/" + "a".repeat(9000))).header("Authorization", auth).build());
        requests.put("header of 10000 characters", java.net.http.HttpRequest.newBuilder(
            java.net.URI.create(root + "/api/invoices/" + invoiceNumber)).header("Authorization", auth)
            .header("X-Padding", "x".repeat(10_000)).build());
        requests.put("encoded percent", java.net.http.HttpRequest.newBuilder(
            java.net.URI.create(root + "/api/invoices/A%252FB")).header("Authorization", auth).build());
        requests.put("encoded backslash", java.net.http.HttpRequest.newBuilder(
            java.net.URI.create(root + "/api/invoices/A%5CB")).header("Authorization", auth).build());
        requests.put("semicolon", java.net.http.HttpRequest.newBuilder(
            java.net.URI.create(root + "/api/invoices/A;x=1")).header("Authorization", auth).build());
        for (Map.Entry<String, java.net.http.HttpRequest> request : requests.entrySet()) {
            java.net.http.HttpResponse<String> r = client.send(request.getValue(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(request.getKey() + ": " + r.body()).isEqualTo(400);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).as(request.getKey() + ": " + r.body())
                .startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            com.fasterxml.jackson.databind.JsonNode problem = json.readTree(r.body());
            assertThat(problem.path("status").asInt()).isEqualTo(400);
            assertThat(problem.path("errors").findValuesAsText("field")).as(request.getKey() + ": " + r.body())
                .isNotEmpty();
        }
    }

    @Test
    void anOversizedCsvIsRefusedBeforeItIsRead() {
        Map<String, Integer> before = snapshot();
        StringBuilder csv = new StringBuilder(CSV_HEADER);
        String line = "BIG-%07d," + customerId + ",2024-01-01,2024-02-01,100.00,CNY,,\n";
        for (int i = 0; csv.length() <= 6 * 1024 * 1024; i++) {
            csv.append(line.formatted(i));
        }

        Response r = exchange(INTEGRATION, HttpMethod.POST, "/api/invoices/import", csv.toString(), CSV);

        assertProblem(r, 413);
        assertThat(r.body().path("detail").asText()).contains("at most");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void freeTextIsStoredAsTextAndNeverEvaluated(CapturedOutput output) {
        String id = unique("C");
        String name = "${runtimeService.deleteProcessInstance('x', '')} '; DROP TABLE customers; --";
        String email = "private.person." + id.toLowerCase() + "@example.com";

        Response r = post(INTEGRATION, "/api/customers", Map.of("customerId", id, "name", name, "segment", "DOMESTIC",
            "country", "CN", "collector", COLLECTOR, "email", email));

        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        assertThat(jdbc.sql("SELECT name FROM customers WHERE customer_id = ?").param(id).query(String.class)
            .single()).isEqualTo(name);
        // personal data stays out of the log
        assertThat(output.getAll()).doesNotContain(email).doesNotContain(PASSWORD);
    }

    @Test
    void noHostileCallLeavesPersonalDataOrPasswordsInTheLog(CapturedOutput output) {
        attacks().forEach(this::hostileInputIsRefusedAndChangesNothing);

        assertThat(output.getAll()).doesNotContain(PASSWORD).doesNotContain("DROP TABLE").doesNotContain("Hostile Ltd");
    }

    private Map<String, Integer> snapshot() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        TABLES.forEach(table -> counts.put(table, count("SELECT COUNT(*) FROM " + table)));
        counts.put("process instances", (int) runtime.createProcessInstanceQuery().count());
        return counts;
    }
}
