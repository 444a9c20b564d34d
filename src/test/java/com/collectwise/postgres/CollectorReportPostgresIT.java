package com.collectwise.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.collectwise.communication.ContactPolicy;
import com.collectwise.communication.Outbox;
import com.collectwise.handoff.AgencyNoticeDispatcher;
import com.collectwise.handoff.AgencyNotices;
import com.collectwise.handoff.AgencyStub;
import com.collectwise.reporting.CollectorReport;
import com.collectwise.reporting.CollectorReportService;

/**
 * Issue 16's SQL on a real PostgreSQL (V21): the view per collector and its causes, one customer call counted
 * once, and an agency notice claimed and delivered from the outbox.
 */
@SpringBootTest
@ActiveProfiles({"test", "postgres"})
class CollectorReportPostgresIT {

    static final AgencyStub AGENCY = new AgencyStub();
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> EmbeddedPostgres.jdbcUrl("collector_it"));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
        registry.add("spring.datasource.hikari.connection-timeout", () -> "2000");
        registry.add("camunda.bpm.database.schema-update", () -> "true");
        registry.add("collectwise.agency.url", AGENCY::url);
        registry.add("collectwise.agency.notice-initial-delay", () -> "P3650D");
    }

    @AfterAll
    static void stopAgency() {
        AGENCY.close();
    }

    @Autowired JdbcClient jdbc;
    @Autowired CollectorReportService reports;
    @Autowired ContactPolicy contactPolicy;
    @Autowired Outbox outbox;
    @Autowired AgencyNoticeDispatcher dispatcher;

    @Test
    void causesAndCollectorsAndNoticesOnPostgres() {
        LocalDate today = LocalDate.of(2026, 3, 5);
        Timestamp call = Timestamp.from(today.atTime(15, 40).atZone(ZONE).toInstant());
        jdbc.sql("""
                INSERT INTO customers (customer_id, name, segment, country, collector, created_at)
                VALUES ('PG-C1', 'Acme', 'DOMESTIC', 'CN', 'pgcollector', ?)""").param(call).update();
        for (String invoice : new String[] {"PG-1", "PG-2"}) {
            jdbc.sql("""
                    INSERT INTO invoices (invoice_number, customer_id, issue_date, due_date, credit_term_days, amount,
                                          currency, status, stage, created_at)
                    VALUES (?, 'PG-C1', DATE '2026-02-01', DATE '2026-03-03', 30, 1000.00, 'CNY', 'OPEN',
                            'INTERNAL_REMINDER', ?)""").params(invoice, call).update();
            // one call with the customer, logged on both invoices at the same moment
            jdbc.sql("""
                    INSERT INTO contact_log (invoice_number, customer_id, channel, contacted_at, collector, outcome)
                    VALUES (?, 'PG-C1', 'PHONE', ?, 'pgcollector', 'NO_ANSWER')""").params(invoice, call).update();
            jdbc.sql("""
                    INSERT INTO overdue_causes (invoice_number, customer_id, channel, cause, collector, recorded_at)
                    VALUES (?, 'PG-C1', 'PHONE', 'UNCLEAR_TERMS', 'pgcollector', ?)""").params(invoice, call).update();
        }

        CollectorReport report = reports.report(today);
        CollectorReport.CollectorLine line = report.collectors().stream()
            .filter(l -> l.collector().equals("pgcollector")).findFirst().orElseThrow();
        assertThat(line.contacts()).isEqualTo(1);
        assertThat(line.causes()).containsEntry("UNCLEAR_TERMS", 1);
        assertThat(line.openCasesPerStage()).containsEntry("INTERNAL_REMINDER", 2);
        assertThat(report.causes()).anySatisfy(c -> {
            assertThat(c.cause()).isEqualTo("UNCLEAR_TERMS");
            assertThat(c.count()).isEqualTo(1);
        });
        assertThat(contactPolicy.unansweredAttempts("PG-C1", today, ZONE)).isEqualTo(1);

        outbox.enqueue("PG-1:1:PAYMENT:B1", "PG-1", "PG-C1", AgencyNotices.KIND, "agency", "PAYMENT PG-1",
            "{\"type\":\"PAYMENT\"}");
        assertThat(dispatcher.dispatchDue()).isEqualTo(1);
        assertThat(dispatcher.dispatchDue()).isZero();
        assertThat(AGENCY.calls("/agency/mandates/notices")).singleElement()
            .satisfies(c -> assertThat(c.idempotencyKey()).isEqualTo("PG-1:1:PAYMENT:B1"));
    }
}
