package com.collectwise.architecture;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Packages point one way (issue 15, item 10). At the bottom the money core and the shared kernel (invoice,
 * customer, clock, calendar, case variables, the gateway to running cases); above them the capabilities; at the
 * top the case view and requests, the reports, the supervision screens and the start-up data. A capability tells
 * the top layer something with a Spring application event, never by calling it.
 */
@AnalyzeClasses(packages = "com.collectwise", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageLayersArchitectureTest {

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("com.collectwise.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
        .layer("Top").definedBy("com.collectwise.cases..", "com.collectwise.reporting..",
            "com.collectwise.supervision..", "com.collectwise.identity..", "com.collectwise.operations..",
            "com.collectwise.screens..")
        .layer("Capabilities").definedBy("com.collectwise.customers..", "com.collectwise.fees..",
            "com.collectwise.communication..", "com.collectwise.agreements..", "com.collectwise.disputes..",
            "com.collectwise.payments..", "com.collectwise.limitation..", "com.collectwise.handoff..",
            "com.collectwise.calendar..", "com.collectwise.statements..")
        .layer("Kernel").definedBy("com.collectwise.kernel..")
        .layer("Money").definedBy("com.collectwise.money..")
        .layer("Edge").definedBy("com.collectwise.api..", "com.collectwise.security..")
        .whereLayer("Top").mayNotBeAccessedByAnyLayer()
        .whereLayer("Capabilities").mayOnlyBeAccessedByLayers("Top", "Capabilities")
        .whereLayer("Kernel").mayOnlyBeAccessedByLayers("Top", "Capabilities")
        .whereLayer("Money").mayOnlyBeAccessedByLayers("Top", "Capabilities", "Kernel");
}
