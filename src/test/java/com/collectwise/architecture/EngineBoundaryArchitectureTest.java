package com.collectwise.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.util.Map;

import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * No org.camunda outside the process layer and the case engine (issue 19). Services take plain values; what they
 * need from running cases goes through {@code kernel.CaseEngine}. Allowed to use the engine's API:
 * <ul>
 * <li>the process layer: delegates and listeners (JavaDelegate, ExecutionListener, TaskListener) and engine plugins
 * (ProcessEnginePlugin), with their nested classes;</li>
 * <li>the packages that configure, secure and supervise the engine and its webapps ({@link #ENGINE_PACKAGES});</li>
 * <li>the classes named in {@link #ENGINE_CLASSES}, each with its reason.</li>
 * </ul>
 * Every other class, a plain service, reaches running cases, tasks and decisions through CaseEngine with plain values.
 */
@AnalyzeClasses(packages = "com.collectwise", importOptions = ImportOption.DoNotIncludeTests.class)
class EngineBoundaryArchitectureTest {

    /** Packages whose job is the engine itself. */
    static final Map<String, String> ENGINE_PACKAGES = Map.of(
        "com.collectwise.operations", "the engine's history level and plugins, metrics of jobs and incidents",
        "com.collectwise.security", "authentication against the engine's identity store, guards of the engine REST API",
        "com.collectwise.identity", "engine groups, authorizations, Tasklist filters and the first administrator",
        "com.collectwise.supervision", "deployed model versions and the migration of running instances");

    /** Single classes that may use the engine, and why. */
    static final Map<String, String> ENGINE_CLASSES = Map.ofEntries(
        Map.entry("com.collectwise.kernel.CaseEngine", "the gateway from domain code to running cases"),
        Map.entry("com.collectwise.kernel.CurrentUser", "who acts: the engine's authenticated user or the assignee "
            + "of the task or execution a listener runs in"),
        Map.entry("com.collectwise.agreements.AgreementVariables", "the plan variables its delegates share (process "
            + "layer)"),
        Map.entry("com.collectwise.disputes.DisputeVariables", "the dispute variables its delegates share (process "
            + "layer)"),
        Map.entry("com.collectwise.cases.CallOutcomeVariables", "the call outcome variables the two call-outcome "
            + "delegates share (process layer)"),
        Map.entry("com.collectwise.kernel.WorkingDayDeadlines", "moves the timers, task due dates and variables of "
            + "running cases whose deadlines count working days when a calendar year changes"),
        Map.entry("com.collectwise.kernel.CasePlans", "the one casePlan variable the model's timers and gateways read"),
        Map.entry("com.collectwise.kernel.CaseFacts", "the customer and the stage entry of the case a delegate, "
            + "listener or call activity runs in, from its invoice by the business key"),
        Map.entry("com.collectwise.kernel.ElementProperty", "reads the camunda:properties of the element a delegate or "
            + "listener runs on, and which bean the task after it runs"),
        Map.entry("com.collectwise.cases.CustomerCalls", "the customer's call of the day: the create, complete and "
            + "delete steps of every call task (its task listener, CustomerCallPlugin) on the task they run in, "
            + "covering and completing the customer's other call tasks of that day, and refreshing the open call "
            + "forms when money moves"),
        Map.entry("com.collectwise.cases.PlanVariables", "writes the stage plan into a delegate's variable scope"),
        Map.entry("com.collectwise.cases.StageTracker", "moves the stage variables of the case a delegate runs in"),
        Map.entry("com.collectwise.cases.CallOutcomeForm", "reads the call form's submitted variables for its "
            + "listener"),
        Map.entry("com.collectwise.cases.StageChangeRefusedException", "a ProcessEngineException, so the engine "
            + "rolls the task completion back with this message"),
        Map.entry("com.collectwise.api.LostDatabaseMarker", "an engine plugin's command interceptor"),
        Map.entry("com.collectwise.api.ApiExceptionHandler", "answers the engine's optimistic locking conflict "
            + "with the HTTP busy answer"));

    private static final DescribedPredicate<JavaClass> MAY_USE_THE_ENGINE =
        new DescribedPredicate<>("the process layer, kernel.CaseEngine or a listed engine-facing class or package") {
            @Override
            public boolean test(JavaClass c) {
                JavaClass top = c;
                while (top.getEnclosingClass().isPresent()) {
                    top = top.getEnclosingClass().get();
                }
                return top.isAssignableTo(JavaDelegate.class) || top.isAssignableTo(ExecutionListener.class)
                    || top.isAssignableTo(TaskListener.class) || top.isAssignableTo(ProcessEnginePlugin.class)
                    || ENGINE_CLASSES.containsKey(top.getName())
                    || ENGINE_PACKAGES.keySet().stream().anyMatch(p -> c.getPackageName().equals(p)
                        || c.getPackageName().startsWith(p + "."));
            }
        };

    @ArchTest
    static final ArchRule noCamundaOutsideTheProcessLayer = noClasses().that(DescribedPredicate.not(MAY_USE_THE_ENGINE))
        .should().dependOnClassesThat().resideInAPackage("org.camunda..")
        .because("services take plain values; running cases are reached through kernel.CaseEngine");
}
