package com.collectwise.communication;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import com.collectwise.kernel.BusinessClock;

/**
 * Text messages through a configurable HTTP gateway ({@code collectwise.sms.url}): the outbox rows of kind
 * {@code SMS} are POSTed as {@code {to, text, reference}} with an {@code Idempotency-Key} header (the outbox
 * key), so a gateway that deduplicates never sends twice. Same claim / send / confirm rules as e-mail.
 * Without a URL, SMS rows are not even written (see {@link CollectionNotices}). Quiet hours as for e-mail: a text
 * waits until its {@code not_before} (night, or not a working day of the customer's country), and nothing goes out
 * at night.
 */
@Component
public class SmsGateway {

    public static final String KIND = "SMS";
    private static final Logger log = LoggerFactory.getLogger(SmsGateway.class);

    private final JdbcClient jdbc;
    private final String url;
    private final int maxAttempts;
    private final RestClient http;
    private final QuietHours quietHours;
    private final BusinessClock clock;
    /** Books what a text sent again to a corrected number owes once it is out ({@link AddressCorrection}). */
    private final DispatchFollowUp followUp;

    public SmsGateway(JdbcClient jdbc, CommunicationSettings settings, QuietHours quietHours, BusinessClock clock,
                      DispatchFollowUp followUp) {
        this.followUp = followUp;
        this.jdbc = jdbc;
        this.quietHours = quietHours;
        this.clock = clock;
        this.url = settings.sms().url();
        this.maxAttempts = settings.sms().maxAttempts();
        String token = settings.sms().token();
        SimpleClientHttpRequestFactory timeouts = new SimpleClientHttpRequestFactory();
        timeouts.setConnectTimeout(Duration.ofSeconds(5));
        timeouts.setReadTimeout(Duration.ofSeconds(10));
        RestClient.Builder builder = RestClient.builder().requestFactory(timeouts);
        if (!token.isBlank()) {
            builder.defaultHeader("Authorization", "Bearer " + token);
        }
        this.http = builder.build();
    }

    public boolean enabled() {
        return !url.isBlank();
    }

    @Scheduled(fixedDelayString = "${collectwise.sms.dispatch-interval}")
    public void scheduledDispatch() {
        if (enabled()) {
            dispatchPending();
        }
    }

    /** @return how many messages the gateway accepted now */
    public int dispatchPending() {
        if (!enabled() || quietHours.isNightNow()) {
            return 0;
        }
        record Sms(long id, String key, String to, String text, boolean owes, OutboxMessage written) {
        }
        List<Sms> pending = jdbc.sql("""
                SELECT id, idempotency_key, recipient, body, contact_on_dispatch, fee_on_dispatch, invoice_number,
                       customer_id, created_at, attempts FROM outbox
                WHERE kind = 'SMS' AND status = 'PENDING' AND recipient IS NOT NULL AND attempts < ?
                AND (not_before IS NULL OR not_before <= ?) ORDER BY id""")
            .params(maxAttempts, Timestamp.from(clock.now()))
            .query((rs, n) -> new Sms(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5) != null || rs.getString(6) != null,
                new OutboxMessage(rs.getLong(1), rs.getString(2), rs.getString(7), rs.getString(8), KIND,
                    rs.getString(3), null, rs.getString(4), "PENDING", rs.getInt(10), rs.getTimestamp(9).toInstant(),
                    null, null, null))).list();
        int sent = 0;
        for (Sms written : pending) {
            // a text written on an earlier day goes with today's figures, or not at all (NoticesOfToday)
            OutboxMessage now = followUp.asSentToday(written.written());
            if (now == null) {
                continue;
            }
            Sms sms = new Sms(written.id(), written.key(), written.to(), now.body(), written.owes(), now);
            int claimed = jdbc.sql("UPDATE outbox SET status = 'SENDING', claimed_at = ?, attempts = attempts + 1 "
                + "WHERE id = ? AND status = 'PENDING'").params(Timestamp.from(clock.now()), sms.id()).update();
            if (claimed == 0) {
                continue;
            }
            try {
                http.post().uri(url).contentType(MediaType.APPLICATION_JSON).header("Idempotency-Key", sms.key())
                    .body(Map.of("to", sms.to(), "text", sms.text(), "reference", sms.key()))
                    .retrieve().toBodilessEntity();
            } catch (RestClientException e) {
                jdbc.sql("UPDATE outbox SET status = CASE WHEN attempts >= ? THEN 'FAILED' ELSE 'PENDING' END, "
                    + "last_error = ? WHERE id = ?")
                    .params(maxAttempts, truncate(e.getMessage()), sms.id()).update();
                log.warn("SMS outbox message {} not accepted by the gateway: {}", sms.id(), e.getMessage());
                continue;
            }
            jdbc.sql("UPDATE outbox SET status = 'SENT', dispatched_at = ?, last_error = NULL WHERE id = ?")
                .params(Timestamp.from(clock.now()), sms.id()).update();
            if (sms.owes()) {
                followUp.sent(sms.id());
            }
            sent++;
        }
        return sent;
    }

    private static String truncate(String s) {
        return s == null ? "unknown" : s.substring(0, Math.min(s.length(), 1000));
    }
}
