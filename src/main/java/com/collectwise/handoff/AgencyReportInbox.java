package com.collectwise.handoff;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.collectwise.kernel.CaseVariables;

/**
 * Every agency report is written to the inbox table: the unique dedup key (the agency's report id)
 * makes replays harmless, and reports that could not be applied (unknown case, case not waiting) stay
 * there as KEPT for a person to look at.
 */
@Repository
public class AgencyReportInbox {

    static final String KEPT = "KEPT";
    static final String APPLIED = "APPLIED";

    record Entry(String payload, String status, String reason) {
    }

    private final JdbcClient jdbc;

    public AgencyReportInbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static String dedupKey(String reportId) {
        return "AGENCY_REPORT:" + reportId;
    }

    Optional<Entry> find(String reportId) {
        return jdbc.sql("SELECT payload, status, reason FROM inbox WHERE dedup_key = ?").param(dedupKey(reportId))
            .query((rs, n) -> new Entry(rs.getString("payload"), rs.getString("status"), rs.getString("reason")))
            .optional();
    }

    /** The stored reports of the invoice that reached its case, as stored ({@link AgencyReportService#stored}). */
    java.util.List<String> appliedPayloads(String invoiceNumber) {
        return jdbc.sql("SELECT payload FROM inbox WHERE message_name = ? AND business_key = ? AND status = ?")
            .params(CaseVariables.MSG_AGENCY_REPORT, invoiceNumber, APPLIED).query(String.class).list();
    }

    /** A report that could not be applied yet. */
    record Kept(long id, String invoiceNumber, String payload) {
    }

    /** The oldest kept reports first: a later report of the same case must not overtake an earlier one. */
    /**
     * A page of the kept reports after the one with id {@code afterId}, in the order they were received (ids grow with
     * it): the retry walks every page, so reports that can never be applied (a case settled before its report came)
     * do not hide newer ones behind them.
     */
    java.util.List<Kept> kept(long afterId, int limit) {
        return jdbc.sql("""
                SELECT id, business_key, payload FROM inbox WHERE status = ? AND message_name = ? AND id > ?
                ORDER BY id LIMIT ?""")
            .params(KEPT, CaseVariables.MSG_AGENCY_REPORT, afterId, limit)
            .query((rs, n) -> new Kept(rs.getLong("id"), rs.getString("business_key"), rs.getString("payload")))
            .list();
    }

    /**
     * Claims a kept report for applying it now. The conditional update makes it one node's and one
     * thread's: a second claimant finds it no longer KEPT (on PostgreSQL it waits for the first one's
     * commit). Rolled back with the caller's transaction when applying fails.
     */
    boolean claim(long id, Instant at) {
        return jdbc.sql("UPDATE inbox SET status = ?, applied_at = ? WHERE id = ? AND status = ?")
            .params(APPLIED, Timestamp.from(at), id, KEPT).update() == 1;
    }

    /** @throws org.springframework.dao.DuplicateKeyException when the report id is taken */
    void insert(String reportId, String invoiceNumber, String payload, String status, String reason,
                Instant receivedAt) {
        jdbc.sql("""
                INSERT INTO inbox (message_name, business_key, dedup_key, payload, reason, status, received_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")
            .params(CaseVariables.MSG_AGENCY_REPORT, invoiceNumber, dedupKey(reportId), payload, reason, status,
                Timestamp.from(receivedAt))
            .update();
    }
}
