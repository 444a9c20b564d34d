package com.collectwise.communication;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.collectwise.kernel.BusinessClock;

/** Evidence store: documents are written once (idempotent per key) and never changed, except delivery status. */
@Repository
public class DocumentRepository {

    private final JdbcClient jdbc;
    private final BusinessClock clock;
    private final org.springframework.context.ApplicationEventPublisher events;

    public DocumentRepository(JdbcClient jdbc, BusinessClock clock,
                              org.springframework.context.ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.events = events;
    }

    /** Stores the document unless one with the same key exists; returns the stored one either way. */
    public Document store(String idempotencyKey, String invoiceNumber, String kind, String fileName, String mediaType,
                          byte[] content) {
        Optional<Document> existing = findByKey(idempotencyKey);
        if (existing.isPresent()) {
            return existing.get();
        }
        jdbc.sql("""
                INSERT INTO documents (invoice_number, kind, file_name, media_type, content, sha256, idempotency_key,
                                       delivery_status, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'CREATED', ?)""")
            // the business clock: the letter's date, from which a delivered demand restarts limitation
            // (DemandInterruptions), is the business day it was written on
            .params(invoiceNumber, kind, fileName, mediaType, content, sha256(content), idempotencyKey,
                Timestamp.from(clock.now()))
            .update();
        return findByKey(idempotencyKey).orElseThrow();
    }

    public Optional<Document> find(String invoiceNumber, long id) {
        return jdbc.sql("SELECT * FROM documents WHERE invoice_number = ? AND id = ?").params(invoiceNumber, id)
            .query(DocumentRepository::map).optional();
    }

    public List<Document> forInvoice(String invoiceNumber) {
        return jdbc.sql("SELECT * FROM documents WHERE invoice_number = ? ORDER BY id").param(invoiceNumber)
            .query(DocumentRepository::map).list();
    }

    private Optional<Document> findByKey(String key) {
        return jdbc.sql("SELECT * FROM documents WHERE idempotency_key = ?").param(key)
            .query(DocumentRepository::map).optional();
    }

    public void recordDelivery(long id, String status, String proof) {
        jdbc.sql("UPDATE documents SET delivery_status = ?, delivery_proof = ?, delivered_on = NULL WHERE id = ?")
            .params(status, proof, id).update();
        limitationMoved(id);
    }

    /**
     * Records that the letter was DELIVERED on {@code deliveredOn} (null: no day given, the letter's date counts),
     * unless a delivery is recorded already: one statement, so that two requests at the same moment cannot both
     * record theirs (the second finds the first).
     *
     * @return true when it was recorded now; false when the letter was delivered already (the caller compares)
     */
    public boolean recordDelivered(long id, String proof, LocalDate deliveredOn) {
        boolean recorded = jdbc.sql("""
                UPDATE documents SET delivery_status = 'DELIVERED', delivery_proof = ?, delivered_on = ?
                WHERE id = ? AND delivery_status <> 'DELIVERED'""")
            .params(proof, deliveredOn, id).update() == 1;
        if (recorded) {
            limitationMoved(id);
        }
        return recorded;
    }

    /** A demand delivered (or no longer) moves the limitation date. */
    private void limitationMoved(long id) {
        jdbc.sql("SELECT invoice_number FROM documents WHERE id = ?").param(id).query(String.class).optional()
            .ifPresent(invoiceNumber -> events.publishEvent(
                new com.collectwise.limitation.LimitationFactRecorded(invoiceNumber)));
    }

    /** The letter's date: the business day it was written on, in the company's zone. */
    public LocalDate letterDate(Document document) {
        return document.createdAt().atZone(clock.zone()).toLocalDate();
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    private static Document map(ResultSet rs, int n) throws SQLException {
        return new Document(rs.getLong("id"), rs.getString("invoice_number"), rs.getString("kind"),
            rs.getString("file_name"), rs.getString("media_type"), rs.getBytes("content"), rs.getString("sha256"),
            rs.getString("delivery_status"), rs.getString("delivery_proof"), rs.getTimestamp("created_at").toInstant(),
            rs.getObject("delivered_on", LocalDate.class));
    }
}
