package com.collectwise.bench;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Bytes on disk per table group: engine runtime (ACT_RU_* and ACT_GE_BYTEARRAY, which holds variable values and
 * deployed models), engine history (ACT_HI_*) and our domain tables (invoices, ledger, outbox ...).
 * PostgreSQL: pg_total_relation_size (heap + indexes + TOAST) after VACUUM; with {@code compact} the history tables
 * get VACUUM FULL, so that space freed by cleanup shows.
 * H2: DISK_SPACE_USED per table (pages of the table and its indexes in the MVStore file).
 * <p>
 * PostgreSQL also: the bytes of the live rows of the runtime tables ({@code sum(pg_column_size(row))}), which do not
 * depend on how full the pages and index pages happen to be (the relation sizes above count their free space).
 */
final class Footprint {

    enum Group { RUNTIME, HISTORY, DOMAIN }

    private final JdbcTemplate jdbc;
    private final boolean postgres;

    Footprint(JdbcTemplate jdbc, boolean postgres) {
        this.jdbc = jdbc;
        this.postgres = postgres;
    }

    Sizes measure(boolean compact) {
        Map<String, Long> tables = new TreeMap<>();
        Map<String, Long> liveRows = new TreeMap<>();
        if (postgres) {
            jdbc.execute("VACUUM");
            if (compact) {
                // history only: it is what cleanup frees, and VACUUM FULL of everything takes minutes at 100k cases
                for (String table : jdbc.queryForList("""
                        SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                        WHERE c.relkind = 'r' AND n.nspname = current_schema() AND c.relname LIKE 'act\\_hi\\_%'""",
                    String.class)) {
                    jdbc.execute("VACUUM FULL " + table);
                }
            }
            jdbc.query("""
                    SELECT c.relname, pg_total_relation_size(c.oid) FROM pg_class c
                    JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE c.relkind = 'r' AND n.nspname = current_schema()""",
                rs -> {
                    tables.put(rs.getString(1).toUpperCase(Locale.ROOT), rs.getLong(2));
                });
            for (String table : tables.keySet()) {
                if (groupOf(table) == Group.RUNTIME) {
                    // names come from pg_class of our own schema; no user input
                    liveRows.put(table, jdbc.queryForObject("SELECT COALESCE(SUM(pg_column_size(t.*)), 0) FROM "
                        + table.toLowerCase(Locale.ROOT) + " t", Long.class));
                }
            }
        } else {
            for (String table : jdbc.queryForList("""
                    SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES
                    WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_TYPE = 'BASE TABLE'""", String.class)) {
                tables.put(table.toUpperCase(Locale.ROOT), jdbc.queryForObject("SELECT DISK_SPACE_USED(?)", Long.class,
                    "\"PUBLIC\".\"" + table + "\""));
            }
        }
        return new Sizes(tables, liveRows);
    }

    static Group groupOf(String table) {
        if (table.startsWith("ACT_RU_") || table.equals("ACT_GE_BYTEARRAY")) {
            return Group.RUNTIME;
        }
        if (table.startsWith("ACT_HI_")) {
            return Group.HISTORY;
        }
        if (table.startsWith("ACT_") || table.startsWith("FLYWAY")) {
            return null; // repository, identity, schema bookkeeping: not per case
        }
        return Group.DOMAIN;
    }

    /** {@code liveRows}: PostgreSQL only, runtime tables only (empty on H2). */
    record Sizes(Map<String, Long> tables, Map<String, Long> liveRows) {

        long liveRowBytes() {
            return liveRows.values().stream().mapToLong(Long::longValue).sum();
        }

        long bytes(Group group) {
            return tables.entrySet().stream().filter(e -> groupOf(e.getKey()) == group)
                .mapToLong(Map.Entry::getValue).sum();
        }

        /** Growth per table between {@code earlier} and now, largest first (for the report). */
        String growth(Sizes earlier, Group group, long per) {
            StringBuilder out = new StringBuilder();
            tables.entrySet().stream().filter(e -> groupOf(e.getKey()) == group)
                .map(e -> Map.entry(e.getKey(), e.getValue() - earlier.tables.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() != 0)
                .sorted((a, b) -> Long.compare(Math.abs(b.getValue()), Math.abs(a.getValue())))
                .limit(8)
                .forEach(e -> out.append(out.isEmpty() ? "" : ", ").append(e.getKey()).append(' ')
                    .append(e.getValue() / Math.max(1, per)));
            return out.toString();
        }
    }
}
