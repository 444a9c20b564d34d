package com.collectwise.kernel;

/**
 * A country's working calendar of a year was loaded or replaced ({@code PUT /api/calendar/{year}}), in the
 * transaction that wrote it: deadlines counted in working days that were set before are counted again
 * ({@link WorkingDayDeadlines}).
 *
 * @param before the year as it was (not loaded: the fallback of Monday to Friday minus the general holidays)
 */
public record WorkingCalendarChanged(String country, int year, BusinessCalendar.Year before) {
}
