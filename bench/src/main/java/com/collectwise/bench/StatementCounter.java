package com.collectwise.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.StatementType;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;

/**
 * Counts the SQL statements the application sends, per kind and per table: a batched INSERT of n rows counts n.
 * Wraps the application's DataSource (datasource-proxy), so every caller is seen: engine, Flyway, our repositories.
 */
final class StatementCounter implements QueryExecutionListener {

    private static final Pattern INSERT_TABLE = Pattern.compile("^\\s*insert\\s+into\\s+([\\w.\"]+)",
        Pattern.CASE_INSENSITIVE);

    private final Map<String, LongAdder> byKind = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> insertsByTable = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> selectsByTable = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> updatesByTable = new ConcurrentHashMap<>();

    private static final Pattern UPDATE_TABLE = Pattern.compile("^\\s*update\\s+([\\w.\"]+)", Pattern.CASE_INSENSITIVE);

    private static final Pattern SELECT_TABLE = Pattern.compile("\\bfrom\\s+([\\w.\"]+)", Pattern.CASE_INSENSITIVE);

    private volatile boolean counting;

    /**
     * The application's DataSource, counted only while {@link #counting(boolean)} is on: the proxy records every
     * parameter and costs time, so timed phases run on the plain connections and counts come from a pass of their own.
     */
    DataSource wrap(DataSource dataSource) {
        DataSource proxy = ProxyDataSourceBuilder.create(dataSource).name("bench").listener(this).build();
        return (DataSource) java.lang.reflect.Proxy.newProxyInstance(DataSource.class.getClassLoader(),
            new Class<?>[] {DataSource.class}, (self, method, args) -> {
                DataSource target = counting && method.getName().equals("getConnection") ? proxy : dataSource;
                try {
                    return method.invoke(target, args);
                } catch (java.lang.reflect.InvocationTargetException e) {
                    throw e.getCause();
                }
            });
    }

    void counting(boolean on) {
        counting = on;
    }

    @Override
    public void beforeQuery(ExecutionInfo execInfo, List<QueryInfo> queryInfoList) {
    }

    @Override
    public void afterQuery(ExecutionInfo execInfo, List<QueryInfo> queryInfoList) {
        for (QueryInfo query : queryInfoList) {
            String sql = query.getQuery().stripLeading();
            int space = sql.indexOf(' ');
            String kind = (space < 0 ? sql : sql.substring(0, space)).toUpperCase(Locale.ROOT);
            long rows = execInfo.isBatch() && execInfo.getStatementType() != StatementType.STATEMENT
                ? Math.max(1, query.getParametersList().size()) : 1;
            byKind.computeIfAbsent(kind, k -> new LongAdder()).add(rows);
            if ("INSERT".equals(kind)) {
                Matcher m = INSERT_TABLE.matcher(sql);
                String table = m.find() ? m.group(1).replace("\"", "").toUpperCase(Locale.ROOT) : "?";
                insertsByTable.computeIfAbsent(table, k -> new LongAdder()).add(rows);
            } else if ("SELECT".equals(kind)) {
                // the first table named after FROM: which reads a case start or a job makes (engine or ours)
                Matcher m = SELECT_TABLE.matcher(sql);
                String table = m.find() ? m.group(1).replace("\"", "").toUpperCase(Locale.ROOT) : "?";
                selectsByTable.computeIfAbsent(table, k -> new LongAdder()).add(rows);
            } else if ("UPDATE".equals(kind)) {
                Matcher m = UPDATE_TABLE.matcher(sql);
                String table = m.find() ? m.group(1).replace("\"", "").toUpperCase(Locale.ROOT) : "?";
                updatesByTable.computeIfAbsent(table, k -> new LongAdder()).add(rows);
            }
        }
    }

    Snapshot snapshot() {
        Map<String, Long> kinds = new TreeMap<>();
        byKind.forEach((k, v) -> kinds.put(k, v.sum()));
        Map<String, Long> tables = new TreeMap<>();
        insertsByTable.forEach((k, v) -> tables.put(k, v.sum()));
        Map<String, Long> selects = new TreeMap<>();
        selectsByTable.forEach((k, v) -> selects.put(k, v.sum()));
        Map<String, Long> updates = new TreeMap<>();
        updatesByTable.forEach((k, v) -> updates.put(k, v.sum()));
        return new Snapshot(kinds, tables, selects, updates);
    }

    record Snapshot(Map<String, Long> byKind, Map<String, Long> insertsByTable, Map<String, Long> selectsByTable,
                    Map<String, Long> updatesByTable) {

        long count(String kind) {
            return byKind.getOrDefault(kind, 0L);
        }

        /** What happened between {@code earlier} and this snapshot. */
        Snapshot minus(Snapshot earlier) {
            return new Snapshot(diff(byKind, earlier.byKind), diff(insertsByTable, earlier.insertsByTable),
                diff(selectsByTable, earlier.selectsByTable), diff(updatesByTable, earlier.updatesByTable));
        }

        private static Map<String, Long> diff(Map<String, Long> now, Map<String, Long> before) {
            Map<String, Long> d = new TreeMap<>();
            now.forEach((k, v) -> {
                long delta = v - before.getOrDefault(k, 0L);
                if (delta != 0) {
                    d.put(k, delta);
                }
            });
            return d;
        }
    }
}
