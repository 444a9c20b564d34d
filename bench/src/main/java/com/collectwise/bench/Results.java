package com.collectwise.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What one run on one database measured: the comparison rows, the raw figures behind them, and notes. */
final class Results {

    /** One line of the table. {@code met} is null where the issue sets no goal. */
    record Row(String scenario, String metric, String ours, String bare, String ratio, String goal, Boolean met) {
    }

    final String database;
    final List<Row> rows = new ArrayList<>();
    final Map<String, String> raw = new LinkedHashMap<>();
    final List<String> notes = new ArrayList<>();

    Results(String database) {
        this.database = database;
    }

    void row(String scenario, String metric, String ours, String bare, String ratio, String goal, Boolean met) {
        rows.add(new Row(scenario, metric, ours, bare, ratio, goal, met));
        System.out.printf("[bench %s] %-22s %-34s ours=%s bare=%s ratio=%s goal=%s%n", database, scenario, metric,
            ours, bare, ratio, goal, met == null ? "-" : met ? "met" : "MISSED");
    }

    void raw(String key, Object value) {
        raw.put(key, String.valueOf(value));
        System.out.printf("[bench %s] %s = %s%n", database, key, value);
    }

    void note(String text) {
        notes.add(text);
        System.out.printf("[bench %s] note: %s%n", database, text);
    }

    static String f(double value, int decimals) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }
}
