package com.collectwise.api;

import java.time.LocalDate;

/**
 * The one parser of the {@code asOf} query parameter (case view, aging report, dashboard, statements). A figure as
 * of a date is only asked for within a sane window: from the first day the figure can exist (the invoice's issue
 * date; for reports {@link #REPORTS_FROM}) to {@link #YEARS_AHEAD} years after today. Anything else is a 400
 * naming {@code asOf}, answered before any figure is computed: {@code +999999999-12-31} once kept a core busy with a
 * day-by-day interest loop.
 */
public final class AsOf {

    public static final String PARAMETER = "asOf";
    /** How far ahead a forecast may look: long enough for any instalment plan or limitation date. */
    public static final int YEARS_AHEAD = 10;
    /** The earliest date of a report, an invoice's issue date and a payment: no receivable in Collectwise is older. */
    public static final LocalDate REPORTS_FROM = LocalDate.of(2000, 1, 1);

    private AsOf() {
    }

    /** For reports: absent or blank means today; otherwise within [{@link #REPORTS_FROM}, today + 10 years]. */
    public static LocalDate report(String value, LocalDate today) {
        LocalDate date = date(value);
        return date == null ? today : within(date, REPORTS_FROM, today);
    }

    /**
     * The parameter as a date, before anything is looked up: a malformed date is the request's fault whether or not
     * the record exists. Only yyyy-MM-dd: LocalDate.parse would also take +999999999-12-31.
     *
     * @return null when absent or blank (the caller's default: today)
     * @throws InvalidRequestException naming {@code asOf}
     */
    public static LocalDate date(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        LocalDate date = IsoDates.parse(value);
        if (date == null) {
            throw InvalidRequestException.of(PARAMETER, IsoDates.MESSAGE);
        }
        return date;
    }

    /**
     * @param earliest the first date the figure exists (an invoice's issue date)
     * @return the date when it lies within [earliest, today + 10 years]
     * @throws InvalidRequestException naming {@code asOf} otherwise
     */
    public static LocalDate within(LocalDate date, LocalDate earliest, LocalDate today) {
        LocalDate latest = today.plusYears(YEARS_AHEAD);
        if (date.isBefore(earliest) || date.isAfter(latest)) {
            throw InvalidRequestException.of(PARAMETER, "must be between " + earliest + " and " + latest
                + " (" + (earliest.equals(REPORTS_FROM) ? "the earliest report date" : "the issue date")
                + " .. today + " + YEARS_AHEAD + " years)");
        }
        return date;
    }
}
