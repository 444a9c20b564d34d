package com.collectwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** POST /api/invoices/{invoiceNumber}/agency/recall: supervisors only, and only while the agency works the case. */
class AgencyRecallApiTest extends ApiTestSupport {

    @Test
    void onlySupervisorsMayRecall() {
        String invoice = createInvoice(createCustomer(), "1000.00");
        assertThat(post(COLLECTOR, "/api/invoices/" + invoice + "/agency/recall", Map.of("reason", "x")).status())
            .isEqualTo(403);
        assertThat(post(INTEGRATION, "/api/invoices/" + invoice + "/agency/recall", Map.of("reason", "x")).status())
            .isEqualTo(403);
    }

    @Test
    void aCaseWithoutMandateCannotBeRecalled() {
        String invoice = createInvoice(createCustomer(), "1000.00");
        Response response = post(SUPERVISOR, "/api/invoices/" + invoice + "/agency/recall", Map.of("reason", "settlement"));
        assertThat(response.status()).isEqualTo(409);
    }

    @Test
    void unknownCaseAndMissingReason() {
        assertThat(post(SUPERVISOR, "/api/invoices/NOPE-1/agency/recall", Map.of("reason", "x")).status()).isEqualTo(404);
        String invoice = createInvoice(createCustomer(), "1000.00");
        Response response = post(SUPERVISOR, "/api/invoices/" + invoice + "/agency/recall", Map.of());
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().toString()).contains("reason");
    }
}
