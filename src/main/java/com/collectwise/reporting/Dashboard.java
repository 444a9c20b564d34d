package com.collectwise.reporting;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The finance dashboard as of a date. {@code aging} is the ageing report itself (the same figures as
 * GET /api/reports/aging); everything else is per currency, since amounts of different currencies are never
 * added up. {@code collectorReport}: why accounts go overdue and the view per collector. Formulas:
 * docs/finance-guide.md.
 */
public record Dashboard(LocalDate asOf, AgingReport aging, List<StageCount> casesPerStage,
                        List<CollectedLine> collectedPerStage, List<MonthLine> collectedPerMonth,
                        PromiseRate promises, List<CurrencyRatios> ratios, List<CaseLine> cases,
                        UnknownRates unknownRates, CollectorReport collectorReport,
                        UnknownRates unknownFxRates) {

    /**
     * Open invoices whose interest rate should apply but is missing from the reference tables (source UNKNOWN):
     * their interest is incomplete until finance enters the rate. {@code invoiceNumbers}: the oldest due first,
     * at most {@code DashboardService.UNKNOWN_RATE_LINES}. {@code unknownFxRates}, in the same shape: late open
     * invoices of EU customers in another currency than EUR whose EUR 40 cannot be converted (no euro exchange rate
     * on or before the due date in /api/rates/fx): not charged until finance enters the rate.
     */
    public record UnknownRates(int count, List<String> invoiceNumbers) {
    }

    /** Open cases in the stage as of the date (the ageing report's counts, all currencies). */
    public record StageCount(String stage, int cases) {
    }

    /**
     * Money applied to invoices (allocations) up to the date, by the stage the case was in on the money's value date
     * (money that settled a case: the stage it was open in until then).
     */
    public record CollectedLine(String currency, String stage, BigDecimal amount) {
    }

    /** Money applied to invoices by month of application ({@code month} yyyy-MM), the last twelve months. */
    public record MonthLine(String currency, String month, BigDecimal amount) {
    }

    /** Promises to pay resolved up to the date; {@code keptRatePercent} null when none was resolved yet. */
    public record PromiseRate(int kept, int broken, int open, BigDecimal keptRatePercent) {
    }

    /**
     * DSO over the last 90 days and the collection effectiveness index over the last 30 days (inclusive of the
     * report date); null when there were no sales in the window.
     */
    public record CurrencyRatios(String currency, BigDecimal receivables, BigDecimal sales90Days, BigDecimal dsoDays,
                                 LocalDate ceiFrom, BigDecimal ceiBeginning, BigDecimal ceiSales,
                                 BigDecimal ceiEnding, BigDecimal ceiEndingCurrent, BigDecimal ceiPercent) {
    }

    /** The open cases most overdue, each with its Cockpit link. */
    public record CaseLine(String invoiceNumber, String customerId, String stage, String currency,
                           BigDecimal outstanding, long daysPastDue, String cockpitLink) {
    }
}
