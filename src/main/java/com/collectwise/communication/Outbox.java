package com.collectwise.communication;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.collectwise.customers.CustomerRepository;
import com.collectwise.kernel.BusinessClock;

/**
 * Messages and hand-offs waiting to be dispatched. Writing is idempotent per key, so a delegate
 * that is retried after a crash never queues the same letter twice. A customer e-mail or SMS that falls due in the
 * quiet hours is written with the moment it may go ({@code not_before}, see {@link QuietHours}); the dispatchers
 * leave it until then.
 */
@Repository
public class Outbox {

    /** Kinds of outbox entries. */
    public static final String PRE_DUE_REMINDER = "PRE_DUE_REMINDER";
    public static final String OVERDUE_REMINDER = "OVERDUE_REMINDER";
    public static final String DUNNING_LETTER = "DUNNING_LETTER";
    public static final String SUPERVISOR_ALERT = "SUPERVISOR_ALERT";
    public static final String CREDIT_HOLD = "CREDIT_HOLD";
    public static final String CREDIT_RELEASE = "CREDIT_RELEASE";
    public static final String AGENCY_HANDOFF = "AGENCY_HANDOFF";
    public static final String AGENCY_RECALL = "AGENCY_RECALL";
    public static final String LEGAL_HANDOFF = "LEGAL_HANDOFF";
    /** The statement of account (对账单) e-mailed to the customer for confirmation. */
    public static final String STATEMENT_OF_ACCOUNT = "STATEMENT_OF_ACCOUNT";

    private final JdbcClient jdbc;
    private final QuietHours quietHours;
    private final BusinessClock clock;
    private final CustomerRepository customers;

    public Outbox(JdbcClient jdbc, QuietHours quietHours, BusinessClock clock, CustomerRepository customers) {
        this.jdbc = jdbc;
        this.customers = customers;
        this.quietHours = quietHours;
        this.clock = clock;
    }

    /** Queues the message unless one with the same key exists. @return true when it was queued now */
    public boolean enqueue(String idempotencyKey, String invoiceNumber, String customerId, String kind,
                           String recipient, String subject, String body) {
        if (exists(idempotencyKey)) {
            return false;
        }
        // "falls due" and the row's created_at by the business clock (the engine's, which process tests move): the
        // date a message was written is a business date (the day a reminder or letter went out)
        Instant notBefore = QuietHours.appliesTo(kind)
            ? quietHours.nextAllowed(kind, countryOf(customerId), clock.now()) : null;
        jdbc.sql("""
                INSERT INTO outbox (idempotency_key, invoice_number, customer_id, kind, recipient, subject, body,
                                    status, attempts, created_at, not_before)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?)""")
            .params(idempotencyKey, invoiceNumber, customerId, kind, recipient, subject, body,
                Timestamp.from(clock.now()), notBefore == null ? null : Timestamp.from(notBefore))
            .update();
        return true;
    }

    /** The customer's country (null: unknown or none, the home country's calendar applies). */
    private String countryOf(String customerId) {
        if (customerId == null) {
            return null;
        }
        // the customer row the notice was written from, read once per transaction
        return customers.find(customerId).map(com.collectwise.kernel.Customer::country).orElse(null);
    }

    /**
     * The notice of the key waits for a channel (no e-mail address, or one refused): when it really goes out, the
     * dispatcher books {@code feeKind} (a fees.FeeService.Kind name; null: none) dated that day and appends a contact
     * of {@code contactOutcome} to the case file (null: none). See {@link DispatchFollowUp}.
     */
    public void owedOnDispatch(String idempotencyKey, String feeKind, String contactOutcome) {
        jdbc.sql("""
                UPDATE outbox SET fee_on_dispatch = ?, contact_on_dispatch = ?
                WHERE idempotency_key = ? AND status = 'PENDING'""")
            .params(feeKind, contactOutcome, idempotencyKey).update();
    }

    /**
     * The moment the message of the key may go when that is later than now: a customer e-mail or SMS written in the
     * quiet hours waits for 08:00 ({@link QuietHours}); empty when it may go at once (or there is no such message).
     */
    public java.util.Optional<Instant> heldUntil(String idempotencyKey) {
        Instant now = clock.now();
        return jdbc.sql("SELECT not_before FROM outbox WHERE idempotency_key = ?").param(idempotencyKey)
            .query((rs, n) -> java.util.Optional.ofNullable(rs.getTimestamp(1)).map(Timestamp::toInstant)).optional()
            .flatMap(t -> t).filter(t -> t.isAfter(now));
    }

    /**
     * What a notice sent again to a corrected address adds to the key of the one refused (the notice's own key stays in
     * front: its fee is booked under it, once, {@link #noticeKey}).
     */
    static final String RESENT_TO = "|to:";

    /** The key of the notice a message carries: its own key, or the key of the refused notice it sends again. */
    public static String noticeKey(String idempotencyKey) {
        int resent = idempotencyKey.indexOf(RESENT_TO);
        return resent < 0 ? idempotencyKey : idempotencyKey.substring(0, resent);
    }

    /** A customer message that has not reached the customer: waiting (PENDING) or refused to the end (FAILED). */
    record Undelivered(long id, String key, String invoiceNumber, String customerId, String kind, String recipient,
                       String status, String subject, String body, String feeOnDispatch, String contactOnDispatch,
                       Instant notBefore, Instant writtenAt) {
    }

    /**
     * The customer's messages of the kinds, every version of each notice (the refused one and those sent again),
     * oldest first; delivered ones too, so a notice that went out once is never sent again.
     */
    List<Undelivered> ofCustomer(String customerId, java.util.Collection<String> kinds) {
        return jdbc.sql("""
                SELECT id, idempotency_key, invoice_number, customer_id, kind, recipient, status, subject, body,
                       fee_on_dispatch, contact_on_dispatch, not_before, created_at
                FROM outbox WHERE customer_id = :customer AND kind IN (:kinds) ORDER BY id""")
            .param("customer", customerId).param("kinds", kinds)
            .query((rs, n) -> new Undelivered(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                rs.getString(11), rs.getTimestamp(12) == null ? null : rs.getTimestamp(12).toInstant(),
                rs.getTimestamp(13).toInstant()))
            .list();
    }

    /**
     * A waiting message goes to the corrected address, not before {@code notBefore} (quiet hours); once out it appends
     * {@code contactOutcome} to the case file unless it owes an entry already ({@link #owedOnDispatch}).
     */
    void readdress(long id, String recipient, Instant notBefore, String contactOutcome) {
        jdbc.sql("""
                UPDATE outbox SET recipient = ?, not_before = ?, next_attempt_at = NULL,
                       contact_on_dispatch = COALESCE(contact_on_dispatch, ?)
                WHERE id = ? AND status = 'PENDING'""")
            .params(recipient, Timestamp.from(notBefore), contactOutcome, id).update();
    }

    /**
     * Queues the refused message again, to the corrected address: a new row (the refused one stays as it was, the
     * evidence of the bounce) under the notice's key + {@link #RESENT_TO} + the address, not before {@code notBefore};
     * written when the notice was (its {@code created_at}: the case file names the notice by its day).
     * It owes what the refused one owed (a fee not yet booked is booked under the notice's key, so once) and a case-file
     * entry when it goes out. @return true when it was queued now
     */
    boolean resend(Undelivered refused, String recipient, Instant notBefore, String contactOutcome) {
        String key = noticeKey(refused.key()) + RESENT_TO + recipient;
        if (exists(key)) {
            return false;
        }
        jdbc.sql("""
                INSERT INTO outbox (idempotency_key, invoice_number, customer_id, kind, recipient, subject, body,
                                    status, attempts, created_at, not_before, fee_on_dispatch, contact_on_dispatch)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?, ?, ?)""")
            .params(key, refused.invoiceNumber(), refused.customerId(), refused.kind(), recipient, refused.subject(),
                refused.body(), Timestamp.from(refused.writtenAt()), Timestamp.from(notBefore), refused.feeOnDispatch(),
                contactOutcome)
            .update();
        return true;
    }

    /** The first moment a customer message of the kind may go from now on (quiet hours, SMS on a working day). */
    Instant nextAllowed(String kind, String customerId) {
        return quietHours.nextAllowed(kind, countryOf(customerId), clock.now());
    }

    /** A sent message that owed something on dispatch ({@link #owedOnDispatch}). */
    public record Owed(long id, String key, String invoiceNumber, String customerId, String kind, String recipient,
                       String feeKind, String contactOutcome, Instant writtenAt) {
    }

    /** What the message owes now that it went out; empty for nearly all messages. */
    public java.util.Optional<Owed> owedBy(long id) {
        return jdbc.sql("""
                SELECT id, idempotency_key, invoice_number, customer_id, kind, recipient, fee_on_dispatch,
                       contact_on_dispatch, created_at
                FROM outbox WHERE id = ? AND (fee_on_dispatch IS NOT NULL OR contact_on_dispatch IS NOT NULL)""")
            .param(id)
            .query((rs, n) -> new Owed(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getTimestamp(9).toInstant()))
            .optional();
    }

    /**
     * Whether the address (or phone number) was refused to the end: a message of one of the kinds to it FAILED. Such
     * a contact detail reaches nobody until it is changed (DOMAIN.md 1: a contact detail that bounces is a task for
     * the collector, {@link ContactProblems}).
     */
    public boolean refused(String recipient, java.util.Collection<String> kinds) {
        if (recipient == null || recipient.isBlank()) {
            return false;
        }
        return jdbc.sql("SELECT COUNT(*) FROM outbox WHERE status = 'FAILED' AND recipient = :r AND kind IN (:kinds)")
            .param("r", recipient).param("kinds", kinds).query(Integer.class).single() > 0;
    }

    /**
     * The address a customer e-mail may go to: null when there is none or the mail server refused it to the end (the
     * e-mail then waits without a recipient and goes to the address entered next, {@link CustomerChangeFollowUp}).
     */
    public String usableEmail(String email) {
        if (email == null || email.isBlank() || refused(email, MailDispatcher.EMAIL_KINDS)) {
            return null;
        }
        return email;
    }

    /** How many messages of the kind were queued for the customer, ever. */
    public int countOfKind(String customerId, String kind) {
        return jdbc.sql("SELECT COUNT(*) FROM outbox WHERE customer_id = ? AND kind = ?").params(customerId, kind)
            .query(Integer.class).single();
    }

    /** A message a dispatcher outside this package sends itself (the agency's notices). */
    public record Due(long id, String key, String body, String status, int attempts) {
    }

    /**
     * Up to {@code batch} messages of the kind to send now: pending and due, or claimed before {@code staleBefore}
     * by a node that did not finish, with fewer than {@code maxAttempts} attempts.
     */
    public List<Due> dueOfKind(String kind, int maxAttempts, Instant now, Instant staleBefore, int batch) {
        return jdbc.sql("""
                SELECT id, idempotency_key, body, status, attempts FROM outbox
                WHERE kind = :kind AND attempts < :max
                  AND (status = 'PENDING' AND (next_attempt_at IS NULL OR next_attempt_at <= :now)
                       OR status = 'SENDING' AND claimed_at < :stale)
                ORDER BY id LIMIT :batch""")
            .param("kind", kind).param("max", maxAttempts).param("now", Timestamp.from(now))
            .param("stale", Timestamp.from(staleBefore)).param("batch", batch)
            .query((rs, n) -> new Due(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5)))
            .list();
    }

    /** @return false when another node claimed the message first */
    public boolean claim(Due message, Instant now) {
        return jdbc.sql("""
                UPDATE outbox SET status = 'SENDING', claimed_at = ?, attempts = attempts + 1
                WHERE id = ? AND status = ? AND attempts = ?""")
            .params(Timestamp.from(now), message.id(), message.status(), message.attempts()).update() == 1;
    }

    public void markSent(long id, Instant now) {
        jdbc.sql("UPDATE outbox SET status = 'SENT', dispatched_at = ?, last_error = NULL WHERE id = ?")
            .params(Timestamp.from(now), id).update();
    }

    public void markFailed(long id, String error) {
        jdbc.sql("UPDATE outbox SET status = 'FAILED', last_error = ? WHERE id = ?").params(error, id).update();
    }

    public void retryAt(long id, String error, Instant at) {
        jdbc.sql("UPDATE outbox SET status = 'PENDING', last_error = ?, next_attempt_at = ? WHERE id = ?")
            .params(error, Timestamp.from(at), id).update();
    }

    /** Messages not yet dispatched (pending or being sent). */
    public long countUndispatched() {
        return jdbc.sql("SELECT COUNT(*) FROM outbox WHERE status IN ('PENDING', 'SENDING')").query(Long.class).single();
    }

    /**
     * The day the notice of the key first went out (SENT, itself or a copy sent again to a corrected address), in the
     * business zone; empty while it has not (waiting, refused, cancelled).
     */
    public java.util.Optional<java.time.LocalDate> sentOn(String noticeKey) {
        return jdbc.sql("""
                SELECT MIN(dispatched_at) FROM outbox
                WHERE status = 'SENT' AND (idempotency_key = :key OR idempotency_key LIKE :resent)""")
            .param("key", noticeKey).param("resent", noticeKey + RESENT_TO + "%")
            .query((rs, n) -> java.util.Optional.ofNullable(rs.getTimestamp(1))).single()
            .map(t -> t.toInstant().atZone(clock.zone()).toLocalDate());
    }

    public boolean exists(String idempotencyKey) {
        return jdbc.sql("SELECT COUNT(*) FROM outbox WHERE idempotency_key = ?").param(idempotencyKey)
            .query(Integer.class).single() > 0;
    }

    public List<OutboxMessage> forInvoice(String invoiceNumber) {
        return jdbc.sql("SELECT * FROM outbox WHERE invoice_number = ? ORDER BY id").param(invoiceNumber)
            .query((rs, n) -> new OutboxMessage(rs.getLong("id"), rs.getString("idempotency_key"),
                rs.getString("invoice_number"), rs.getString("customer_id"), rs.getString("kind"),
                rs.getString("recipient"), rs.getString("subject"), rs.getString("body"), rs.getString("status"),
                rs.getInt("attempts"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("dispatched_at") == null ? null : rs.getTimestamp("dispatched_at").toInstant(),
                rs.getTimestamp("not_before") == null ? null : rs.getTimestamp("not_before").toInstant(),
                CANCELLED.equals(rs.getString("status")) ? rs.getString("last_error") : null))
            .list();
    }

    /** The status of a notice that is not sent: its invoice was settled, or its figures no longer hold. */
    public static final String CANCELLED = "CANCELLED";

    /** The message will not go out: CANCELLED, with the reason (GET /api/invoices/{n}/messages shows it). */
    boolean cancel(long id, String reason) {
        return jdbc.sql("UPDATE outbox SET status = 'CANCELLED', last_error = ? WHERE id = ? AND status = 'PENDING'")
            .params(reason, id).update() == 1;
    }

    /** Every waiting message of the kinds for the invoice will not go out: CANCELLED, with the reason. */
    int cancelWaiting(String invoiceNumber, java.util.Collection<String> kinds, String reason) {
        return jdbc.sql("""
                UPDATE outbox SET status = 'CANCELLED', last_error = :reason
                WHERE invoice_number = :invoice AND status = 'PENDING' AND kind IN (:kinds)""")
            .param("reason", reason).param("invoice", invoiceNumber).param("kinds", kinds).update();
    }

    /** A waiting pre-due reminder (its e-mail or its SMS): the message and its invoice. */
    record WaitingPreDue(long id, String invoiceNumber) {
    }

    /** Every pre-due reminder still waiting (PENDING), e-mail and SMS, oldest first. */
    List<WaitingPreDue> waitingPreDueReminders() {
        return jdbc.sql("""
                SELECT id, invoice_number FROM outbox
                WHERE status = 'PENDING' AND kind IN (:kinds) AND invoice_number IS NOT NULL
                  AND (idempotency_key LIKE :mail OR idempotency_key LIKE :sms)
                ORDER BY id""")
            .param("kinds", List.of(PRE_DUE_REMINDER, SmsGateway.KIND)).param("mail", PRE_DUE_REMINDER + ":%")
            .param("sms", "SMS:" + PRE_DUE_REMINDER + ":%")
            .query((rs, n) -> new WaitingPreDue(rs.getLong(1), rs.getString(2))).list();
    }

    /** A waiting message gets the text it goes out with (its figures as of the day it is sent). */
    void rewrite(long id, String subject, String body) {
        jdbc.sql("UPDATE outbox SET subject = ?, body = ? WHERE id = ? AND status = 'PENDING'")
            .params(subject, body, id).update();
    }

    /** The fee a waiting notice books when it goes out ({@link #owedOnDispatch}); null: none. */
    String feeOnDispatch(String idempotencyKey) {
        return jdbc.sql("SELECT fee_on_dispatch FROM outbox WHERE idempotency_key = ?").param(idempotencyKey)
            .query(String.class).optional().orElse(null);
    }
}
