package com.collectwise.cases;

import com.collectwise.kernel.BusinessCalendar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CallScheduleTest {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    /** Weekends plus one holiday, without a database. */
    static final BusinessCalendar CALENDAR = new BusinessCalendar(null) {
        @Override
        public boolean isWorkingDay(LocalDate day) {
            return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY
                && !day.equals(LocalDate.of(2026, 1, 1));
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
        "2025-12-31T17:00, 2026-01-02T15:30, 2026-01-02T15:30"   // New Year's Day is skipped
    })
    void slots(String now, String nextSlot, String nextAfterToday) {
        assertThat(schedule.nextSlot(at(now))).isEqualTo(at(nextSlot));
        assertThat(schedule.nextSlotAfterToday(at(now))).isEqualTo(at(nextAfterToday));
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
