package com.collectwise.reporting;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.CaseHistory;
import com.collectwise.kernel.Invoice;
import com.collectwise.cases.PromiseBook;
import com.collectwise.kernel.InvoiceRepository;
import com.collectwise.payments.PaymentRepository;
import com.collectwise.kernel.Stage;
import com.collectwise.fees.InterestBasis;
import com.collectwise.fees.InterestRatePolicy;
import com.collectwise.money.Statement;
import com.collectwise.fees.StatementService;
import com.collectwise.supervision.CockpitLinks;
import com.collectwise.money.Money;

/**
 * The figures of the finance dashboard. The ageing part is {@link AgingReportService}'s report, unchanged, so
 * the dashboard and the ageing report never disagree; the ratios are computed from ageing reports too.
 */
@Service
public class DashboardService {

    static final int DSO_DAYS = 90;
    static final int CEI_DAYS = 30;
    static final int CASE_LINES = 25;
    /** Rows read at a time for the case list: a few more than it shows, as a few may owe nothing on the date. */
    static final int CASE_PAGE = 40;
    static final int UNKNOWN_RATE_LINES = 50;

    private final AgingReportService aging;
    private final PromiseBook promiseBook;
    private final InvoiceRepository invoices;
    private final StatementService statements;
    private final BusinessClock clock;
    private final CollectorReportService collectorReports;
    private final CaseHistory history;
    private final CollectedMoney collectedMoney;

    public DashboardService(AgingReportService aging, PromiseBook promiseBook,
                            InvoiceRepository invoices, StatementService statements, BusinessClock clock,
                            CollectorReportService collectorReports, CaseHistory history,
                            CollectedMoney collectedMoney) {
        this.collectedMoney = collectedMoney;
        this.history = history;
        this.collectorReports = collectorReports;
        this.aging = aging;
        this.promiseBook = promiseBook;
        this.invoices = invoices;
        this.statements = statements;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Dashboard dashboard(LocalDate asOf) {
        AgingReport report = aging.report(asOf);
        return new Dashboard(asOf, report, casesPerStage(report), collectedPerStage(asOf), collectedPerMonth(asOf),
            promises(asOf), ratios(asOf, report), cases(asOf), unknownRates(asOf), collectorReports.report(asOf),
            unknownFxRates(asOf));
    }

    /**
     * Only invoices without a contract rate and due before the reference tables start can lack a statutory rate
     * (InterestRatePolicy.ratesKnownFrom), so only those few are looked at, not every open invoice.
     */
    private Dashboard.UnknownRates unknownRates(LocalDate asOf) {
        InterestRatePolicy rules = statements.ratePolicy();
        LocalDate knownFrom = rules.ratesKnownFrom();
        // open on the date (not closed by its end), whatever happened to them since
        List<String> candidates = invoices.openWithoutContractRate(asOf,
            asOf.plusDays(1).atStartOfDay(clock.zone()).toInstant(), knownFrom);
        int count = 0;
        List<String> numbers = new ArrayList<>();
        for (String number : candidates) {
            Invoice invoice = invoices.find(number).orElseThrow();
            // closed since: only when something was unpaid on the date (the ageing report's rule)
            if (statements.basis(invoice, asOf, rules).source() == InterestBasis.Source.UNKNOWN
                && (invoice.status() == com.collectwise.kernel.CaseStatus.OPEN
                    || statements.statement(invoice, asOf).total().signum() > 0)) {
                count++;
                if (numbers.size() < UNKNOWN_RATE_LINES) {
                    numbers.add(number);
                }
            }
        }
        return new Dashboard.UnknownRates(count, numbers);
    }

    /** Late invoices whose EUR 40 cannot be converted (StatementService.unconvertedCompensations), oldest due first. */
    private Dashboard.UnknownRates unknownFxRates(LocalDate asOf) {
        List<String> numbers = statements.unconvertedCompensations(asOf);
        return new Dashboard.UnknownRates(numbers.size(),
            List.copyOf(numbers.subList(0, Math.min(numbers.size(), UNKNOWN_RATE_LINES))));
    }

    private static List<Dashboard.StageCount> casesPerStage(AgingReport report) {
        List<Dashboard.StageCount> counts = new ArrayList<>();
        for (Stage stage : Stage.values()) {
            int n = report.currencies().stream().flatMap(c -> c.stages().stream())
                .filter(s -> s.stage().equals(stage.name())).mapToInt(AgingReport.StageLine::invoiceCount).sum();
            counts.add(new Dashboard.StageCount(stage.name(), n));
        }
        return counts;
    }

    /**
     * Money applied up to the date, by the stage the case was in on the money's value date (at the end of that day;
     * money that settled the case counts under the stage it was open in until then, never under CLOSED). A case
     * that never changed stage counts under its current stage. Later escalations do not move money collected
     * before them: the figures of a past date stay as they were.
     */
    private List<Dashboard.CollectedLine> collectedPerStage(LocalDate asOf) {
        List<PaymentRepository.CollectedOn> collected = collectedMoney.perInvoiceAndDay(asOf);
        java.util.Set<String> numbers = collected.stream().map(PaymentRepository.CollectedOn::invoiceNumber)
            .collect(java.util.stream.Collectors.toSet());
        Map<String, String> stages = invoices.stagesOf(numbers);
        Map<String, CaseHistory.Timeline> timelines = history.timelines(numbers);
        Instant now = clock.now();
        Map<String, Map<String, BigDecimal>> byCurrencyAndStage = new TreeMap<>();
        collected.stream().filter(c -> stages.containsKey(c.invoiceNumber())).forEach(c -> {
            CaseHistory.Timeline timeline = timelines.get(c.invoiceNumber());
            Instant endOfDay = c.valueDate().plusDays(1).atStartOfDay(clock.zone()).toInstant();
            // today or later: every change so far (a history row dated by a clock a test moved back counts too)
            String stage = timeline == null ? stages.get(c.invoiceNumber())
                : timeline.lastOpenStageAt(endOfDay.isBefore(now) ? endOfDay : Instant.MAX).name();
            byCurrencyAndStage.computeIfAbsent(c.currency(), k -> new TreeMap<>()).merge(stage, c.amount(),
                BigDecimal::add);
        });
        List<Dashboard.CollectedLine> lines = new ArrayList<>();
        byCurrencyAndStage.forEach((currency, perStage) -> perStage.forEach((stage, amount) -> lines.add(
            new Dashboard.CollectedLine(currency, stage, Money.rounded(amount, currency).amount()))));
        return lines;
    }

    private List<Dashboard.MonthLine> collectedPerMonth(LocalDate asOf) {
        LocalDate from = asOf.withDayOfMonth(1).minusMonths(11);
        Map<String, Map<String, BigDecimal>> byCurrency = new TreeMap<>();
        // the money of the per-stage figure (applied to invoices, as the statements' paid), by month of its value date
        collectedMoney.perInvoiceAndDay(asOf).stream().filter(c -> !c.valueDate().isBefore(from)).forEach(c ->
            byCurrency.computeIfAbsent(c.currency(), k -> new TreeMap<>())
                .merge(c.valueDate().toString().substring(0, 7), c.amount(), BigDecimal::add));
        // every month of the window, zeros included, so the chart's axis has no gaps
        List<Dashboard.MonthLine> lines = new ArrayList<>();
        byCurrency.forEach((currency, months) -> {
            for (LocalDate m = from; !m.isAfter(asOf); m = m.plusMonths(1)) {
                String key = m.toString().substring(0, 7);
                lines.add(new Dashboard.MonthLine(currency, key,
                    Money.rounded(months.getOrDefault(key, BigDecimal.ZERO), currency).amount()));
            }
        });
        return lines;
    }

    private Dashboard.PromiseRate promises(LocalDate asOf) {
        Timestamp endOfDay = Timestamp.from(asOf.plusDays(1).atStartOfDay(clock.zone()).toInstant());
        int[] counts = new int[3];
        promiseBook.givenBefore(endOfDay.toInstant()).forEach(p -> {
            boolean resolvedByThen = p.resolvedAt() != null && p.resolvedAt().isBefore(endOfDay.toInstant());
            switch (resolvedByThen ? p.status() : "OPEN") {
                case "KEPT" -> counts[0]++;
                case "BROKEN" -> counts[1]++;
                default -> counts[2]++;
            }
        });
        int resolved = counts[0] + counts[1];
        BigDecimal rate = resolved == 0 ? null
            : BigDecimal.valueOf(counts[0] * 100L).divide(BigDecimal.valueOf(resolved), 1, RoundingMode.HALF_UP);
        return new Dashboard.PromiseRate(counts[0], counts[1], counts[2], rate);
    }

    private List<Dashboard.CurrencyRatios> ratios(LocalDate asOf, AgingReport report) {
        LocalDate ceiFrom = asOf.minusDays(CEI_DAYS - 1L);
        AgingReport beginning = aging.report(ceiFrom.minusDays(1));
        TreeSet<String> currencies = new TreeSet<>();
        report.currencies().forEach(c -> currencies.add(c.currency()));
        beginning.currencies().forEach(c -> currencies.add(c.currency()));
        List<Dashboard.CurrencyRatios> ratios = new ArrayList<>();
        for (String currency : currencies) {
            BigDecimal receivables = total(report, currency);
            BigDecimal sales90 = sales(currency, asOf.minusDays(DSO_DAYS - 1L), asOf);
            BigDecimal dso = sales90.signum() == 0 ? null
                : receivables.multiply(BigDecimal.valueOf(DSO_DAYS)).divide(sales90, 1, RoundingMode.HALF_UP);

            BigDecimal begin = total(beginning, currency);
            BigDecimal sales = sales(currency, ceiFrom, asOf);
            BigDecimal endingCurrent = report.currencies().stream().filter(c -> c.currency().equals(currency))
                .flatMap(c -> c.buckets().stream()).filter(b -> b.bucket().equals(AgingBucket.CURRENT.label()))
                .map(AgingReport.BucketLine::amount).findFirst().orElse(BigDecimal.ZERO);
            BigDecimal collectible = begin.add(sales);
            BigDecimal denominator = collectible.subtract(endingCurrent);
            BigDecimal cei = denominator.signum() <= 0 ? null
                : collectible.subtract(receivables).multiply(BigDecimal.valueOf(100))
                    .divide(denominator, 1, RoundingMode.HALF_UP);
            ratios.add(new Dashboard.CurrencyRatios(currency, receivables, sales90, dso, ceiFrom, begin, sales,
                receivables, endingCurrent, cei));
        }
        return ratios;
    }

    private static BigDecimal total(AgingReport report, String currency) {
        return report.currencies().stream().filter(c -> c.currency().equals(currency))
            .map(AgingReport.CurrencyAging::total).findFirst().orElse(BigDecimal.ZERO.setScale(2));
    }

    /** Credit sales: the principal of invoices issued in the window. */
    private BigDecimal sales(String currency, LocalDate from, LocalDate to) {
        BigDecimal sum = invoices.principalIssued(currency, from, to);
        return Money.rounded(sum == null ? BigDecimal.ZERO : sum, currency).amount();
    }

    /**
     * The ageing report's cases (issued by the date, not closed by its end, something unpaid as of it), the oldest
     * due first, each in the stage it was in at the end of the date (the dated history; as of today, its current
     * stage).
     */
    List<Dashboard.CaseLine> cases(LocalDate asOf) {
        Instant endOfDay = asOf.plusDays(1).atStartOfDay(clock.zone()).toInstant();
        boolean past = endOfDay.isBefore(clock.now());
        List<Dashboard.CaseLine> lines = new ArrayList<>();
        var statementOf = statements.statementsAsOf(asOf);
        // page by page in due-date order until the list is full: 25 lines read about 25 rows, not every open invoice
        // (a case that owes nothing as of the date is skipped, so a page may give fewer lines than rows)
        for (int offset = 0; lines.size() < CASE_LINES; offset += CASE_PAGE) {
            List<String> page = past ? invoices.casesOutstandingOnPage(asOf, endOfDay, offset, CASE_PAGE)
                : invoices.openIssuedByPage(asOf, offset, CASE_PAGE);
            for (String number : page) {
                if (lines.size() == CASE_LINES) {
                    break;
                }
                Invoice invoice = invoices.find(number).orElseThrow();
                Statement s = statementOf.apply(invoice);
                if (s.total().signum() <= 0) {
                    continue;
                }
                // the stage at the end of the date (the dated history), for the lines shown only
                CaseHistory.StageAndStatus stageThen = past ? history.at(number, endOfDay).orElse(null) : null;
                String processInstanceId = invoice.processInstanceId();
                lines.add(new Dashboard.CaseLine(number, invoice.customerId(),
                    (stageThen == null ? invoice.stage() : stageThen.stage()).name(),
                    invoice.currency(), s.total(), ChronoUnit.DAYS.between(invoice.dueDate(), asOf),
                    processInstanceId == null ? null : CockpitLinks.processInstance(processInstanceId)));
            }
            if (page.size() < CASE_PAGE) {
                break;
            }
        }
        lines.sort(Comparator.comparingLong(Dashboard.CaseLine::daysPastDue).reversed());
        return lines;
    }
}
