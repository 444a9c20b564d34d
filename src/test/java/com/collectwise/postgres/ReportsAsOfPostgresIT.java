package com.collectwise.postgres;

import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.collectwise.api.ReportsAsOfApiTest;

/**
 * The dashboard and the collector report as of past dates on a real PostgreSQL: the stage of that day (the dated
 * history read per case), reversed payments left out of the collected figures, the collector who owned the customer
 * then, the invoices open on the date among the unknown rates.
 */
@ActiveProfiles({"test", "postgres"})
class ReportsAsOfPostgresIT extends ReportsAsOfApiTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> EmbeddedPostgres.jdbcUrl("reports_as_of_it"));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
        registry.add("spring.datasource.hikari.connection-timeout", () -> "2000");
        registry.add("camunda.bpm.database.schema-update", () -> "true");
    }
}
