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
        assertThat(PromiseBook.isKept(new BigDecimal(promised), new BigDecimal(paid))).isEqualTo(kept);
    }
}
