package com.collectwise.fees;

import java.math.BigDecimal;
import java.time.LocalDate;

/** The annual interest rate in percent applying to one day, or null when no interest runs on that day. */
@FunctionalInterface
public interface DailyRate {

    BigDecimal annualPercentOn(LocalDate day);

    static DailyRate fixed(BigDecimal annualPercent) {
        return day -> annualPercent;
    }

    static DailyRate none() {
        return day -> null;
    }
}
