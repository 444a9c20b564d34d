package com.collectwise.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

/**
 * Bounds on what a request may make the server do: no body is read whole when it cannot be valid, no number of a
 * million digits is parsed, no date centuries away is taken; each refusal is a clear problem and changes nothing.
 */
class InputBoundsApiTest extends ApiTestSupport {

    private static final List<String> TABLES = List.of("customers", "invoices", "payments", "ledger_entries",
        "contact_log", "promises", "agreements", "lpr_rates", "ecb_rates", "fx_rates");
    private static final String CSV_HEADER =
        "invoiceNumber,customerId,issueDate,dueDate,amount,currency,creditTermDays,contractInterestRatePercent\n";

    private static String customerId;
    private static String invoiceNumber;

    @BeforeEach
    void oneCase() {
        if (invoiceNumber == null) {
            customerId = createCustomer();
            invoiceNumber = createInvoice(customerId, "1000.00");
        }
    }

    /** 100,000 instalments (4 MB) took 4 s of a core to read and refuse; now it is refused before it is read. */
    @Test
    void anAgreementOfAHundredThousandInstalmentsIsRefusedUnread() {
        Map<String, Integer> before = snapshot();
        StringBuilder body = new StringBuilder("{\"instalments\": [");
        for (int i = 0; i < 100_000; i++) {
            body.append(i == 0 ? "" : ",").append("{\"dueDate\": \"2099-01-01\", \"amount\": \"0.01\"}");
        }
        String json = body.append("]}").toString();

        Response r = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> exchange(INTEGRATION, HttpMethod.POST,
            "/api/invoices/" + invoiceNumber + "/agreements", json, MediaType.APPLICATION_JSON));

        assertProblem(r, 413);
        assertThat(r.body().path("detail").asText()).contains("at most 65536 bytes");
        assertThat(snapshot()).isEqualTo(before);
    }

    /** Below the body limit the list's own bound answers, naming the field. */
    @Test
    void anAgreementOfAThousandInstalmentsIsAFieldError() {
        StringBuilder body = new StringBuilder("{\"instalments\": [");
        for (int i = 0; i < 1000; i++) {
            body.append(i == 0 ? "" : ",").append("{\"dueDate\": \"2099-01-01\", \"amount\": \"1\"}");
        }
        Response r = exchange(INTEGRATION, HttpMethod.POST, "/api/invoices/" + invoiceNumber + "/agreements",
            body.append("]}").toString(), MediaType.APPLICATION_JSON);

        assertProblem(r, 400);
        assertThat(errorFields(r)).contains("instalments");
    }

    /** A number of a million digits in a string (a CSV cell, a JSON string) is refused unparsed, with its field. */
    @Test
    void aNumberOfAMillionDigitsIsAFieldErrorAtOnce() {
        Map<String, Integer> before = snapshot();
        String digits = "9".repeat(1_000_000);
        String csv = CSV_HEADER + "BOUNDS-CSV-1," + customerId + ",2024-01-01,2024-02-01," + digits + ",CNY,,\n";

        Response r = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> postCsv(INTEGRATION,
            "/api/invoices/import", csv));

        assertProblem(r, 400);
        assertThat(r.body().path("errors").get(0).path("line").asInt()).isEqualTo(2);
        assertThat(errorFields(r)).containsExactly("amount");
        assertThat(r.raw()).contains("at most 100 characters").doesNotContain("99999999999");

        Response promise = post(INTEGRATION, "/api/invoices/" + invoiceNumber + "/promises",
            Map.of("amount", "1" + "0".repeat(20_000), "promisedDate", today().plusMonths(1).toString()));
        assertProblem(promise, 400);
        assertThat(errorFields(promise)).containsExactly("amount");
        assertThat(snapshot()).isEqualTo(before);
    }

    /** A reference rate from before any receivable (1800) or centuries ahead is a typo: a field error. */
    @Test
    void aRateDatedOutsideTheYearsOfReceivablesIsAFieldError() {
        Map<String, Integer> before = snapshot();
        for (String kind : List.of("lpr", "ecb")) {
            for (String date : List.of("1800-01-01", "1999-12-31", today().plusYears(11).toString(), "9999-12-31")) {
                Response r = post(FINANCE, "/api/rates/" + kind, Map.of("effectiveFrom", date, "ratePercent", "3.1"));
                assertProblem(r, 400);
                assertThat(errorFields(r)).as(kind + " " + date).containsExactly("effectiveFrom");
            }
            Response tiny = post(FINANCE, "/api/rates/" + kind, Map.of("effectiveFrom", "2024-01-01",
                "ratePercent", "1e-999999999"));
            assertProblem(tiny, 400);
            assertThat(errorFields(tiny)).containsExactly("ratePercent");
        }
        Response fx = post(FINANCE, "/api/rates/fx", Map.of("currency", "SEK", "effectiveFrom", "1800-01-01",
            "unitsPerEur", "11.2"));
        assertProblem(fx, 400);
        assertThat(errorFields(fx)).containsExactly("effectiveFrom");
        assertThat(snapshot()).isEqualTo(before);
    }

    /**
     * A NUL in a name was stored on H2 and failed with a 500 on PostgreSQL (which refuses it in text); an escape
     * sequence in a payment reference would reach letters and logs. Control characters are a field error; tabs, line
     * breaks, Chinese and emoji are text.
     */
    @Test
    void controlCharactersAndHalfSurrogatesAreFieldErrors_unicodeIsText() {
        Map<String, Integer> before = snapshot();
        String id = unique("C");
        Map<String, Object> customer = new LinkedHashMap<>(Map.of("customerId", id, "segment", "DOMESTIC",
            "country", "CN", "collector", COLLECTOR));
        for (String name : List.of("Acme\\u0000 Ltd", "Acme \\u001b[31mLtd", "Acme\\u007f", "Acme \\ud800 Ltd")) {
            // written as JSON escapes: a Java string with half a surrogate pair cannot be written as JSON
            String json = "{\"customerId\": \"" + id + "\", \"segment\": \"DOMESTIC\", \"country\": \"CN\","
                + " \"collector\": \"" + COLLECTOR + "\", \"name\": \"" + name + "\"}";
            Response r = exchange(INTEGRATION, HttpMethod.POST, "/api/customers", json, MediaType.APPLICATION_JSON);
            assertProblem(r, 400);
            assertThat(errorFields(r)).as(name).containsExactly("name");
        }
        Response reference = post(FINANCE, "/api/payments", Map.of("paymentReference", "RE\u0007F", "invoiceNumber",
            invoiceNumber, "amount", "1.00", "currency", "CNY", "receivedOn", today().toString(), "method", "CASH"));
        assertProblem(reference, 400);
        assertThat(errorFields(reference)).containsExactly("paymentReference");
        assertThat(snapshot()).isEqualTo(before);

        customer.put("name", "龙腾贸易 🐉\tLtd");
        Response ok = post(INTEGRATION, "/api/customers", customer);
        assertThat(ok.status()).as(ok.raw()).isEqualTo(201);
        assertThat(jdbc.sql("SELECT name FROM customers WHERE customer_id = ?").param(id).query(String.class).single())
            .isEqualTo("龙腾贸易 🐉\tLtd");
    }

    /** {@code "from": "abc"} was read as left out and migrated the default pair of versions. */
    @Test
    void anUnreadableMigrationFieldIsA400_notTheDefault() {
        Response body = post(SUPERVISOR, "/api/process-versions/migrations", Map.of("from", "abc", "to", "1.5",
            "async", "maybe"));
        assertProblem(body, 400);
        assertThat(errorFields(body)).containsExactlyInAnyOrder("from", "to", "async");

        Response query = get(SUPERVISOR, "/api/process-versions/migration-plan?from=abc");
        assertProblem(query, 400);
        assertThat(errorFields(query)).containsExactly("from");
    }

    /** JSON sent to the CSV import, or a CSV to a JSON endpoint: 415 as a problem (it was Spring's error page). */
    @Test
    void aBodyOfTheWrongTypeIsA415Problem() {
        assertProblem(exchange(INTEGRATION, HttpMethod.POST, "/api/invoices/import", "{}", MediaType.APPLICATION_JSON),
            415);
        assertProblem(exchange(INTEGRATION, HttpMethod.POST, "/api/customers", "a,b\n1,2",
            MediaType.parseMediaType("text/csv")), 415);
        Response empty = exchange(INTEGRATION, HttpMethod.POST, "/api/customers", null, MediaType.APPLICATION_JSON);
        assertProblem(empty, 400);
        assertThat(errorFields(empty)).containsExactly("body");
    }

    /**
     * A promise or an instalment dated 9999: the promise would be checked never, and the plan's interest was computed
     * up to its last instalment, 8,000 years ahead. A promise names a date at most one year ahead, a plan's last
     * instalment at most two years ahead (cases.PromiseDates, InstalmentSchedule.MAX_PLAN_YEARS); ten years and a day is
     * far outside both.
     */
    @Test
    void aPromiseOrAnInstalmentFarAheadIsAFieldError() {
        Map<String, Integer> before = snapshot();
        String tooLate = today().plusYears(10).plusDays(1).toString();
        Response promise = post(INTEGRATION, "/api/invoices/" + invoiceNumber + "/promises",
            Map.of("amount", "10.00", "promisedDate", "9999-12-31"));
        assertProblem(promise, 400);
        assertThat(errorFields(promise)).containsExactly("promisedDate");
        Response justAfter = post(INTEGRATION, "/api/invoices/" + invoiceNumber + "/promises",
            Map.of("amount", "10.00", "promisedDate", tooLate));
        assertThat(errorFields(justAfter)).containsExactly("promisedDate");

        Response plan = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> post(INTEGRATION,
            "/api/invoices/" + invoiceNumber + "/agreements", Map.of("instalments", List.of(
                Map.of("dueDate", today().plusMonths(1).toString(), "amount", "500.00"),
                Map.of("dueDate", "9999-12-31", "amount", "500.00")))));
        assertProblem(plan, 400);
        assertThat(errorFields(plan)).contains("instalments[1].dueDate");
        assertThat(snapshot()).isEqualTo(before);
    }

    private Map<String, Integer> snapshot() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        TABLES.forEach(table -> counts.put(table, count("SELECT COUNT(*) FROM " + table)));
        return counts;
    }
}
