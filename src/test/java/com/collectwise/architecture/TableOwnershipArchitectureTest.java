package com.collectwise.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * One owner per table (issue 19, item 1): SQL on a table appears only in the package that owns it; the others use
 * the owner's small API. The owners are the table "Table owners" in {@code docs/architecture.md}, so the document
 * and the rule cannot drift apart. A text scan of the main sources is enough: every statement names its tables
 * after {@code FROM}, {@code INTO}, {@code UPDATE} or {@code JOIN}.
 */
class TableOwnershipArchitectureTest {

    private static final Path SOURCES = Path.of("src/main/java/com/collectwise");
    private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");
    private static final Path ARCHITECTURE = Path.of("docs/architecture.md");

    private static final Pattern OWNER_ROW = Pattern.compile("^\\|\\s*`(\\w+)`\\s*\\|\\s*`(\\w+)`\\s*\\|", Pattern.MULTILINE);
    private static final Pattern CREATE_TABLE = Pattern.compile("(?i)create\\s+table\\s+(?:if\\s+not\\s+exists\\s+)?(\\w+)");
    private static final Pattern SQL_TABLE = Pattern.compile("(?i)\\b(?:from|into|update|join)\\s+(\\w+)\\b");

    @Test
    void everyTableHasAnOwner() throws IOException {
        Map<String, String> owners = owners();
        Set<String> tables = new TreeSet<>();
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".sql")).toList()) {
                Matcher m = CREATE_TABLE.matcher(Files.readString(file));
                while (m.find()) {
                    tables.add(m.group(1).toLowerCase());
                }
            }
        }
        assertThat(tables).as("tables created by the migrations").isNotEmpty();
        assertThat(owners.keySet()).as("tables in docs/architecture.md \"Table owners\"").containsAll(tables);
        try (Stream<Path> dirs = Files.list(SOURCES)) {
            Set<String> packages = new TreeSet<>(dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).toList());
            assertThat(packages).as("owning packages").containsAll(owners.values());
        }
    }

    @Test
    void sqlOnATableOnlyInItsOwningPackage() throws IOException {
        Map<String, String> owners = owners();
        Set<String> foreign = new TreeSet<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Path relative = SOURCES.relativize(file);
                if (relative.getNameCount() < 2) {
                    continue; // the application class
                }
                String pkg = relative.getName(0).toString();
                Matcher m = SQL_TABLE.matcher(Files.readString(file));
                while (m.find()) {
                    String owner = owners.get(m.group(1).toLowerCase());
                    if (owner != null && !owner.equals(pkg)) {
                        foreign.add(relative.toString().replace('\\', '/') + " -> " + m.group(1).toLowerCase());
                    }
                }
            }
        }
        assertThat(foreign).as("SQL on a table outside its owning package (use the owner's API, see docs/architecture.md)")
            .isEmpty();
    }

    private static Map<String, String> owners() throws IOException {
        String doc = Files.readString(ARCHITECTURE);
        int start = doc.indexOf("## Table owners");
        assertThat(start).as("docs/architecture.md has a section \"## Table owners\"").isNotNegative();
        int end = doc.indexOf("\n## ", start + 1);
        Matcher m = OWNER_ROW.matcher(doc.substring(start, end < 0 ? doc.length() : end));
        Map<String, String> owners = new TreeMap<>();
        while (m.find()) {
            owners.put(m.group(1).toLowerCase(), m.group(2));
        }
        return owners;
    }
}
