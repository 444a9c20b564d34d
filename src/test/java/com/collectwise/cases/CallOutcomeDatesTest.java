package com.collectwise.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

/**
 * The dates the call and visit forms take, as the API: a promise from today to one year ahead, a first instalment
 * from tomorrow, the last instalment at most two years ahead. Today 2026-03-10.
 */
class CallOutcomeDatesTest {

    static final LocalDate TODAY = LocalDate.of(2026, 3, 10);

    private static CallOutcome promise(LocalDate date) {
        return new CallOutcome(CallOutcome.PROMISE_TO_PAY, "Ms Li", null, new BigDecimal("100.00"), date, null);
    }

    private static CallOutcome plan(int count, LocalDate first) {
        return new CallOutcome(CallOutcome.INSTALMENT_REQUESTED, "Ms Li", null, null, null, null, count, first, null,
            null, null);
    }

    @Test
    void aPromiseMoreThanAYearAheadIsRefused() {
        assertThat(promise(TODAY).problems(TODAY)).isEmpty();
        assertThat(promise(LocalDate.of(2027, 3, 10)).problems(TODAY)).isEmpty();
        assertThat(promise(LocalDate.of(2027, 3, 11)).problems(TODAY)).singleElement().asString()
            .contains("more than a year ahead").contains("2027-03-10");
        assertThat(promise(LocalDate.of(9999, 12, 31)).problems(TODAY)).hasSize(1);
    }

    @Test
    void aFirstInstalmentTodayOrALastOneBeyondTwoYearsIsRefused() {
        assertThat(plan(3, TODAY).problems(TODAY)).singleElement().asString().contains("must be after today");
        assertThat(plan(3, TODAY.plusDays(1)).problems(TODAY)).isEmpty();
        // 24 monthly instalments from 2026-03-11: the last on 2028-02-11, within 2028-03-10
        assertThat(plan(24, TODAY.plusDays(1)).problems(TODAY)).isEmpty();
        // from 2026-04-11: the last on 2028-03-11, a day too late
        assertThat(plan(24, LocalDate.of(2026, 4, 11)).problems(TODAY)).singleElement().asString()
            .contains("after 2028-03-10");
    }
}
