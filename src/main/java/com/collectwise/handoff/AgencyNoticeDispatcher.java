package com.collectwise.handoff;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClientException;

import com.collectwise.communication.Outbox;
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

    private final Outbox outbox;
    private final AgencyClient agency;
    private final BusinessClock clock;
    private final int maxAttempts;

    public AgencyNoticeDispatcher(Outbox outbox, AgencyClient agency, BusinessClock clock,
                                  HandoffSettings settings) {
        this.outbox = outbox;
        this.agency = agency;
        this.clock = clock;
        this.maxAttempts = settings.agency().noticeMaxAttempts();
    }

    @Scheduled(initialDelayString = "${collectwise.agency.notice-initial-delay}",
        fixedDelayString = "${collectwise.agency.notice-interval}")
    public void scheduledDispatch() {
        dispatchDue();
    }

    /** @return how many notices the agency accepted now */
    public int dispatchDue() {
        Instant now = clock.now();
        List<Outbox.Due> due = outbox.dueOfKind(AgencyNotices.KIND, maxAttempts, now, now.minus(STALE_CLAIM), BATCH);
        int sent = 0;
        for (Outbox.Due notice : due) {
            if (!outbox.claim(notice, now)) {
                continue; // another node took it
            }
            try {
                agency.notice(notice.key(), notice.body());
                outbox.markSent(notice.id(), now);
                sent++;
            } catch (RestClientException e) {
                failed(notice, now, e);
            }
        }
        return sent;
    }

    private void failed(Outbox.Due notice, Instant now, RestClientException e) {
        int attempts = notice.attempts() + 1;
        String error = e.getMessage() == null ? e.getClass().getSimpleName()
            : e.getMessage().substring(0, Math.min(e.getMessage().length(), 1000));
        if (attempts >= maxAttempts) {
            outbox.markFailed(notice.id(), error);
            log.error("Agency notice {} failed {} times and is given up: {}", notice.key(), attempts, error);
            return;
        }
        Duration wait = BACK_OFF.get(Math.min(attempts - 1, BACK_OFF.size() - 1));
        outbox.retryAt(notice.id(), error, now.plus(wait));
        log.warn("Agency notice {} not delivered (attempt {}), next try in {}: {}", notice.key(), attempts, wait, error);
    }
}
