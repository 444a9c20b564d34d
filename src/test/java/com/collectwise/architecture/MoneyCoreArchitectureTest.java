package com.collectwise.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The money core (every figure is a replay, issue 15) is plain Java: no Spring, no engine, no database, no other
 * package of ours. Services load the facts and call it; it never calls back.
 */
@AnalyzeClasses(packages = "com.collectwise", importOptions = ImportOption.DoNotIncludeTests.class)
class MoneyCoreArchitectureTest {

    @ArchTest
    static final ArchRule moneyCoreDependsOnTheJdkOnly = classes().that().resideInAPackage("com.collectwise.money..")
        .should().onlyDependOnClassesThat().resideInAnyPackage("com.collectwise.money..", "java..");

    @ArchTest
    static final ArchRule moneyCoreHasNoSpringBeans = noClasses().that().resideInAPackage("com.collectwise.money..")
        .should().beAnnotatedWith("org.springframework.stereotype.Service")
        .orShould().beAnnotatedWith("org.springframework.stereotype.Repository")
        .orShould().beAnnotatedWith("org.springframework.stereotype.Component");
}
