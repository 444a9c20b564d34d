package com.collectwise.reporting;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Why accounts go overdue and how each collector is doing (issue 16 item 10), as of the dashboard's date.
 *
 * @param causes every cause heard on calls and visits up to the date, most frequent first
 * @param collectors one line per collector (the customers' owners and whoever logged a contact or a promise)
 */
public record CollectorReport(List<CauseCount> causes, List<CollectorLine> collectors) {

    /** How often a cause of late payment was recorded ({@code label} for people, {@code cause} the code). */
    public record CauseCount(String cause, String label, int count) {
    }

    /**
     * @param contacts        calls and visits made (one call with a customer that covered several invoices counts once)
     * @param promisesMade    promises to pay the collector took
     * @param promisesKept    of those, kept by the date
     * @param promisesBroken  of those, broken by the date
     * @param collected       money applied to the collector's customers' invoices up to the date, per currency
     * @param openCasesPerStage cases of the collector's customers open at the end of the date, by the stage they were
     *                        in then (the dated stage history; as of today, their current stage)
     * @param causes          causes of late payment the collector recorded, by code
     */
    public record CollectorLine(String collector, int contacts, int promisesMade, int promisesKept, int promisesBroken,
                                List<Money> collected, Map<String, Integer> openCasesPerStage,
                                Map<String, Integer> causes) {
    }

    public record Money(String currency, BigDecimal amount) {
    }
}
