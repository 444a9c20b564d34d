package com.collectwise.kernel;

import java.math.BigDecimal;

import com.collectwise.api.Amounts;

/**
 * Amounts arrive from forms as JSON numbers (double or long); the domain takes them as BigDecimal. They are taken
 * as typed, never rounded: a validation listener checks them against the currency with {@link #problem}, the same
 * minor-unit rule as the API (JPY 100.5 is refused, not booked as 101).
 */
public final class FormAmount {

    private FormAmount() {
    }

    /** @return the amount as typed, or null when the field was left empty */
    public static BigDecimal of(Object value) {
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        // toString() keeps the decimal the user typed (0.1 stays 0.1), unlike new BigDecimal(double)
        return new BigDecimal(value.toString().trim());
    }

    /**
     * Why {@code amount} cannot be an amount in {@code currency} (too many decimals for its minor unit), phrased for
     * the form; null when it can, or when there is no amount to judge.
     */
    public static String problem(String label, BigDecimal amount, Object currency) {
        if (amount == null || currency == null) {
            return null;
        }
        String problem = Amounts.minorUnitProblem(amount, currency.toString());
        return problem == null ? null : label + " " + amount.toPlainString() + " " + problem;
    }
}
