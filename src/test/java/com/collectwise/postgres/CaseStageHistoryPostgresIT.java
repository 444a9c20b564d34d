package com.collectwise.postgres;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.collectwise.api.CaseStageHistoryAsOfApiTest;
import com.collectwise.kernel.CaseHistoryMigrationTest;

/**
 * The dated stage history on a real PostgreSQL: its rows written with each change of a case's stage or status and read
 * back by the case view and the ageing report as of past dates; and V28's backfill of the cases registered before it.
 */
@ActiveProfiles({"test", "postgres"})
class CaseStageHistoryPostgresIT extends CaseStageHistoryAsOfApiTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> EmbeddedPostgres.jdbcUrl("stage_history_it"));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
        registry.add("spring.datasource.hikari.connection-timeout", () -> "2000");
        registry.add("camunda.bpm.database.schema-update", () -> "true");
    }

    @Test
    void v28BackfillsTheCurrentStageOfEveryExistingCaseOnPostgres() {
        CaseHistoryMigrationTest.checkBackfill(new DriverManagerDataSource(
            EmbeddedPostgres.jdbcUrl("stage_history_migration_it"), "postgres", "postgres"));
    }
}
