package com.collectwise.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import com.collectwise.kernel.CaseHistory.StageAndStatus;

/**
 * V28 on a database with cases registered before it: each invoice gets one history row, its current stage and status
 * dated at its last known change (the closing of a closed case, else the registration). What came before is not
 * known: an open case shows its current stage for every earlier date, a closed one was OPEN before its closing (stage
 * CLOSED: never recorded). Plain Flyway on H2 here; {@code postgres.CaseStageHistoryPostgresIT} runs it on PostgreSQL.
 */
public class CaseHistoryMigrationTest {

    static final Instant REGISTERED = Instant.parse("2026-01-05T02:00:00Z");
    static final Instant CLOSED = Instant.parse("2026-02-10T02:00:00Z");

    @Test
    void v28BackfillsTheCurrentStageOfEveryExistingCase() {
        DriverManagerDataSource h2 = new DriverManagerDataSource(
            "jdbc:h2:mem:v28-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        checkBackfill(h2);
    }

    /** Migrates an empty database to V27, stores three cases, migrates to V28 and reads their history. */
    public static void checkBackfill(DataSource dataSource) {
        // "27?": up to 27, whichever of V26 and V27 exist
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target("27?").load().migrate();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        jdbc.sql("INSERT INTO customers (customer_id, name, segment, created_at) VALUES ('C-V28', 'V28', 'DOMESTIC', ?)")
            .param(Timestamp.from(REGISTERED)).update();
        invoice(jdbc, "V28-OPEN", "FORMAL_DEMAND", "OPEN", null);
        invoice(jdbc, "V28-SETTLED", "CLOSED", "SETTLED", CLOSED);
        invoice(jdbc, "V28-WRITTEN-OFF", "CLOSED", "WRITTEN_OFF", CLOSED);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();

        assertThat(jdbc.sql("SELECT COUNT(*) FROM case_stage_history").query(Integer.class).single()).isEqualTo(3);
        CaseHistory history = new CaseHistory(jdbc);
        StageAndStatus formalDemand = new StageAndStatus(Stage.FORMAL_DEMAND, CaseStatus.OPEN);
        assertThat(history.at("V28-OPEN", REGISTERED.minusSeconds(86_400))).contains(formalDemand);
        assertThat(history.at("V28-OPEN", CLOSED)).contains(formalDemand);
        assertThat(history.at("V28-SETTLED", CLOSED))
            .contains(new StageAndStatus(Stage.CLOSED, CaseStatus.OPEN));
        assertThat(history.at("V28-SETTLED", CLOSED.plusSeconds(1)))
            .contains(new StageAndStatus(Stage.CLOSED, CaseStatus.SETTLED));
        assertThat(history.allAt(CLOSED.plusSeconds(1))).containsEntry("V28-OPEN", formalDemand)
            .containsEntry("V28-WRITTEN-OFF", new StageAndStatus(Stage.CLOSED, CaseStatus.WRITTEN_OFF)).hasSize(3);
    }

    private static void invoice(JdbcClient jdbc, String number, String stage, String status, Instant closedAt) {
        jdbc.sql("""
                INSERT INTO invoices (invoice_number, customer_id, issue_date, due_date, credit_term_days, amount,
                                      currency, status, stage, created_at, closed_at)
                VALUES (?, 'C-V28', DATE '2025-12-01', DATE '2025-12-31', 30, 1000.00, 'CNY', ?, ?, ?, ?)""")
            .params(number, status, stage, Timestamp.from(REGISTERED),
                closedAt == null ? null : Timestamp.from(closedAt))
            .update();
    }
}
