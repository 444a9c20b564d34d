package com.collectwise.calendar;

import java.security.Principal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.validation.Valid;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.collectwise.api.FieldProblem;
import com.collectwise.api.FieldProblems;
import com.collectwise.api.InvalidRequestException;
import com.collectwise.api.NotFoundException;
import com.collectwise.api.RequestReader;
import com.collectwise.kernel.BusinessCalendar;
import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.WorkingCalendarChanged;

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
    private final RequestReader reader;
    private final ApplicationEventPublisher events;

    public CalendarController(BusinessCalendar calendar, BusinessClock clock, CalendarReminder reminder,
                              RequestReader reader, ApplicationEventPublisher events) {
        this.events = events;
        this.calendar = calendar;
        this.clock = clock;
        this.reminder = reminder;
        this.reader = reader;
    }

    @GetMapping("/{year}")
    public Map<String, Object> get(@PathVariable String year, @RequestParam(required = false) String country) {
        List<FieldProblem> problems = new ArrayList<>();
        Key key = key(year, country, problems);
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        BusinessCalendar.Year y = calendar.year(key.country(), key.year());
        if (!y.loaded()) {
            throw new NotFoundException("No working calendar of " + key.country() + " for " + key.year()
                + " has been loaded; until it is, Monday to Friday count as working days, minus the general holidays");
        }
        return view(y);
    }

    /**
     * Replaces the year; the same body again answers 200 with the calendar unchanged (not even its time stamp). The
     * problems of the path, the query and the body are answered together.
     */
    @PutMapping("/{year}")
    @Transactional
    public Map<String, Object> put(@PathVariable String year, @RequestParam(required = false) String country,
                                   @Valid @RequestBody CalendarRequest request, BindingResult body,
                                   Principal principal) {
        List<FieldProblem> keyProblems = new ArrayList<>();
        Key key = key(year, country, keyProblems);
        Set<LocalDate> holidays = new HashSet<>();
        Set<LocalDate> workingWeekends = new HashSet<>();
        if (!body.hasFieldErrors("holidays")) {
            List<LocalDate> dates = request.holidays();
            for (int i = 0; i < dates.size(); i++) {
                LocalDate d = dates.get(i);
                if (d == null) {
                    continue; // not a date: reported as read
                }
                if (key.year() != null && d.getYear() != key.year()) {
                    reject(body, "holidays[" + i + "]", "must be a date in " + key.year());
                } else if (!holidays.add(d)) {
                    reject(body, "holidays[" + i + "]", d + " is listed twice");
                }
            }
        }
        if (!body.hasFieldErrors("workingWeekends")) {
            List<LocalDate> dates = request.workingWeekendsOrNone();
            for (int i = 0; i < dates.size(); i++) {
                LocalDate d = dates.get(i);
                if (d == null) {
                    continue;
                }
                String at = "workingWeekends[" + i + "]";
                if (key.year() != null && d.getYear() != key.year()) {
                    reject(body, at, "must be a date in " + key.year());
                } else if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                    reject(body, at, d + " is a " + d.getDayOfWeek()
                        + ": a make-up working day must be a Saturday or Sunday");
                } else if (holidays.contains(d)) {
                    reject(body, at, d + " is also listed as a holiday");
                } else if (!workingWeekends.add(d)) {
                    reject(body, at, d + " is listed twice");
                }
            }
        }
        if (!keyProblems.isEmpty() || body.hasErrors()) {
            List<FieldProblem> problems = new ArrayList<>(keyProblems);
            problems.addAll(FieldProblems.of(body));
            throw new InvalidRequestException(problems);
        }
        BusinessCalendar.Year before = calendar.stored(key.country(), key.year());
        if (calendar.replace(key.country(), key.year(), holidays, workingWeekends, request.source(),
            principal == null ? "unknown" : principal.getName(), clock.now())) {
            // deadlines counted in working days that were set with the year as it was are counted again
            // counted again in the background in bounded batches (CalendarRecounts), the first batch right after commit
            events.publishEvent(new WorkingCalendarChanged(before.country(), key.year(), before,
                calendar.stored(key.country(), key.year()), clock.now()));
        }
        reminder.resolve(key.country(), key.year());
        return view(calendar.year(key.country(), key.year()));
    }

    private record Key(String country, Integer year) {
    }

    /** The path's year and the query's country (default: the home country); their problems go to {@code problems}. */
    private Key key(String year, String country, List<FieldProblem> problems) {
        if (year == null || !year.matches("[0-9]{4}")) {
            // a path names one year one way: 2030.0, +2030 and 2e3 are not years (read as numbers they were)
            problems.add(new FieldProblem("year", "must be a year of four digits, e.g. 2026"));
            return new Key(country, null);
        }
        Map<String, String> values = new HashMap<>();
        values.put("year", year);
        if (country != null) {
            values.put("country", country);
        }
        RequestReader.Read<CalendarKey> read = reader.read(values, CalendarKey.class);
        if (!read.isValid()) {
            problems.addAll(read.problems());
            return new Key(country, null);
        }
        CalendarKey key = read.value();
        return new Key(key.country() == null ? calendar.homeCountry() : key.country(), key.year());
    }

    private static void reject(BindingResult body, String field, String message) {
        body.addError(new FieldError(body.getObjectName(), field, message));
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
