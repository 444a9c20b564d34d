package com.collectwise.postgres;

import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.collectwise.api.CaseRequestApiTest;

/**
 * Promises, agreements and disputes over HTTP on a real PostgreSQL: each request reads back the key of its own insert
 * (generated keys), every bad field listed at once, nothing written by a refused request.
 */
@ActiveProfiles({"test", "postgres"})
class CaseRequestPostgresIT extends CaseRequestApiTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> EmbeddedPostgres.jdbcUrl("case_request_it"));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
        registry.add("spring.datasource.hikari.connection-timeout", () -> "2000");
        registry.add("camunda.bpm.database.schema-update", () -> "true");
    }
}
