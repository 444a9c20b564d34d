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
        com.collectwise.CollectwiseApplication.useCompanyZone();
        long t0 = System.nanoTime();
        List<Results> runs = new ArrayList<>();
        for (String database : settings.databases()) {
            if (!database.equals("h2") && !database.equals("postgres")) {
                throw new IllegalArgumentException("bench.db: h2 and/or postgres, not " + database);
            }
            System.out.printf("%n[bench] ===== %s: %d open cases, %d reminders due at once =====%n", database,
                settings.cases(), settings.reminders());
            runs.add(new BenchRun(settings, database).run());
        }
        double minutes = (System.nanoTime() - t0) / 60e9;
        String report = Report.markdown(settings, runs, minutes);
        Path file = Report.file(settings);
        Files.createDirectories(file.getParent());
        Files.writeString(file, report);
        System.out.println();
        System.out.println(Report.table(runs));
        System.out.println("[bench] results written to " + file);
        System.exit(0);
    }
}
