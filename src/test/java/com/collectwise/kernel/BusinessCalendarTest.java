package com.collectwise.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** Which days count, per country and year, and what the working-day math costs in loads. */
class BusinessCalendarTest {

    final AtomicInteger yearLoads = new AtomicInteger();
    final AtomicInteger generalLoads = new AtomicInteger();

    /** CN 2026 loaded (one holiday, one worked Saturday); nothing else loaded; 2026-12-25 in the general table. */
    final BusinessCalendar calendar = new BusinessCalendar(null, "cn") {
        @Override
        protected Year loadYear(String country, int year) {
            yearLoads.incrementAndGet();
            if (country.equals("CN") && year == 2026) {
                return new Year(country, year, true, Set.of(LocalDate.of(2026, 10, 1)),
                    Set.of(LocalDate.of(2026, 10, 10)), "test", null, null);
            }
            return new Year(country, year, false, Set.of(), Set.of(), null, null, null);
        }

        @Override
        protected Set<LocalDate> loadGeneralHolidays() {
            generalLoads.incrementAndGet();
            return Set.of(LocalDate.of(2026, 12, 25));
        }
    };

    @Test
    void aLoadedYearIsExactlyItsListsAndAnUnloadedOneFallsBackToTheGeneralTable() {
        assertThat(calendar.homeCountry()).isEqualTo("CN");
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 10, 1))).as("holiday, a Thursday").isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 10, 10))).as("make-up Saturday").isTrue();
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 10, 11))).as("plain Sunday").isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 12, 25))).as("CN 2026 is loaded: no Christmas").isTrue();
        assertThat(calendar.isWorkingDay("DE", LocalDate.of(2026, 12, 25))).as("DE: general table").isFalse();
        assertThat(calendar.isWorkingDay(null, LocalDate.of(2026, 10, 1))).as("no country: home").isFalse();
        assertThat(calendar.plusWorkingDays("CN", LocalDate.of(2026, 9, 30), 2)).isEqualTo(LocalDate.of(2026, 10, 5));
        assertThat(calendar.previousWorkingDayBefore(LocalDate.of(2026, 10, 12))).isEqualTo(LocalDate.of(2026, 10, 10));
    }

    @Test
    void workingDayMathLoadsEachYearOnceUntilItIsInvalidated() {
        LocalDate d = LocalDate.of(2026, 1, 1);
        int steps = 0;
        while (d.getYear() == 2026) {
            d = calendar.nextWorkingDayAfter("CN", d);
            steps++;
        }
        // 2026 and 2027 of CN, however many days were asked about
        assertThat(steps).isGreaterThan(240);
        assertThat(yearLoads).hasValue(2);
        assertThat(generalLoads).as("2027 is not loaded: one read of the general table").hasValue(1);

        calendar.invalidate("CN", 2026);
        calendar.isWorkingDay("CN", LocalDate.of(2026, 3, 3));
        calendar.isWorkingDay("CN", LocalDate.of(2026, 3, 4));
        assertThat(yearLoads).hasValue(3);
    }
}
