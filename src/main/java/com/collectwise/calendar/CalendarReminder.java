package com.collectwise.calendar;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Month;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.collectwise.kernel.BusinessCalendar;
import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.CaseEngine;

/**
 * In December (by the business clock) the supervisors get a Tasklist task "Load next year's working calendar" for
 * each country whose next year is missing: the home country, and every country with a calendar for this year. One
 * open task per country and year, however often the check runs (the key is the description's first line, as the
 * case watch does it); loading the year completes the task. The State Council publishes China's notice in
 * November or December, so the task is due before the year ends.
 */
@Component
public class CalendarReminder {

    static final String TASK_PREFIX = "calendar-missing:";
    static final String GROUP = "supervisors";

    private final CaseEngine cases;
    private final BusinessCalendar calendar;
    private final BusinessClock clock;

    public CalendarReminder(CaseEngine cases, BusinessCalendar calendar, BusinessClock clock) {
        this.cases = cases;
        this.calendar = calendar;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${collectwise.calendar.check-interval}",
        initialDelayString = "${collectwise.calendar.check-initial-delay}")
    public void scheduledCheck() {
        check();
    }

    /** @return the countries that got a task now */
    public List<String> check() {
        LocalDate today = clock.today();
        int next = today.getYear() + 1;
        Set<String> countries = new LinkedHashSet<>();
        countries.add(calendar.homeCountry());
        countries.addAll(calendar.countriesWithYear(today.getYear()));
        List<String> raised = new ArrayList<>();
        for (String country : countries) {
            if (calendar.year(country, next).loaded()) {
                resolve(country, next);
            } else if (today.getMonth() == Month.DECEMBER && open(country, next).isEmpty()) {
                cases.openGroupTask(new CaseEngine.GroupTask(GROUP,
                    "Load next year's working calendar: " + country + " " + next, key(country, next),
                    "The working calendar of " + country + " for " + next
                    + " is missing: from 1 January calls, service levels and grace periods would count every weekday"
                    + " as a working day. Enter the public holidays and the make-up working weekends (调休) of the"
                    + " official notice with PUT /api/calendar/" + next + "?country=" + country
                    + " (see docs/operations.md, \"Working calendar\").", 70,
                    LocalDate.of(today.getYear(), 12, 31).atTime(LocalTime.of(12, 0)).atZone(clock.zone()).toInstant()));
                raised.add(country);
            }
        }
        return raised;
    }

    /** The year is in: its reminder, if any, is done. */
    public void resolve(String country, int year) {
        open(country, year).forEach(cases::completeTask);
    }

    private List<String> open(String country, int year) {
        return cases.openGroupTasks(GROUP, "Load next year's working calendar%", key(country, year));
    }

    static String key(String country, int year) {
        return TASK_PREFIX + country + ":" + year;
    }
}
