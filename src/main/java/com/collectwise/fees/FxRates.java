package com.collectwise.fees;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import com.collectwise.kernel.TransactionCache;

/**
 * The euro foreign-exchange reference rates (units of a currency per 1 EUR, like the ECB's euro reference rates),
 * kept by finance (Flyway V25, not seeded). Rows are only appended: a second row for the same currency and date
 * corrects the first (the latest entered wins), as in the LPR and ECB tables, and each row has the next entry number
 * of its currency and date (V41, unique): of two requests entering a rate at the same moment only one inserts.
 */
@Repository
public class FxRates {

    /**
     * Another transaction entered a rate for the same currency and date between the caller's look and this insert
     * (committed first; nothing of this insert was stored, the caller's transaction goes on).
     */
    public static final class EnteredMeanwhile extends RuntimeException {

        private final transient FxRate standing;

        EnteredMeanwhile(FxRate standing, Throwable cause) {
            super("a " + standing.currency() + " rate for " + standing.effectiveFrom() + " was entered at the same moment",
                cause);
            this.standing = standing;
        }

        /** The row in force for the currency and date now: the one the concurrent request entered. */
        public FxRate standing() {
            return standing;
        }
    }

    private final JdbcClient jdbc;
    /** The insert runs under a savepoint: on PostgreSQL a failed statement would end the caller's transaction. */
    private final TransactionTemplate savepoint;

    public FxRates(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.savepoint = new TransactionTemplate(transactions);
        savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /** The rates in force by currency and effective date. */
    public Table table() {
        Map<String, NavigableMap<LocalDate, BigDecimal>> rates = new TreeMap<>();
        for (FxRate r : current()) {
            rates.computeIfAbsent(r.currency(), c -> new TreeMap<>()).put(r.effectiveFrom(), r.unitsPerEur());
        }
        return new Table(rates);
    }

    /** The rows in force, one per currency and effective date, by currency then date. */
    public List<FxRate> current() {
        Map<String, FxRate> latest = new LinkedHashMap<>();
        // ordered by entry within a currency and date: the last one seen is the correction that stands
        for (FxRate r : all()) {
            latest.put(r.currency() + " " + r.effectiveFrom(), r);
        }
        return new ArrayList<>(latest.values());
    }

    /** Every row ever entered (corrections included), by currency then date, in the order entered. */
    public List<FxRate> all() {
        return jdbc.sql("SELECT * FROM fx_rates ORDER BY currency, effective_from, id")
            .query((rs, n) -> new FxRate(rs.getString("currency").trim(), rs.getDate("effective_from").toLocalDate(),
                rs.getBigDecimal("units_per_eur"), rs.getString("entered_by"),
                rs.getTimestamp("entered_at").toInstant()))
            .list();
    }

    /**
     * Every rate entered for the currency and date, corrections included, in the order entered: the last one stands
     * (what a replayed POST compares with).
     */
    public List<FxRate> entriesOf(String currency, LocalDate effectiveFrom) {
        return jdbc.sql("SELECT * FROM fx_rates WHERE currency = ? AND effective_from = ? ORDER BY id")
            .params(currency, effectiveFrom)
            .query((rs, n) -> new FxRate(rs.getString("currency").trim(), rs.getDate("effective_from").toLocalDate(),
                rs.getBigDecimal("units_per_eur"), rs.getString("entered_by"),
                rs.getTimestamp("entered_at").toInstant()))
            .list();
    }

    /**
     * Appends the rate as entry {@code entryNo} of its currency and date: the caller saw {@code entryNo - 1} entries
     * ({@link #entriesOf}) and decided on them.
     *
     * @throws EnteredMeanwhile when another transaction entered a rate for them since the caller looked (its row
     *                          stands; nothing of this one was stored)
     */
    public FxRate enter(String currency, LocalDate effectiveFrom, BigDecimal unitsPerEur, String enteredBy,
                        int entryNo) {
        // at the column's precision (microseconds): the 201 shows the time a later replay (200) reads back
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        TransactionCache.forget();
        try {
            savepoint.executeWithoutResult(status -> jdbc.sql("INSERT INTO fx_rates (currency, effective_from, entry_no,"
                    + " units_per_eur, entered_by, entered_at) VALUES (?, ?, ?, ?, ?, ?)")
                .params(currency, effectiveFrom, entryNo, unitsPerEur, enteredBy, Timestamp.from(now))
                .update());
        } catch (DuplicateKeyException race) {
            List<FxRate> entries = entriesOf(currency, effectiveFrom);
            if (entries.isEmpty()) {
                throw race;
            }
            throw new EnteredMeanwhile(entries.get(entries.size() - 1), race);
        }
        return new FxRate(currency, effectiveFrom, unitsPerEur, enteredBy, now);
    }

    /** The table as read: the rate in force on a day is the latest dated on or before it. */
    public static final class Table {

        private final Map<String, NavigableMap<LocalDate, BigDecimal>> rates;

        public Table(Map<String, NavigableMap<LocalDate, BigDecimal>> rates) {
            this.rates = rates;
        }

        public static Table empty() {
            return new Table(Collections.emptyMap());
        }

        /** Units of {@code currency} per 1 EUR in force on the day, null when none is dated on or before it. */
        public BigDecimal unitsPerEurOn(String currency, LocalDate day) {
            NavigableMap<LocalDate, BigDecimal> byDate = rates.get(currency);
            Map.Entry<LocalDate, BigDecimal> e = byDate == null ? null : byDate.floorEntry(day);
            return e == null ? null : e.getValue();
        }
    }
}
