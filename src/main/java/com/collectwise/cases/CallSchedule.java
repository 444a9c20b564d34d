package com.collectwise.cases;

import com.collectwise.kernel.BusinessCalendar;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * When collectors call: at the call slot (about 15:30, when decision makers are back from meetings and
 * not yet gone) on working days of the home country's calendar (public holidays off, make-up weekends worked:
 * {@link BusinessCalendar}). Never at lunch (12:00-13:30) or at night (22:00-08:00).
 */
@Component
public class CallSchedule {

    static final LocalTime LUNCH_START = LocalTime.of(12, 0);
    static final LocalTime LUNCH_END = LocalTime.of(13, 30);
    static final LocalTime QUIET_START = LocalTime.of(22, 0);
    static final LocalTime QUIET_END = LocalTime.of(8, 0);

    private final BusinessCalendar calendar;
    private final LocalTime slot;

    @Autowired
    public CallSchedule(BusinessCalendar calendar, CaseSettings settings) {
        this(calendar, settings.calls().slot());
    }

    public CallSchedule(BusinessCalendar calendar, String slot) {
        this.calendar = calendar;
        this.slot = LocalTime.parse(slot);
        if (!isAllowedCallTime(this.slot)) {
            throw new IllegalArgumentException("collectwise.calls.slot " + slot
                + " falls into lunch (12:00-13:30) or quiet hours (22:00-08:00)");
        }
    }

    /** The next slot from {@code now} on: today's if it is a working day and the slot is still ahead. */
    public ZonedDateTime nextSlot(ZonedDateTime now) {
        LocalDate today = now.toLocalDate();
        if (calendar.isWorkingDay(today) && now.toLocalTime().isBefore(slot)) {
            return today.atTime(slot).atZone(now.getZone());
        }
        return nextSlotAfterToday(now);
    }

    /**
     * The slot a call task that opens {@code now} is followed up at. A call the model planned for a slot of today
     * ({@code planned}, the follow-up call's timer) is due at that slot, even when the job ran a little after it:
     * otherwise the call planned for 15:30 would wait for the next working day (after a holiday week, a week) and
     * be missing from "My calls today". Any other call: the next slot from now on.
     */
    public ZonedDateTime slotOfCallOpening(ZonedDateTime planned, ZonedDateTime now) {
        if (planned != null) {
            ZonedDateTime p = planned.withZoneSameInstant(now.getZone());
            if (p.toLocalDate().equals(now.toLocalDate()) && !p.isAfter(now) && calendar.isWorkingDay(p.toLocalDate())
                && isAllowedCallTime(p.toLocalTime())) {
                return p;
            }
        }
        return nextSlot(now);
    }

    /** The slot on the next working day: a call that did not reach anybody is tried again tomorrow. */
    public ZonedDateTime nextSlotAfterToday(ZonedDateTime now) {
        return calendar.nextWorkingDayAfter(now.toLocalDate()).atTime(slot).atZone(now.getZone());
    }

    /**
     * The end of a case's contact window (DOMAIN.md 3: no case goes more than 5 working days without a contact
     * attempt): 22:00, when the quiet hours begin and no channel may reach the customer any more, on the
     * {@code workingDays}-th working day of the home country's calendar after {@code windowStart} (the day of the last
     * contact attempt, or of the due date). The no-contact watch raises its supervisor task after that day.
     */
    public ZonedDateTime endOfContactWindow(LocalDate windowStart, int workingDays, java.time.ZoneId zone) {
        return calendar.plusWorkingDays(calendar.homeCountry(), windowStart, workingDays).atTime(QUIET_START)
            .atZone(zone);
    }

    /** The time of day of the call slot ({@code collectwise.calls.slot}). */
    public LocalTime slot() {
        return slot;
    }

    /** Whether collectors call on {@code day}: a working day of the home country's calendar as it is now. */
    public boolean isCallDay(LocalDate day) {
        return calendar.isWorkingDay(day);
    }

    static boolean isAllowedCallTime(LocalTime t) {
        boolean lunch = !t.isBefore(LUNCH_START) && t.isBefore(LUNCH_END);
        boolean night = !t.isBefore(QUIET_START) || t.isBefore(QUIET_END);
        return !lunch && !night;
    }
}
