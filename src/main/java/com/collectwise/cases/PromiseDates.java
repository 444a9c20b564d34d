package com.collectwise.cases;

import java.time.LocalDate;

/**
 * The dates a promise to pay may name: from today ("payment today") to one year ahead. A promise is a short
 * commitment the case waits for; a customer who needs longer asks for an instalment plan (up to two years,
 * {@code InstalmentSchedule#MAX_PLAN_YEARS}). The bound lies before any limitation date the promise leaves: the
 * promise itself acknowledges the debt and restarts the three years (Civil Code art. 195).
 */
final class PromiseDates {

    static final int MAX_YEARS_AHEAD = 1;

    private PromiseDates() {
    }

    /** The last day a promise made {@code today} may name. */
    static LocalDate latest(LocalDate today) {
        return today.plusYears(MAX_YEARS_AHEAD);
    }
}
