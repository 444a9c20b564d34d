package com.collectwise.postgres;

import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.collectwise.api.LedgerReplayApiTest;

/**
 * The named money examples of issue 15 on a real PostgreSQL, the twenty simultaneous payments on one invoice
 * among them (the customer's row lock and the retries must hold there too, where locks wait instead of timing out).
 */
@ActiveProfiles({"test", "postgres"})
class LedgerReplayPostgresIT extends LedgerReplayApiTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> EmbeddedPostgres.jdbcUrl("ledger_it"));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
        registry.add("spring.datasource.hikari.connection-timeout", () -> "2000");
        registry.add("camunda.bpm.database.schema-update", () -> "true");
    }
}
