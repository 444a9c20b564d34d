package com.collectwise.agreements;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import com.collectwise.fees.Money;

/** Agreements and their instalments (tables of V8). */
@Repository
public class AgreementRepository {

    private final JdbcClient jdbc;

    public AgreementRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long insert(String invoiceNumber, BigDecimal total, String currency, String note, String source,
                       String createdBy, Instant now, LocalDate startsOn, List<Instalment> plan) {
        jdbc.sql("""
                INSERT INTO agreements (invoice_number, total, currency, note, status, source, created_by, created_at,
                                        starts_on)
                VALUES (?, ?, ?, ?, 'PROPOSED', ?, ?, ?, ?)""")
            .params(invoiceNumber, total, currency, note, source, createdBy, Timestamp.from(now), startsOn).update();
        long id = jdbc.sql("SELECT MAX(id) FROM agreements WHERE invoice_number = ?").param(invoiceNumber)
            .query(Long.class).single();
        for (Instalment i : plan) {
            jdbc.sql("INSERT INTO instalments (agreement_id, seq, due_date, amount) VALUES (?, ?, ?, ?)")
                .params(id, i.seq(), i.dueDate(), i.amount()).update();
        }
        return id;
    }

    public Agreement find(long id) {
        return jdbc.sql("SELECT * FROM agreements WHERE id = ?").param(id)
            .query((rs, n) -> new Agreement(rs.getLong("id"), rs.getString("invoice_number"),
                Money.stored(rs.getBigDecimal("total"), rs.getString("currency").trim()), rs.getString("currency").trim(), rs.getString("note"), rs.getString("status"), rs.getString("source"),
                rs.getString("created_by"), rs.getDate("starts_on").toLocalDate(), rs.getString("approved_by"),
                instalments(id, rs.getString("currency").trim())))
            .single();
    }

    /** The newest agreement of the invoice, if any. */
    public Optional<Agreement> latest(String invoiceNumber) {
        return jdbc.sql("SELECT MAX(id) FROM agreements WHERE invoice_number = ?").param(invoiceNumber)
            .query(Long.class).optional().map(this::find);
    }

    public boolean hasOpen(String invoiceNumber) {
        return jdbc.sql("SELECT COUNT(*) FROM agreements WHERE invoice_number = ? AND status IN ('PROPOSED', 'ACTIVE')")
            .param(invoiceNumber).query(Integer.class).single() > 0;
    }

    public void setStatus(long id, String status, String approvedBy, Instant resolvedAt) {
        jdbc.sql("UPDATE agreements SET status = ?, approved_by = COALESCE(?, approved_by), resolved_at = ? WHERE id = ?")
            .params(status, approvedBy, resolvedAt == null ? null : Timestamp.from(resolvedAt), id).update();
    }

    /** Money applied to the invoice and received on or after {@code from}, up to {@code until} inclusive. */
    public BigDecimal paidBetween(String invoiceNumber, LocalDate from, LocalDate until) {
        return jdbc.sql("""
                SELECT COALESCE(SUM(amount), 0) FROM payments
                WHERE invoice_number = ? AND status = 'APPLIED' AND received_on >= ? AND received_on <= ?""")
            .params(invoiceNumber, from, until).query(BigDecimal.class).single();
    }

    public String customerOf(String invoiceNumber) {
        return jdbc.sql("SELECT customer_id FROM invoices WHERE invoice_number = ?").param(invoiceNumber)
            .query(String.class).single();
    }

    private List<Instalment> instalments(long agreementId, String currency) {
        return jdbc.sql("SELECT seq, due_date, amount FROM instalments WHERE agreement_id = ? ORDER BY seq")
            .param(agreementId)
            .query((rs, n) -> new Instalment(rs.getInt("seq"), rs.getDate("due_date").toLocalDate(),
                Money.stored(rs.getBigDecimal("amount"), currency)))
            .list();
    }
}
