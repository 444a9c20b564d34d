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

    /**
     * A deadline recounted after a later PUT is counted with the year as that PUT made it (CalendarRecounts), not as
     * it is when the page runs: 10 working days from Thursday 24 December 2026 with a 2027 of 1-4 January off and
     * Sunday 10 January worked: 25, 28, 29, 30, 31 December (5), 5, 6, 7, 8 January (9), Sunday 10 January (10).
     */
    @Test
    void workingDaysCanBeCountedWithAYearAsAChangeMadeIt() {
        BusinessCalendar.Year asIf = new BusinessCalendar.Year("CN", 2027, true, Set.of(LocalDate.of(2027, 1, 1), LocalDate.of(2027, 1, 2),
            LocalDate.of(2027, 1, 3), LocalDate.of(2027, 1, 4)), Set.of(LocalDate.of(2027, 1, 10)), null, null, null);
        assertThat(calendar.plusWorkingDays("CN", LocalDate.of(2026, 12, 24), 10, asIf))
            .isEqualTo(LocalDate.of(2027, 1, 10));
        assertThat(calendar.plusWorkingDays("CN", LocalDate.of(2026, 12, 24), 10))
            .as("2027 as stored (not loaded, and this general table has no 1 January): 25-31 December (5), 1, 4-7"
                + " January (10)").isEqualTo(LocalDate.of(2027, 1, 7));
    }

    /**
     * The 5-working-day no-contact watch (CaseWatch counts back with previousWorkingDayBefore) across the Spring
     * Festival 2026 (国务院办公厅 notice: 15-23 February off, Saturdays 14 and 28 February worked): from Wednesday 25
     * February five working days back are 24, Saturday 14, 13, 12, 11 February (the break is no gap); from Monday
     * 2 March: Saturday 28, 27, 26, 25, 24 February (the make-up Saturday counts).
     */
    @Test
    void theNoContactWatchCountsBackOverTheSpringFestivalWithItsMakeUpSaturdays() {
        java.util.Set<LocalDate> festival = new java.util.HashSet<>();
        for (LocalDate d = LocalDate.of(2026, 2, 15); !d.isAfter(LocalDate.of(2026, 2, 23)); d = d.plusDays(1)) {
            festival.add(d);
        }
        BusinessCalendar cn = new BusinessCalendar(null, "CN") {
            @Override
            protected Year loadYear(String country, int year) {
                return new Year(country, year, true, festival,
                    Set.of(LocalDate.of(2026, 2, 14), LocalDate.of(2026, 2, 28)), "test", null, null);
            }
        };
        assertThat(fiveBack(cn, LocalDate.of(2026, 2, 25))).isEqualTo(LocalDate.of(2026, 2, 11));
        assertThat(fiveBack(cn, LocalDate.of(2026, 3, 2))).isEqualTo(LocalDate.of(2026, 2, 24));
    }

    private static LocalDate fiveBack(BusinessCalendar c, LocalDate day) {
        LocalDate d = day;
        for (int i = 0; i < 5; i++) {
            d = c.previousWorkingDayBefore(d);
        }
        return d;
    }
}
