package com.collectwise.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * What a run is asked to do, from system properties (the bench Maven profile passes them on):
 * bench.db (h2,postgres), bench.cases (open cases, default 100000), bench.reminders (due at once, default a tenth),
 * bench.samples (case starts and payments per side, default 1000), bench.closed (cases closed for the footprint,
 * default 1000), bench.threads (callers, default 2), bench.drain-timeout (default PT30M), bench.tuning (extra
 * application arguments separated by spaces, e.g. "--camunda.bpm.job-execution.max-jobs-per-acquisition=10"),
 * bench.out (directory of the results file, default bench/results), bench.label (a word for the file name),
 * bench.nodes (2: a second drain with a second application node in its own JVM, PostgreSQL only; default 1).
 */
record Settings(List<String> databases, int cases, int reminders, int samples, int closed, int threads,
                Duration drainTimeout, List<String> tuning, String out, String label, int nodes) {

    static Settings fromSystemProperties() {
        int cases = integer("bench.cases", 100_000);
        return new Settings(
            Arrays.stream(System.getProperty("bench.db", "h2,postgres").split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).toList(),
            cases,
            integer("bench.reminders", Math.max(1, cases / 10)),
            integer("bench.samples", 1000),
            integer("bench.closed", 1000),
            integer("bench.threads", 2),
            Duration.parse(System.getProperty("bench.drain-timeout", "PT30M")),
            Arrays.stream(System.getProperty("bench.tuning", "").trim().split("\\s+")).filter(s -> !s.isEmpty())
                .toList(),
            System.getProperty("bench.out", "bench/results"),
            System.getProperty("bench.label", "").trim(),
            integer("bench.nodes", 1));
    }

    private static int integer(String name, int defaultValue) {
        String value = System.getProperty(name, "").trim();
        return value.isEmpty() ? defaultValue : Integer.parseInt(value.replace("_", ""));
    }
}
