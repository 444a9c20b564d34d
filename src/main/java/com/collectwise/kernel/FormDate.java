package com.collectwise.kernel;

import java.time.LocalDate;
import java.time.ZoneId;

import com.collectwise.api.IsoDates;

/**
 * The one reader of dates entered in Tasklist forms (promised date, first instalment, suit filed on). Camunda Forms'
 * date field sends yyyy-MM-dd; a date-time text still names its day first; a {@link java.util.Date} variable (engine
 * REST) is taken by its day in the given zone. The text itself is read by {@link IsoDates}, the parser of the API.
 */
public final class FormDate {

    private FormDate() {
    }

    /** @return the day, or null when the field was left empty or holds no date (the form's checks then say so) */
    public static LocalDate of(Object value, ZoneId zone) {
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        if (value instanceof java.util.Date date) {
            return date.toInstant().atZone(zone).toLocalDate();
        }
        String text = value.toString().trim();
        return IsoDates.parse(text.length() > 10 ? text.substring(0, 10) : text);
    }
}
