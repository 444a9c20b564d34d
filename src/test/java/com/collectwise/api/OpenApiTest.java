package com.collectwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The OpenAPI description of /api works behind the API's security: integration users read it, strangers do not. */
class OpenApiTest extends ApiTestSupport {

    @Test
    void integrationUserReadsTheSpecListingTheInvoicesApi() {
        Response spec = get(INTEGRATION, "/api/openapi");
        assertThat(spec.status()).as(spec.raw()).isEqualTo(200);
        assertThat(spec.body().path("openapi").asText()).startsWith("3.");
        assertThat(spec.body().path("paths").has("/api/invoices")).isTrue();
        assertThat(spec.body().path("paths").has("/api/process-versions/migrations")).isTrue();
        assertThat(spec.body().path("paths").fieldNames()).toIterable().allMatch(p -> p.startsWith("/api/"));
        assertProblem(get(null, "/api/openapi"), 401);
    }
}
