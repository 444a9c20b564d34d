package com.collectwise.communication;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.ContactLog;

/**
 * When the next written reminder after the formal letter is due (DOMAIN.md 2: "a written reminder every 10 days"
 * until the agency). The reminders count from the letter, every {@code writtenReminderDays}, whichever *Keep in
 * contact* runs: the field stage ends the first one on the day its first reminder falls due, and the second one
 * must not start ten fresh days (the first reminder came 20 days after the letter). A due day whose reminder was not
 * sent (the contact was interrupted, a visit was pending) is caught up once, at once; never two at a time.
 * A part payment after the letter restarts the clock (DOMAIN.md 5: it "restarts the clock of reminders for the
 * rest"): the reminders then count from the moment it was posted. A timer set before the payment still fires on its
 * old day; {@link #dueNow} tells the reminder task that nothing is due then, and the timer is set again from the
 * payment. Read by the timer *Written reminder due* of Process_KeepInContact.
 */
@Component("writtenReminderSchedule")
public class WrittenReminderSchedule {

    static final int DEFAULT_DAYS = 10;

    private final Outbox outbox;
    private final BusinessClock clock;
    private final PartPaymentTrackRecord payments;
    private final ContactLog contacts;

    public WrittenReminderSchedule(Outbox outbox, BusinessClock clock, PartPaymentTrackRecord payments,
                                   ContactLog contacts) {
        this.contacts = contacts;
        this.outbox = outbox;
        this.clock = clock;
        this.payments = payments;
    }

    /**
     * Whether a written reminder is due now: false when a part payment after the letter restarted the clock and its
     * interval has not yet passed (the timer was set before the payment).
     */
    public boolean dueNow(String invoiceNumber, Object letterAt, Integer days) {
        ZonedDateTime now = clock.nowZoned();
        ZonedDateTime restart = restartedAt(invoiceNumber, letter(letterAt, now));
        return restart == null || !now.isBefore(restart.plusDays(interval(days)));
    }

    private static int interval(Integer days) {
        return days == null || days < 1 ? DEFAULT_DAYS : days;
    }

    private static ZonedDateTime letter(Object letterAt, ZonedDateTime now) {
        if (!(letterAt instanceof String iso) || iso.isBlank()) {
            return null;
        }
        return ZonedDateTime.parse(iso).withZoneSameInstant(now.getZone());
    }

    /** The moment of the last part payment after the letter; null when none (or the letter's moment is unknown). */
    private ZonedDateTime restartedAt(String invoiceNumber, ZonedDateTime letter) {
        if (letter == null) {
            return null;
        }
        return payments.lastPaymentPostedAt(invoiceNumber).map(at -> at.atZone(clock.zone()))
            .filter(at -> letter != null && at.isAfter(letter)).orElse(null);
    }

    /**
     * @param letterAt the case's {@code formalLetterAt} (ISO), null on cases whose letter went out before it was
     *                 recorded: then {@code days} from now, as before
     */
    public Date nextDue(String invoiceNumber, Object letterAt, Integer days) {
        int n = interval(days);
        ZonedDateTime now = clock.nowZoned();
        ZonedDateTime letter = letter(letterAt, now);
        ZonedDateTime restart = restartedAt(invoiceNumber, letter);
        ZonedDateTime anchor = restart != null ? restart : letter;
        if (anchor == null) {
            return Date.from(now.plusDays(n).toInstant());
        }
        long passed = now.isBefore(anchor) ? 0 : Duration.between(anchor, now).toDays() / n;
        if (passed >= 1) {
            ZonedDateTime last = anchor.plusDays(passed * n);
            // sent on that day or later (a job runs late, past midnight): caught up, never sent again
            if (sentDays(invoiceNumber).stream().noneMatch(d -> !d.isBefore(last.toLocalDate()))
                && leftOutDays(invoiceNumber).stream().noneMatch(d -> !d.isBefore(last.toLocalDate()))) {
                return Date.from(last.toInstant());
            }
        }
        return Date.from(anchor.plusDays((passed + 1) * n).toInstant());
    }

    /** The days a written reminder was left out because the invoice was disputed in full (the case file's note). */
    private Set<LocalDate> leftOutDays(String invoiceNumber) {
        String note = SendWrittenReminderDelegate.LEFT_OUT + " not sent";
        return contacts.list(invoiceNumber).stream()
            .filter(e -> SendOverdueReminderDelegate.NOT_SENT.equals(e.outcome()) && e.note() != null
                && e.note().startsWith(note))
            .map(e -> e.contactedAt().atZone(clock.zone()).toLocalDate())
            .collect(Collectors.toSet());
    }

    private Set<LocalDate> sentDays(String invoiceNumber) {
        String prefix = CollectionNotices.writtenReminderKey(invoiceNumber, LocalDate.EPOCH).replace(
            LocalDate.EPOCH.toString(), "");
        // a copy sent again to a corrected address is the same day's reminder (Outbox#noticeKey)
        return outbox.forInvoice(invoiceNumber).stream().map(m -> Outbox.noticeKey(m.idempotencyKey()))
            .filter(k -> k.startsWith(prefix)).map(k -> LocalDate.parse(k.substring(prefix.length())))
            .collect(Collectors.toSet());
    }
}
