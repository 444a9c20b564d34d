package com.collectwise.reporting;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.collectwise.kernel.BusinessClock;
import com.collectwise.cases.OverdueCause;
import com.collectwise.money.Money;

/**
 * The causes of late payment and the view per collector on the finance dashboard. Plain SQL over the contact log,
 * the causes, the promises and the allocations, each counted up to the end of the report date (company zone).
 */
@Service
public class CollectorReportService {

    /** A contact logged without a collector (e.g. the system noting a broken promise) is nobody's work. */
    static final String NOBODY = "(none)";

    private final JdbcClient jdbc;
    private final BusinessClock clock;

    public CollectorReportService(JdbcClient jdbc, BusinessClock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public CollectorReport report(LocalDate asOf) {
        Timestamp endOfDay = Timestamp.from(asOf.plusDays(1).atStartOfDay(clock.zone()).toInstant());
        Map<String, Acc> lines = new TreeMap<>();

        // a cause heard on one call with a customer is kept on each invoice the call covered: it counts once
        String heard = "(SELECT DISTINCT collector, customer_id, channel, recorded_at, cause FROM overdue_causes"
            + " WHERE recorded_at < ?) h";
        List<CollectorReport.CauseCount> causes = new ArrayList<>();
        jdbc.sql("SELECT cause, COUNT(*) FROM " + heard + " GROUP BY cause").params(endOfDay)
            .query(rs -> {
                String code = rs.getString(1);
                causes.add(new CollectorReport.CauseCount(code,
                    OverdueCause.parse(code).map(OverdueCause::label).orElse(code), rs.getInt(2)));
            });
        causes.sort(Comparator.comparingInt(CollectorReport.CauseCount::count).reversed()
            .thenComparing(CollectorReport.CauseCount::cause));

        jdbc.sql("SELECT collector, cause, COUNT(*) FROM " + heard + " GROUP BY collector, cause").params(endOfDay)
            .query(rs -> {
                acc(lines, rs.getString(1)).causes.merge(rs.getString(2), rs.getInt(3), Integer::sum);
            });
        // one call with a customer is logged on each invoice it covered, at the same moment: it counts once
        jdbc.sql("""
                SELECT collector, COUNT(*) FROM (SELECT DISTINCT collector, customer_id, channel, contacted_at
                  FROM contact_log WHERE channel IN ('PHONE', 'VISIT') AND contacted_at < ?) c GROUP BY collector""")
            .params(endOfDay)
            .query(rs -> {
                acc(lines, rs.getString(1)).contacts += rs.getInt(2);
            });
        jdbc.sql("SELECT created_by, status, resolved_at FROM promises WHERE created_at < ?").params(endOfDay)
            .query(rs -> {
                Acc a = acc(lines, rs.getString(1));
                a.promisesMade++;
                Timestamp resolved = rs.getTimestamp(3);
                if (resolved != null && resolved.before(endOfDay)) {
                    if ("KEPT".equals(rs.getString(2))) {
                        a.promisesKept++;
                    } else if ("BROKEN".equals(rs.getString(2))) {
                        a.promisesBroken++;
                    }
                }
            });
        jdbc.sql("""
                SELECT c.collector, a.currency, SUM(a.amount) FROM payment_allocations a
                JOIN invoices i ON i.invoice_number = a.invoice_number JOIN customers c ON c.customer_id = i.customer_id
                WHERE a.applied_on <= ? GROUP BY c.collector, a.currency""")
            .params(asOf)
            .query(rs -> {
                String currency = rs.getString(2).trim();
                acc(lines, rs.getString(1)).collected.merge(currency,
                    Money.rounded(rs.getBigDecimal(3), currency).amount(), BigDecimal::add);
            });
        jdbc.sql("""
                SELECT c.collector, i.stage, COUNT(*) FROM invoices i JOIN customers c ON c.customer_id = i.customer_id
                WHERE i.status = 'OPEN' AND i.issue_date <= ? GROUP BY c.collector, i.stage""")
            .params(asOf)
            .query(rs -> {
                acc(lines, rs.getString(1)).stages.merge(rs.getString(2), rs.getInt(3), Integer::sum);
            });

        List<CollectorReport.CollectorLine> collectors = new ArrayList<>();
        lines.forEach((collector, a) -> collectors.add(new CollectorReport.CollectorLine(collector, a.contacts,
            a.promisesMade, a.promisesKept, a.promisesBroken,
            a.collected.entrySet().stream().map(e -> new CollectorReport.Money(e.getKey(), e.getValue())).toList(),
            a.stages, a.causes)));
        return new CollectorReport(causes, collectors);
    }

    private static Acc acc(Map<String, Acc> lines, String collector) {
        return lines.computeIfAbsent(collector == null || collector.isBlank() ? NOBODY : collector, c -> new Acc());
    }

    private static final class Acc {
        int contacts;
        int promisesMade;
        int promisesKept;
        int promisesBroken;
        final Map<String, BigDecimal> collected = new TreeMap<>();
        final Map<String, Integer> stages = new TreeMap<>();
        final Map<String, Integer> causes = new TreeMap<>();
    }
}
