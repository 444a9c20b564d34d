package com.collectwise.kernel;

import java.time.Instant;

/**
 * A country's working calendar of a year was loaded or replaced ({@code PUT /api/calendar/{year}}), in the
 * transaction that wrote it: deadlines counted in working days that were set before are counted again, in the
 * background and in bounded batches ({@link CalendarRecounts}, {@link WorkingDayRecount}).
 *
 * @param before the year as it was (not loaded: the fallback of Monday to Friday minus the general holidays)
 * @param after  the year as this change made it (a later change may replace it before the recount is done)
 * @param at     when it changed: a deadline set after this moment was counted with {@code after} already
 */
public record WorkingCalendarChanged(String country, int year, BusinessCalendar.Year before,
                                     BusinessCalendar.Year after, Instant at) {
}
