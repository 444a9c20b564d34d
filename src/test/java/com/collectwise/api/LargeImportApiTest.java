package com.collectwise.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.doThrow;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.collectwise.cases.ImportCaseStarter;

/**
 * A large import answers at once with an import id; its cases are started afterwards in batches (here driven by
 * the test, in production by a scheduler on every node), each exactly once, and a case that cannot be started is
 * an error of the import rather than a stuck queue. The test profile starts cases in the request up to 3 invoices
 * and works in batches of 2 (application-test.yaml).
 */
class LargeImportApiTest extends ApiTestSupport {

    private static final String HEADER = "invoiceNumber,customerId,issueDate,dueDate,amount,currency\n";

    @Autowired ImportCaseStarter starter;

    private List<String> importFile(String customerId, int invoices, StringBuilder csv) {
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < invoices; i++) {
            String number = unique("BIG");
            numbers.add(number);
            csv.append(number).append(',').append(customerId).append(",2026-01-05,2026-02-04,100.00,CNY\n");
        }
        return numbers;
    }

    @Test
    void aLargeFileIsStoredAtOnceAndItsCasesAreStartedInBatchesExactlyOnce() {
        String customerId = createCustomer();
        StringBuilder csv = new StringBuilder(HEADER);
        List<String> numbers = importFile(customerId, 5, csv);

        Response r = postCsv(INTEGRATION, "/api/invoices/import", csv.toString());

        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(r.body().path("imported").asInt()).isEqualTo(5);
        assertThat(r.body().path("status").asText()).isEqualTo("STARTING_CASES");
        String importId = r.body().path("importId").asText();
        assertThat(r.entity().getHeaders().getLocation()).hasToString("/api/invoices/imports/" + importId);
        assertThat(numbers).noneMatch(this::caseRunning);
        Response before = get(FINANCE, "/api/invoices/imports/" + importId);
        assertThat(before.status()).as(before.raw()).isEqualTo(200);
        assertThat(before.body().path("invoices").asInt()).isEqualTo(5);
        assertThat(before.body().path("casesStarted").asInt()).isZero();
        assertThat(before.body().path("status").asText()).isEqualTo("STARTING_CASES");
        // the invoices are there at once: the case view answers before the case runs
        assertThat(get(INTEGRATION, "/api/invoices/" + numbers.get(0)).status()).isEqualTo(200);

        assertThat(starter.startPending()).isEqualTo(5);
        assertThat(starter.startPending()).as("a second round finds nothing to start").isZero();

        for (String number : numbers) {
            assertThat(count("SELECT COUNT(*) FROM ACT_RU_EXECUTION WHERE BUSINESS_KEY_ = ? AND PARENT_ID_ IS NULL",
                number)).as(number).isEqualTo(1);
        }
        Response after = get(FINANCE, "/api/invoices/imports/" + importId);
        assertThat(after.body().path("casesStarted").asInt()).isEqualTo(5);
        assertThat(after.body().path("failed").asInt()).isZero();
        assertThat(after.body().path("status").asText()).isEqualTo("DONE");
        assertThat(after.body().path("finishedAt").isNull()).isFalse();
    }

    @Test
    void aCaseThatCannotBeStartedIsAnErrorOfTheImportAndTheOthersStart() {
        String customerId = createCustomer();
        StringBuilder csv = new StringBuilder(HEADER);
        List<String> numbers = importFile(customerId, 4, csv);
        String broken = numbers.get(1);
        doThrow(new IllegalStateException("engine refused")).when(caseEngine)
            .start(argThat(invoice -> invoice != null && broken.equals(invoice.invoiceNumber())), any());

        String importId = postCsv(INTEGRATION, "/api/invoices/import", csv.toString()).body().path("importId").asText();
        assertThat(starter.startPending()).isEqualTo(3);

        Response progress = get(SUPERVISOR, "/api/invoices/imports/" + importId);
        assertThat(progress.body().path("casesStarted").asInt()).isEqualTo(3);
        assertThat(progress.body().path("failed").asInt()).isEqualTo(1);
        assertThat(progress.body().path("status").asText()).isEqualTo("DONE_WITH_ERRORS");
        assertThat(progress.body().path("errors").get(0).path("invoiceNumber").asText()).isEqualTo(broken);
        assertThat(progress.body().path("errors").get(0).path("message").asText()).contains("engine refused");
        assertThat(caseRunning(broken)).isFalse();
        assertThat(numbers.stream().filter(n -> !n.equals(broken))).allMatch(this::caseRunning);
        assertThat(starter.startPending()).isZero();
    }

    @Test
    void aSmallFileStartsItsCasesInTheRequest() {
        String customerId = createCustomer();
        StringBuilder csv = new StringBuilder(HEADER);
        List<String> numbers = importFile(customerId, 3, csv);

        Response r = postCsv(INTEGRATION, "/api/invoices/import", csv.toString());

        assertThat(r.body().path("status").asText()).isEqualTo("DONE");
        assertThat(numbers).allMatch(this::caseRunning);
        assertThat(get(INTEGRATION, "/api/invoices/imports/" + r.body().path("importId").asText())
            .body().path("casesStarted").asInt()).isEqualTo(3);
    }

    @Test
    void unknownImportIsNotFoundAndAnonymousIsRefused() {
        assertProblem(get(FINANCE, "/api/invoices/imports/no-such-import"), 404);
        assertThat(get(null, "/api/invoices/imports/no-such-import").status()).isEqualTo(401);
    }
}
