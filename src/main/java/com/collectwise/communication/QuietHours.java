package com.collectwise.communication;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;

import org.springframework.stereotype.Component;

import com.collectwise.kernel.BusinessCalendar;
import com.collectwise.kernel.BusinessClock;

/**
 * No contact 22:00-08:00 on any channel (DOMAIN.md section 3), in the home time zone ({@code collectwise.zone}):
 * an e-mail or SMS that falls due then waits in the outbox until 08:00; an SMS also waits for a working day of the
 * customer's country (a text on a Spring Festival morning is an intrusion, an e-mail waits in the inbox). Internal
 * messages (alerts, hand-offs) are not customer contact and are not held.
 */
@Component
public class QuietHours {

    static final LocalTime START = LocalTime.of(22, 0);
    static final LocalTime END = LocalTime.of(8, 0);

    private final BusinessCalendar calendar;
    private final BusinessClock clock;

    public QuietHours(BusinessCalendar calendar, BusinessClock clock) {
        this.calendar = calendar;
        this.clock = clock;
    }

    /** Whether the outbox kind reaches a customer through a channel quiet hours apply to. */
    public static boolean appliesTo(String kind) {
        return SmsGateway.KIND.equals(kind) || MailDispatcher.EMAIL_KINDS.contains(kind);
    }

    /**
     * The first moment from {@code due} on when a message of the kind may go to a customer in {@code country}:
     * {@code due} itself when it is allowed.
     */
    public Instant nextAllowed(String kind, String country, Instant due) {
        ZonedDateTime t = due.atZone(clock.zone());
        if (isNight(t.toLocalTime())) {
            // before 08:00 it is this morning, from 22:00 on the next one
            t = (t.toLocalTime().isBefore(END) ? t.toLocalDate() : t.toLocalDate().plusDays(1))
                .atTime(END).atZone(clock.zone());
        }
        if (SmsGateway.KIND.equals(kind) && !calendar.isWorkingDay(country, t.toLocalDate())) {
            t = calendar.nextWorkingDayAfter(country, t.toLocalDate()).atTime(END).atZone(clock.zone());
        }
        return t.toInstant();
    }

    /** Whether it is night now in the home zone: dispatchers send nothing then, retries included. */
    public boolean isNightNow() {
        return isNight(clock.nowZoned().toLocalTime());
    }

    static boolean isNight(LocalTime t) {
        return !t.isBefore(START) || t.isBefore(END);
    }
}
