package com.collectwise.handoff;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClientException;

import com.collectwise.kernel.BusinessClock;

/**
 * Delivers the agency notices waiting in the outbox, at least once, with the hand-off's back-off (1, 5 and 30
 * minutes, as Task_HandOffToAgency's retry cycle). Each notice is claimed first (one committed UPDATE that only one
 * node can win), then posted with its outbox key as Idempotency-Key, then marked SENT. A failed call waits for its
 * next attempt; after the last one the notice is FAILED (listed per case with the other messages, and logged as an
 * error for operations). A node that died between the call and SENT leaves the notice SENDING: unlike a letter it is
 * sent again once the claim is stale, since the agency drops a repeated key.
 */
@Component
public class AgencyNoticeDispatcher {

    private static final Logger log = LoggerFactory.getLogger(AgencyNoticeDispatcher.class);
    static final List<Duration> BACK_OFF = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(30));
    static final Duration STALE_CLAIM = Duration.ofMinutes(10);
    static final int BATCH = 50;

    private final JdbcClient jdbc;
    private final AgencyClient agency;
    private final BusinessClock clock;
    private final int maxAttempts;

    public AgencyNoticeDispatcher(JdbcClient jdbc, AgencyClient agency, BusinessClock clock,
                                  HandoffSettings settings) {
        this.jdbc = jdbc;
        this.agency = agency;
        this.clock = clock;
        this.maxAttempts = settings.agency().noticeMaxAttempts();
    }

    @Scheduled(initialDelayString = "${collectwise.agency.notice-initial-delay}",
        fixedDelayString = "${collectwise.agency.notice-interval}")
    public void scheduledDispatch() {
        dispatchDue();
    }

    record Due(long id, String key, String body, String status, int attempts) {
    }

    /** @return how many notices the agency accepted now */
    public int dispatchDue() {
        Instant now = clock.now();
        List<Due> due = jdbc.sql("""
                SELECT id, idempotency_key, body, status, attempts FROM outbox
                WHERE kind = :kind AND attempts < :max
                  AND (status = 'PENDING' AND (next_attempt_at IS NULL OR next_attempt_at <= :now)
                       OR status = 'SENDING' AND claimed_at < :stale)
                ORDER BY id LIMIT :batch""")
            .param("kind", AgencyNotices.KIND).param("max", maxAttempts).param("now", Timestamp.from(now))
            .param("stale", Timestamp.from(now.minus(STALE_CLAIM))).param("batch", BATCH)
            .query((rs, n) -> new Due(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5)))
            .list();
        int sent = 0;
        for (Due notice : due) {
            if (!claim(notice, now)) {
                continue; // another node took it
            }
            try {
                agency.notice(notice.key(), notice.body());
                jdbc.sql("UPDATE outbox SET status = 'SENT', dispatched_at = ?, last_error = NULL WHERE id = ?")
                    .params(Timestamp.from(now), notice.id()).update();
                sent++;
            } catch (RestClientException e) {
                failed(notice, now, e);
            }
        }
        return sent;
    }

    private boolean claim(Due notice, Instant now) {
        return jdbc.sql("""
                UPDATE outbox SET status = 'SENDING', claimed_at = ?, attempts = attempts + 1
                WHERE id = ? AND status = ? AND attempts = ?""")
            .params(Timestamp.from(now), notice.id(), notice.status(), notice.attempts()).update() == 1;
    }

    private void failed(Due notice, Instant now, RestClientException e) {
        int attempts = notice.attempts() + 1;
        String error = e.getMessage() == null ? e.getClass().getSimpleName()
            : e.getMessage().substring(0, Math.min(e.getMessage().length(), 1000));
        if (attempts >= maxAttempts) {
            jdbc.sql("UPDATE outbox SET status = 'FAILED', last_error = ? WHERE id = ?").params(error, notice.id()).update();
            log.error("Agency notice {} failed {} times and is given up: {}", notice.key(), attempts, error);
            return;
        }
        Duration wait = BACK_OFF.get(Math.min(attempts - 1, BACK_OFF.size() - 1));
        jdbc.sql("UPDATE outbox SET status = 'PENDING', last_error = ?, next_attempt_at = ? WHERE id = ?")
            .params(error, Timestamp.from(now.plus(wait)), notice.id()).update();
        log.warn("Agency notice {} not delivered (attempt {}), next try in {}: {}", notice.key(), attempts, wait, error);
    }
}
