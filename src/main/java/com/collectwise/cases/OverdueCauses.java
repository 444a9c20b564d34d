package com.collectwise.cases;

import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The causes of late payment heard on calls and visits (append-only, like the contact log they come with). */
@Repository
public class OverdueCauses {

    public static final String PHONE = "PHONE";
    public static final String VISIT = "VISIT";

    private final JdbcClient jdbc;

    public OverdueCauses(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void record(String invoiceNumber, String customerId, String channel, OverdueCause cause, String collector,
                       Instant at) {
        jdbc.sql("""
                INSERT INTO overdue_causes (invoice_number, customer_id, channel, cause, collector, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?)""")
            .params(invoiceNumber, customerId, channel, cause.name(), collector, Timestamp.from(at))
            .update();
    }

    /** A cause heard from a customer by a collector (one per call, however many invoices the call covered). */
    public record Heard(String collector, String cause) {
    }

    /** The causes heard before the moment; a cause heard on one call is kept on each invoice covered: it counts once. */
    public java.util.List<Heard> heardBefore(Instant moment) {
        return jdbc.sql("""
                SELECT DISTINCT collector, customer_id, channel, recorded_at, cause FROM overdue_causes
                WHERE recorded_at < ?""")
            .params(Timestamp.from(moment)).query((rs, n) -> new Heard(rs.getString(1), rs.getString(5))).list();
    }

    public java.util.List<String> causesOf(String invoiceNumber) {
        return jdbc.sql("SELECT cause FROM overdue_causes WHERE invoice_number = ? ORDER BY id").param(invoiceNumber)
            .query(String.class).list();
    }
}
