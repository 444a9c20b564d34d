package com.collectwise.payments;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.collectwise.fees.Allocation;
import com.collectwise.fees.Money;

@Repository
public class PaymentRepository {

    static final String APPLIED = "APPLIED";
    static final String UNAPPLIED = "UNAPPLIED";

    /** A payment row with the hash of the content it was booked with. */
    record StoredPayment(PaymentView view, String bodyHash) {
    }

    private final JdbcClient jdbc;

    public PaymentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @throws org.springframework.dao.DuplicateKeyException when the reference is booked already */
    void insert(IncomingPayment p, String invoiceNumber, String customerId, String status, Instant createdAt) {
        jdbc.sql("""
                INSERT INTO payments (payment_reference, invoice_number, customer_id, amount, currency, received_on,
                                      method, body_hash, status, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
            .params(p.paymentReference(), invoiceNumber, customerId, p.amount(), p.currency(), p.receivedOn(),
                p.method().name(), p.contentHash(), status, Timestamp.from(createdAt))
            .update();
    }

    /** Money for a case that is closed already is kept whole as the customer's credit. */
    void insertCredit(String paymentReference, String invoiceNumber, BigDecimal amount, String currency,
                      LocalDate appliedOn) {
        jdbc.sql("""
                INSERT INTO payment_allocations (payment_reference, invoice_number, component, amount, currency,
                                                 applied_on)
                VALUES (?, ?, 'CREDIT', ?, ?, ?)""")
            .params(paymentReference, invoiceNumber, amount, currency, appliedOn)
            .update();
    }

    Optional<StoredPayment> find(String paymentReference) {
        List<Allocation> allocations = allocations(paymentReference);
        return jdbc.sql("SELECT * FROM payments WHERE payment_reference = ?").param(paymentReference)
            .query((rs, n) -> new StoredPayment(new PaymentView(rs.getString("payment_reference"),
                rs.getString("status"), rs.getString("invoice_number"), rs.getString("customer_id"),
                Money.stored(rs.getBigDecimal("amount"), rs.getString("currency").trim()), rs.getString("currency").trim(),
                rs.getDate("received_on").toLocalDate(),
                PaymentMethod.valueOf(rs.getString("method")), allocations),
                rs.getString("body_hash")))
            .optional();
    }

    List<Allocation> allocations(String paymentReference) {
        return jdbc.sql("""
                SELECT component, amount, currency FROM payment_allocations WHERE payment_reference = ? ORDER BY id""")
            .param(paymentReference)
            .query((rs, n) -> new Allocation(rs.getString("component"),
                Money.stored(rs.getBigDecimal("amount"), rs.getString("currency").trim())))
            .list();
    }
}
