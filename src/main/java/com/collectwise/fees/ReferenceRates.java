package com.collectwise.fees;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The reference rate tables (one-year LPR, ECB main refinancing rate), seeded by Flyway, kept current by
 * finance. Rows are only appended: a second row for the same date corrects the first (the latest entered wins).
 * Each row has the next entry number of its date (V41), unique: of two requests entering a rate for the same date at
 * the same moment only one inserts, the other learns which row stands ({@link EnteredMeanwhile}).
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

    /**
     * Another transaction entered a rate for the same date between the caller's look at the table and this insert
     * (committed first; nothing of this insert was stored, the caller's transaction goes on).
     */
    public static final class EnteredMeanwhile extends RuntimeException {

        private final transient ReferenceRate standing;

        EnteredMeanwhile(ReferenceRate standing, Throwable cause) {
            super("a rate for " + standing.effectiveFrom() + " was entered at the same moment", cause);
            this.standing = standing;
        }

        /** The row in force for the date now: the one the concurrent request entered. */
        public ReferenceRate standing() {
            return standing;
        }
    }

    private final JdbcClient jdbc;
    /** The insert runs under a savepoint: on PostgreSQL a failed statement would end the caller's transaction. */
    private final TransactionTemplate savepoint;

    public ReferenceRates(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.savepoint = new TransactionTemplate(transactions);
        savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
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

    /** Every rate entered for the date, corrections included, in the order entered: the last one stands. */
    public List<ReferenceRate> entriesOf(Kind kind, LocalDate effectiveFrom) {
        return jdbc.sql("SELECT * FROM " + kind.table + " WHERE effective_from = ? ORDER BY id")
            .param(effectiveFrom)
            .query((rs, n) -> new ReferenceRate(rs.getDate("effective_from").toLocalDate(),
                rs.getBigDecimal("rate_percent"), rs.getString("entered_by"),
                rs.getTimestamp("entered_at").toInstant()))
            .list();
    }

    /**
     * Appends the rate as the next entry of its date as the table stands now (a correction when the date has one).
     *
     * @throws EnteredMeanwhile when another transaction enters a rate for the date at the same moment
     */
    public ReferenceRate enter(Kind kind, LocalDate effectiveFrom, BigDecimal ratePercent, String enteredBy) {
        return enter(kind, effectiveFrom, ratePercent, enteredBy, entriesOf(kind, effectiveFrom).size() + 1);
    }

    /**
     * Appends the rate as entry {@code entryNo} of its date: the caller saw {@code entryNo - 1} entries of the date
     * ({@link #entriesOf}) and decided on them.
     *
     * @throws EnteredMeanwhile when another transaction entered a rate for the date since the caller looked (its row
     *                          stands; nothing of this one was stored)
     */
    public ReferenceRate enter(Kind kind, LocalDate effectiveFrom, BigDecimal ratePercent, String enteredBy,
                               int entryNo) {
        // at the column's precision (microseconds): the 201 shows the time a later replay (200) reads back
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        com.collectwise.kernel.TransactionCache.forget();
        try {
            savepoint.executeWithoutResult(status -> jdbc.sql("INSERT INTO " + kind.table
                    + " (effective_from, entry_no, rate_percent, entered_by, entered_at) VALUES (?, ?, ?, ?, ?)")
                .params(effectiveFrom, entryNo, ratePercent, enteredBy, Timestamp.from(now))
                .update());
        } catch (DuplicateKeyException race) {
            List<ReferenceRate> entries = entriesOf(kind, effectiveFrom);
            if (entries.isEmpty()) {
                throw race;
            }
            throw new EnteredMeanwhile(entries.get(entries.size() - 1), race);
        }
        return new ReferenceRate(effectiveFrom, ratePercent, enteredBy, now);
    }
}
