package com.collectwise.communication;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The contact rules of DOMAIN.md section 3 that need the case file: at most {@code maxUnanswered}
 * unanswered call attempts per customer per day (more reads as harassment and burns the relationship).
 */
@Service
public class ContactPolicy {

    private final JdbcClient jdbc;
    private final int maxUnanswered;

    public ContactPolicy(JdbcClient jdbc, CommunicationSettings settings) {
        this.jdbc = jdbc;
        this.maxUnanswered = settings.calls().maxUnansweredPerDay();
    }

    /**
     * Unanswered attempts already logged for the customer on {@code day} (company zone). One call with the customer
     * is logged on every case it covered, all at the same moment: it counts once.
     */
    public int unansweredAttempts(String customerId, LocalDate day, ZoneId zone) {
        return jdbc.sql("""
                SELECT COUNT(DISTINCT contacted_at) FROM contact_log
                WHERE customer_id = ? AND outcome = 'NO_ANSWER' AND contacted_at >= ? AND contacted_at < ?""")
            .params(customerId, Timestamp.from(day.atStartOfDay(zone).toInstant()),
                Timestamp.from(day.plusDays(1).atStartOfDay(zone).toInstant()))
            .query(Integer.class).single();
    }

    /** @return why one more unanswered attempt today is refused, or null when it is allowed */
    public String refuseUnansweredAttempt(String customerId, LocalDate day, ZoneId zone) {
        int done = unansweredAttempts(customerId, day, zone);
        if (done >= maxUnanswered) {
            return "this customer was already called " + done + " times today without answer (at most "
                + maxUnanswered + " a day); try another channel or contact, or call again tomorrow";
        }
        return null;
    }
}
