package com.collectwise.communication;

import java.util.Set;

/**
 * Notices written by a package above this one (the instalment agreements) that state figures or dates of the day they
 * were written: when one goes out on a later day (it waited for an e-mail address or the end of the quiet hours), the
 * package that wrote it says how it reads today ({@link NoticesOfToday}; DOMAIN.md 5: every figure is as of the day the
 * customer is told).
 */
public interface LaterDayNotice {

    /** The outbox kinds this writer answers for. */
    Set<String> kinds();

    /**
     * The notice of the key, written on an earlier day with {@code subject} and {@code body}, as it goes out today.
     */
    Today asOfToday(String idempotencyKey, String subject, String body);

    /** The text it goes out with, or the reason it is not sent (then CANCELLED). */
    record Today(String subject, String body, String notSentBecause) {

        public static Today send(String subject, String body) {
            return new Today(subject, body, null);
        }

        public static Today cancel(String reason) {
            return new Today(null, null, reason);
        }
    }
}
