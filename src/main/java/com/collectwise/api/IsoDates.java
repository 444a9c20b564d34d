package com.collectwise.api;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * The one parser of dates that arrive over HTTP (body fields, CSV cells, {@code asOf}): exactly yyyy-MM-dd.
 * {@code LocalDate.parse} alone would also take {@code +999999999-12-31}.
 */
public final class IsoDates {

    public static final String MESSAGE = "must be an ISO date (yyyy-MM-dd)";

    private IsoDates() {
    }

    /** @return the date, or null when the text is no ISO date (absent and blank are for the caller to judge) */
    public static LocalDate parse(String text) {
        if (text == null) {
            return null;
        }
        String value = text.trim();
        if (value.length() != 10) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
