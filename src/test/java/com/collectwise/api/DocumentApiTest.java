package com.collectwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;

import com.collectwise.kernel.InvoiceRepository;
import com.collectwise.communication.Document;
import com.collectwise.communication.DocumentRepository;
import com.collectwise.communication.DunningLetterService;
import com.collectwise.communication.LateCharges;
import com.collectwise.customers.CustomerRepository;
import com.collectwise.fees.StatementService;

/** Letters as evidence over HTTP: download as sent (with hash), and record their delivery. */
class DocumentApiTest extends ApiTestSupport {

    @Autowired
    DunningLetterService letters;

    @Autowired
    InvoiceRepository invoices;

    @Autowired
    CustomerRepository customers;

    @Autowired
    StatementService statements;

    @Autowired
    DocumentRepository documents;

    @Test
    void aLetterIsDownloadedAsSentAndItsDeliveryIsRecordedWithProof() {
        String customerId = createCustomer();
        String number = createInvoice(customerId, "2500.00");
        var invoice = invoices.find(number).orElseThrow();
        Document letter = letters.create(invoice, customers.find(customerId).orElseThrow(),
            statements.statement(invoice, LocalDate.now()),
            LateCharges.of(statements.detail(invoice, LocalDate.now()).basis(), LocalDate.now(), null),
            LocalDate.now(), 1);

        var list = get(COLLECTOR, "/api/invoices/" + number + "/documents");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body().get(0).path("sha256").asText()).isEqualTo(letter.sha256());

        var pdf = rest.withBasicAuth(LEGAL, PASSWORD).exchange("/api/invoices/" + number + "/documents/" + letter.id(),
            HttpMethod.GET, null, byte[].class);
        assertThat(pdf.getStatusCode().value()).isEqualTo(200);
        assertThat(pdf.getHeaders().getContentType().toString()).isEqualTo("application/pdf");
        assertThat(pdf.getHeaders().getFirst("X-Content-SHA256")).isEqualTo(letter.sha256());
        assertThat(pdf.getBody()).isEqualTo(letter.content());

        assertThat(get(INTEGRATION, "/api/invoices/" + number + "/documents/" + letter.id()).status()).isEqualTo(403);
        var missing = get(COLLECTOR, "/api/invoices/" + number + "/documents/999999");
        assertThat(missing.status()).isEqualTo(404);
        // the one 404 problem of the API (issue 19): same title as every other unknown resource
        assertThat(missing.body().path("title").asText()).isEqualTo("Not found");

        String path = "/api/invoices/" + number + "/documents/" + letter.id() + "/delivery";
        var noProof = post(INTEGRATION, path, Map.of("status", "DELIVERED"));
        assertProblem(noProof, 400);
        assertThat(errorFields(noProof)).containsExactly("proof");
        assertProblem(post(INTEGRATION, path, Map.of("status", "LOST")), 400);
        assertThat(post(COLLECTOR, path, Map.of("status", "SENT")).status()).isEqualTo(403);
        assertThat(documents.find(number, letter.id()).orElseThrow().deliveryStatus()).isEqualTo("CREATED");

        var delivered = post(INTEGRATION, path, Map.of("status", "DELIVERED", "proof", "EMS EA123456789CN signed"));
        assertThat(delivered.status()).as(delivered.raw()).isEqualTo(200);
        Document after = documents.find(number, letter.id()).orElseThrow();
        assertThat(after.deliveryStatus()).isEqualTo("DELIVERED");
        assertThat(after.deliveryProof()).isEqualTo("EMS EA123456789CN signed");
        assertThat(after.sha256()).isEqualTo(letter.sha256());
    }

    @Test
    void withoutAMailHostTheCasesMessagesWaitInTheOutboxAndAreListed() {
        String customerId = createCustomer();
        // due in 3 days: the pre-due reminder (due date - 7) is written at once
        String number = createInvoice(customerId, "800.00", "CNY", today().minusDays(27), today().plusDays(3));
        runDueJobsOfCase(number);

        var messages = get(COLLECTOR, "/api/invoices/" + number + "/messages");
        assertThat(messages.status()).as(messages.raw()).isEqualTo(200);
        assertThat(messages.body().findValuesAsText("kind")).contains("PRE_DUE_REMINDER");
        assertThat(messages.body().get(0).path("status").asText()).isEqualTo("PENDING");
        assertThat(get(INTEGRATION, "/api/invoices/" + number + "/messages").status()).isEqualTo(403);
    }
}
