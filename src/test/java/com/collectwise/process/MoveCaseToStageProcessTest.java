package com.collectwise.process;

import static com.collectwise.kernel.CaseVariables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import com.collectwise.kernel.Invoice;
import com.collectwise.cases.StageChangeRefusedException;
import com.collectwise.kernel.Customer;
import com.collectwise.kernel.Segment;

/** Process_MoveCaseToStage: supervisors move a running case; refusals fail the start with a message. */
@SpringBootTest
@ActiveProfiles("test")
@Import(ProcessEngineCoverageConfiguration.class)
class MoveCaseToStageProcessTest extends CollectionTestSupport {

    @Autowired IdentityService identity;
    @Autowired AuthorizationService authorizations;

    @AfterEach
    void logout() {
        identity.clearAuthentication();
        authorizations.createAuthorizationQuery().userIdIn("super1").list()
            .forEach(a -> authorizations.deleteAuthorization(a.getId()));
    }

    void grant(Resources resource, String resourceId, Permissions... permissions) {
        Authorization a = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        a.setUserId("super1");
        a.setResource(resource);
        a.setResourceId(resourceId);
        for (Permissions p : permissions) {
            a.addPermission(p);
        }
        authorizations.saveAuthorization(a);
    }

    @Test
    void isStartableBySupervisorsOnly() {
        ProcessDefinition definition = engine.getRepositoryService().createProcessDefinitionQuery()
            .processDefinitionKey(PROCESS_MOVE_CASE).latestVersion().singleResult();
        assertThat(definition.isStartableInTasklist()).isTrue();
        assertThat(engine.getRepositoryService().getBpmnModelInstance(definition.getId())
            .getModelElementById(PROCESS_MOVE_CASE).getAttributeValueNs("http://camunda.org/schema/1.0/bpmn",
                "candidateStarterGroups")).isEqualTo("supervisors");
        ProcessDefinition collection = engine.getRepositoryService().createProcessDefinitionQuery()
            .processDefinitionKey(PROCESS_COLLECTION).latestVersion().singleResult();
        assertThat(collection.isStartableInTasklist()).isFalse();
    }

    @Test
    void movesTheCaseAndNamesTheSupervisor() {
        setClock(at(2026, 3, 5, 10, 0));
        Customer c = customer(Segment.DOMESTIC);
        Invoice i = invoice(c, LocalDate.of(2026, 3, 3), 30, "12000.00");
        ProcessInstance collection = start(i, c);
        BpmnAwareTests.assertThat(collection).isWaitingAt("Task_CallCustomer");

        // what a supervisor needs to start the request from Tasklist; nothing on the collection case itself
        grant(Resources.PROCESS_DEFINITION, PROCESS_MOVE_CASE, Permissions.READ, Permissions.CREATE_INSTANCE);
        grant(Resources.PROCESS_INSTANCE, "*", Permissions.CREATE);
        identity.setAuthentication("super1", List.of("supervisors"));
        ProcessInstance move = runtime.startProcessInstanceByKey(PROCESS_MOVE_CASE, withVariables(
            INVOICE_NUMBER, " " + i.invoiceNumber() + " ", TARGET_STAGE, "AGENCY", STAGE_CHANGE_REASON, "fraud suspected"));
        identity.clearAuthentication();

        BpmnAwareTests.assertThat(move).hasPassed("Task_MoveCaseToRequestedStage", "EndEvent_CaseMoved").isEnded();
        // moved past formal demand without a letter: the letter (and the credit hold) go out first
        executeDueJobs();
        BpmnAwareTests.assertThat(collection).hasPassed("Task_SendFirstDunningLetter", "Task_PlaceFirstCreditHold")
            .isWaitingAt("Task_ApproveAgencyHandoff")
            .variables().containsEntry(STAGE, "AGENCY").containsEntry(STAGE_CHANGE_REQUESTED_BY, "super1");
        // the move is recorded, then the letter it sends first (a contact attempt of the case file)
        assertThat(contacts.list(i.invoiceNumber())).extracting(e -> e.outcome()).endsWith("FORMAL_LETTER");
        assertThat(contacts.list(i.invoiceNumber())).filteredOn(e -> !"FORMAL_LETTER".equals(e.outcome())).last()
            .satisfies(e -> assertThat(e.note()).isEqualTo("Moved from INTERNAL_REMINDER to AGENCY by super1: fraud suspected"));
    }

    @Test
    void unknownInvoiceFailsTheStartWithAMessage() {
        assertThatThrownBy(() -> runtime.startProcessInstanceByKey(PROCESS_MOVE_CASE, withVariables(
            INVOICE_NUMBER, "NO-SUCH-INVOICE", TARGET_STAGE, "AGENCY", STAGE_CHANGE_REASON, "test")))
            .isInstanceOf(StageChangeRefusedException.class).hasMessage("There is no case for invoice NO-SUCH-INVOICE.");
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS_MOVE_CASE).count()).isZero();
    }

    @Test
    void closedCaseUnknownStageAndMissingReasonAreRefused() {
        setClock(at(2026, 3, 5, 10, 0));
        Customer c = customer(Segment.DOMESTIC);
        Invoice i = invoice(c, LocalDate.of(2026, 3, 3), 30, "100.00");
        start(i, c);
        Map<String, Object> noReason = withVariables(INVOICE_NUMBER, i.invoiceNumber(), TARGET_STAGE, "AGENCY");
        assertThatThrownBy(() -> runtime.startProcessInstanceByKey(PROCESS_MOVE_CASE, noReason))
            .hasMessage("Say why the case should move to AGENCY.");
        assertThatThrownBy(() -> runtime.startProcessInstanceByKey(PROCESS_MOVE_CASE, withVariables(
            INVOICE_NUMBER, i.invoiceNumber(), TARGET_STAGE, "CLOSED", STAGE_CHANGE_REASON, "x")))
            .hasMessageContaining("Target stage 'CLOSED' is not one of");

        jdbc.sql("UPDATE invoices SET status = 'SETTLED' WHERE invoice_number = ?").param(i.invoiceNumber()).update();
        cases.invoiceSettled(i.invoiceNumber());
        executeDueJobs();
        assertThatThrownBy(() -> runtime.startProcessInstanceByKey(PROCESS_MOVE_CASE, withVariables(
            INVOICE_NUMBER, i.invoiceNumber(), TARGET_STAGE, "AGENCY", STAGE_CHANGE_REASON, "x")))
            .hasMessage("The case of invoice " + i.invoiceNumber() + " is closed (SETTLED) and cannot move.");
    }
}
