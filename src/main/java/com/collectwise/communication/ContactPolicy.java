package com.collectwise.communication;

import java.time.LocalDate;
import java.time.ZoneId;


import com.collectwise.kernel.ContactLog;
import org.springframework.stereotype.Service;

/**
 * The contact rules of DOMAIN.md section 3 that need the case file: at most {@code maxUnanswered}
 * unanswered call attempts per customer per day (more reads as harassment and burns the relationship).
 */
@Service
public class ContactPolicy {

    private final ContactLog contacts;
    private final int maxUnanswered;

    public ContactPolicy(ContactLog contacts, CommunicationSettings settings) {
        this.contacts = contacts;
        this.maxUnanswered = settings.calls().maxUnansweredPerDay();
    }

    /**
     * Unanswered attempts already logged for the customer on {@code day} (company zone). One call with the customer
     * is logged on every case it covered, all at the same moment: it counts once.
     */
    public int unansweredAttempts(String customerId, LocalDate day, ZoneId zone) {
        return contacts.unansweredAttempts(customerId, day.atStartOfDay(zone).toInstant(),
            day.plusDays(1).atStartOfDay(zone).toInstant());
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
