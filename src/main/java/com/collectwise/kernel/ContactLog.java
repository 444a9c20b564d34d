package com.collectwise.kernel;

import java.sql.Date;
import java.sql.Timestamp;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import com.collectwise.money.Money;
import java.math.BigDecimal;

/** The append-only contact log of each case. There is deliberately no update and no delete. */
@Repository
public class ContactLog {

    private final JdbcClient jdbc;

    public ContactLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void append(ContactEntry e) {
        jdbc.sql("""
                INSERT INTO contact_log (invoice_number, customer_id, channel, contacted_at, collector, reached_person,
                                         outcome, note, promised_amount, promised_date)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
            .params(e.invoiceNumber(), e.customerId(), e.channel(), Timestamp.from(e.contactedAt()), e.collector(),
                e.reachedPerson(), e.outcome(), e.note(), e.promisedAmount(),
                e.promisedDate() == null ? null : Date.valueOf(e.promisedDate()))
            .update();
    }

    /**
     * Unanswered attempts logged for the customer from {@code from} (inclusive) to {@code to} (exclusive). One call
     * logged on every case it covered, all at the same moment, counts once.
     */
    public int unansweredAttempts(String customerId, java.time.Instant from, java.time.Instant to) {
        return jdbc.sql("""
                SELECT COUNT(DISTINCT contacted_at) FROM contact_log
                WHERE customer_id = ? AND outcome = 'NO_ANSWER' AND contacted_at >= ? AND contacted_at < ?""")
            .params(customerId, Timestamp.from(from), Timestamp.from(to))
            .query(Integer.class).single();
    }

    /**
     * How many entries of the customer had the outcome on its invoices that are still open (an explanation given on an
     * invoice settled since explains nothing of the open ones).
     */
    public int countWithOutcomeOnOpenInvoices(String customerId, String outcome) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM contact_log c JOIN invoices i ON i.invoice_number = c.invoice_number
                WHERE c.customer_id = ? AND c.outcome = ? AND i.status = 'OPEN'""")
            .params(customerId, outcome).query(Integer.class).single();
    }

    /** How many contacts with the customer since the moment had the outcome ({@code same}) or another one. */
    public int countSince(String customerId, java.time.Instant since, String outcome, boolean same) {
        return jdbc.sql("SELECT COUNT(*) FROM contact_log WHERE customer_id = ? AND contacted_at >= ? AND outcome "
                + (same ? "=" : "<>") + " ?")
            .params(customerId, Timestamp.from(since), outcome).query(Integer.class).single();
    }

    /** How many contacts with the customer since the moment had none of the outcomes. */
    public int countSinceExcept(String customerId, java.time.Instant since, java.util.Collection<String> outcomes) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM contact_log WHERE customer_id = :customer AND contacted_at >= :since
                AND outcome NOT IN (:outcomes)""")
            .param("customer", customerId).param("since", Timestamp.from(since)).param("outcomes", outcomes)
            .query(Integer.class).single();
    }

    /**
     * The day the case's contact window starts from (the no-contact watch's view of {@link #quietCases}): the day of
     * its last contact attempt, or, when later, its due date (contact is owed from the day after) or the day before it
     * was registered (an invoice imported when already overdue is owed contact from its registration day on). Empty
     * for an unknown invoice.
     */
    public java.util.Optional<java.time.LocalDate> contactWindowStart(String invoiceNumber, java.time.ZoneId zone) {
        return jdbc.sql("""
                SELECT i.due_date, i.created_at,
                       (SELECT MAX(c.contacted_at) FROM contact_log c WHERE c.invoice_number = i.invoice_number
                        AND c.channel NOT IN ('NOTE', 'INTERNAL')) AS last_attempt
                FROM invoices i WHERE i.invoice_number = ?""")
            .param(invoiceNumber)
            .query((rs, n) -> {
                java.time.LocalDate start = rs.getDate("due_date").toLocalDate();
                java.time.LocalDate dayBeforeRegistration = rs.getTimestamp("created_at").toInstant().atZone(zone)
                    .toLocalDate().minusDays(1);
                if (dayBeforeRegistration.isAfter(start)) {
                    start = dayBeforeRegistration;
                }
                Timestamp last = rs.getTimestamp("last_attempt");
                if (last != null && last.toInstant().atZone(zone).toLocalDate().isAfter(start)) {
                    start = last.toInstant().atZone(zone).toLocalDate();
                }
                return start;
            }).optional();
    }

    /**
     * Open cases at one of the stages, due before the day, with no contact logged since the moment (the
     * no-contact watch). Notes of the case file (channel NOTE: a promise checked, a stage moved; INTERNAL: waivers)
     * are no contact attempts; calls, visits, written reminders and the customer's own requests are. A case
     * registered at or after {@code registeredBefore} (an invoice imported when already overdue) is not quiet yet.
     */
    public List<String> quietCases(java.util.Collection<String> stages, java.time.LocalDate dueBefore,
                                   java.time.Instant since, java.time.Instant registeredBefore) {
        return jdbc.sql("""
                SELECT i.invoice_number FROM invoices i
                WHERE i.status = 'OPEN' AND i.stage IN (:stages)
                AND i.due_date < :dueBefore AND i.created_at < :registeredBefore
                AND NOT EXISTS (SELECT 1 FROM contact_log c WHERE c.invoice_number = i.invoice_number
                                AND c.contacted_at >= :since AND c.channel NOT IN ('NOTE', 'INTERNAL'))""")
            .param("stages", stages).param("dueBefore", Date.valueOf(dueBefore)).param("since", Timestamp.from(since))
            .param("registeredBefore", Timestamp.from(registeredBefore))
            .query(String.class).list();
    }

    /**
     * Calls and visits per collector before the moment. One call with a customer is logged on each invoice it covered,
     * at the same moment: it counts once.
     */
    public java.util.Map<String, Integer> callsAndVisitsPerCollector(java.time.Instant before) {
        java.util.Map<String, Integer> perCollector = new java.util.HashMap<>();
        jdbc.sql("""
                SELECT collector, COUNT(*) FROM (SELECT DISTINCT collector, customer_id, channel, contacted_at
                  FROM contact_log WHERE channel IN ('PHONE', 'VISIT') AND contacted_at < ?) c GROUP BY collector""")
            .params(Timestamp.from(before))
            .query(rs -> {
                perCollector.merge(rs.getString(1), rs.getInt(2), Integer::sum);
            });
        return perCollector;
    }

    /** Oldest first. */
    public List<ContactEntry> list(String invoiceNumber) {
        // the invoice's currency gives the promised amount its minor unit
        return jdbc.sql("""
                SELECT c.*, i.currency FROM contact_log c LEFT JOIN invoices i ON i.invoice_number = c.invoice_number
                WHERE c.invoice_number = ? ORDER BY c.contacted_at, c.id""")
            .param(invoiceNumber)
            .query((rs, n) -> new ContactEntry(rs.getLong("id"), rs.getString("invoice_number"),
                rs.getString("customer_id"), rs.getString("channel"), rs.getTimestamp("contacted_at").toInstant(),
                rs.getString("collector"), rs.getString("reached_person"), rs.getString("outcome"),
                rs.getString("note"), promised(rs.getBigDecimal("promised_amount"), rs.getString("currency")),
                rs.getDate("promised_date") == null ? null : rs.getDate("promised_date").toLocalDate()))
            .list();
    }

    /** The customer's latest {@code limit} contacts about any invoice, oldest first. */
    public List<ContactEntry> listOfCustomer(String customerId, int limit) {
        List<ContactEntry> latest = new java.util.ArrayList<>(jdbc.sql("""
                SELECT c.*, i.currency FROM contact_log c LEFT JOIN invoices i ON i.invoice_number = c.invoice_number
                WHERE c.customer_id = ? ORDER BY c.contacted_at DESC, c.id DESC LIMIT ?""")
            .params(customerId, limit)
            .query((rs, n) -> new ContactEntry(rs.getLong("id"), rs.getString("invoice_number"),
                rs.getString("customer_id"), rs.getString("channel"), rs.getTimestamp("contacted_at").toInstant(),
                rs.getString("collector"), rs.getString("reached_person"), rs.getString("outcome"),
                rs.getString("note"), promised(rs.getBigDecimal("promised_amount"), rs.getString("currency")),
                rs.getDate("promised_date") == null ? null : rs.getDate("promised_date").toLocalDate()))
            .list());
        java.util.Collections.reverse(latest);
        return latest;
    }

    private static BigDecimal promised(BigDecimal amount, String currency) {
        return amount == null || currency == null ? amount : Money.stored(amount, currency.trim());
    }
}
