package com.collectwise.cases;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Amounts arrive from forms as JSON numbers (double or long); the domain takes them as BigDecimal cents. */
public final class FormAmount {

    private FormAmount() {
    }

    /** @return the amount rounded to cents, or null when the field was left empty */
    public static BigDecimal of(Object value) {
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        // toString() keeps the decimal the user typed (0.1 stays 0.1), unlike new BigDecimal(double)
        return new BigDecimal(value.toString().trim()).setScale(2, RoundingMode.HALF_UP);
    }
}
