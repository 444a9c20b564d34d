package com.collectwise.reporting;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * Open receivables as of a date, per currency (amounts of different currencies are never added up): totals by
 * days-past-due bucket and by stage. Amounts are statement totals (principal + interest + fees still unpaid).
 */
public record AgingReport(LocalDate asOf, List<CurrencyAging> currencies) {

    public record CurrencyAging(String currency, int invoiceCount, BigDecimal total, List<BucketLine> buckets,
                                List<StageLine> stages) {
    }

    /** {@code bucket}: current, 1-30, 31-60, 61-90, 91-180, >180. */
    public record BucketLine(String bucket, int invoiceCount, BigDecimal amount) {
    }

    /** {@code stage}: the case's stage (CLOSED = open on the report date, closed since). */
    public record StageLine(String stage, int invoiceCount, BigDecimal amount) {
    }
}
