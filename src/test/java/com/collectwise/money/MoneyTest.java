package com.collectwise.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void amountsCarryTheScaleOfTheCurrencysMinorUnit() {
        assertThat(Money.of("10", "EUR").amount()).isEqualByComparingTo("10.00").hasScaleOf(2);
        assertThat(Money.of("1500", "JPY").amount()).hasScaleOf(0);
        assertThat(Money.of("1.5", "BHD").amount()).hasScaleOf(3); // Bahraini dinar: 3 decimals
        assertThat(Money.of("10.0", "EUR")).isEqualTo(Money.of("10.00", "EUR"));
    }

    @Test
    void typedInAmountsWithTooManyDecimalsAreRefusedNotRounded() {
        assertThatThrownBy(() -> Money.of("10.005", "EUR")).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("EUR");
        assertThatThrownBy(() -> Money.of("100.5", "JPY")).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("JPY");
    }

    @Test
    void computedFiguresAreRoundedHalfUpToTheMinorUnit() {
        assertThat(Money.ROUNDING).isEqualTo(java.math.RoundingMode.HALF_UP);
        assertThat(Money.rounded(new BigDecimal("10.005"), "EUR").amount()).isEqualByComparingTo("10.01");
        assertThat(Money.rounded(new BigDecimal("10.0049999"), "EUR").amount()).isEqualByComparingTo("10.00");
        assertThat(Money.rounded(new BigDecimal("100.5"), "JPY").amount()).isEqualByComparingTo("101");
        assertThat(Money.rounded(new BigDecimal("100.49"), "JPY").amount()).isEqualByComparingTo("100");
        assertThat(Money.rounded(new BigDecimal("-2.345"), "EUR").amount()).isEqualByComparingTo("-2.35");
    }

    @Test
    void mixingCurrenciesThrows() {
        Money eur = Money.of("10.00", "EUR");
        Money usd = Money.of("10.00", "USD");
        assertThatThrownBy(() -> eur.plus(usd)).isInstanceOf(Money.CurrencyMismatchException.class)
            .hasMessageContaining("EUR").hasMessageContaining("USD");
        assertThatThrownBy(() -> eur.minus(usd)).isInstanceOf(Money.CurrencyMismatchException.class);
        assertThatThrownBy(() -> eur.compareTo(usd)).isInstanceOf(Money.CurrencyMismatchException.class);
        assertThatThrownBy(() -> eur.min(usd)).isInstanceOf(Money.CurrencyMismatchException.class);
    }

    @Test
    void arithmeticStaysExact() {
        Money a = Money.of("0.10", "EUR");
        Money sum = Money.zero("EUR");
        for (int i = 0; i < 10; i++) {
            sum = sum.plus(a);
        }
        assertThat(sum).isEqualTo(Money.of("1.00", "EUR"));
        assertThat(Money.of("5.00", "EUR").minus(Money.of("7.50", "EUR")).atLeastZero()).isEqualTo(Money.zero("EUR"));
        assertThat(Money.of("5.00", "EUR").toString()).isEqualTo("EUR 5.00");
    }

    @Test
    void unknownOrNonMonetaryCurrenciesAreRefused() {
        assertThatThrownBy(() -> Money.of("1", "EURO")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.of("1", "XXX")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void storedAmountsAreReadAtTheCurrencysScaleWithoutRounding() {
        assertThat(Money.stored(new BigDecimal("1.2340"), "KWD")).isEqualTo(new BigDecimal("1.234"));
        assertThat(Money.stored(new BigDecimal("1000.0000"), "JPY")).isEqualTo(new BigDecimal("1000"));
        assertThat(Money.stored(new BigDecimal("10.5000"), "EUR")).isEqualTo(new BigDecimal("10.50"));
        // a row written before minor units were checked keeps its decimals: nothing hidden, nothing thrown
        assertThat(Money.stored(new BigDecimal("100.5000"), "JPY")).isEqualTo(new BigDecimal("100.5"));
        assertThat(Money.stored(null, "EUR")).isNull();
    }
}
