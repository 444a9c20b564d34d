package com.collectwise.kernel;

import java.time.DayOfWeek;
import java.time.LocalDate;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Working days of the collection department: Monday to Friday, minus the days in the holidays table. */
@Component
public class BusinessCalendar {

    private final JdbcClient jdbc;

    public BusinessCalendar(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean isWorkingDay(LocalDate day) {
        if (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
            return false;
        }
        return jdbc.sql("SELECT COUNT(*) FROM holidays WHERE holiday_date = ?").param(day)
            .query(Integer.class).single() == 0;
    }

    /** The first working day strictly after {@code day}. */
    public LocalDate nextWorkingDayAfter(LocalDate day) {
        LocalDate d = day.plusDays(1);
        while (!isWorkingDay(d)) {
            d = d.plusDays(1);
        }
        return d;
    }
}
