package com.collectwise.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** docs/architecture.md lists every package under com.collectwise in its package table, and no other. */
class ArchitectureDocTest {

    private static final Path SOURCES = Path.of("src/main/java/com/collectwise");
    private static final Path DOC = Path.of("docs/architecture.md");
    /** A table row: | layer | `package`, `package` | what it owns | */
    private static final Pattern ROW = Pattern.compile("^\\|\\s*[a-z]+\\s*\\|([^|]*)\\|[^|]*\\|\\s*$");
    private static final Pattern NAME = Pattern.compile("`([a-z][a-z0-9]*)`");

    @Test
    void thePackageTableListsEveryPackageAndNoOther() throws IOException {
        Set<String> packages;
        try (Stream<Path> dirs = Files.list(SOURCES)) {
            packages = dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString())
                .collect(Collectors.toCollection(TreeSet::new));
        }
        Set<String> documented = new TreeSet<>();
        for (String line : Files.readAllLines(DOC)) {
            Matcher row = ROW.matcher(line);
            if (row.matches()) {
                Matcher name = NAME.matcher(row.group(1));
                while (name.find()) {
                    documented.add(name.group(1));
                }
            }
        }
        assertThat(documented).as("packages in the table of %s", DOC).isEqualTo(packages);
    }
}
