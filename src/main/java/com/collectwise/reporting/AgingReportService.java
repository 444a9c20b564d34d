package com.collectwise.reporting;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.CaseHistory;
import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.InvoiceRepository;
import com.collectwise.kernel.Stage;
import com.collectwise.money.Money;
import com.collectwise.money.Statement;
import com.collectwise.fees.StatementService;

/**
 * The ageing of receivables as of a date. An invoice counts when it was open on that date: issued on or before
 * it, not closed by then, and with something still unpaid in its statement as of the date. By stage it counts under
 * the stage the case was in at the end of that day (its dated history, {@link CaseHistory}; as of today or later,
 * and for a case that never changed, its current stage).
 */
@Service
public class AgingReportService {

    private final InvoiceRepository invoices;
    private final StatementService statements;
    private final BusinessClock clock;
    private final CaseHistory history;

    public AgingReportService(InvoiceRepository invoices, StatementService statements,
                              BusinessClock clock, CaseHistory history) {
        this.history = history;
        this.invoices = invoices;
        this.statements = statements;
        this.clock = clock;
    }

    // not read-only: the late-fee decision writes decision history, which PostgreSQL refuses in a read-only transaction
    @Transactional
    public AgingReport report(LocalDate asOf) {
        Map<String, Totals> byCurrency = new TreeMap<>();
        for (OpenInvoice open : openInvoices(asOf)) {
            Invoice invoice = open.invoice();
            long daysPastDue = ChronoUnit.DAYS.between(invoice.dueDate(), asOf);
            Money amount = Money.of(open.statement().total(), invoice.currency());
            byCurrency.computeIfAbsent(invoice.currency(), c -> new Totals(Money.zero(c)))
                .add(AgingBucket.of(daysPastDue), open.stage(), amount);
        }
        List<AgingReport.CurrencyAging> result = new ArrayList<>();
        byCurrency.forEach((currency, t) -> result.add(t.toReport(currency)));
        return new AgingReport(asOf, result);
    }

    /** An invoice of the ageing report: open at the end of the date, its stage then and its statement as of it. */
    public record OpenInvoice(Invoice invoice, Stage stage, Statement statement) {
    }

    /**
     * The ageing report's invoices: issued on or before the date, not closed by the end of that day, something
     * unpaid in the statement as of the date; each with the stage of its case at the end of the day. Every report
     * that counts open cases (the collector report too) counts these, so they never disagree.
     */
    @Transactional
    public List<OpenInvoice> openInvoices(LocalDate asOf) {
        // closed_at is an instant; "closed by the end of the report date" is judged in the company's zone
        Timestamp endOfDay = Timestamp.from(asOf.plusDays(1).atStartOfDay(clock.zone()).toInstant());
        List<String> numbers = invoices.numbersOutstandingOn(asOf, endOfDay.toInstant());
        var statementOf = statements.statementsAsOf(asOf);
        // a past date: the stage of each case then (one read of the history); today or later: the current stage
        Map<String, CaseHistory.StageAndStatus> then = endOfDay.toInstant().isBefore(clock.now())
            ? history.allAt(endOfDay.toInstant()) : Map.of();
        List<OpenInvoice> open = new ArrayList<>();
        for (String number : numbers) {
            Invoice invoice = invoices.find(number).orElseThrow();
            Statement s = statementOf.apply(invoice);
            if (s.total().signum() > 0) {
                open.add(new OpenInvoice(invoice, stageThen(then, invoice), s));
            }
        }
        return open;
    }

    private static Stage stageThen(Map<String, CaseHistory.StageAndStatus> then, Invoice invoice) {
        CaseHistory.StageAndStatus s = then.get(invoice.invoiceNumber());
        return s == null ? invoice.stage() : s.stage();
    }

    /** Running totals of one currency. */
    private static final class Totals {
        private final Money zero;
        private Money total;
        private int count;
        private final Map<AgingBucket, Money> buckets = new EnumMap<>(AgingBucket.class);
        private final Map<AgingBucket, Integer> bucketCounts = new EnumMap<>(AgingBucket.class);
        private final Map<Stage, Money> stages = new EnumMap<>(Stage.class);
        private final Map<Stage, Integer> stageCounts = new EnumMap<>(Stage.class);

        Totals(Money zero) {
            this.zero = zero;
            this.total = zero;
        }

        void add(AgingBucket bucket, Stage stage, Money amount) {
            total = total.plus(amount);
            count++;
            buckets.merge(bucket, amount, Money::plus);
            bucketCounts.merge(bucket, 1, Integer::sum);
            stages.merge(stage, amount, Money::plus);
            stageCounts.merge(stage, 1, Integer::sum);
        }

        AgingReport.CurrencyAging toReport(String currency) {
            // every bucket and stage is listed, zeros included, so that columns line up across currencies
            List<AgingReport.BucketLine> bucketLines = new ArrayList<>();
            for (AgingBucket b : AgingBucket.values()) {
                bucketLines.add(new AgingReport.BucketLine(b.label(), bucketCounts.getOrDefault(b, 0),
                    amount(buckets.get(b))));
            }
            List<AgingReport.StageLine> stageLines = new ArrayList<>();
            for (Stage s : Stage.values()) {
                stageLines.add(new AgingReport.StageLine(s.name(), stageCounts.getOrDefault(s, 0),
                    amount(stages.get(s))));
            }
            return new AgingReport.CurrencyAging(currency, count, total.amount(), bucketLines, stageLines);
        }

        private BigDecimal amount(Money m) {
            return (m == null ? zero : m).amount();
        }
    }
}
