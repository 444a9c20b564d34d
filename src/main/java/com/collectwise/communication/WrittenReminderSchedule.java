package com.collectwise.communication;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import com.collectwise.kernel.BusinessClock;

/**
 * When the next written reminder after the formal letter is due (DOMAIN.md 2: "a written reminder every 10 days"
 * until the agency). The reminders count from the letter, every {@code writtenReminderDays}, whichever *Keep in
 * contact* runs: the field stage ends the first one on the day its first reminder falls due, and the second one
 * must not start ten fresh days (the first reminder came 20 days after the letter). A due day whose reminder was not
 * sent (the contact was interrupted, a visit was pending) is caught up once, at once; never two at a time.
 * Read by the timer *Written reminder due* of Process_KeepInContact.
 */
@Component("writtenReminderSchedule")
public class WrittenReminderSchedule {

    static final int DEFAULT_DAYS = 10;

    private final Outbox outbox;
    private final BusinessClock clock;

    public WrittenReminderSchedule(Outbox outbox, BusinessClock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * @param letterAt the case's {@code formalLetterAt} (ISO), null on cases whose letter went out before it was
     *                 recorded: then {@code days} from now, as before
     */
    public Date nextDue(String invoiceNumber, Object letterAt, Integer days) {
        int n = days == null || days < 1 ? DEFAULT_DAYS : days;
        ZonedDateTime now = clock.nowZoned();
        if (!(letterAt instanceof String iso) || iso.isBlank()) {
            return Date.from(now.plusDays(n).toInstant());
        }
        ZonedDateTime anchor = ZonedDateTime.parse(iso).withZoneSameInstant(now.getZone());
        long passed = now.isBefore(anchor) ? 0 : Duration.between(anchor, now).toDays() / n;
        if (passed >= 1) {
            ZonedDateTime last = anchor.plusDays(passed * n);
            // sent on that day or later (a job runs late, past midnight): caught up, never sent again
            if (sentDays(invoiceNumber).stream().noneMatch(d -> !d.isBefore(last.toLocalDate()))) {
                return Date.from(last.toInstant());
            }
        }
        return Date.from(anchor.plusDays((passed + 1) * n).toInstant());
    }

    private Set<LocalDate> sentDays(String invoiceNumber) {
        String prefix = CollectionNotices.writtenReminderKey(invoiceNumber, LocalDate.EPOCH).replace(
            LocalDate.EPOCH.toString(), "");
        return outbox.forInvoice(invoiceNumber).stream().map(OutboxMessage::idempotencyKey)
            .filter(k -> k.startsWith(prefix)).map(k -> LocalDate.parse(k.substring(prefix.length())))
            .collect(Collectors.toSet());
    }
}
