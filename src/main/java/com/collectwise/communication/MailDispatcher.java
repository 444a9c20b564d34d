package com.collectwise.communication;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.collectwise.kernel.BusinessClock;

/**
 * Sends the e-mails waiting in the outbox.
 *
 * <p>Each message is first <em>claimed</em> (PENDING to SENDING, one committed UPDATE that only one
 * dispatcher - on any node - can win), then handed to the SMTP server, then marked SENT. A failure
 * before the SMTP server accepted the message puts it back to PENDING (retried, up to
 * {@code maxAttempts}). A crash after the server accepted it but before SENT was written leaves it in
 * SENDING: it is <em>not</em> sent again automatically, because a second copy of a demand is worse than a
 * late one; {@link #stuck()} lists such messages for a person to check. Messages go out in batches over one
 * SMTP connection; the server's answer is kept per message, so one refused address fails only its own message.
 * Without a mail host configured nothing is sent and messages wait in the outbox, visible per case.
 *
 * <p>Quiet hours: a message waits until its {@code not_before} (by the business clock), and at night nothing goes
 * out at all, so a retry of a message refused at 21:55 waits for the morning too.
 */
@Component
public class MailDispatcher {

    private static final Logger log = LoggerFactory.getLogger(MailDispatcher.class);

    /** Outbox kinds that go to the customer by e-mail. */
    static final Set<String> EMAIL_KINDS = Set.of(Outbox.PRE_DUE_REMINDER, Outbox.OVERDUE_REMINDER,
        Outbox.DUNNING_LETTER, "INSTALMENT_REMINDER", "PROMISE_CONFIRMATION", "INSTALMENT_SCHEDULE",
        "AGREEMENT_DEMAND", "AGREEMENT_ACCELERATED", Outbox.STATEMENT_OF_ACCOUNT);

    /** E-mails per SMTP connection; a crash mid-batch leaves at most this many for {@link #stuck()}. */
    static final int BATCH = 50;

    private final JdbcClient jdbc;
    private final ObjectProvider<JavaMailSender> mailSender;
    private final String from;
    private final int maxAttempts;
    private final QuietHours quietHours;
    private final BusinessClock clock;
    private final List<MailAttachments> attachments;
    /** Books what a message that waited for an address owes once it is out (null in unit tests). */
    private final DispatchFollowUp followUp;
    /** Ids of the pending messages read that owe something on dispatch ({@link Outbox#owedOnDispatch}). */
    private final Set<Long> owing = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Without attachments (tests). */
    public MailDispatcher(JdbcClient jdbc, ObjectProvider<JavaMailSender> mailSender, String from, int maxAttempts,
                          QuietHours quietHours, BusinessClock clock) {
        this(jdbc, mailSender, from, maxAttempts, quietHours, clock, List.of(), null);
    }

    @Autowired
    public MailDispatcher(JdbcClient jdbc, ObjectProvider<JavaMailSender> mailSender, CommunicationSettings settings,
                          QuietHours quietHours, BusinessClock clock, List<MailAttachments> attachments,
                          DispatchFollowUp followUp) {
        this(jdbc, mailSender, settings.mail().from(), settings.mail().maxAttempts(), quietHours, clock, attachments,
            followUp);
    }

    private MailDispatcher(JdbcClient jdbc, ObjectProvider<JavaMailSender> mailSender, String from, int maxAttempts,
                           QuietHours quietHours, BusinessClock clock, List<MailAttachments> attachments,
                           DispatchFollowUp followUp) {
        this.followUp = followUp;
        this.jdbc = jdbc;
        this.quietHours = quietHours;
        this.clock = clock;
        this.mailSender = mailSender;
        this.from = from;
        this.maxAttempts = maxAttempts;
        this.attachments = List.copyOf(attachments);
    }

    @Scheduled(fixedDelayString = "${collectwise.mail.dispatch-interval}")
    public void scheduledDispatch() {
        if (mailSender.getIfAvailable() != null) {
            dispatchPending();
        }
    }

    /**
     * Sends what is pending, each message at most once per call, in batches of {@value #BATCH} over one SMTP
     * connection (bench/results/TUNING.md, change 4).
     *
     * @return how many messages were sent now
     */
    public int dispatchPending() {
        JavaMailSender sender = mailSender.getIfAvailable();
        if (sender == null || quietHours.isNightNow()) {
            return 0;
        }
        int sent = 0;
        long after = 0;
        List<OutboxMessage> page;
        do {
            page = pending(after);
            if (page.isEmpty()) {
                break;
            }
            after = page.get(page.size() - 1).id();
            Map<SimpleMailMessage, OutboxMessage> claimed = new IdentityHashMap<>();
            for (OutboxMessage written : page) {
                // a notice written on an earlier day goes with today's figures, or not at all (DispatchFollowUp)
                OutboxMessage m = followUp == null ? written : followUp.asSentToday(written);
                if (m == null) {
                    owing.remove(written.id());
                    continue;
                }
                if (claim(m.id())) { // else another dispatcher took it
                    MailAttachments.Attachment file = attachmentOf(m);
                    if (file == null) {
                        claimed.put(mail(m), m);
                    } else {
                        sent += sendWithAttachment(sender, m, file);
                    }
                } else {
                    owing.remove(m.id());
                }
            }
            sent += send(sender, claimed);
        } while (page.size() == BATCH);
        return sent;
    }

    private int send(JavaMailSender sender, Map<SimpleMailMessage, OutboxMessage> claimed) {
        if (claimed.isEmpty()) {
            return 0;
        }
        Map<Object, Exception> failed = Map.of();
        try {
            sender.send(claimed.keySet().toArray(SimpleMailMessage[]::new));
        } catch (MailSendException e) {
            // per message when the sender knows which ones failed; otherwise none of them went out
            failed = e.getFailedMessages().isEmpty() ? everyMessage(claimed, e) : e.getFailedMessages();
        } catch (MailException e) {
            failed = everyMessage(claimed, e);
        }
        int sent = 0;
        for (Map.Entry<SimpleMailMessage, OutboxMessage> entry : claimed.entrySet()) {
            OutboxMessage m = entry.getValue();
            Exception error = failed.get(entry.getKey());
            if (error == null) {
                markSent(m.id());
                sent++;
            } else {
                release(m.id(), error.getMessage());
                log.warn("outbox message {} not sent (attempt {}): {}", m.id(), m.attempts() + 1, error.getMessage());
            }
        }
        return sent;
    }

    private MailAttachments.Attachment attachmentOf(OutboxMessage m) {
        for (MailAttachments source : attachments) {
            var file = source.attachmentFor(m);
            if (file.isPresent()) {
                return file.get();
            }
        }
        return null;
    }

    /** A message with a file goes on its own (MIME multipart); claimed, sent, marked as the batch is. */
    private int sendWithAttachment(JavaMailSender sender, OutboxMessage m, MailAttachments.Attachment file) {
        try {
            jakarta.mail.internet.MimeMessage mime = sender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(mime, true, "UTF-8");
            helper.setFrom(from);
            helper.setTo(m.recipient());
            helper.setSubject(m.subject());
            helper.setText(m.body());
            helper.addAttachment(file.fileName(), new ByteArrayResource(file.content()), file.mediaType());
            sender.send(mime);
        } catch (MailException | jakarta.mail.MessagingException e) {
            release(m.id(), e.getMessage());
            log.warn("outbox message {} not sent (attempt {}): {}", m.id(), m.attempts() + 1, e.getMessage());
            return 0;
        }
        markSent(m.id());
        return 1;
    }

    private static Map<Object, Exception> everyMessage(Map<SimpleMailMessage, OutboxMessage> claimed, Exception e) {
        Map<Object, Exception> all = new IdentityHashMap<>();
        claimed.keySet().forEach(mail -> all.put(mail, e));
        return all;
    }

    private SimpleMailMessage mail(OutboxMessage m) {
        SimpleMailMessage mail = new SimpleMailMessage();
        mail.setFrom(from);
        mail.setTo(m.recipient());
        mail.setSubject(m.subject());
        mail.setText(m.body());
        return mail;
    }

    /** Messages claimed but never confirmed sent: a crash between SMTP and our bookkeeping. */
    public List<Long> stuck() {
        return jdbc.sql("SELECT id FROM outbox WHERE status = 'SENDING' ORDER BY id").query(Long.class).list();
    }

    private List<OutboxMessage> pending(long after) {
        return jdbc.sql("""
                SELECT * FROM outbox WHERE status = 'PENDING' AND recipient IS NOT NULL AND kind IN (:kinds)
                AND attempts < :max AND id > :after AND (not_before IS NULL OR not_before <= :now)
                ORDER BY id LIMIT :batch""")
            .param("kinds", EMAIL_KINDS).param("max", maxAttempts).param("after", after).param("batch", BATCH)
            .param("now", Timestamp.from(clock.now()))
            .query((rs, n) -> owing(rs, new OutboxMessage(rs.getLong("id"), rs.getString("idempotency_key"),
                rs.getString("invoice_number"), rs.getString("customer_id"), rs.getString("kind"),
                rs.getString("recipient"), rs.getString("subject"), rs.getString("body"), rs.getString("status"),
                rs.getInt("attempts"), rs.getTimestamp("created_at").toInstant(), null,
                rs.getTimestamp("not_before") == null ? null : rs.getTimestamp("not_before").toInstant(), null)))
            .list();
    }

    private OutboxMessage owing(java.sql.ResultSet rs, OutboxMessage m) throws java.sql.SQLException {
        if (rs.getString("fee_on_dispatch") != null || rs.getString("contact_on_dispatch") != null) {
            owing.add(m.id());
        }
        return m;
    }

    private boolean claim(long id) {
        return jdbc.sql("""
                UPDATE outbox SET status = 'SENDING', claimed_at = ?, attempts = attempts + 1
                WHERE id = ? AND status = 'PENDING'""")
            .params(Timestamp.from(clock.now()), id).update() == 1;
    }

    private void release(long id, String error) {
        owing.remove(id); // read again with the message when it is retried
        String message = error == null ? "unknown" : error.substring(0, Math.min(error.length(), 1000));
        jdbc.sql("UPDATE outbox SET status = CASE WHEN attempts >= ? THEN 'FAILED' ELSE 'PENDING' END, "
                + "last_error = ? WHERE id = ?")
            .params(maxAttempts, message, id).update();
    }

    private void markSent(long id) {
        jdbc.sql("UPDATE outbox SET status = 'SENT', dispatched_at = ?, last_error = NULL WHERE id = ?")
            .params(Timestamp.from(clock.now()), id).update();
        if (owing.remove(id) && followUp != null) {
            followUp.sent(id);
        }
    }
}
