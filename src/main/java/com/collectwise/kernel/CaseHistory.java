package com.collectwise.kernel;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The dated history of a case's stage and status (table {@code case_stage_history}, append-only): what the case view
 * and the ageing report show as of a past date (DOMAIN.md 5, "every figure is a replay"). {@link InvoiceRepository}
 * appends a row in the transaction that changes an invoice's stage or status, dated by the business clock (the
 * engine's); a write that leaves both as they were appends nothing.
 * <p>
 * As of an instant (the end of a day in the company's zone) a case is in the stage and status of its last row dated
 * before it. Before its first row it is in the first row's prior stage and status: what the case showed since its
 * registration (for a change made in the registering transaction, the stage it showed from then: the earliest known;
 * for cases registered before this history, their stage at V28). A case without rows never changed since its
 * registration: its current stage and status hold for every date ({@link #at} is empty).
 */
@Repository
public class CaseHistory {

    /** A case's stage and status. */
    public record StageAndStatus(Stage stage, CaseStatus status) {
    }

    /** One change: from {@code prior} to {@code now} at {@code changedAt}. */
    record Change(Instant changedAt, StageAndStatus now, StageAndStatus prior) {
    }

    private final JdbcClient jdbc;

    public CaseHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Appends one change of the invoice's case (by {@link InvoiceRepository}, in the transaction of the change). */
    void append(String invoiceNumber, Instant changedAt, StageAndStatus now, StageAndStatus prior) {
        jdbc.sql("""
                INSERT INTO case_stage_history (invoice_number, changed_at, stage, status, prior_stage, prior_status)
                VALUES (?, ?, ?, ?, ?, ?)""")
            .params(invoiceNumber, Timestamp.from(changedAt), now.stage().name(), now.status().name(),
                prior.stage().name(), prior.status().name())
            .update();
    }

    /** The case's stage and status at {@code instant}; empty when it has no history (its current ones hold). */
    public Optional<StageAndStatus> at(String invoiceNumber, Instant instant) {
        List<Change> changes = jdbc.sql("""
                SELECT changed_at, stage, status, prior_stage, prior_status FROM case_stage_history
                WHERE invoice_number = ? ORDER BY changed_at, id""")
            .param(invoiceNumber).query((rs, n) -> change(rs)).list();
        return at(changes, instant);
    }

    /**
     * The stage and status at {@code instant} of every case that has a history (one read of the table, in order);
     * cases without one are left out (their current stage and status hold).
     */
    public Map<String, StageAndStatus> allAt(Instant instant) {
        Map<String, StageAndStatus> result = new HashMap<>();
        List<Change> changes = new ArrayList<>();
        String[] current = {null};
        jdbc.sql("""
                SELECT invoice_number, changed_at, stage, status, prior_stage, prior_status FROM case_stage_history
                ORDER BY invoice_number, changed_at, id""")
            .query(rs -> {
                String invoiceNumber = rs.getString("invoice_number");
                if (!invoiceNumber.equals(current[0])) {
                    if (current[0] != null) {
                        at(changes, instant).ifPresent(s -> result.put(current[0], s));
                    }
                    changes.clear();
                    current[0] = invoiceNumber;
                }
                changes.add(change(rs));
            });
        if (current[0] != null) {
            at(changes, instant).ifPresent(s -> result.put(current[0], s));
        }
        return result;
    }

    /**
     * The dated changes of the cases named, read in chunks (cases without a history are left out: their current stage
     * and status hold for every date).
     */
    public Map<String, Timeline> timelines(Collection<String> invoiceNumbers) {
        Map<String, List<Change>> changes = new HashMap<>();
        List<String> all = List.copyOf(invoiceNumbers);
        for (int from = 0; from < all.size(); from += CHUNK) {
            jdbc.sql("""
                    SELECT invoice_number, changed_at, stage, status, prior_stage, prior_status FROM case_stage_history
                    WHERE invoice_number IN (:invoices) ORDER BY invoice_number, changed_at, id""")
                .param("invoices", all.subList(from, Math.min(all.size(), from + CHUNK)))
                .query(rs -> {
                    changes.computeIfAbsent(rs.getString("invoice_number"), k -> new ArrayList<>()).add(change(rs));
                });
        }
        Map<String, Timeline> result = new HashMap<>();
        changes.forEach((number, list) -> result.put(number, new Timeline(List.copyOf(list))));
        return result;
    }

    private static final int CHUNK = 500;

    /** The changes of one case, oldest first: its stage and status at any instant. */
    public static final class Timeline {

        private final List<Change> changes;

        Timeline(List<Change> changes) {
            this.changes = changes;
        }

        /** The stage and status at {@code instant} (see {@link CaseHistory#at(String, Instant)}). */
        public StageAndStatus at(Instant instant) {
            return CaseHistory.at(changes, instant).orElseThrow();
        }

        /**
         * The stage the case was worked in at {@code instant}: its stage then while it was open; once it was closed
         * (settled, written off, sold), the last stage it was open in before (the stage the money that settled it
         * came in). A case never open is in its first known stage.
         */
        public Stage lastOpenStageAt(Instant instant) {
            return CaseHistory.lastOpenStageAt(changes, instant);
        }
    }

    static Stage lastOpenStageAt(List<Change> changes, Instant instant) {
        StageAndStatus then = changes.get(0).prior();
        Stage lastOpen = then.status() == CaseStatus.OPEN ? then.stage() : null;
        for (Change c : changes) {
            if (!c.changedAt().isBefore(instant)) {
                break;
            }
            then = c.now();
            if (then.status() == CaseStatus.OPEN) {
                lastOpen = then.stage();
            }
        }
        return lastOpen != null ? lastOpen : then.stage();
    }

    /** The state at {@code instant} of a case whose changes, oldest first, are {@code changes}. */
    static Optional<StageAndStatus> at(List<Change> changes, Instant instant) {
        if (changes.isEmpty()) {
            return Optional.empty();
        }
        StageAndStatus then = changes.get(0).prior();
        for (Change c : changes) {
            if (!c.changedAt().isBefore(instant)) {
                break;
            }
            then = c.now();
        }
        return Optional.of(then);
    }

    private static Change change(ResultSet rs) throws SQLException {
        return new Change(rs.getTimestamp("changed_at").toInstant(),
            new StageAndStatus(Stage.valueOf(rs.getString("stage").trim()), CaseStatus.valueOf(rs.getString("status").trim())),
            new StageAndStatus(Stage.valueOf(rs.getString("prior_stage").trim()),
                CaseStatus.valueOf(rs.getString("prior_status").trim())));
    }
}
