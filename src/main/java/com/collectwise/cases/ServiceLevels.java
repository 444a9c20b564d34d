package com.collectwise.cases;

import com.collectwise.kernel.BusinessCalendar;
import com.collectwise.kernel.BusinessClock;
import java.time.Period;
import java.time.ZonedDateTime;
import java.util.Date;

import org.springframework.stereotype.Component;

/**
 * Service levels counted in working days of the home calendar (the department's own work): the visit timer of
 * the collection process is {@code ${serviceLevels.workingDaysFromNow(visitSlaDuration)}}. The days of the
 * policy's duration (collection-policy.dmn, "P10D") are working days: ten working days from a Friday before the
 * Spring Festival end well after the festival, not in the middle of it.
 */
@Component("serviceLevels")
public class ServiceLevels {

    private final BusinessCalendar calendar;
    private final BusinessClock clock;

    public ServiceLevels(BusinessCalendar calendar, BusinessClock clock) {
        this.calendar = calendar;
        this.clock = clock;
    }

    /**
     * The moment the service level ends: the n-th working day after today, at the time of day it started.
     *
     * @param duration an ISO-8601 period of days ("P10D"); weeks, months or years are refused because they have no
     *                 fixed number of working days
     */
    public Date workingDaysFromNow(String duration) {
        Period period = Period.parse(duration);
        if (duration.toUpperCase(java.util.Locale.ROOT).contains("W") || period.getYears() != 0
            || period.getMonths() != 0 || period.getDays() < 0) {
            throw new IllegalArgumentException("a service level in working days is a number of days (P10D), was "
                + duration);
        }
        ZonedDateTime now = clock.nowZoned();
        return Date.from(calendar.plusWorkingDays(calendar.homeCountry(), now.toLocalDate(), period.getDays())
            .atTime(now.toLocalTime()).atZone(now.getZone()).toInstant());
    }
}
