package com.collectwise.agreements;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * V31 on a database with plans made before it: a plan that went ACTIVE (running, kept or accelerated since) is dated
 * by its schedule's e-mail, queued in the transaction that activated it; a plan never activated keeps no activation
 * time; no plan has an approval time (not recorded before V31). Plain Flyway on H2.
 */
class AgreementApprovalMigrationTest {

    static final Instant PROPOSED = Instant.parse("2026-03-02T02:00:00Z");
    static final Instant ACTIVATED = Instant.parse("2026-03-05T07:30:00Z");

    @Test
    void v31DatesTheActivationOfEarlierPlansByTheirScheduleEmail() {
        DriverManagerDataSource h2 = new DriverManagerDataSource(
            "jdbc:h2:mem:v31-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(h2).locations("classpath:db/migration").target("30?").load().migrate();
        JdbcClient jdbc = JdbcClient.create(h2);
        long active = plan(jdbc, "ACTIVE", "supervisor1");
        long kept = plan(jdbc, "KEPT", null);
        long proposed = plan(jdbc, "PROPOSED", null);
        schedule(jdbc, active);
        schedule(jdbc, kept);
        Flyway.configure().dataSource(h2).locations("classpath:db/migration").load().migrate();

        assertThat(activatedAt(jdbc, active)).isEqualTo(Timestamp.from(ACTIVATED));
        assertThat(activatedAt(jdbc, kept)).isEqualTo(Timestamp.from(ACTIVATED));
        assertThat(activatedAt(jdbc, proposed)).isNull();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM agreements WHERE approved_at IS NOT NULL").query(Integer.class)
            .single()).isZero();
    }

    private static long plan(JdbcClient jdbc, String status, String approvedBy) {
        jdbc.sql("""
                INSERT INTO agreements (invoice_number, total, currency, status, source, created_by, created_at, starts_on,
                                        approved_by)
                VALUES ('V31-INV', 1000.00, 'CNY', ?, 'API', 'collector1', ?, DATE '2026-03-02', ?)""")
            .params(status, Timestamp.from(PROPOSED), approvedBy).update();
        return jdbc.sql("SELECT MAX(id) FROM agreements").query(Long.class).single();
    }

    private static void schedule(JdbcClient jdbc, long id) {
        jdbc.sql("""
                INSERT INTO outbox (idempotency_key, invoice_number, kind, status, attempts, created_at)
                VALUES (?, 'V31-INV', 'INSTALMENT_SCHEDULE', 'SENT', 1, ?)""")
            .params(AgreementService.SCHEDULE + ":" + id, Timestamp.from(ACTIVATED)).update();
    }

    private static Timestamp activatedAt(JdbcClient jdbc, long id) {
        return jdbc.sql("SELECT activated_at FROM agreements WHERE id = ?").param(id)
            .query((rs, n) -> java.util.Optional.ofNullable(rs.getTimestamp(1))).single().orElse(null);
    }
}
