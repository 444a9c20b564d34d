package com.collectwise.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

import org.springframework.boot.SpringBootVersion;

/** The results file (markdown) and the console table. */
final class Report {

    private Report() {
    }

    static Path file(Settings settings) {
        String name = LocalDate.now(java.time.ZoneOffset.UTC) + (settings.label().isEmpty() ? "" : "-" + settings.label()) + ".md";
        return Path.of(settings.out(), name);
    }

    static String markdown(Settings settings, List<Results> runs, double minutes) {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmark ").append(LocalDateTime.now().truncatedTo(ChronoUnit.MINUTES))
            .append(settings.label().isEmpty() ? "" : " (" + settings.label() + ")").append("\n\n");
        md.append("Written by `mvn -Pbench verify` (bench/README.md explains each scenario). Ours = the collection ")
            .append("application's own path; bare = a Camunda process with one timer and one message in the same ")
            .append("engine and database, measured in the same run.\n\n");
        md.append("## Machine and versions\n\n");
        md.append("- CPU: ").append(cpu()).append(", ").append(Runtime.getRuntime().availableProcessors())
            .append(" cores available; memory: ").append(memory()).append('\n');
        md.append("- OS: ").append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.version"))
            .append(' ').append(System.getProperty("os.arch")).append('\n');
        md.append("- Java: ").append(System.getProperty("java.vm.name")).append(' ')
            .append(System.getProperty("java.version")).append(", max heap ")
            .append(Runtime.getRuntime().maxMemory() / (1024 * 1024)).append(" MB\n");
        md.append("- Spring Boot ").append(SpringBootVersion.getVersion()).append(", Camunda ")
            .append(org.camunda.bpm.engine.ProcessEngine.class.getPackage().getImplementationVersion())
            .append('\n');
        md.append("\n## Settings\n\n");
        md.append(String.format(Locale.ROOT, "- open cases %,d, reminders due at once %,d, samples per side %,d, "
                + "closed cases %,d, caller threads %d, drain timeout %s%n", settings.cases(), settings.reminders(),
            settings.samples(), settings.closed(), settings.threads(), settings.drainTimeout()));
        md.append("- tuning arguments: ").append(settings.tuning().isEmpty() ? "none (the application's defaults)"
            : "`" + String.join(" ", settings.tuning()) + "`").append('\n');
        md.append(String.format(Locale.ROOT, "- whole run: %.1f minutes%n", minutes));
        for (Results run : runs) {
            md.append("\n## ").append(run.database).append("\n\n");
            md.append(table(List.of(run)));
            md.append("\n### Raw figures\n\n");
            run.raw.forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
            if (!run.notes.isEmpty()) {
                md.append("\n### Notes\n\n");
                run.notes.forEach(n -> md.append("- ").append(n).append('\n'));
            }
        }
        return md.toString();
    }

    static String table(List<Results> runs) {
        StringBuilder t = new StringBuilder();
        t.append("| db | scenario | figure | ours | bare | ratio | goal | |\n");
        t.append("|---|---|---|---:|---:|---:|---|---|\n");
        for (Results run : runs) {
            for (Results.Row r : run.rows) {
                t.append("| ").append(run.database).append(" | ").append(r.scenario()).append(" | ")
                    .append(r.metric()).append(" | ").append(r.ours()).append(" | ").append(r.bare()).append(" | ")
                    .append(r.ratio()).append(" | ").append(r.goal()).append(" | ")
                    .append(r.met() == null ? "" : r.met() ? "met" : "**missed**").append(" |\n");
            }
        }
        return t.toString();
    }

    private static String cpu() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String memory() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                .findFirst().map(l -> l.replace("MemTotal:", "").trim()).orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
