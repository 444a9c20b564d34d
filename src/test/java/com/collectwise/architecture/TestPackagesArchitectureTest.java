package com.collectwise.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;

/**
 * Tests are arranged like the packages they test (docs/architecture.md "Tests"): a test class lives in the package of a
 * production class it uses, so {@code money/MoneyTest} tests {@code money.Money}. The cross-cutting groups test
 * something other than one package and keep their own packages: {@code api} (HTTP tests of the whole edge),
 * {@code process} (the models on the engine), {@code models} (model files), {@code architecture}, {@code faults},
 * {@code postgres} (the {@code *IT} on PostgreSQL) and the benchmark ({@code bench}). A test that uses no production
 * class (a DMN table read with the bare DMN engine, such as {@code handoff/LegalCostsDmnTest}) is not judged here: it
 * sits beside the class that reads that table. Helpers ({@code AgencyStub}, {@code TestEngines}) are not judged either.
 */
class TestPackagesArchitectureTest {

    private static final String ROOT = "com.collectwise";
    private static final Set<String> CROSS_CUTTING =
        Set.of("api", "process", "models", "architecture", "faults", "postgres", "bench");

    @Test
    void everyUnitTestLivesInThePackageOfAProductionClassItUses() {
        // the build's own output folders only (no jar is read: a dependency is judged by its name)
        JavaClasses main = importWithoutLibraries(Path.of("target/classes"));
        JavaClasses tests = importWithoutLibraries(Path.of("target/test-classes"));
        Map<String, String> packageOfMainClass = main.stream()
            .collect(Collectors.toMap(JavaClass::getName, JavaClass::getPackageName, (a, b) -> a));

        // top-level test class -> the packages of the production classes it (or a class nested in it) uses
        Map<String, Set<String>> used = new TreeMap<>();
        Map<String, String> packageOfTest = new TreeMap<>();
        for (JavaClass c : tests) {
            String topLevel = c.getName().contains("$") ? c.getName().substring(0, c.getName().indexOf('$')) : c.getName();
            if (!topLevel.endsWith("Test") || CROSS_CUTTING.contains(group(c.getPackageName()))) {
                continue;
            }
            packageOfTest.put(topLevel, c.getPackageName());
            Set<String> packages = used.computeIfAbsent(topLevel, k -> new TreeSet<>());
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                String p = packageOfMainClass.get(d.getTargetClass().getBaseComponentType().getName());
                if (p != null) {
                    packages.add(p);
                }
            }
        }
        assertThat(packageOfTest).as("unit tests found").isNotEmpty();

        Map<String, Set<String>> misplaced = new TreeMap<>();
        packageOfTest.forEach((test, pkg) -> {
            Set<String> packages = used.get(test);
            if (!packages.isEmpty() && !packages.contains(pkg)) {
                misplaced.put(test, packages);
            }
        });
        assertThat(misplaced).as("test classes outside the package of every production class they use "
            + "(test -> packages it uses; move it to the package of the class it tests, see docs/architecture.md)")
            .isEmpty();
    }

    private static JavaClasses importWithoutLibraries(Path folder) {
        return ArchConfiguration.withThreadLocalScope(configuration -> {
            configuration.setResolveMissingDependenciesFromClassPath(false);
            return new ClassFileImporter().importPath(folder);
        });
    }

    /** The first package below com.collectwise ("fees" for com.collectwise.fees.x). */
    private static String group(String packageName) {
        if (!packageName.startsWith(ROOT + ".")) {
            return "";
        }
        String rest = packageName.substring(ROOT.length() + 1);
        return rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : rest;
    }
}
