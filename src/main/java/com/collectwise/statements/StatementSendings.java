package com.collectwise.statements;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.collectwise.api.ConflictException;
import com.collectwise.kernel.BusinessClock;
import com.collectwise.communication.MailAttachments;
import com.collectwise.communication.NoticeTemplates;
import com.collectwise.communication.NoticeTemplates.Notice;
import com.collectwise.communication.NoticeTexts;
import com.collectwise.communication.Outbox;
import com.collectwise.communication.OutboxMessage;
import com.collectwise.kernel.Customer;
import com.collectwise.kernel.Language;
import com.collectwise.customers.CustomerContact;
import com.collectwise.customers.CustomerRepository;

/**
 * Sends the statement of account by e-mail for confirmation: the PDF as sent is kept (with its SHA-256) as the
 * evidence, the e-mail goes through the outbox. One sending per customer, date and address: a second request the
 * same day to the same address (or the formal demand of a second invoice that day) is the same sending.
 * The e-mail goes to the customer's finance contact when one has an address, else to the customer's address, with
 * the PDF attached (the dispatcher asks {@link #attachmentFor}).
 */
@Service
public class StatementSendings implements MailAttachments {

    public static final String FORMAL_DEMAND = "FORMAL_DEMAND";
    public static final String REQUEST = "REQUEST";

    private final StatementOfAccountService statements;
    private final StatementOfAccountPdf pdf;
    private final CustomerRepository customers;
    private final Outbox outbox;
    private final JdbcClient jdbc;
    private final BusinessClock clock;
    private final NoticeTemplates templates;

    public StatementSendings(StatementOfAccountService statements, StatementOfAccountPdf pdf,
                             CustomerRepository customers, Outbox outbox, JdbcClient jdbc, BusinessClock clock,
                             NoticeTemplates templates) {
        this.templates = templates;
        this.statements = statements;
        this.pdf = pdf;
        this.customers = customers;
        this.outbox = outbox;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A statement as sent. {@code replay}: it had been sent before, nothing new was queued. */
    public record Sending(long id, String customerId, LocalDate asOf, String reason, String invoiceNumber,
                          String recipient, String sha256, String requestedBy, Instant createdAt, boolean replay) {
    }

    /**
     * On request (the customer says "no statement received"): today's statement to {@code recipient}, or to the
     * customer's finance contact or e-mail address.
     * @throws ConflictException when there is no address to send to
     */
    @Transactional
    public Sending onRequest(String customerId, String recipient, String user) {
        // locked like the formal demand's sending: the same request twice at once is one sending and one replay
        Customer customer = customers.findForUpdate(customerId)
            .orElseThrow(() -> new com.collectwise.api.NotFoundException("There is no customer " + customerId));
        String to = recipient != null ? recipient : defaultRecipient(customer);
        if (to == null) {
            throw new ConflictException("Customer " + customerId + " has no e-mail address: enter one in the customer "
                + "file or name the recipient");
        }
        return send(customer, clock.today(), REQUEST, null, to, user);
    }

    /**
     * With the formal demand of a case: the customer's statement as of the letter date. Without an address the
     * e-mail waits in the outbox and the owner gets a contact-problem task, as for every notice.
     */
    @Transactional
    public Optional<Sending> atFormalDemand(String customerId, String invoiceNumber, LocalDate letterDate) {
        // a letter rendered for a customer outside the books (a preview) has no account to state. The customer's row
        // is locked: two invoices of one customer reaching formal demand at once (two job threads) send one statement
        // between them, the second finding the first's sending instead of failing on its key and retrying the letter
        return customers.findForUpdate(customerId)
            .map(customer -> send(customer, letterDate, FORMAL_DEMAND, invoiceNumber, defaultRecipient(customer), null));
    }

    private Sending send(Customer customer, LocalDate asOf, String reason, String invoiceNumber, String recipient,
                         String user) {
        String key = "statement:" + customer.customerId() + ":" + asOf + ":"
            + (recipient == null ? "-" : recipient.toLowerCase(Locale.ROOT));
        Optional<Sending> sent = findByKey(key);
        if (sent.isPresent()) {
            Sending s = sent.get();
            return new Sending(s.id(), s.customerId(), s.asOf(), s.reason(), s.invoiceNumber(), s.recipient(),
                s.sha256(), s.requestedBy(), s.createdAt(), true);
        }
        StatementOfAccount statement = statements.statement(customer.customerId(), asOf);
        byte[] content = pdf.render(statement, customer.language());
        jdbc.sql("""
                INSERT INTO statement_sendings (customer_id, as_of, reason, invoice_number, recipient, content, sha256,
                                                idempotency_key, requested_by, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
            .params(customer.customerId(), asOf, reason, invoiceNumber, recipient, content, sha256(content), key, user,
                Timestamp.from(clock.now()))
            .update();
        // a message of the customer, not of one case (the sending keeps the case whose demand sent it)
        outbox.enqueue(key, null, customer.customerId(), Outbox.STATEMENT_OF_ACCOUNT, recipient,
            words(customer.language(), "subject", pdf.values(statement, customer.language())),
            text(customer, statement));
        return findByKey(key).orElseThrow();
    }

    /** The sendings of the customer, newest first. */
    public List<Sending> list(String customerId) {
        return jdbc.sql("""
                SELECT id, customer_id, as_of, reason, invoice_number, recipient, sha256, requested_by, created_at
                FROM statement_sendings WHERE customer_id = ? ORDER BY id DESC""")
            .param(customerId).query((rs, n) -> map(rs)).list();
    }

    /** The PDF as sent. */
    public Optional<byte[]> content(String customerId, long id) {
        return jdbc.sql("SELECT content FROM statement_sendings WHERE customer_id = ? AND id = ?")
            .params(customerId, id).query((rs, n) -> rs.getBytes(1)).optional();
    }

    /** The e-mail of a sending carries its PDF, the bytes kept as evidence. */
    @Override
    public Optional<Attachment> attachmentFor(OutboxMessage message) {
        if (!Outbox.STATEMENT_OF_ACCOUNT.equals(message.kind())) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT as_of, content FROM statement_sendings WHERE idempotency_key = ?")
            .param(message.idempotencyKey())
            .query((rs, n) -> new Attachment("statement-of-account-" + message.customerId() + "-"
                + rs.getObject(1, LocalDate.class) + ".pdf", "application/pdf", rs.getBytes(2)))
            .optional();
    }

    /**
     * The finance contact's address if one has one, else the customer's; an address the mail server refused counts as
     * none (the statement then waits for a new address, and the collector has the task).
     */
    String defaultRecipient(Customer customer) {
        return customers.profile(customer).financeContacts().stream().map(CustomerContact::email)
            .map(outbox::usableEmail).filter(e -> e != null).findFirst()
            .orElse(outbox.usableEmail(customer.email()));
    }

    /**
     * The e-mail text in the customer's language (templates/statement-of-account): the figures of the PDF kept as
     * evidence, so the customer can check them in the message.
     */
    private String text(Customer customer, StatementOfAccount s) {
        Language language = customer.language();
        Map<String, String> values = pdf.values(s, language);
        values.put("customerName", customer.name());
        StringBuilder b = new StringBuilder(words(language, "body", values)).append("\n\n");
        for (StatementOfAccount.InvoiceLine i : s.invoices()) {
            Map<String, String> line = new HashMap<>(values);
            line.put("invoiceNumber", i.invoiceNumber());
            line.put("dueDate", NoticeTexts.date(i.dueDate(), language));
            line.put("total", StatementOfAccountPdf.money(i.total(), i.currency()));
            line.put("principal", StatementOfAccountPdf.money(i.principal(), i.currency()));
            line.put("interest", StatementOfAccountPdf.money(i.interest(), i.currency()));
            line.put("fees", StatementOfAccountPdf.money(i.fees(), i.currency()));
            b.append(words(language, "invoiceLine", line)).append('\n');
        }
        for (StatementOfAccount.CurrencyTotal t : s.totals()) {
            Map<String, String> total = new HashMap<>(values);
            total.put("currency", t.currency());
            total.put("total", StatementOfAccountPdf.money(t.total(), t.currency()));
            total.put("credit", StatementOfAccountPdf.money(t.credit(), t.currency()));
            b.append('\n').append(words(language, t.credit().signum() > 0 ? "totalLineWithCredit" : "totalLine", total));
        }
        return b.append("\n\n").append(words(language, "closing", values)).toString();
    }

    private String words(Language language, String section, Map<String, String> values) {
        return templates.render(language, Notice.STATEMENT_OF_ACCOUNT, section, values);
    }

    private Optional<Sending> findByKey(String key) {
        return jdbc.sql("""
                SELECT id, customer_id, as_of, reason, invoice_number, recipient, sha256, requested_by, created_at
                FROM statement_sendings WHERE idempotency_key = ?""")
            .param(key).query((rs, n) -> map(rs)).optional();
    }

    private static Sending map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Sending(rs.getLong("id"), rs.getString("customer_id"), rs.getObject("as_of", LocalDate.class),
            rs.getString("reason"), rs.getString("invoice_number"), rs.getString("recipient"),
            rs.getString("sha256").trim(), rs.getString("requested_by"), rs.getTimestamp("created_at").toInstant(),
            false);
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
}
