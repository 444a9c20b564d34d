package com.collectwise.payments;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;

import com.collectwise.customers.CustomerRepository;
import org.springframework.stereotype.Repository;

import com.collectwise.fees.Allocation;
import com.collectwise.money.Money;

/** The payments table: money received, never deleted; a bounced payment is marked reversed. */
@Repository
public class PaymentRepository {

    static final String APPLIED = "APPLIED";
    static final String UNAPPLIED = "UNAPPLIED";
    /** Shown, not stored: the row keeps its status and reversed_on says since when it no longer counts. */
    static final String REVERSED = "REVERSED";

    /** A payment row with the hash of the content it was booked with, and its reversal if any. */
    record StoredPayment(PaymentView view, String bodyHash, String customerId, LocalDate reversedOn,
                         String reversalHash) {
    }

    private final JdbcClient jdbc;
    private final CustomerRepository customers;

    public PaymentRepository(JdbcClient jdbc, CustomerRepository customers) {
        this.jdbc = jdbc;
        this.customers = customers;
    }

    /** @throws org.springframework.dao.DuplicateKeyException when the reference is booked already */
    void insert(IncomingPayment p, String invoiceNumber, String customerId, String status, String unappliedReason,
                Instant createdAt) {
        jdbc.sql("""
                INSERT INTO payments (payment_reference, invoice_number, customer_id, amount, currency, received_on,
                                      method, body_hash, status, unapplied_reason, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
            .params(p.paymentReference(), invoiceNumber, customerId, p.amount(), p.currency(), p.receivedOn(),
                p.method().name(), p.contentHash(), status, unappliedReason, Timestamp.from(createdAt))
            .update();
    }

    /** The audit of how a payment was split when it was posted (figures themselves are replayed, not read here). */
    void insertAllocations(String paymentReference, List<Allocation> allocations, String currency, LocalDate on) {
        for (Allocation a : allocations) {
            jdbc.sql("""
                    INSERT INTO payment_allocations (payment_reference, invoice_number, component, amount, currency,
                                                     applied_on)
                    VALUES (?, ?, ?, ?, ?, ?)""")
                .params(paymentReference, a.invoiceNumber(), a.component(), a.amount(), currency, on)
                .update();
        }
    }

    void markReversed(String paymentReference, LocalDate reversedOn, String reason, String hash) {
        jdbc.sql("""
                UPDATE payments SET reversed_on = ?, reversal_reason = ?, reversal_hash = ?
                WHERE payment_reference = ? AND reversed_on IS NULL""")
            .params(reversedOn, reason, hash, paymentReference).update();
    }

    Optional<StoredPayment> find(String paymentReference) {
        return jdbc.sql("SELECT * FROM payments WHERE payment_reference = ?").param(paymentReference)
            .query((rs, n) -> {
                java.sql.Date reversed = rs.getDate("reversed_on");
                // a reversed payment answers REVERSED: its money no longer counts from reversedOn
                return new StoredPayment(new PaymentView(rs.getString("payment_reference"),
                    reversed == null ? rs.getString("status") : REVERSED, rs.getString("invoice_number"), rs.getString("customer_id"),
                    Money.stored(rs.getBigDecimal("amount"), rs.getString("currency").trim()),
                    rs.getString("currency").trim(), rs.getDate("received_on").toLocalDate(),
                    PaymentMethod.valueOf(rs.getString("method")), List.of(), rs.getString("unapplied_reason"),
                    reversed == null ? null : reversed.toLocalDate()),
                    rs.getString("body_hash"), rs.getString("customer_id"),
                    reversed == null ? null : reversed.toLocalDate(), rs.getString("reversal_hash"));
            })
            .optional();
    }

    boolean hasAppliedPayments(String customerId) {
        return jdbc.sql("SELECT COUNT(*) FROM payments WHERE customer_id = ? AND status = 'APPLIED'")
            .param(customerId).query(Integer.class).single() > 0;
    }

    /** Locks the customer's row until the transaction ends: the money of one customer is booked one at a time. */
    void lockCustomer(String customerId) {
        customers.lock(customerId);
    }
}
