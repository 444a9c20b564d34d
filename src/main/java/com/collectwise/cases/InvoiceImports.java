package com.collectwise.cases;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The progress of go-live imports: tables {@code invoice_imports} and {@code invoice_import_errors}. */
@Repository
public class InvoiceImports {

    /** How many case-start errors the progress view lists (the count is always complete). */
    static final int ERRORS_SHOWN = 100;

    private final JdbcClient jdbc;

    public InvoiceImports(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record ImportError(String invoiceNumber, String message) {
    }

    /**
     * What the import has done so far. {@code estimatedFinish} extrapolates the rate since the first batch; it is
     * absent before the first batch and after the end.
     */
    public record Progress(String importId, String status, int invoices, int casesStarted, int failed,
                           Instant createdAt, String createdBy, Instant startedAt, Instant finishedAt,
                           Instant estimatedFinish, List<ImportError> errors) {
    }

    public void create(String importId, String createdBy, int invoices, Instant now, boolean finished) {
        jdbc.sql("""
                INSERT INTO invoice_imports (import_id, created_at, created_by, invoices, cases_started, started_at,
                                             finished_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")
            .params(importId, Timestamp.from(now), createdBy, invoices, finished ? invoices : 0,
                finished ? Timestamp.from(now) : null, finished ? Timestamp.from(now) : null)
            .update();
    }

    /** Imports whose cases are still being started, oldest first. */
    public List<String> unfinished() {
        return jdbc.sql("SELECT import_id FROM invoice_imports WHERE finished_at IS NULL ORDER BY created_at")
            .query(String.class).list();
    }

    public void batchDone(String importId, int started, Instant now) {
        jdbc.sql("""
                UPDATE invoice_imports SET cases_started = cases_started + ?, started_at = COALESCE(started_at, ?)
                WHERE import_id = ?""")
            .params(started, Timestamp.from(now), importId).update();
    }

    public void failed(String importId, String invoiceNumber, String message, Instant now) {
        jdbc.sql("INSERT INTO invoice_import_errors (import_id, invoice_number, message, created_at) VALUES (?, ?, ?, ?)")
            .params(importId, invoiceNumber, message.length() > 1000 ? message.substring(0, 1000) : message,
                Timestamp.from(now))
            .update();
        jdbc.sql("UPDATE invoice_imports SET started_at = COALESCE(started_at, ?) WHERE import_id = ?")
            .params(Timestamp.from(now), importId).update();
    }

    public void finish(String importId, Instant now) {
        jdbc.sql("UPDATE invoice_imports SET finished_at = ? WHERE import_id = ? AND finished_at IS NULL")
            .params(Timestamp.from(now), importId).update();
    }

    public Optional<Progress> progress(String importId, Instant now) {
        return jdbc.sql("SELECT * FROM invoice_imports WHERE import_id = ?").param(importId).query((rs, n) -> {
            int invoices = rs.getInt("invoices");
            int started = rs.getInt("cases_started");
            Instant created = rs.getTimestamp("created_at").toInstant();
            Instant startedAt = instant(rs.getTimestamp("started_at"));
            Instant finished = instant(rs.getTimestamp("finished_at"));
            int failed = jdbc.sql("SELECT COUNT(*) FROM invoice_import_errors WHERE import_id = ?").param(importId)
                .query(Integer.class).single();
            List<ImportError> errors = jdbc.sql("""
                    SELECT invoice_number, message FROM invoice_import_errors WHERE import_id = ?
                    ORDER BY invoice_number FETCH FIRST %d ROWS ONLY""".formatted(ERRORS_SHOWN)).param(importId)
                .query((r, i) -> new ImportError(r.getString(1), r.getString(2))).list();
            Instant estimate = null;
            if (finished == null && startedAt != null && started > 0) {
                long elapsed = Math.max(1, Duration.between(startedAt, now).toMillis());
                long remaining = invoices - started - failed;
                estimate = now.plusMillis(elapsed * remaining / started);
            }
            String status = finished == null ? "STARTING_CASES" : failed > 0 ? "DONE_WITH_ERRORS" : "DONE";
            return new Progress(importId, status, invoices, started, failed, created, rs.getString("created_by"),
                startedAt, finished, estimate, errors);
        }).optional();
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
