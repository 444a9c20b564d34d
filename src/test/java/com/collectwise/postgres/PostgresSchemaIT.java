package com.collectwise.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The postgres profile starts on a real PostgreSQL: Flyway domain schema and Camunda schema side by side. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "postgres"})
class PostgresSchemaIT {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> EmbeddedPostgres.jdbcUrl("schema_it"));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
        // the server and Spring close in parallel shutdown hooks: fail fast instead of waiting 30 s
        registry.add("spring.datasource.hikari.connection-timeout", () -> "2000");
        // an empty test database: let Camunda create its schema once
        registry.add("camunda.bpm.database.schema-update", () -> "true");
    }

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ProcessEngine engine;

    @Test
    void domainAndEngineTablesLiveInTheSamePostgresDatabase() {
        assertThat(jdbc.sql("SELECT version()").query(String.class).single()).startsWith("PostgreSQL");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM invoices").query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("SELECT MAX(version) FROM flyway_schema_history WHERE success")
            .query(String.class).single()).isNotBlank();
        assertThat(engine.getRepositoryService().createProcessDefinitionQuery().count()).isGreaterThanOrEqualTo(0);
        assertThat(engine.getProcessEngineConfiguration().getDatabaseType()).isEqualTo("postgres");
        // V12's portable INSERT ... SELECT FROM (VALUES ...) WHERE NOT EXISTS: the rate history once, no duplicates
        assertThat(jdbc.sql("SELECT COUNT(*) FROM lpr_rates").query(Integer.class).single()).isEqualTo(14);
        assertThat(jdbc.sql("SELECT COUNT(DISTINCT effective_from) FROM ecb_rates").query(Integer.class).single())
            .isEqualTo(21);
        assertThat(jdbc.sql("SELECT rate_percent FROM lpr_rates WHERE effective_from = DATE '2020-04-20'")
            .query(java.math.BigDecimal.class).single()).isEqualByComparingTo("3.85");
        // V13: every money column keeps four decimals (KWD has three) and stays NOT NULL where it was
        assertThat(jdbc.sql("""
                SELECT table_name || '.' || column_name || ' ' || numeric_precision || ',' || numeric_scale
                       || ' ' || is_nullable
                FROM information_schema.columns
                WHERE table_schema = current_schema() AND data_type = 'numeric' AND numeric_precision = 19""")
            .query(String.class).list()).containsExactlyInAnyOrder("invoices.amount 19,4 NO", "payments.amount 19,4 NO",
                "payment_allocations.amount 19,4 NO", "contact_log.promised_amount 19,4 YES", "promises.amount 19,4 NO",
                "ledger_entries.amount 19,4 NO", "agreements.total 19,4 NO", "instalments.amount 19,4 NO",
                "disputes.amount 19,4 NO", "dispute_credit_notes.amount 19,4 NO");
        // V25: the euro exchange rates, units per EUR with six decimals, empty until finance enters them
        assertThat(jdbc.sql("""
                SELECT column_name || ' ' || numeric_precision || ',' || numeric_scale || ' ' || is_nullable
                FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name = 'fx_rates' AND data_type = 'numeric'""")
            .query(String.class).list()).containsExactly("units_per_eur 15,6 NO");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM fx_rates").query(Integer.class).single()).isZero();
        // V29: the stage entries of the invoice's case (the outbox keys' number), 0 for every existing invoice
        assertThat(jdbc.sql("""
                SELECT data_type || ' ' || is_nullable || ' ' || column_default FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name = 'invoices' AND column_name = 'stage_entries'""")
            .query(String.class).single()).isEqualTo("integer NO 0");
    }
}
