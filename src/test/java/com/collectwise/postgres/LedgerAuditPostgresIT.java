package com.collectwise.postgres;

import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.collectwise.api.LedgerAuditApiTest;

/**
 * The findings of the ledger audit on a real PostgreSQL: money kept unapplied until its invoice or customer is
 * registered (the look-ups and the update of payments there), the replay that names the matching customer.
 */
@ActiveProfiles({"test", "postgres"})
class LedgerAuditPostgresIT extends LedgerAuditApiTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> EmbeddedPostgres.jdbcUrl("ledger_audit_it"));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
        registry.add("spring.datasource.hikari.connection-timeout", () -> "2000");
        registry.add("camunda.bpm.database.schema-update", () -> "true");
    }
}
