package com.collectwise.process;

import static com.collectwise.kernel.CaseVariables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

import com.collectwise.kernel.Customer;
import com.collectwise.kernel.Segment;
import com.collectwise.supervision.MigrationPlanView;
import com.collectwise.supervision.MigrationResult;
import com.collectwise.supervision.ProcessVersionService;

/**
 * A supervisor changes the collection model and moves the running cases onto the new version: a case
 * waiting in every stage survives the migration, lands in the same activity and carries on there; a case
 * in an activity the new version no longer has is listed and stays, working, on its old version. The
 * context is discarded afterwards: these tests deploy new versions of the main process.
 */
@SpringBootTest
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ProcessMigrationTest extends CollectionTestSupport {

    @Autowired RepositoryService repository;
    @Autowired ProcessVersionService versions;
    final List<String> deployments = new ArrayList<>();

    /** Registered 2026-03-02: one case per stage, from the invoice's age and a field visit's outcome. */
    Map<String, ProcessInstance> oneCasePerStage() {
        setClock(at(2026, 3, 2, 10, 0));
        Customer c = customer(Segment.DOMESTIC);
        Map<String, ProcessInstance> cases = new LinkedHashMap<>();
        cases.put("Timer_PreDueReminder", start(invoice(c, LocalDate.of(2026, 4, 1), 30, "5000.00"), c));
        cases.put("Task_CallCustomer", start(invoice(c, LocalDate.of(2026, 2, 25), 30, "5000.00"), c));
        cases.put("CallActivity_KeepInContactAfterLetter", start(invoice(c, LocalDate.of(2026, 2, 15), 30, "5000.00"), c));
        cases.put("Task_VisitCustomer", start(invoice(c, LocalDate.of(2026, 2, 5), 30, "5000.00"), c));
        cases.put("Task_ApproveAgencyHandoff", start(invoice(c, LocalDate.of(2025, 12, 20), 30, "5000.00"), c));
        ProcessInstance litigation = start(invoice(c, LocalDate.of(2026, 2, 5), 30, "150000.00"), c);
        visit(litigation, "DENIES_DEBT");
        cases.put("CallActivity_PursueLitigation", litigation); // legal reviews it in Process_Litigation
        ProcessInstance writeOff = start(invoice(c, LocalDate.of(2026, 2, 5), 30, "3000.00"), c);
        visit(writeOff, "NOT_FOUND");
        cases.put("Task_ApproveWriteOff", writeOff);
        cases.forEach((activity, pi) -> BpmnAwareTests.assertThat(pi).as(activity).isWaitingAt(activity));
        return cases;
    }

    void visit(ProcessInstance pi, String outcome) {
        BpmnAwareTests.complete(task(pi, "Task_VisitCustomer"),
            withVariables(VISIT_OUTCOME, outcome, DECISION_MAKER_MET, true, VISIT_REPORT, "Met Ms. Wang."));
        executeDueJobs();
    }

    ProcessDefinition latest() {
        return repository.createProcessDefinitionQuery().processDefinitionKey(PROCESS_COLLECTION).latestVersion()
            .singleResult();
    }

    /** Deploys the main model, changed as a supervisor would in Modeler, as a new version. */
    ProcessDefinition deployChanged(UnaryOperator<String> change) throws IOException {
        String xml;
        try (InputStream in = getClass().getResourceAsStream("/processes/receivable-collection.bpmn")) {
            xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String changed = change.apply(xml);
        assertThat(changed).isNotEqualTo(xml);
        deployments.add(repository.createDeployment().name("supervisor change")
            .addString("receivable-collection.bpmn", changed).deploy().getId());
        return latest();
    }

    /** The next test starts its cases on the application's own model again (and its cases with it go). */
    @AfterEach
    void undeployChanges() {
        deployments.forEach(id -> repository.deleteDeployment(id, true));
        deployments.clear();
    }

    @Test
    void aCaseWaitingInEachStageSurvivesMigrationAndCarriesOn() throws IOException {
        Map<String, ProcessInstance> cases = oneCasePerStage();
        ProcessDefinition before = latest();
        // a clearer label, and a fixed visit deadline of ten days instead of the policy's
        ProcessDefinition after = deployChanged(xml -> xml
            .replace("name=\"Call customer\"", "name=\"Call customer by phone\"")
            .replace("<bpmn:timeDate xsi:type=\"bpmn:tFormalExpression\">${visitDueAt}</bpmn:timeDate>",
                "<bpmn:timeDuration xsi:type=\"bpmn:tFormalExpression\">P10D</bpmn:timeDuration>"));
        assertThat(after.getVersion()).isEqualTo(before.getVersion() + 1);
        cases.values().forEach(pi -> assertThat(definitionOf(pi)).as("a new version leaves cases where they are")
            .isEqualTo(before.getId()));

        MigrationPlanView plan = versions.plan(PROCESS_COLLECTION, before.getVersion(), null);
        assertThat(plan.to().version()).isEqualTo(after.getVersion());
        assertThat(plan.blockedCases()).isEmpty();
        assertThat(plan.unmapped()).allMatch(u -> u.instances() == 0);
        cases.keySet().forEach(activity -> assertThat(plan.mapped())
            .as(activity).anyMatch(m -> m.sourceActivityId().equals(activity) && m.targetActivityId().equals(activity)
                && m.instances() >= 1));

        MigrationResult result = versions.migrate(PROCESS_COLLECTION, before.getVersion(), after.getVersion(), false);
        assertThat(result.migrated()).isEqualTo(plan.runningCases()).isGreaterThanOrEqualTo(cases.size());
        assertThat(result.blockedCases()).isEmpty();
        cases.forEach((activity, pi) -> {
            assertThat(definitionOf(pi)).as(activity).isEqualTo(after.getId());
            BpmnAwareTests.assertThat(pi).as(activity).isWaitingAt(activity);
        });
        // updateEventTriggers: the visit deadline of the migrated case comes from the new model
        Job sla = management.createJobQuery().processInstanceId(cases.get("Task_VisitCustomer").getId())
            .activityId("Timer_VisitSlaExpired").singleResult();
        assertThat(sla.getDuedate().toInstant()).isEqualTo(at(2026, 3, 12, 10, 0).toInstant());

        // the migrated cases carry on: the call is made, and the next one is named as in the new model
        ProcessInstance calling = cases.get("Task_CallCustomer");
        BpmnAwareTests.complete(task(calling, "Task_CallCustomer"), withVariables(CALL_OUTCOME, "NO_ANSWER"));
        executeDueJobs();
        BpmnAwareTests.assertThat(calling).isWaitingAt("Timer_NextCallDue");
        moveTo(at(2026, 3, 3, 15, 30));
        Task nextCall = task(calling, "Task_CallCustomer");
        assertThat(nextCall.getName()).isEqualTo("Call customer by phone");
        // the pre-due case still reminds on the policy's date
        moveTo(at(2026, 3, 25, 9, 0));
        BpmnAwareTests.assertThat(cases.get("Timer_PreDueReminder")).isWaitingAt("Timer_InvoiceOverdue");
        // the write-off approval still closes the case
        ProcessInstance writeOff = cases.get("Task_ApproveWriteOff");
        BpmnAwareTests.complete(task(writeOff, "Task_ApproveWriteOff"),
            withVariables(CLOSING_DECISION, "WRITE_OFF", DECISION_REASON, "Customer gone"));
        executeDueJobs();
        BpmnAwareTests.assertThat(writeOff).isEnded();
    }

    @Test
    void casesInAnActivityTheNewVersionDropsAreListedAndKeepWorking() throws IOException {
        Map<String, ProcessInstance> cases = oneCasePerStage();
        ProcessDefinition before = latest();
        ProcessDefinition after = deployChanged(xml -> xml.replaceAll("Task_ApproveWriteOff\\b",
            "Task_ApproveWriteOffOrSale"));

        MigrationPlanView plan = versions.plan(PROCESS_COLLECTION, before.getVersion(), after.getVersion());
        assertThat(plan.unmapped()).anyMatch(u -> u.activityId().equals("Task_ApproveWriteOff") && u.instances() == 1);
        ProcessInstance writeOff = cases.get("Task_ApproveWriteOff");
        assertThat(plan.blockedCases()).singleElement().satisfies(b -> {
            assertThat(b.processInstanceId()).isEqualTo(writeOff.getId());
            assertThat(b.activityIds()).containsExactly("Task_ApproveWriteOff");
            assertThat(b.cockpitLink()).isEqualTo("/camunda/app/cockpit/default/#/process-instance/" + writeOff.getId());
        });

        MigrationResult result = versions.migrate(PROCESS_COLLECTION, before.getVersion(), after.getVersion(), false);
        // every case of the old version moves (the other test's cases too) except the blocked one
        assertThat(result.migrated()).isEqualTo(plan.runningCases() - 1);
        assertThat(result.blockedCases()).hasSize(1);
        assertThat(definitionOf(writeOff)).isEqualTo(before.getId());
        cases.forEach((activity, pi) -> BpmnAwareTests.assertThat(pi).as(activity).isWaitingAt(activity));

        // not broken: the left-behind case finishes on its own version
        BpmnAwareTests.complete(task(writeOff, "Task_ApproveWriteOff"),
            withVariables(CLOSING_DECISION, "WRITE_OFF", DECISION_REASON, "Customer gone"));
        executeDueJobs();
        BpmnAwareTests.assertThat(writeOff).isEnded();
    }

    /**
     * A case waiting at "Visit customer" on a version from before the contact ran beside the visit (a test-only copy
     * of that shape) is migrated (as a batch, the API's default): "Keep in contact" is started beside its visit, so the
     * collector's calls go on while the visit is pending, and the modification says why.
     */
    @Test
    void aCaseMigratedWhileAtTheVisitGetsTheContactBesideIt() {
        deployments.add(repository.createDeployment().name("collection before contact beside the visit (test)")
            .addClasspathResource("earlier-versions/receivable-collection-before-contact-beside-visit.bpmn").deploy()
            .getId());
        ProcessDefinition before = latest();
        setClock(at(2026, 3, 2, 10, 0));
        Customer c = customer(Segment.DOMESTIC);
        ProcessInstance pi = start(invoice(c, LocalDate.of(2026, 2, 5), 30, "5000.00"), c);
        BpmnAwareTests.assertThat(pi).isWaitingAt("Task_VisitCustomer");
        assertThat(definitionOf(pi)).isEqualTo(before.getId());
        assertThat(runtime.createProcessInstanceQuery().superProcessInstanceId(pi.getId())
            .processDefinitionKey(PROCESS_KEEP_IN_CONTACT).count()).as("the earlier shape has no contact beside").isZero();
        deployments.add(repository.createDeployment().name("collection as now (test)")
            .addClasspathResource("processes/receivable-collection.bpmn").deploy().getId());
        ProcessDefinition after = latest();

        MigrationResult result = versions.migrate(PROCESS_COLLECTION, before.getVersion(), after.getVersion(), true);
        assertThat(result.migrated()).isEqualTo(1);
        assertThat(definitionOf(pi)).as("moved at once, not in the batch").isEqualTo(after.getId());
        BpmnAwareTests.assertThat(pi).isWaitingAt("Task_VisitCustomer", "CallActivity_KeepInContactDuringVisit");
        ProcessInstance contact = runtime.createProcessInstanceQuery().superProcessInstanceId(pi.getId())
            .processDefinitionKey(PROCESS_KEEP_IN_CONTACT).singleResult();
        assertThat(contact).as("contact goes on beside the visit").isNotNull();
        BpmnAwareTests.assertThat(contact).isWaitingAt("Timer_FollowUpCallDue", "Timer_WrittenReminderDue");
        if (result.batchId() != null) {
            management.deleteBatch(result.batchId(), true);
        }
    }

    /** Cockpit shows strings, numbers, dates, booleans and JSON as they are; serialized objects it cannot. */
    @Test
    void caseVariablesInEveryStageAreReadableInCockpit() {
        oneCasePerStage().forEach((activity, pi) -> {
            var variables = runtime.getVariablesTyped(pi.getId(), true);
            for (String name : variables.keySet()) {
                var type = variables.getValueTyped(name).getType();
                assertThat(type.isPrimitiveValueType() || "json".equals(type.getName()))
                    .as(activity + ": " + name + " is " + type.getName()).isTrue();
            }
        });
    }

    String definitionOf(ProcessInstance pi) {
        return runtime.createProcessInstanceQuery().processInstanceId(pi.getId()).singleResult()
            .getProcessDefinitionId();
    }
}
