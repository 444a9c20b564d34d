package com.collectwise.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures what the collection application costs against a bare Camunda process, in the same run, on the same
 * engine and database. Run it with {@code mvn -Pbench verify} (see bench/README.md); it prints a table and writes
 * bench/results/&lt;date&gt;.md. Not a test: nothing here asserts a timing.
 */
public final class Benchmark {

    private Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.fromSystemProperties();
        long t0 = System.nanoTime();
        List<Results> runs = new ArrayList<>();
        for (String database : settings.databases()) {
            if (!database.equals("h2") && !database.equals("postgres")) {
                throw new IllegalArgumentException("bench.db: h2 and/or postgres, not " + database);
            }
            System.out.printf("%n[bench] ===== %s: %d open cases, %d reminders due at once =====%n", database,
                settings.cases(), settings.reminders());
            runs.add(new BenchRun(settings, database).run());
            // written after each database, so that a long run that is stopped keeps what it measured
            write(settings, runs, (System.nanoTime() - t0) / 60e9);
        }
        Path file = Report.file(settings);
        System.out.println();
        System.out.println(Report.table(runs));
        System.out.println("[bench] results written to " + file);
        System.exit(0);
    }

    private static void write(Settings settings, List<Results> runs, double minutes) throws java.io.IOException {
        Path file = Report.file(settings);
        Files.createDirectories(file.getParent());
        Files.writeString(file, Report.markdown(settings, runs, minutes));
    }
}
