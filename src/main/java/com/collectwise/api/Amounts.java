package com.collectwise.api;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;

/**
 * The rules of a money amount that enters Collectwise (API fields, CSV cells, Tasklist forms): positive, at most the
 * scale of the money columns, at most the decimals of its currency's minor unit (ISO 4217: JPY 0, EUR 2, KWD 3).
 */
public final class Amounts {

    /** The money columns are NUMERIC(19,4) (V13, for KWD's 3 and CLF's 4 decimals): 15 digits before the point. */
    static final int MAX_SCALE = 4;
    static final BigDecimal MAX_AMOUNT = new BigDecimal("999999999999999.9999");

    private Amounts() {
    }

    /** Why {@code value} is no amount regardless of its currency (sign, scale, size), or null when it can be one. */
    public static String problem(BigDecimal value, boolean zeroAllowed) {
        if (value.signum() < 0 || (!zeroAllowed && value.signum() == 0)) {
            return zeroAllowed ? "must not be negative" : "must be greater than zero";
        }
        if (value.stripTrailingZeros().scale() > MAX_SCALE) {
            return "must have at most " + MAX_SCALE + " decimals";
        }
        if (value.compareTo(MAX_AMOUNT) > 0) {
            return "is too large";
        }
        return null;
    }

    /**
     * The one minor-unit rule: why {@code amount} cannot be an amount in {@code currency}, or null when it can. Never
     * rounds: rounding money someone typed in would change what they meant, so 10.005 EUR is refused, not taken as
     * 10.01.
     */
    public static String minorUnitProblem(BigDecimal amount, String currency) {
        int digits = minorUnit(currency);
        if (digits < 0 || amount.stripTrailingZeros().scale() <= digits) {
            return null;
        }
        return digits == 0
            ? "must be a whole number: " + currency + " has no minor unit"
            : "must have at most " + digits + " decimals: the minor unit of " + currency;
    }

    /** The amount at the scale of the currency's minor unit (JPY 1000, KWD 1.234, EUR 10.50); as is without one. */
    public static BigDecimal atMinorUnit(BigDecimal amount, String currency) {
        int digits = minorUnit(currency);
        return amount == null || digits < 0 ? amount : amount.setScale(digits, RoundingMode.UNNECESSARY);
    }

    /** Decimals of the currency (JPY 0, EUR 2, KWD 3), or -1 when the code is not a currency for money. */
    static int minorUnit(String currency) {
        if (currency == null) {
            return -1;
        }
        try {
            return Currency.getInstance(currency.trim()).getDefaultFractionDigits();
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }
}
