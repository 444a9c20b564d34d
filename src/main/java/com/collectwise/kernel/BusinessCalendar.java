package com.collectwise.kernel;

import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Working days per country (issue 17): Monday to Friday, minus the country's public holidays, plus its make-up
 * working weekends (调休), as loaded per year into {@code calendar_years} / {@code calendar_days} (V17, and
 * {@code PUT /api/calendar/{year}}). A year a country has not loaded falls back to what held before: Monday to
 * Friday minus the general {@code holidays} table.
 *
 * <p>Whose calendar: the customer's country for deadlines the customer has to meet, the home jurisdiction
 * ({@code collectwise.interest.home-country}, default CN) for the department's own work (call slots, service
 * levels, the no-contact watch). The one-argument methods are the home country's.
 *
 * <p>Years are cached: working-day loops ask about every day, and must not cost a query each. A PUT invalidates its
 * year after commit; entries also expire after {@link #FRESHNESS}, so a second node sees a change within minutes.
 */
@Component
public class BusinessCalendar {

    public static final String HOLIDAY = "HOLIDAY";
    public static final String WORKING_WEEKEND = "WORKING_WEEKEND";
    /** How long another node may work with a year that was replaced elsewhere. */
    static final Duration FRESHNESS = Duration.ofMinutes(5);
    private static final String GENERAL = "*";

    /**
     * One country's year. {@code loaded} false: never loaded, the fallback applies (and the sets are empty).
     */
    public record Year(String country, int year, boolean loaded, Set<LocalDate> holidays,
                       Set<LocalDate> workingWeekends, String source, Instant updatedAt, String updatedBy) {

        public Year {
            holidays = Set.copyOf(holidays);
            workingWeekends = Set.copyOf(workingWeekends);
        }
    }

    private record Cached(Object value, long loadedAtNanos) {
    }

    private final JdbcClient jdbc;
    private final String homeCountry;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    @Autowired
    public BusinessCalendar(JdbcClient jdbc, CompanySettings settings) {
        this(jdbc, settings.interest().homeCountry());
    }

    public BusinessCalendar(JdbcClient jdbc, String homeCountry) {
        this.jdbc = jdbc;
        this.homeCountry = normalise(homeCountry, "CN");
    }

    /** The home jurisdiction whose calendar governs the department's own work. */
    public String homeCountry() {
        return homeCountry;
    }

    /** A working day of the home country. */
    public boolean isWorkingDay(LocalDate day) {
        return isWorkingDay(homeCountry, day);
    }

    /** A working day of {@code country} (null or blank: the home country). */
    public boolean isWorkingDay(String country, LocalDate day) {
        Year year = year(country, day.getYear());
        if (year.loaded()) {
            if (year.holidays().contains(day)) {
                return false;
            }
            return year.workingWeekends().contains(day) || !isWeekend(day);
        }
        return !isWeekend(day) && !generalHolidays().contains(day);
    }

    /**
     * Whether {@code day} was a working day of {@code country} with {@code asIf} in place of its year (the year as it
     * was before a PUT replaced it); days of other years as they are now.
     */
    public boolean isWorkingDay(String country, LocalDate day, Year asIf) {
        if (asIf == null || asIf.year() != day.getYear() || !asIf.country().equals(normalise(country, homeCountry))) {
            return isWorkingDay(country, day);
        }
        if (asIf.loaded()) {
            if (asIf.holidays().contains(day)) {
                return false;
            }
            return asIf.workingWeekends().contains(day) || !isWeekend(day);
        }
        return !isWeekend(day) && !generalHolidays().contains(day);
    }

    /**
     * How many working days of {@code country} lie after {@code from} up to and including {@code upTo}, with
     * {@code asIf} in place of its year (see {@link #isWorkingDay(String, LocalDate, Year)}): the n of a deadline
     * {@link #plusWorkingDays} set.
     */
    public int workingDaysAfter(String country, LocalDate from, LocalDate upTo, Year asIf) {
        int n = 0;
        for (LocalDate d = from.plusDays(1); !d.isAfter(upTo); d = d.plusDays(1)) {
            if (isWorkingDay(country, d, asIf)) {
                n++;
            }
        }
        return n;
    }

    /**
     * {@code day} plus {@code n} working days of {@code country} with {@code asIf} in place of its year (the year as a
     * PUT made it, while a later PUT may have replaced it since).
     */
    public LocalDate plusWorkingDays(String country, LocalDate day, int n, Year asIf) {
        LocalDate d = day;
        for (int i = 0; i < n; i++) {
            d = d.plusDays(1);
            while (!isWorkingDay(country, d, asIf)) {
                d = d.plusDays(1);
            }
        }
        return d;
    }

    /** The first working day of the home country strictly after {@code day}. */
    public LocalDate nextWorkingDayAfter(LocalDate day) {
        return nextWorkingDayAfter(homeCountry, day);
    }

    /** The first working day of {@code country} strictly after {@code day}. */
    public LocalDate nextWorkingDayAfter(String country, LocalDate day) {
        LocalDate d = day.plusDays(1);
        while (!isWorkingDay(country, d)) {
            d = d.plusDays(1);
        }
        return d;
    }

    /** {@code day} plus {@code n} working days of {@code country}: each step lands on the next working day. */
    public LocalDate plusWorkingDays(String country, LocalDate day, int n) {
        LocalDate d = day;
        for (int i = 0; i < n; i++) {
            d = nextWorkingDayAfter(country, d);
        }
        return d;
    }

    /** The last working day of the home country strictly before {@code day}. */
    public LocalDate previousWorkingDayBefore(LocalDate day) {
        LocalDate d = day.minusDays(1);
        while (!isWorkingDay(homeCountry, d)) {
            d = d.minusDays(1);
        }
        return d;
    }

    /** The country's year as stored now, read past the cache (what a PUT is about to replace). */
    public Year stored(String country, int year) {
        return loadYear(normalise(country, homeCountry), year);
    }

    /** The country's year as loaded (cached), or an unloaded year when there is none. */
    public Year year(String country, int year) {
        String c = normalise(country, homeCountry);
        return (Year) cached(c + ":" + year, () -> loadYear(c, year));
    }

    /**
     * Replaces the country's year with exactly these days and this source (idempotent: the same lists and source
     * again change nothing, not even the time stamp; the same days with another source replace the source only).
     * The caller validates. @return whether the days changed
     */
    public boolean replace(String country, int year, Collection<LocalDate> holidays,
                           Collection<LocalDate> workingWeekends, String source, String by, Instant at) {
        String c = normalise(country, homeCountry);
        Year before = loadYear(c, year);
        if (before.loaded() && before.holidays().equals(Set.copyOf(holidays))
            && before.workingWeekends().equals(Set.copyOf(workingWeekends))) {
            if (!java.util.Objects.equals(before.source(), source)) {
                jdbc.sql("UPDATE calendar_years SET source = ?, updated_at = ?, updated_by = ? "
                        + "WHERE country = ? AND cal_year = ?")
                    .params(source, Timestamp.from(at), by, c, year).update();
                invalidate(c, year);
            }
            return false;
        }
        jdbc.sql("DELETE FROM calendar_days WHERE country = ? AND calendar_date BETWEEN ? AND ?")
            .params(c, LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31)).update();
        for (LocalDate d : new TreeSet<>(holidays)) {
            jdbc.sql("INSERT INTO calendar_days (country, calendar_date, kind, name) VALUES (?, ?, ?, NULL)")
                .params(c, d, HOLIDAY).update();
        }
        for (LocalDate d : new TreeSet<>(workingWeekends)) {
            jdbc.sql("INSERT INTO calendar_days (country, calendar_date, kind, name) VALUES (?, ?, ?, NULL)")
                .params(c, d, WORKING_WEEKEND).update();
        }
        int updated = jdbc.sql("UPDATE calendar_years SET source = ?, updated_at = ?, updated_by = ? "
                + "WHERE country = ? AND cal_year = ?")
            .params(source, Timestamp.from(at), by, c, year).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO calendar_years (country, cal_year, source, updated_at, updated_by) "
                    + "VALUES (?, ?, ?, ?, ?)")
                .params(c, year, source, Timestamp.from(at), by).update();
        }
        invalidate(c, year);
        return true;
    }

    /** Forgets the cached year now and, inside a transaction, again after commit (a reader may reload meanwhile). */
    public void invalidate(String country, int year) {
        String key = normalise(country, homeCountry) + ":" + year;
        cache.remove(key);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    cache.remove(key);
                }
            });
        }
    }

    /** Forgets every cached year, e.g. after a test wrote the tables directly. */
    public void invalidateAll() {
        cache.clear();
    }

    /** Countries with a loaded calendar for {@code year}. */
    public List<String> countriesWithYear(int year) {
        return jdbc.sql("SELECT country FROM calendar_years WHERE cal_year = ? ORDER BY country").param(year)
            .query(String.class).list();
    }

    protected Year loadYear(String country, int year) {
        record Row(String country, int year, String source, Timestamp updatedAt, String updatedBy) {
        }
        List<Row> header = jdbc.sql("SELECT country, cal_year, source, updated_at, updated_by FROM calendar_years "
                + "WHERE country = ? AND cal_year = ?").params(country, year)
            .query((rs, n) -> new Row(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getTimestamp(4),
                rs.getString(5))).list();
        if (header.isEmpty()) {
            return new Year(country, year, false, Set.of(), Set.of(), null, null, null);
        }
        Set<LocalDate> holidays = new HashSet<>();
        Set<LocalDate> working = new HashSet<>();
        jdbc.sql("SELECT calendar_date, kind FROM calendar_days WHERE country = ? AND calendar_date BETWEEN ? AND ?")
            .params(country, LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31))
            .query(rs -> {
                LocalDate d = rs.getDate(1).toLocalDate();
                (WORKING_WEEKEND.equals(rs.getString(2)) ? working : holidays).add(d);
            });
        Row h = header.get(0);
        return new Year(country, year, true, holidays, working, h.source(), h.updatedAt().toInstant(), h.updatedBy());
    }

    /** The general {@code holidays} table of V1: the fallback of a year a country has not loaded. */
    protected Set<LocalDate> loadGeneralHolidays() {
        return Set.copyOf(jdbc.sql("SELECT holiday_date FROM holidays").query(java.sql.Date.class).list().stream()
            .map(java.sql.Date::toLocalDate).toList());
    }

    @SuppressWarnings("unchecked")
    private Set<LocalDate> generalHolidays() {
        return (Set<LocalDate>) cached(GENERAL, this::loadGeneralHolidays);
    }

    private Object cached(String key, java.util.function.Supplier<Object> loader) {
        long now = System.nanoTime();
        Cached c = cache.get(key);
        if (c == null || now - c.loadedAtNanos() > FRESHNESS.toNanos()) {
            c = new Cached(loader.get(), now);
            cache.put(key, c);
        }
        return c.value();
    }

    private static boolean isWeekend(LocalDate day) {
        return day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
    }

    private static String normalise(String country, String fallback) {
        return country == null || country.isBlank() ? fallback : country.trim().toUpperCase(Locale.ROOT);
    }
}
