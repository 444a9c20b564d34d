package com.collectwise.fees;

import com.collectwise.money.Component;
import com.collectwise.money.LedgerEntry;
import com.collectwise.money.LedgerEntryType;
import com.collectwise.money.Money;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.InvoiceRepository;
import com.collectwise.kernel.TransactionCache;

/**
 * The append-only ledger of each invoice. There is deliberately no update and no delete: a wrong line is
 * corrected by a new line (a waiver or a write-off) that says why.
 */
@Repository
public class Ledger {

    private final JdbcClient jdbc;

    private final InvoiceRepository invoices;
    private final BusinessClock clock;

    public Ledger(JdbcClient jdbc, InvoiceRepository invoices, BusinessClock clock) {
        this.jdbc = jdbc;
        this.invoices = invoices;
        this.clock = clock;
    }

    /**
     * Books a line. A line whose entry key is already booked is not booked again (replays of a job, a message or
     * a request change nothing).
     *
     * @return true when booked, false when the key was already there
     */
    public boolean append(LedgerEntry e) {
        if (e.entryKey() != null && existsKey(e.entryKey())) {
            return false;
        }
        TransactionCache.forget();
        TransactionCache.note(new Booked(e.invoiceNumber()));
        try {
            jdbc.sql("""
                    INSERT INTO ledger_entries (invoice_number, entry_type, component, amount, currency, booked_on,
                                                source, reason, approved_by, entry_key, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(e.invoiceNumber(), e.type().name(), e.component().name(), e.amount().amount(),
                    e.amount().currencyCode(), e.bookedOn(), e.source(), e.reason(), e.approvedBy(), e.entryKey(),
                    Timestamp.from(clock.now())) // the business clock, as every dated record
                .update();
            return true;
        } catch (DuplicateKeyException concurrentReplay) {
            // the unique key decides between two concurrent bookings of the same event
            return false;
        }
    }

    public boolean existsKey(String entryKey) {
        return jdbc.sql("SELECT COUNT(*) FROM ledger_entries WHERE entry_key = ?").param(entryKey)
            .query(Integer.class).single() > 0;
    }

    /** All lines of a customer's invoices, by invoice, in booking order. */
    public java.util.Map<String, List<LedgerEntry>> listByCustomer(String customerId) {
        return listByInvoices(invoices.findByCustomer(customerId).stream().map(Invoice::invoiceNumber).toList());
    }

    /** All lines of the invoices (a customer's, already read by the caller), by invoice, in booking order. */
    public java.util.Map<String, List<LedgerEntry>> listByInvoices(java.util.Collection<String> invoiceNumbers) {
        java.util.Map<String, List<LedgerEntry>> byInvoice = new java.util.HashMap<>();
        // an invoice registered in this transaction has only the lines this transaction booked (they name an existing
        // invoice): none at its case start, so no SELECT there
        List<String> asked = invoiceNumbers.stream().filter(n -> !knownWithoutLines(n)).toList();
        if (asked.isEmpty()) {
            return byInvoice;
        }
        jdbc.sql("SELECT * FROM ledger_entries WHERE invoice_number IN (:invoices) ORDER BY booked_on, id")
            .param("invoices", asked)
            .query(Ledger::map).list()
            .forEach(e -> byInvoice.computeIfAbsent(e.invoiceNumber(), n -> new java.util.ArrayList<>()).add(e));
        return byInvoice;
    }

    /**
     * Whether the invoice is known to have no ledger line without asking the database: it was registered in this
     * transaction (its lines name an existing invoice, FK) and this transaction booked none on it.
     */
    public boolean knownWithoutLines(String invoiceNumber) {
        return invoices.registeredInThisTransaction(invoiceNumber) && !TransactionCache.noted(new Booked(invoiceNumber));
    }

    /**
     * A line of any kind (fee, credit note, waiver, discount, write-off): its date, when it was booked, and whether it
     * is a credit note (which the replay takes off its invoice from the due date, not from its own date).
     */
    public record Dated(String invoiceNumber, java.time.LocalDate bookedOn, Instant createdAt, boolean creditNote) {
    }

    /**
     * The lines dated by the day, of every kind: a line posted after a payment dated on or after it (a back-dated
     * fee, credit note or waiver, or one of the payment's own day posted after it) changes how the account replay
     * splits that payment, which takes the day's lines before the day's payments; a credit note posted after a
     * payment does whatever its date (it reduces its invoice from the due date).
     */
    public List<Dated> linesDatedBy(java.time.LocalDate asOf) {
        return jdbc.sql("SELECT invoice_number, booked_on, created_at, entry_type FROM ledger_entries WHERE booked_on <= ?")
            .param(asOf)
            .query((rs, n) -> new Dated(rs.getString(1), rs.getDate(2).toLocalDate(), rs.getTimestamp(3).toInstant(),
                LedgerEntryType.CREDIT_NOTE.name().equals(rs.getString(4))))
            .list();
    }

    /** A line was booked on the invoice in this transaction. */
    private record Booked(String invoiceNumber) {
    }

    /** All lines of an invoice, in booking order. */
    public List<LedgerEntry> list(String invoiceNumber) {
        return jdbc.sql("SELECT * FROM ledger_entries WHERE invoice_number = ? ORDER BY booked_on, id")
            .param(invoiceNumber)
            .query(Ledger::map)
            .list();
    }

    /** The line under an entry key, if booked. */
    public java.util.Optional<LedgerEntry> findByKey(String entryKey) {
        return jdbc.sql("SELECT * FROM ledger_entries WHERE entry_key = ?").param(entryKey).query(Ledger::map)
            .optional();
    }

    private static LedgerEntry map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new LedgerEntry(rs.getLong("id"), rs.getString("invoice_number"),
            LedgerEntryType.valueOf(rs.getString("entry_type")), Component.valueOf(rs.getString("component")),
            Money.of(rs.getBigDecimal("amount"), rs.getString("currency").trim()),
            rs.getDate("booked_on").toLocalDate(), rs.getString("source"), rs.getString("reason"),
            rs.getString("approved_by"), rs.getString("entry_key"), rs.getTimestamp("created_at").toInstant());
    }
}
