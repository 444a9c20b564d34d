package com.collectwise.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * An amount in one currency, always at the scale of the currency's minor unit (EUR 2, JPY 0). Arithmetic between
 * two currencies is an error, never a silent conversion.
 */
public record Money(BigDecimal amount, Currency currency) implements Comparable<Money> {

    /** The one rounding rule of the ledger: whenever an exact figure is brought to the minor unit. */
    public static final RoundingMode ROUNDING = RoundingMode.HALF_UP;

    /**
     * Strict: an amount that has more decimals than the currency has (10.005 EUR, 100.5 JPY) is refused, because
     * rounding money that someone typed in would change what they meant.
     */
    public Money {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        int scale = minorUnit(currency);
        try {
            amount = amount.setScale(scale, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(
                amount.toPlainString() + " has more decimals than " + currency.getCurrencyCode() + " allows (" + scale + ")");
        }
    }

    public static Money of(BigDecimal amount, String currencyCode) {
        return new Money(amount, currency(currencyCode));
    }

    public static Money of(String amount, String currencyCode) {
        return of(new BigDecimal(amount), currencyCode);
    }

    /** Brings an exact (computed) figure to the minor unit with {@link #ROUNDING}. */
    public static Money rounded(BigDecimal exact, Currency currency) {
        return new Money(exact.setScale(minorUnit(currency), ROUNDING), currency);
    }

    public static Money rounded(BigDecimal exact, String currencyCode) {
        return rounded(exact, currency(currencyCode));
    }

    public static Money zero(Currency currency) {
        return new Money(BigDecimal.ZERO, currency);
    }

    public static Money zero(String currencyCode) {
        return zero(currency(currencyCode));
    }

    public static Currency currency(String currencyCode) {
        Objects.requireNonNull(currencyCode, "currency");
        return Currency.getInstance(currencyCode.trim());
    }

    public static int minorUnit(Currency currency) {
        int digits = currency.getDefaultFractionDigits();
        if (digits < 0) {
            // XXX, XAU and friends have no minor unit: nobody invoices in them
            throw new IllegalArgumentException(currency.getCurrencyCode() + " is not a currency an invoice can be in");
        }
        return digits;
    }

    /**
     * An amount read from a money column (NUMERIC(19,4), V13) at the scale of its currency: KWD 1.2340 becomes
     * 1.234, JPY 1000.0000 becomes 1000. Never rounds: a figure stored with more decimals than the currency has
     * (rows written before minor units were checked) keeps them, so nothing is hidden and nothing throws on read.
     */
    public static BigDecimal stored(BigDecimal amount, String currencyCode) {
        if (amount == null) {
            return null;
        }
        int scale = minorUnit(currency(currencyCode));
        return amount.setScale(Math.max(scale, amount.stripTrailingZeros().scale()), RoundingMode.UNNECESSARY);
    }

    public String currencyCode() {
        return currency.getCurrencyCode();
    }

    public Money plus(Money other) {
        return new Money(amount.add(sameCurrency(other).amount), currency);
    }

    public Money minus(Money other) {
        return new Money(amount.subtract(sameCurrency(other).amount), currency);
    }

    public Money min(Money other) {
        return compareTo(other) <= 0 ? this : other;
    }

    public Money max(Money other) {
        return compareTo(other) >= 0 ? this : other;
    }

    /** Never below zero: what is owed cannot be negative (an excess is credit, accounted elsewhere). */
    public Money atLeastZero() {
        return amount.signum() < 0 ? zero(currency) : this;
    }

    public boolean isZero() {
        return amount.signum() == 0;
    }

    public boolean isPositive() {
        return amount.signum() > 0;
    }

    public boolean isNegative() {
        return amount.signum() < 0;
    }

    @Override
    public int compareTo(Money other) {
        return amount.compareTo(sameCurrency(other).amount);
    }

    private Money sameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new CurrencyMismatchException(currency, other.currency);
        }
        return other;
    }

    @Override
    public String toString() {
        return currency.getCurrencyCode() + " " + amount.toPlainString();
    }

    /** Two currencies met in one calculation: a programming or data error, never converted silently. */
    public static class CurrencyMismatchException extends IllegalArgumentException {
        public CurrencyMismatchException(Currency a, Currency b) {
            super("cannot combine " + a.getCurrencyCode() + " with " + b.getCurrencyCode());
        }
    }
}
