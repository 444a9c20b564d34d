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

    /**
     * A claim past its limitation date is not handed to an agency (DOMAIN.md sections 2 and 7). Due 2022-01-10, no
     * interruption: limitation date 2025-01-10; on 2026-03-05 the case starts at legal review. A supervisor moves it
     * back to the formal demand (a request for voluntary payment), then asks for the agency: refused with the reason
     * and where it can go instead, nothing moves; legal review can be asked for.
     */
    @Test
    void aTimeBarredClaimIsNotMovedToTheAgency() {
        setClock(at(2026, 3, 5, 10, 0));
        Customer c = customer(Segment.DOMESTIC);
        Invoice i = invoice(c, LocalDate.of(2022, 1, 10), 30, "12000.00");
        ProcessInstance collection = start(i, c);
        assertAtLitigationReview(collection);

        runtime.startProcessInstanceByKey(PROCESS_MOVE_CASE, withVariables(INVOICE_NUMBER, i.invoiceNumber(),
            TARGET_STAGE, "FORMAL_DEMAND", STAGE_CHANGE_REASON, "ask for voluntary payment"));
        executeDueJobs();
        assertThat(reload(i).stage()).isEqualTo(com.collectwise.kernel.Stage.FORMAL_DEMAND);

        assertThatThrownBy(() -> runtime.startProcessInstanceByKey(PROCESS_MOVE_CASE, withVariables(
            INVOICE_NUMBER, i.invoiceNumber(), TARGET_STAGE, "AGENCY", STAGE_CHANGE_REASON, "no answer")))
            .isInstanceOf(StageChangeRefusedException.class)
            .hasMessage("The claim of invoice " + i.invoiceNumber() + " is time-barred since 2025-01-10 (its"
                + " limitation date): it is not handed to an agency. Move it to LITIGATION for legal review.");
        executeDueJobs();
        assertThat(reload(i).stage()).isEqualTo(com.collectwise.kernel.Stage.FORMAL_DEMAND);

        runtime.startProcessInstanceByKey(PROCESS_MOVE_CASE, withVariables(INVOICE_NUMBER, i.invoiceNumber(),
            TARGET_STAGE, "LITIGATION", STAGE_CHANGE_REASON, "no answer"));
        executeDueJobs();
        assertAtLitigationReview(collection);
    }

    /**
     * A move asked for by a message of its own (engine REST, Message_StageChangeRequested) is not checked by the
     * Tasklist start: "Check limitation date" sends the time-barred claim to legal review, and the case file says so
     * where the move is recorded.
     */
    @Test
    void aTimeBarredClaimMovedToTheAgencyByMessageGoesToLegalReviewAndTheCaseFileSaysWhy() {
        setClock(at(2026, 3, 5, 10, 0));
        Customer c = customer(Segment.DOMESTIC);
        Invoice i = invoice(c, LocalDate.of(2022, 1, 10), 30, "12000.00");
        ProcessInstance collection = start(i, c);
        runtime.createMessageCorrelation(MSG_STAGE_CHANGE).processInstanceBusinessKey(i.invoiceNumber())
            .setVariable(TARGET_STAGE, "AGENCY").setVariable(STAGE_CHANGE_REASON, "no answer").correlate();
        executeDueJobs();

        assertAtLitigationReview(collection);
        assertThat(reload(i).stage()).isEqualTo(com.collectwise.kernel.Stage.LITIGATION);
        assertThat(contacts.list(i.invoiceNumber())).filteredOn(e -> "STAGE_CHANGE".equals(e.outcome())).last()
            .satisfies(e -> assertThat(e.note()).isEqualTo("Moved from LITIGATION to AGENCY: no answer. The claim is"
                + " time-barred since 2025-01-10 (its limitation date): legal review instead of the agency."));
    }

    /**
     * Moved back, the stage gets its full length: due 2026-03-03 (T = 30), registered 2026-03-25 10:17 (D+22: the
     * field stage). Moved back to the internal reminder at once: its normal start, 03-04 09:00, is 21 days ago (by the
     * calendar), so every later deadline moves by 21 days and keeps nine o'clock, the hour stage timers use - as if the
     * case had entered the stage by its timer that morning, not at the hour of the move: formal demand 03-13 09:00 ->
     * 04-03 09:00 (the 9 days from D+1 to D+10), field visit 03-23 09:00 -> 04-13 09:00, agency 05-02 09:00 -> 05-23
     * 09:00. Then moved forward to the field stage on 03-27: its normal start (04-13 09:00 now) lies ahead, the dates
     * stay; the agency timer waits for 05-23 09:00.
     */
    @Test
    void movedBackTheStageGetsItsFullLengthAndMovedForwardTheLaterDatesStay() {
        setClock(at(2026, 3, 25, 10, 17));
        Customer c = customer(Segment.DOMESTIC);
        Invoice i = invoice(c, LocalDate.of(2026, 3, 3), 30, "12000.00");
        ProcessInstance collection = start(i, c);
        assertThat(reload(i).stage()).isEqualTo(com.collectwise.kernel.Stage.FIELD_VISIT);

        runtime.startProcessInstanceByKey(PROCESS_MOVE_CASE, withVariables(INVOICE_NUMBER, i.invoiceNumber(),
            TARGET_STAGE, "INTERNAL_REMINDER", STAGE_CHANGE_REASON, "new finance contact"));
        executeDueJobs();
        assertThat(reload(i).stage()).isEqualTo(com.collectwise.kernel.Stage.INTERNAL_REMINDER);
        assertThat(timerDue(collection, "Timer_FormalDemandDue")).isEqualTo(at(2026, 4, 3, 9, 0).toInstant());
        assertThat(casePlan(collection).fieldVisitAt()).isEqualTo("2026-04-13T09:00:00+08:00");
        assertThat(casePlan(collection).agencyAt()).isEqualTo("2026-05-23T09:00:00+08:00");

        setClock(at(2026, 3, 27, 10, 0));
        runtime.startProcessInstanceByKey(PROCESS_MOVE_CASE, withVariables(INVOICE_NUMBER, i.invoiceNumber(),
            TARGET_STAGE, "FIELD_VISIT", STAGE_CHANGE_REASON, "promised visit"));
        executeDueJobs();
        assertThat(reload(i).stage()).isEqualTo(com.collectwise.kernel.Stage.FIELD_VISIT);
        assertThat(casePlan(collection).agencyAt()).isEqualTo("2026-05-23T09:00:00+08:00");
        assertThat(task(collection, "Task_VisitCustomer")).isNotNull();
    }

    java.time.Instant timerDue(ProcessInstance pi, String activityId) {
        return management.createJobQuery().processInstanceId(pi.getId()).activityId(activityId).singleResult()
            .getDuedate().toInstant();
    }
}
