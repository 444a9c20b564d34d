package com.collectwise.cases;

import java.math.BigDecimal;
import java.util.List;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Promises to pay and whether they were kept. Kept when the payments received from the day of the promise
 * until the promised date plus the grace days reach the promised amount less a tolerance of the larger of
 * 1% and 1.00 (bank charges and rounding must not break a promise).
 */
@Repository
public class PromiseBook {

    static final BigDecimal TOLERANCE_RATE = new BigDecimal("0.01");
    static final BigDecimal TOLERANCE_MINIMUM = new BigDecimal("1.00");

    private final JdbcClient jdbc;
    private final int graceDays;
    private final CallFormWords words;

    public PromiseBook(JdbcClient jdbc, CaseSettings settings, CallFormWords words) {
        this.words = words;
        this.jdbc = jdbc;
        this.graceDays = settings.promises().graceDays();
    }

    public int graceDays() {
        return graceDays;
    }

    public long open(String invoiceNumber, BigDecimal amount, String currency, LocalDate promisedDate, String note,
                     String createdBy, Instant now) {
        jdbc.sql("""
                INSERT INTO promises (invoice_number, amount, currency, promised_date, note, status, created_by, created_at)
                VALUES (?, ?, ?, ?, ?, 'OPEN', ?, ?)""")
            .params(invoiceNumber, amount, currency, promisedDate, note, createdBy, Timestamp.from(now)).update();
        return jdbc.sql("SELECT MAX(id) FROM promises WHERE invoice_number = ?").param(invoiceNumber)
            .query(Long.class).single();
    }

    /** Decides the promise (once: a decided promise keeps its status) and returns whether it was kept. */
    public boolean check(long promiseId, ZoneId zone, Instant now) {
        record Promise(BigDecimal amount, LocalDate promisedDate, Instant createdAt, String status, String invoice) {
        }
        Promise p = jdbc.sql("SELECT * FROM promises WHERE id = ?").param(promiseId)
            .query((rs, n) -> new Promise(rs.getBigDecimal("amount"), rs.getDate("promised_date").toLocalDate(),
                rs.getTimestamp("created_at").toInstant(), rs.getString("status"), rs.getString("invoice_number")))
            .single();
        if (!"OPEN".equals(p.status())) {
            return "KEPT".equals(p.status());
        }
        // What the customer actually paid: money for this invoice or for the customer's account (no invoice
        // named), in the invoice's currency, not reversed, received from the day of the promise through the grace.
        BigDecimal paid = jdbc.sql("""
                SELECT COALESCE(SUM(p.amount), 0) FROM payments p JOIN invoices i ON i.invoice_number = ?
                WHERE p.customer_id = i.customer_id AND p.currency = i.currency AND p.status = 'APPLIED'
                  AND (p.invoice_number = i.invoice_number OR p.invoice_number IS NULL)
                  AND p.reversed_on IS NULL AND p.received_on >= ? AND p.received_on <= ?""")
            .params(p.invoice(), p.createdAt().atZone(zone).toLocalDate(), p.promisedDate().plusDays(graceDays))
            .query(BigDecimal.class).single();
        boolean kept = isKept(p.amount(), paid);
        jdbc.sql("UPDATE promises SET status = ?, resolved_at = ? WHERE id = ?")
            .params(kept ? "KEPT" : "BROKEN", Timestamp.from(now), promiseId).update();
        return kept;
    }

    static boolean isKept(BigDecimal promised, BigDecimal paid) {
        BigDecimal tolerance = promised.multiply(TOLERANCE_RATE).setScale(2, RoundingMode.HALF_UP).max(TOLERANCE_MINIMUM);
        return paid.compareTo(promised.subtract(tolerance)) >= 0;
    }

    /** Payment habits of a customer: how many of its promises (on any invoice) were kept and broken. */
    public record Habits(int kept, int broken) {
    }

    public Habits habits(String customerId) {
        return jdbc.sql("""
                SELECT
                  COALESCE(SUM(CASE WHEN p.status = 'KEPT' THEN 1 ELSE 0 END), 0) AS kept,
                  COALESCE(SUM(CASE WHEN p.status = 'BROKEN' THEN 1 ELSE 0 END), 0) AS broken
                FROM promises p JOIN invoices i ON i.invoice_number = p.invoice_number
                WHERE i.customer_id = ?""")
            .param(customerId).query((rs, n) -> new Habits(rs.getInt("kept"), rs.getInt("broken"))).single();
    }

    /**
     * The customer's open promises and the last ones decided, one line each, newest first, for the call form
     * ("you promised 2,000.00 by 12 March and it did not come").
     */
    public String ofCustomer(String customerId) {
        List<String> lines = jdbc.sql("""
                SELECT p.invoice_number, p.amount, p.currency, p.promised_date, p.status FROM promises p
                JOIN invoices i ON i.invoice_number = p.invoice_number
                WHERE i.customer_id = ? ORDER BY p.created_at DESC, p.id DESC LIMIT 10""")
            .param(customerId)
            .query((rs, n) -> words.promiseLine(rs.getString("status"), rs.getBigDecimal("amount").setScale(
                    Math.max(0, java.util.Currency.getInstance(rs.getString("currency").trim()).getDefaultFractionDigits()),
                    RoundingMode.HALF_UP).toPlainString(), rs.getString("currency").trim(),
                rs.getDate("promised_date").toLocalDate().toString(), rs.getString("invoice_number")))
            .list();
        return lines.isEmpty() ? words.noPromise() : String.join("\n", lines);
    }

    public String status(long promiseId) {
        return jdbc.sql("SELECT status FROM promises WHERE id = ?").param(promiseId).query(String.class).single();
    }
}
