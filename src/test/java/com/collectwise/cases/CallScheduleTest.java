package com.collectwise.cases;

import com.collectwise.kernel.BusinessCalendar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CallScheduleTest {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    /**
     * Without a database: CN 2026 with one holiday (New Year's Day) and one make-up working Saturday (14 February,
     * as in the State Council notice), 2025 with the Spring Festival of the 2025 notice; other years not loaded.
     */
    static final BusinessCalendar CALENDAR = new BusinessCalendar(null, "CN") {
        @Override
        protected Year loadYear(String country, int year) {
            if (year == 2026) {
                return new Year(country, year, true, Set.of(LocalDate.of(2026, 1, 1)), Set.of(LocalDate.of(2026, 2, 14)),
                    "test", null, null);
            }
            if (year == 2025) {
                Set<LocalDate> festival = LocalDate.of(2025, 1, 28).datesUntil(LocalDate.of(2025, 2, 5))
                    .collect(java.util.stream.Collectors.toSet());
                return new Year(country, year, true, festival, Set.of(LocalDate.of(2025, 2, 8)), "test", null, null);
            }
            return new Year(country, year, false, Set.of(), Set.of(), null, null, null);
        }

        @Override
        protected Set<LocalDate> loadGeneralHolidays() {
            return Set.of(LocalDate.of(2027, 1, 1));
        }
    };

    final CallSchedule schedule = new CallSchedule(CALENDAR, "15:30");

    static ZonedDateTime at(String t) {
        return LocalDateTime.parse(t).atZone(ZONE);
    }

    @ParameterizedTest(name = "at {0}: next slot {1}, next after today {2}")
    @CsvSource({
        "2026-03-04T09:00, 2026-03-04T15:30, 2026-03-05T15:30",  // Wednesday morning
        "2026-03-04T15:30, 2026-03-05T15:30, 2026-03-05T15:30",  // the slot itself has begun
        "2026-03-06T16:00, 2026-03-09T15:30, 2026-03-09T15:30",  // Friday afternoon -> Monday
        "2026-03-07T10:00, 2026-03-09T15:30, 2026-03-09T15:30",  // Saturday
        "2025-12-31T17:00, 2026-01-02T15:30, 2026-01-02T15:30",  // New Year's Day is skipped
        "2026-02-13T16:00, 2026-02-14T15:30, 2026-02-14T15:30",  // Friday -> the make-up working Saturday
        "2026-02-14T09:00, 2026-02-14T15:30, 2026-02-16T15:30",  // on the make-up Saturday itself
        "2025-01-27T16:00, 2025-02-05T15:30, 2025-02-05T15:30",  // eve of the Spring Festival -> after it
        "2025-01-28T09:00, 2025-02-05T15:30, 2025-02-05T15:30",  // its first day moves to the next working day
        "2026-12-31T16:00, 2027-01-04T15:30, 2027-01-04T15:30"   // 2027 not loaded: weekends + general holidays
    })
    void slots(String now, String nextSlot, String nextAfterToday) {
        assertThat(schedule.nextSlot(at(now))).isEqualTo(at(nextSlot));
        assertThat(schedule.nextSlotAfterToday(at(now))).isEqualTo(at(nextAfterToday));
    }

    /**
     * A call task the model planned for a slot (the follow-up call's timer) is due at that slot when it opens then or
     * a little later the same day; a call opened without a plan for today gets the next slot.
     */
    @ParameterizedTest(name = "planned {0}, opened {1}: due {2}")
    @CsvSource({
        "2026-03-04T15:30, 2026-03-04T15:30, 2026-03-04T15:30",  // the timer fires at the slot
        "2026-03-04T15:30, 2026-03-04T15:31, 2026-03-04T15:30",  // the job executor is late
        "2026-02-14T15:30, 2026-02-14T15:30, 2026-02-14T15:30",  // the make-up Saturday is a working day
        "2026-03-03T15:30, 2026-03-04T15:30, 2026-03-05T15:30",  // planned another day: next slot from now
        "2026-03-04T15:30, 2026-03-04T10:00, 2026-03-04T15:30",  // opened before its slot: that slot
        ",                 2026-03-06T16:00, 2026-03-09T15:30"   // no plan: Friday 16:00 -> Monday
    })
    void callsPlannedForASlotAreDueAtIt(String planned, String opened, String due) {
        assertThat(schedule.slotOfCallOpening(planned == null ? null : at(planned), at(opened))).isEqualTo(at(due));
    }

    @ParameterizedTest
    @ValueSource(strings = {"12:00", "13:29", "22:00", "23:59", "00:00", "07:59"})
    void aSlotAtLunchOrAtNightIsRefused(String slot) {
        assertThatThrownBy(() -> new CallSchedule(CALENDAR, slot)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"08:00", "11:59", "13:30", "15:30", "21:59"})
    void daytimeSlotsAreAccepted(String slot) {
        assertThat(new CallSchedule(CALENDAR, slot)).isNotNull();
    }
}
