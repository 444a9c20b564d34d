package com.collectwise.fees;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The reference rate tables (one-year LPR, ECB main refinancing rate), seeded by Flyway, kept current by
 * finance. Rows are only appended: a second row for the same date corrects the first (the latest entered wins).
 */
@Repository
public class ReferenceRates {

    public enum Kind {
        LPR("lpr_rates"), ECB("ecb_rates");

        private final String table;

        Kind(String table) {
            this.table = table;
        }
    }

    private final JdbcClient jdbc;

    public ReferenceRates(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public RateTable table(Kind kind) {
        Map<LocalDate, BigDecimal> rates = new TreeMap<>();
        for (ReferenceRate r : current(kind)) {
            rates.put(r.effectiveFrom(), r.ratePercent());
        }
        return RateTable.of(rates);
    }

    /** The rows in force, one per effective date, oldest first. */
    public List<ReferenceRate> current(Kind kind) {
        Map<LocalDate, ReferenceRate> latest = new LinkedHashMap<>();
        // ordered by entry within a date: the last one seen is the correction that stands
        for (ReferenceRate r : all(kind)) {
            latest.put(r.effectiveFrom(), r);
        }
        return new ArrayList<>(latest.values());
    }

    /** Every row ever entered (corrections included), oldest first. */
    public List<ReferenceRate> all(Kind kind) {
        return jdbc.sql("SELECT * FROM " + kind.table + " ORDER BY effective_from, id")
            .query((rs, n) -> new ReferenceRate(rs.getDate("effective_from").toLocalDate(),
                rs.getBigDecimal("rate_percent"), rs.getString("entered_by"),
                rs.getTimestamp("entered_at").toInstant()))
            .list();
    }

    public ReferenceRate enter(Kind kind, LocalDate effectiveFrom, BigDecimal ratePercent, String enteredBy) {
        Instant now = Instant.now();
        com.collectwise.kernel.TransactionCache.forget();
        jdbc.sql("INSERT INTO " + kind.table + " (effective_from, rate_percent, entered_by, entered_at) VALUES (?, ?, ?, ?)")
            .params(effectiveFrom, ratePercent, enteredBy, Timestamp.from(now))
            .update();
        return new ReferenceRate(effectiveFrom, ratePercent, enteredBy, now);
    }
}
