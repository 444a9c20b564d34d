package com.collectwise.calendar;

import java.time.LocalDate;
import java.util.List;

import com.collectwise.api.IsoDates;
import com.collectwise.api.Text;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code PUT /api/calendar/{year}}: every day off of the year (weekend days of a break included) and the
 * Saturdays and Sundays that are worked (调休), with where the list comes from. The rules across the lists and the
 * year of the path are {@link CalendarController}'s.
 */
record CalendarRequest(
    @NotNull(message = "is required")
    @Size(max = CalendarController.MAX_HOLIDAYS, message = "must list at most " + CalendarController.MAX_HOLIDAYS
        + " dates")
    List<@NotNull(message = IsoDates.MESSAGE) LocalDate> holidays,
    @Size(max = CalendarController.MAX_WORKING_WEEKENDS, message = "must list at most "
        + CalendarController.MAX_WORKING_WEEKENDS + " dates")
    List<@NotNull(message = IsoDates.MESSAGE) LocalDate> workingWeekends,
    @Text(max = 500) String source) {

    List<LocalDate> workingWeekendsOrNone() {
        return workingWeekends == null ? List.of() : workingWeekends;
    }
}
