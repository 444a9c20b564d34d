package com.collectwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The one minor-unit rule of amounts (ISO 4217 decimals of the currency), as every reader of the edge applies it:
 * request records ({@link MinorUnits}), the case requests against their invoice's currency, CSV lines and forms.
 */
class AmountsTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "1000,      JPY, 1000",
        "1000.00,   JPY, 1000",
        "10.5,      EUR, 10.50",
        "1.234,     KWD, 1.234",
        "1.2,       BHD, 1.200",
        "99.990,    CNY, 99.99"
    })
    void amountsWithinTheMinorUnitAreTakenAtItsScale(String typed, String currency, String expected) {
        BigDecimal amount = new BigDecimal(typed);

        assertThat(Amounts.problem(amount, false)).isNull();
        assertThat(Amounts.minorUnitProblem(amount, currency)).isNull();
        assertThat(Amounts.atMinorUnit(amount, currency)).isEqualTo(new BigDecimal(expected));
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "1000.50  | JPY | must be a whole number: JPY has no minor unit",
        "10.005   | EUR | must have at most 2 decimals: the minor unit of EUR",
        "1.2345   | KWD | must have at most 3 decimals: the minor unit of KWD",
        "0.001    | CNY | must have at most 2 decimals: the minor unit of CNY"
    })
    void moreDecimalsThanTheCurrencyHasAreRefusedNeverRounded(String typed, String currency, String message) {
        assertThat(Amounts.minorUnitProblem(new BigDecimal(typed), currency)).isEqualTo(message);
    }

    @ParameterizedTest(name = "{0} without a known currency")
    @CsvSource({"1.2345, true", "12.34567, false"})
    void withoutAKnownCurrencyOnlyTheColumnScaleIsJudged(String typed, boolean valid) {
        BigDecimal amount = new BigDecimal(typed);

        assertThat(Amounts.problem(amount, false) == null && Amounts.minorUnitProblem(amount, null) == null)
            .isEqualTo(valid);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"100.5, JPY, false", "100, JPY, true", "1.234, KWD, true", "1.234, USD, false", "5, XXX, true"})
    void theSharedRuleForFormsAndCsv(String amount, String currency, boolean fits) {
        assertThat(Amounts.minorUnitProblem(new BigDecimal(amount), currency) == null).isEqualTo(fits);
    }
}
