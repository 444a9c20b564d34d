package com.collectwise.calendar;

import com.collectwise.api.Between;
import com.collectwise.api.Country;

import jakarta.validation.constraints.NotNull;

/** The year of the path and the {@code ?country=} of {@code /api/calendar/{year}}, read like a body's fields. */
record CalendarKey(
    @NotNull(message = "is required") @Between(min = CalendarController.MIN_YEAR, max = CalendarController.MAX_YEAR)
    Integer year,
    @Country String country) {
}
