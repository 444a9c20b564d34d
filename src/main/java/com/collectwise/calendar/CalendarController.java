package com.collectwise.calendar;

import java.security.Principal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.collectwise.api.FieldReader;
import com.collectwise.api.NotFoundException;
import com.collectwise.kernel.BusinessCalendar;
import com.collectwise.kernel.BusinessClock;

/**
 * The working calendar of a year and country: {@code holidays} (every day off, weekend days of a break included) and
 * {@code workingWeekends} (调休: a Saturday or Sunday that is worked). GET for every group, PUT (supervisors,
 * finance) replaces the year as a whole, idempotently. {@code ?country=} defaults to the home country. Security is
 * configured centrally (com.collectwise.security).
 */
@RestController
@RequestMapping("/api/calendar")
public class CalendarController {

    /** A year outside this range is a typo, not a plan. */
    static final int MIN_YEAR = 2000;
    static final int MAX_YEAR = 2100;
    /** China lists about 33 days; a list far longer is a whole year pasted by mistake. */
    static final int MAX_HOLIDAYS = 120;
    static final int MAX_WORKING_WEEKENDS = 30;

    private final BusinessCalendar calendar;
    private final BusinessClock clock;
    private final CalendarReminder reminder;

    public CalendarController(BusinessCalendar calendar, BusinessClock clock, CalendarReminder reminder) {
        this.calendar = calendar;
        this.clock = clock;
        this.reminder = reminder;
    }

    @GetMapping("/{year}")
    public Map<String, Object> get(@PathVariable String year, @RequestParam(required = false) String country) {
        Key key = key(year, country, null);
        BusinessCalendar.Year y = calendar.year(key.country(), key.year());
        if (!y.loaded()) {
            throw new NotFoundException("No working calendar of " + key.country() + " for " + key.year()
                + " has been loaded; until it is, Monday to Friday count as working days, minus the general holidays");
        }
        return view(y);
    }

    /** Replaces the year; the same body again answers 200 with the calendar unchanged (not even its time stamp). */
    @PutMapping("/{year}")
    @Transactional
    public Map<String, Object> put(@PathVariable String year, @RequestParam(required = false) String country,
                                   @RequestBody(required = false) String body, Principal principal) {
        FieldReader in = FieldReader.parse(body);
        Key key = key(year, country, in);
        List<LocalDate> holidays = in.dates("holidays", true, MAX_HOLIDAYS);
        List<LocalDate> workingWeekends = in.dates("workingWeekends", false, MAX_WORKING_WEEKENDS);
        String source = in.text("source", false, 500);
        Set<LocalDate> holidaySet = new HashSet<>();
        for (int i = 0; i < holidays.size(); i++) {
            LocalDate d = holidays.get(i);
            if (d == null) {
                continue;
            }
            if (key.year() != null && d.getYear() != key.year()) {
                in.reject("holidays[" + i + "]", "must be a date in " + key.year());
            } else if (!holidaySet.add(d)) {
                in.reject("holidays[" + i + "]", d + " is listed twice");
            }
        }
        Set<LocalDate> workingSet = new HashSet<>();
        for (int i = 0; i < workingWeekends.size(); i++) {
            LocalDate d = workingWeekends.get(i);
            if (d == null) {
                continue;
            }
            String at = "workingWeekends[" + i + "]";
            if (key.year() != null && d.getYear() != key.year()) {
                in.reject(at, "must be a date in " + key.year());
            } else if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                in.reject(at, d + " is a " + d.getDayOfWeek() + ": a make-up working day must be a Saturday or Sunday");
            } else if (holidaySet.contains(d)) {
                in.reject(at, d + " is also listed as a holiday");
            } else if (!workingSet.add(d)) {
                in.reject(at, d + " is listed twice");
            }
        }
        in.throwIfInvalid();
        calendar.replace(key.country(), key.year(), holidaySet, workingSet, source,
            principal == null ? "unknown" : principal.getName(), clock.now());
        reminder.resolve(key.country(), key.year());
        return view(calendar.year(key.country(), key.year()));
    }

    private record Key(String country, Integer year) {
    }

    /** The path's year and the query's country, their problems reported with those of the body. */
    private Key key(String year, String country, FieldReader body) {
        FieldReader params = FieldReader.of(country == null ? Map.of("year", year) : Map.of("year", year,
            "country", country));
        Integer y = params.integer("year", true, MIN_YEAR, MAX_YEAR);
        String c = country == null ? calendar.homeCountry() : params.country("country", false);
        if (body == null) {
            params.throwIfInvalid();
        } else {
            params.problems().forEach(p -> body.reject(p.field(), p.message()));
        }
        return new Key(c, y);
    }

    static Map<String, Object> view(BusinessCalendar.Year y) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("country", y.country());
        v.put("year", y.year());
        v.put("holidays", y.holidays().stream().sorted().map(LocalDate::toString).toList());
        v.put("workingWeekends", y.workingWeekends().stream().sorted().map(LocalDate::toString).toList());
        v.put("source", y.source());
        v.put("updatedAt", y.updatedAt() == null ? null : y.updatedAt().toString());
        v.put("updatedBy", y.updatedBy());
        return v;
    }
}
