package com.collectwise.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PromiseBookTest {

    @ParameterizedTest(name = "promised {0}, paid {1} -> kept {2}")
    @CsvSource({
        "12000.00, 11880.00, true",   // 1% tolerance
        "12000.00, 11879.99, false",
        "50.00,    49.00,    true",   // at least 1.00 tolerance
        "50.00,    48.99,    false",
        "150.00,   148.50,   true",   // 1% = 1.50
        "150.00,   148.49,   false",
        "100.00,   0,        false",
        "100.00,   250.00,   true"
    })
    void keptWithinTolerance(String promised, String paid, boolean kept) {
        assertThat(PromiseBook.isKept(new BigDecimal(promised), new BigDecimal(paid), "CNY")).isEqualTo(kept);
    }

    /**
     * The tolerance (the larger of 1% and 1.00) is rounded HALF_UP to the minor unit of the promise's currency, not
     * to two decimals in every currency. JPY 12,350: 1% = 123.50 -> 124 (not 123.50): 12,226 is kept.
     * KWD 1,234.567: 1% = 12.34567 -> 12.346 (not 12.35): the floor is 1,222.221, so 1,222.217 is not enough.
     * JPY 50: the minimum of 1 yen. KWD 50.000: the minimum of 1.000.
     */
    @ParameterizedTest(name = "{2}: promised {0}, paid {1} -> kept {3}")
    @CsvSource({
        "12350,    12226,    JPY, true",
        "12350,    12225,    JPY, false",
        "12345,    12222,    JPY, true",    // 123.45 -> 123
        "12345,    12221,    JPY, false",
        "50,       49,       JPY, true",
        "50,       48,       JPY, false",
        "1234.567, 1222.221, KWD, true",
        "1234.567, 1222.220, KWD, false",
        "1234.567, 1222.217, KWD, false",
        "50.000,   49.000,   KWD, true",
        "50.000,   48.999,   KWD, false"
    })
    void toleranceAtTheMinorUnitOfTheCurrency(String promised, String paid, String currency, boolean kept) {
        assertThat(PromiseBook.isKept(new BigDecimal(promised), new BigDecimal(paid), currency)).isEqualTo(kept);
    }
}
