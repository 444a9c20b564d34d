package com.collectwise.money;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The annual interest rate in percent applying to each day, or null when no interest runs on that day. A rate is a
 * step function: {@link #nextChangeAfter} names the next day on which it may change, so interest is summed per
 * period between changes and events, never day by day (any as-of date costs the same).
 */
public interface DailyRate {

    BigDecimal annualPercentOn(LocalDate day);

    /** The first day after {@code day} on which the rate may differ from that of {@code day}; null if never. */
    LocalDate nextChangeAfter(LocalDate day);

    static DailyRate fixed(BigDecimal annualPercent) {
        return new DailyRate() {
            @Override
            public BigDecimal annualPercentOn(LocalDate day) {
                return annualPercent;
            }

            @Override
            public LocalDate nextChangeAfter(LocalDate day) {
                return null;
            }
        };
    }

    static DailyRate none() {
        return fixed(null);
    }
}
