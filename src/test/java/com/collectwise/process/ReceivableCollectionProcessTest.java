package com.collectwise.process;

import static com.collectwise.kernel.CaseVariables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.time.LocalDate;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.junit.jupiter.api.Test;
import java.math.BigDecimal;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.util.ReflectionTestUtils;

import com.collectwise.kernel.CasePlan;
import com.collectwise.kernel.CaseStatus;
import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.Stage;
import com.collectwise.communication.Outbox;
import com.collectwise.kernel.Customer;
import com.collectwise.kernel.Segment;
import com.collectwise.fees.Ledger;
import com.collectwise.payments.PaymentRepository;
import com.collectwise.screens.ScreenForms;

/**
 * Walks every path of Process_ReceivableCollection. Default invoice: 30-day term, due Tuesday 2026-03-03,
 * so the policy puts the pre-due reminder at 02-24, overdue at 03-04, formal demand at 03-13, field visit
 * at 03-23 and the agency at 05-02 (09:00 Asia/Shanghai each).
 */
@SpringBootTest
@ActiveProfiles("test")
@Import(ProcessEngineCoverageConfiguration.class)
class ReceivableCollectionProcessTest extends CollectionTestSupport {

    @Autowired Ledger ledger;
    @Autowired ScreenForms screenForms;
    @Autowired com.collectwise.cases.ObjectionPlaybook playbook;

    static final LocalDate DUE = LocalDate.of(2026, 3, 3);

    Customer customer;
    Invoice invoice;
    @org.springframework.beans.factory.annotation.Autowired com.collectwise.handoff.CostBenefit costBenefit;
    @org.springframework.beans.factory.annotation.Autowired com.collectwise.fees.CaseFigures caseFigures;
    @org.springframework.beans.factory.annotation.Autowired com.collectwise.handoff.ApproveAgencyHandoffListener agencyListener;

    ProcessInstance registeredBeforeDue(String amount) {
        setClock(at(2026, 2, 20, 10, 0));
        customer = customer(Segment.DOMESTIC);
        invoice = invoice(customer, DUE, 30, amount);
        return start(invoice, customer);
    }

    /** Registered on 03-05, two days overdue: the case starts with the overdue reminder and a call. */
    ProcessInstance atFirstCall(String amount) {
        setClock(at(2026, 3, 5, 10, 0));
        customer = customer(Segment.DOMESTIC);
        invoice = invoice(customer, DUE, 30, amount);
        ProcessInstance pi = start(invoice, customer);
        BpmnAwareTests.assertThat(pi).isWaitingAt("Task_CallCustomer");
        return pi;
    }

    void call(ProcessInstance pi, Map<String, Object> outcome) {
        BpmnAwareTests.complete(task(pi, "Task_CallCustomer"), outcome);
        executeDueJobs();
    }

    ProcessInstance atFieldVisit(String amount) {
        ProcessInstance pi = atFirstCall(amount);
        moveTo(at(2026, 3, 23, 9, 0));
        BpmnAwareTests.assertThat(pi).isWaitingAt("Task_VisitCustomer");
        return pi;
    }

    void visit(ProcessInstance pi, String outcome) {
        BpmnAwareTests.complete(task(pi, "Task_VisitCustomer"),
            withVariables(VISIT_OUTCOME, outcome, DECISION_MAKER_MET, true, VISIT_REPORT, "Met Ms. Wang at the office."));
        executeDueJobs();
    }

    ProcessInstance atAgencyApproval() {
        ProcessInstance pi = atFieldVisit("12000.00");
        visit(pi, "CANNOT_PAY");
        BpmnAwareTests.assertThat(pi).isWaitingAt("CallActivity_KeepInContactUntilAgency");
        moveTo(at(2026, 5, 2, 9, 0));
        BpmnAwareTests.assertThat(pi).isWaitingAt("Task_ApproveAgencyHandoff");
        return pi;
    }

    void decide(ProcessInstance pi, String taskKey, Map<String, Object> decision) {
        BpmnAwareTests.complete(task(pi, taskKey), decision);
        executeDueJobs();
    }

    ProcessInstance atLitigationReview() {
        ProcessInstance pi = atFieldVisit("150000.00");
        visit(pi, "DENIES_DEBT");
        assertAtLitigationReview(pi);
        return pi;
    }

    ProcessInstance atWriteOffApproval() {
        ProcessInstance pi = atFieldVisit("3000.00");
        visit(pi, "NOT_FOUND");
        BpmnAwareTests.assertThat(pi).isWaitingAt("Task_ApproveWriteOff");
        return pi;
    }

    // ---- what the history keeps (history level "collection", operations/CollectionHistoryLevel)

    @Test
    void historyKeepsTheBusinessVariablesButNotWorkingVariablesOrUpdateCopies() {
        ProcessInstance pi = registeredBeforeDue("12000.00");
        runtime.setVariable(pi.getId(), OUTSTANDING_AMOUNT, 11000.0);

        assertThat(engine.getProcessEngineConfiguration().getHistory()).isEqualTo("collection");
        var kept = history.createHistoricVariableInstanceQuery().processInstanceId(pi.getId()).list().stream()
            .collect(java.util.stream.Collectors.toMap(v -> v.getName(), v -> String.valueOf(v.getValue())));
        assertThat(kept).doesNotContainKeys(PRE_DUE_REMINDER_AT, FORMAL_DEMAND_AT, CUSTOMER_NAME, DAYS_OVERDUE)
            // the case header is a copy of domain data with its own record (TUNING.md, change 42): runtime only,
            // neither at start nor for the update
            .doesNotContainKeys(OUTSTANDING_AMOUNT, STAGE, INVOICE_NUMBER, COLLECTOR, CURRENCY)
            // the plan the timers read is one variable, kept: the case's story (issue 18)
            .containsOnlyKeys(CASE_PLAN);
        assertThat(kept.get(CASE_PLAN)).contains("\"formalDemandAt\":\"2026-03-13T09:00:00+08:00\"");
        // the invoice number stays the historic process instance's business key
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(pi.getId()).singleResult()
            .getBusinessKey()).isEqualTo(invoice.invoiceNumber());
        // runtime still has everything the timers and the case header use; the days overdue are no longer a copy in
        // the case but put on each task when it opens (issue 18, step 5: cases.FormFactsListener, asserted below)
        assertThat(runtime.getVariables(pi.getId())).containsKeys(CASE_PLAN, CUSTOMER_NAME)
            .containsEntry(OUTSTANDING_AMOUNT, 11000.0).containsEntry(STAGE, "PRE_DUE")
            .containsEntry(INVOICE_NUMBER, invoice.invoiceNumber()).containsKeys(COLLECTOR, CURRENCY);
        // no per-update copies of variables
        assertThat(history.createHistoricDetailQuery().processInstanceId(pi.getId()).count()).isZero();
        // everything else of FULL stays: activity history; the job log without creation rows (below)
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(pi.getId()).count()).isPositive();
    }

    /**
     * The job log keeps what happened to a job - it ran, failed or was deleted - but not that it was created (TUNING.md
     * row 63): a case start writes no job log row (its first timer only waits; the runtime job shows it with its due
     * date), the pre-due reminder's timer leaves its success row with its due date 2026-02-24 09:00 (+08:00), the next
     * timer it creates ("Invoice overdue", 03-04) no row, and its deletion with the case one row: 2 rows in all (4 with
     * creation rows: one per timer created).
     */
    @Test
    void theJobLogKeepsWhatHappenedToAJobButNotItsCreation() {
        var level = new com.collectwise.operations.CollectionHistoryLevel();
        var types = org.camunda.bpm.engine.impl.history.event.HistoryEventTypes.class;
        assertThat(level.isHistoryEventProduced(org.camunda.bpm.engine.impl.history.event.HistoryEventTypes.JOB_CREATE,
            null)).isFalse();
        for (var kept : java.util.List.of(org.camunda.bpm.engine.impl.history.event.HistoryEventTypes.JOB_FAIL,
            org.camunda.bpm.engine.impl.history.event.HistoryEventTypes.JOB_SUCCESS,
            org.camunda.bpm.engine.impl.history.event.HistoryEventTypes.JOB_DELETE)) {
            assertThat(level.isHistoryEventProduced(kept, null)).as(types.getSimpleName() + " " + kept).isTrue();
        }

        ProcessInstance pi = registeredBeforeDue("12000.00");
        assertThat(history.createHistoricJobLogQuery().processInstanceId(pi.getId()).count()).as("after the start")
            .isZero();
        assertThat(management.createJobQuery().processInstanceId(pi.getId()).activityId("Timer_PreDueReminder")
            .singleResult().getDuedate()).isEqualTo(java.util.Date.from(at(2026, 2, 24, 9, 0).toInstant()));

        moveTo(at(2026, 2, 24, 9, 0));
        var ran = history.createHistoricJobLogQuery().processInstanceId(pi.getId()).successLog().list();
        assertThat(ran).extracting(org.camunda.bpm.engine.history.HistoricJobLog::getActivityId)
            .containsExactly("Timer_PreDueReminder");
        assertThat(ran.get(0).getJobDueDate()).isEqualTo(java.util.Date.from(at(2026, 2, 24, 9, 0).toInstant()));
        BpmnAwareTests.assertThat(pi).isWaitingAt("Timer_InvoiceOverdue");
        assertThat(history.createHistoricJobLogQuery().processInstanceId(pi.getId()).creationLog().count())
            .as("the overdue timer created").isZero();

        runtime.deleteProcessInstance(pi.getId(), "test: the waiting timer is deleted with its case");
        assertThat(history.createHistoricJobLogQuery().processInstanceId(pi.getId()).deletionLog().list())
            .extracting(org.camunda.bpm.engine.history.HistoricJobLog::getActivityId).containsExactly("Timer_InvoiceOverdue");
        assertThat(history.createHistoricJobLogQuery().processInstanceId(pi.getId()).count()).isEqualTo(2);
    }

    @Test
    void theCaseHeaderCopiesLeaveNoVariableHistoryForAnyEventThePlanAndOtherVariablesKeepTheirs() {
        // the same names for create, update, delete and migrate: no update or delete looks for a row never written
        var level = new com.collectwise.operations.CollectionHistoryLevel();
        for (var type : java.util.List.of(org.camunda.bpm.engine.impl.history.event.HistoryEventTypes.VARIABLE_INSTANCE_CREATE,
            org.camunda.bpm.engine.impl.history.event.HistoryEventTypes.VARIABLE_INSTANCE_UPDATE,
            org.camunda.bpm.engine.impl.history.event.HistoryEventTypes.VARIABLE_INSTANCE_DELETE,
            org.camunda.bpm.engine.impl.history.event.HistoryEventTypes.VARIABLE_INSTANCE_MIGRATE)) {
            for (String header : new String[] {INVOICE_NUMBER, COLLECTOR, CURRENCY, OUTSTANDING_AMOUNT, STAGE}) {
                assertThat(level.isHistoryEventProduced(type, variableNamed(header))).as(type + " " + header).isFalse();
            }
            for (String kept : new String[] {CASE_PLAN, AGREEMENT_OUTCOME, AGENCY_REPORT_STATUS, PARTIAL_PAYMENT_REASON}) {
                assertThat(level.isHistoryEventProduced(type, variableNamed(kept))).as(type + " " + kept).isTrue();
            }
        }

        // along a case: a part payment updates the outstanding amount, a supervisor moves the stage, the case ends
        ProcessInstance pi = atFirstCall("12000.00");
        cases.partPaymentReceived(invoice.invoiceNumber(), new BigDecimal("2000.00"), new BigDecimal("10000.00"));
        BpmnAwareTests.complete(task(pi, "Task_ClarifyPartialPayment"),
            withVariables(PARTIAL_PAYMENT_REASON, "cash flow, rest next month"));
        assertThat(variable(pi, OUTSTANDING_AMOUNT)).isEqualTo(10000.0);
        runtime.createMessageCorrelation(MSG_STAGE_CHANGE).processInstanceBusinessKey(invoice.invoiceNumber())
            .setVariable(TARGET_STAGE, "FORMAL_DEMAND").setVariable(STAGE_CHANGE_REASON, "no answer").correlate();
        executeDueJobs();
        assertThat(variable(pi, STAGE)).isEqualTo("FORMAL_DEMAND");
        // the stage keeps its dated record in the domain table
        assertThat(jdbc.sql("SELECT COUNT(*) FROM case_stage_history WHERE invoice_number = ?")
            .param(invoice.invoiceNumber()).query(Integer.class).single()).isPositive();
        jdbc.sql("UPDATE invoices SET status = 'SETTLED' WHERE invoice_number = ?").param(invoice.invoiceNumber()).update();
        cases.invoiceSettled(invoice.invoiceNumber());
        executeDueJobs();
        BpmnAwareTests.assertThat(pi).isEnded();
        var kept = history.createHistoricVariableInstanceQuery().processInstanceId(pi.getId()).list().stream()
            .map(org.camunda.bpm.engine.history.HistoricVariableInstance::getName).toList();
        assertThat(kept).contains(CASE_PLAN, PARTIAL_PAYMENT_REASON)
            .doesNotContain(INVOICE_NUMBER, COLLECTOR, CURRENCY, OUTSTANDING_AMOUNT, STAGE);
        assertThat(history.createHistoricDetailQuery().processInstanceId(pi.getId()).count()).isZero();
    }

    static org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity variableNamed(String name) {
        var variable = new org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity();
        variable.setName(name);
        return variable;
    }

    /** Activity ids in the history of a process instance (finished or not). */
    java.util.List<String> passed(ProcessInstance pi) {
        return history.createHistoricActivityInstanceQuery().processInstanceId(pi.getId())
            .orderPartiallyByOccurrence().asc().list().stream()
            .map(org.camunda.bpm.engine.history.HistoricActivityInstance::getActivityId).toList();
    }

    @Test
    void plainStartEventsAndMergingGatewaysLeaveNoActivityHistoryMessageStartsAndDecidingGatewaysKeepTheirs() {
        // issue 18 (TUNING.md, changes 18 and 42): a case start passes three none start events and the merging
        // gateway Gateway_CollectionResumes; history keeps the rest, the element after the merge too (but the two
        // steps that run only while the case starts, change 58: see the test below)
        ProcessInstance pi = registeredBeforeDue("12000.00");
        assertThat(passed(pi)).containsExactlyInAnyOrder(
            "SubProcess_CollectReceivable", "Gateway_EntryStage", "SubProcess_RemindBeforeDue", "Timer_PreDueReminder");
        assertThat(history.createHistoricActivityInstanceQuery().activityType("startEvent")
            .processInstanceId(pi.getId()).count()).isZero();
        // the process instance still names the start event it started at
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(pi.getId()).singleResult()
            .getStartActivityId()).isEqualTo("StartEvent_InvoiceRegistered");

        // an overdue case: its stage's none start event is gone too, and the merges on its way (into the collection,
        // the stage, the call); the deciding gateway and the elements after the merges are there
        ProcessInstance overdue = atFirstCall("12000.00");
        assertThat(passed(overdue)).doesNotContain("StartEvent_InvoiceRegistered", "StartEvent_CollectionStarted",
            "StartEvent_InternalReminderEntered", "Gateway_CollectionResumes", "Gateway_MergeInternalReminder",
            "Gateway_MergeCall")
            .contains("SubProcess_CollectReceivable", "Gateway_EntryStage", "SubProcess_RemindAndCall",
                "Task_SendOverdueReminder", "Task_ChargeReminderFee", "Task_CallCustomer");
        // a part payment: the message start of its event sub-process keeps its history, finished, and so does the
        // sub-process it starts; ending the sub-process finds no row missing
        cases.partPaymentReceived(invoice.invoiceNumber(), new java.math.BigDecimal("2000.00"),
            new java.math.BigDecimal("10000.00"));
        var partPayment = history.createHistoricActivityInstanceQuery().processInstanceId(overdue.getId())
            .activityId("StartEvent_PartPaymentReceived").singleResult();
        assertThat(partPayment.getActivityType()).isEqualTo("messageStartEvent");
        assertThat(partPayment.getEndTime()).isNotNull();
        BpmnAwareTests.complete(task(overdue, "Task_ClarifyPartialPayment"),
            withVariables(PARTIAL_PAYMENT_REASON, "cash flow, rest next month"));
        BpmnAwareTests.assertThat(overdue).hasPassed("StartEvent_PartPaymentReceived", "Task_ClarifyPartialPayment",
            "EndEvent_PaymentExplained", "SubProcess_PartPaymentReceived").isWaitingAt("Task_CallCustomer");
        assertThat(history.createHistoricActivityInstanceQuery().activityType("startEvent")
            .processInstanceId(overdue.getId()).count()).isZero();
        // and a case that ends: every historic activity instance but the open ones is finished
        jdbc.sql("UPDATE invoices SET status = 'SETTLED' WHERE invoice_number = ?").param(invoice.invoiceNumber()).update();
        cases.invoiceSettled(invoice.invoiceNumber());
        executeDueJobs();
        BpmnAwareTests.assertThat(overdue).isEnded().hasPassed("Task_CloseSettledCase", "EndEvent_CaseClosed");
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(overdue.getId()).unfinished()
            .count()).isZero();
        assertThat(history.createHistoricActivityInstanceQuery().activityType("startEvent")
            .processInstanceId(overdue.getId()).count()).isZero();
    }

    /**
     * The pure merging gateways of the deployed models (exclusive, more than one incoming and one outgoing sequence
     * flow), counted by hand from the BPMN files.
     */
    static final Map<String, java.util.Set<String>> MERGING_GATEWAYS = Map.of(
        "Process_ReceivableCollection", java.util.Set.of("Gateway_CollectionResumes", "Gateway_MergeFormalLetter",
            "Gateway_MergeInternalReminder", "Gateway_MergeCall", "Gateway_MergeNextCall", "Gateway_MergeFormalDemand",
            "Gateway_MergeFieldVisit", "Gateway_MergeVisit", "Gateway_MergeAfterVisit", "Gateway_MergeNextStepDecision",
            "Gateway_MergeAgency", "Gateway_MergeLitigation", "Gateway_MergeWriteOff", "Gateway_MergeAgreementProposed"),
        "Process_KeepInContact", java.util.Set.of("Gateway_MergeFollowUpCall", "Gateway_CallHandled",
            "Gateway_MergeWrittenReminder"),
        "Process_InstalmentAgreement", java.util.Set.of("Gateway_MergeApproved", "Gateway_MergeInstalment",
            "Gateway_MergeContinue", "Gateway_MergeDemandPeriod"),
        "Process_AgencyHandoff", java.util.Set.of("Gateway_MergeAgencyReport", "Gateway_MergeMandateEnd"),
        "Process_Dispute", java.util.Set.of("Gateway_MergeDecision"));

    @Test
    void theStepsThatOnlyStartACaseLeaveNoActivityHistoryThePlanTellsTheirOutcome() {
        // issue 18 (TUNING.md, change 58): "Determine collection policy" and "Plan collection stages" run only in the
        // transaction that starts the case; their rows came and went with the historic process instance. Before: 6
        // activity rows at a pre-due start, now 4; an overdue start the same two less
        ProcessInstance pi = registeredBeforeDue("12000.00");
        assertThat(passed(pi)).doesNotContain("Task_DetermineCollectionPolicy", "Task_PlanCollectionStages")
            .hasSize(4).first().isEqualTo("SubProcess_CollectReceivable");
        // what they decided is in history: the plan (and the process instance names where it started)
        var plan = history.createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
            .variableName(CASE_PLAN).singleResult();
        assertThat(plan).isNotNull();
        assertThat(String.valueOf(plan.getValue())).contains("\"formalDemandAt\":\"2026-03-13T09:00:00+08:00\"");
        ProcessInstance overdue = atFirstCall("12000.00");
        assertThat(passed(overdue)).doesNotContain("Task_DetermineCollectionPolicy", "Task_PlanCollectionStages")
            .contains("SubProcess_CollectReceivable", "Gateway_EntryStage", "Task_SendOverdueReminder");

        // the same answer for start, end, update and migrate; every other task keeps its history
        var level = new com.collectwise.operations.CollectionHistoryLevel();
        var repositoryImpl = (org.camunda.bpm.engine.impl.RepositoryServiceImpl) engine.getRepositoryService();
        var parsed = (org.camunda.bpm.engine.impl.pvm.process.ProcessDefinitionImpl)
            repositoryImpl.getDeployedProcessDefinition(pi.getProcessDefinitionId());
        for (var type : java.util.List.of(org.camunda.bpm.engine.impl.history.event.HistoryEventTypes.ACTIVITY_INSTANCE_START,
            org.camunda.bpm.engine.impl.history.event.HistoryEventTypes.ACTIVITY_INSTANCE_END,
            org.camunda.bpm.engine.impl.history.event.HistoryEventTypes.ACTIVITY_INSTANCE_UPDATE,
            org.camunda.bpm.engine.impl.history.event.HistoryEventTypes.ACTIVITY_INSTANCE_MIGRATE)) {
            for (String id : new String[] {"Task_DetermineCollectionPolicy", "Task_PlanCollectionStages",
                "Task_SendPreDueReminder", "Task_RecordStageChange", "Task_ResumeCollection"}) {
                var execution = new org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity();
                execution.setActivity(parsed.findActivity(id));
                assertThat(level.isHistoryEventProduced(type, execution)).as(type + " " + id)
                    .isEqualTo(!id.equals("Task_DetermineCollectionPolicy") && !id.equals("Task_PlanCollectionStages"));
            }
        }
    }

    @Test
    void theEntryGatewayTriesThePreDueFlowFirst() {
        // TUNING.md row 59: the engine tries an exclusive gateway's conditions in the order of its flows in the file
        // and stops at the first true one; most cases start pre-due, and the "field visit or later" condition reads
        // the plan four times: pre-due first is 1 evaluation of plan.entryStage per start instead of 5. The
        // conditions exclude each other (one entry stage), so the order changes no path
        ProcessInstance pi = registeredBeforeDue("12000.00");
        var repositoryImpl = (org.camunda.bpm.engine.impl.RepositoryServiceImpl) engine.getRepositoryService();
        var parsed = (org.camunda.bpm.engine.impl.pvm.process.ProcessDefinitionImpl)
            repositoryImpl.getDeployedProcessDefinition(pi.getProcessDefinitionId());
        assertThat(parsed.findActivity("Gateway_EntryStage").getOutgoingTransitions().stream()
            .map(t -> t.getId()).toList()).containsExactly("Flow_EntryStage_RemindBeforeDue",
                "Flow_EntryStage_MergeInternalReminder", "Flow_EntryStage_MergeFormalDemand",
                "Flow_EntryStage_DemandBeforeLaterStage");
        BpmnAwareTests.assertThat(pi).isWaitingAt("Timer_PreDueReminder");
    }

    @Test
    void mergingGatewaysLeaveNoActivityHistoryForAnyEventEveryOtherGatewayKeepsItsHistory() {
        var level = new com.collectwise.operations.CollectionHistoryLevel();
        var types = java.util.List.of(org.camunda.bpm.engine.impl.history.event.HistoryEventTypes.ACTIVITY_INSTANCE_START,
            org.camunda.bpm.engine.impl.history.event.HistoryEventTypes.ACTIVITY_INSTANCE_END,
            org.camunda.bpm.engine.impl.history.event.HistoryEventTypes.ACTIVITY_INSTANCE_UPDATE,
            org.camunda.bpm.engine.impl.history.event.HistoryEventTypes.ACTIVITY_INSTANCE_MIGRATE);
        Map<String, java.util.Set<String>> merging = new java.util.TreeMap<>();
        Map<String, java.util.Set<String>> keptGateways = new java.util.TreeMap<>();
        Map<String, java.util.Set<String>> startSteps = new java.util.TreeMap<>();
        var repositoryImpl = (org.camunda.bpm.engine.impl.RepositoryServiceImpl) engine.getRepositoryService();
        for (var definition : engine.getRepositoryService().createProcessDefinitionQuery().latestVersion()
            .processDefinitionKeyIn("Process_AgencyHandoff", "Process_Dispute", "Process_InstalmentAgreement",
                "Process_KeepInContact", "Process_Litigation", "Process_MoveCaseToStage", "Process_ReceivableCollection",
                "Process_RequestWaiver").list()) {
            var parsed = (org.camunda.bpm.engine.impl.pvm.process.ProcessDefinitionImpl)
                repositoryImpl.getDeployedProcessDefinition(definition.getId());
            for (var activity : activitiesOf(parsed)) {
                var execution = new org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity();
                execution.setActivity(activity);
                var produced = types.stream().map(t -> level.isHistoryEventProduced(t, execution)).distinct().toList();
                assertThat(produced).as("the same answer for every event of " + activity.getId()).hasSize(1);
                String type = (String) activity.getProperty("type");
                if (!produced.get(0) && !"startEvent".equals(type) && !(type != null && type.endsWith("Gateway"))) {
                    // not a gateway: the steps that only start a case (change 58), nothing else
                    startSteps.computeIfAbsent(definition.getKey(), k -> new java.util.TreeSet<>()).add(activity.getId());
                } else if (!produced.get(0) && !"startEvent".equals(type)) {
                    merging.computeIfAbsent(definition.getKey(), k -> new java.util.TreeSet<>()).add(activity.getId());
                } else if (type != null && type.endsWith("Gateway")) {
                    keptGateways.computeIfAbsent(definition.getKey(), k -> new java.util.TreeSet<>()).add(activity.getId());
                }
            }
        }
        assertThat(merging).isEqualTo(MERGING_GATEWAYS);
        assertThat(startSteps).isEqualTo(Map.of("Process_ReceivableCollection",
            java.util.Set.of("Task_DetermineCollectionPolicy", "Task_PlanCollectionStages")));
        assertThat(keptGateways).containsKeys("Process_Litigation", "Process_RequestWaiver");
        // deciding (exclusive, one incoming) and forking (parallel) gateways keep their history
        assertThat(keptGateways.get("Process_ReceivableCollection")).contains("Gateway_EntryStage",
            "Gateway_CallOutcome", "Gateway_VisitAndKeepInContact");
        assertThat(keptGateways.get("Process_KeepInContact")).contains("Gateway_StartContact",
            "Gateway_FollowUpCallOutcome");
        // asked once at deployment, without an activity: the history listeners are added
        assertThat(level.isHistoryEventProduced(types.get(0), null)).isTrue();
    }

    static java.util.List<org.camunda.bpm.engine.impl.pvm.process.ActivityImpl> activitiesOf(
        org.camunda.bpm.engine.impl.pvm.process.ScopeImpl scope) {
        var all = new java.util.ArrayList<org.camunda.bpm.engine.impl.pvm.process.ActivityImpl>();
        for (var activity : scope.getActivities()) {
            all.add(activity);
            all.addAll(activitiesOf(activity));
        }
        return all;
    }

    @Test
    void theStartPolicyLeavesNoDecisionHistoryItsOutcomeIsTheKeptPlanAndOtherDecisionsKeepTheirs() {
        ProcessInstance pi = atAgencyApproval();
        assertThat(history.createHistoricDecisionInstanceQuery().processInstanceId(pi.getId())
            .decisionDefinitionKey("Decision_CollectionPolicy").count()).isZero();
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(pi.getId()).variableName(CASE_PLAN)
            .singleResult().getValue()).asString().contains("\"agencyAt\":\"2026-05-02T09:00:00+08:00\"");
        // the next step after the visit keeps its decision history, inputs and outputs
        var nextStep = history.createHistoricDecisionInstanceQuery().processInstanceId(pi.getId())
            .decisionDefinitionKey("Decision_NextStep").includeInputs().includeOutputs().singleResult();
        assertThat(nextStep).isNotNull();
        assertThat(nextStep.getInputs()).isNotEmpty();
        assertThat(nextStep.getOutputs()).isNotEmpty();
        // and so does a decision evaluated outside a case
        engine.getDecisionService().evaluateDecisionTableByKey("Decision_NextStep",
            Map.of(VISIT_OUTCOME, "NOT_FOUND", CURRENCY, "CNY", OUTSTANDING_AMOUNT, 3000.0));
        assertThat(history.createHistoricDecisionInstanceQuery().decisionDefinitionKey("Decision_NextStep")
            .count()).isGreaterThanOrEqualTo(2);
    }

    /**
     * The timers take the plan's dates as dates (TUNING.md row 62): every timer date the model reads from the plan, now
     * and in an earlier version (the expression texts are the same), gives the engine a java.util.Date, so the engine does not parse a
     * text at every timer it creates; the instant is the plan's text, read by hand: the default invoice due
     * 2026-03-03 puts the pre-due reminder at 02-24 09:00, overdue at 03-04 09:00, the formal demand at 03-13 09:00,
     * the field visit at 03-23 09:00 and the agency at 05-02 09:00, Asia/Shanghai (+08:00) each.
     */
    @Test
    void theTimersTakeThePlanDatesAsDates() throws Exception {
        ProcessInstance pi = registeredBeforeDue("12000.00");
        Map<String, java.time.Instant> expected = Map.of(
            "${plan.preDueReminderAt(execution)}", at(2026, 2, 24, 9, 0).toInstant(),
            "${plan.overdueAt(execution)}", at(2026, 3, 4, 9, 0).toInstant(),
            "${plan.formalDemandAt(execution)}", at(2026, 3, 13, 9, 0).toInstant(),
            "${plan.fieldVisitAt(execution)}", at(2026, 3, 23, 9, 0).toInstant(),
            "${plan.agencyAt(execution)}", at(2026, 5, 2, 9, 0).toInstant());
        for (String model : new String[] {"processes/receivable-collection.bpmn",
            "earlier-versions/receivable-collection-before-contact-beside-visit.bpmn"}) {
            java.util.Set<String> timerDates = new java.util.TreeSet<>();
            try (var in = getClass().getClassLoader().getResourceAsStream(model)) {
                org.camunda.bpm.model.bpmn.Bpmn.readModelFromStream(in)
                    .getModelElementsByType(org.camunda.bpm.model.bpmn.instance.TimeDate.class)
                    .stream().map(t -> t.getTextContent().trim()).filter(t -> t.startsWith("${plan."))
                    .forEach(timerDates::add);
            }
            assertThat(timerDates).as(model).isEqualTo(new java.util.TreeSet<>(expected.keySet()));
        }
        var configuration = (org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl)
            engine.getProcessEngineConfiguration();
        Map<String, Object> values = configuration.getCommandExecutorTxRequired().execute(context -> {
            var execution = context.getExecutionManager().findExecutionById(pi.getId());
            Map<String, Object> v = new java.util.HashMap<>();
            expected.keySet().forEach(text ->
                v.put(text, configuration.getExpressionManager().createExpression(text).getValue(execution)));
            return v;
        });
        expected.forEach((text, instant) -> assertThat(values.get(text)).as(text).isInstanceOf(java.util.Date.class)
            .isEqualTo(java.util.Date.from(instant)));
        assertThat(management.createJobQuery().processInstanceId(pi.getId()).activityId("Timer_PreDueReminder")
            .singleResult().getDuedate()).isEqualTo(java.util.Date.from(at(2026, 2, 24, 9, 0).toInstant()));
    }

    // ---- the plan of a case started before issue 18: single variables, no casePlan

    @Test
    void aCaseWithThePlanInSingleVariablesRunsOnThemUntilItsPlanIsRewritten() {
        ProcessInstance pi = registeredBeforeDue("12000.00");
        CasePlan plan = casePlan(pi);
        // as the model before issue 18 left a case
        runtime.removeVariable(pi.getId(), CASE_PLAN);
        Map<String, Object> single = new java.util.HashMap<>();
        single.put(ENTRY_STAGE, plan.entryStage());
        single.put(PRE_DUE_REMINDER_AT, plan.preDueReminderAt());
        single.put(OVERDUE_AT, plan.overdueAt());
        single.put(FORMAL_DEMAND_AT, plan.formalDemandAt());
        single.put(FIELD_VISIT_AT, plan.fieldVisitAt());
        single.put(AGENCY_AT, plan.agencyAt());
        single.put(FIELD_VISIT, true);
        single.put(VISIT_SLA, 10);
        single.put(FOLLOW_UP_CALL_WORKING_DAYS, 3);
        single.put(WRITTEN_REMINDER_DAYS, 10);
        single.put(AGENCY_MANDATE, "P90D");
        runtime.setVariables(pi.getId(), single);

        moveTo(at(2026, 3, 4, 9, 0));
        BpmnAwareTests.assertThat(pi).isWaitingAt("Task_CallCustomer");
        assertThat(management.createJobQuery().processInstanceId(pi.getId()).activityId("Timer_FormalDemandDue")
            .singleResult().getDuedate().toInstant()).isEqualTo(at(2026, 3, 13, 9, 0).toInstant());

        // a stage move rewrites the plan: one variable, the single ones go
        runtime.createMessageCorrelation(MSG_STAGE_CHANGE).processInstanceBusinessKey(invoice.invoiceNumber())
            .setVariable(TARGET_STAGE, "FORMAL_DEMAND").setVariable(STAGE_CHANGE_REASON, "old case").correlate();
        executeDueJobs();
        assertThat(runtime.getVariables(pi.getId())).containsKey(CASE_PLAN).doesNotContainKeys(single.keySet()
            .toArray(String[]::new));
        assertThat(casePlan(pi).entryStage()).isEqualTo("FORMAL_DEMAND");
        assertThat(casePlan(pi).agencyMandateDuration()).isEqualTo("P90D");
    }

    // ---- before and at the due date

    @Test
    void remindsBeforeDueThenCallsOnceOverdue() {
        ProcessInstance pi = registeredBeforeDue("12000.00");
        BpmnAwareTests.assertThat(pi).isWaitingAt("Timer_PreDueReminder")
            .variables().containsEntry(STAGE, "PRE_DUE")
            // the policy's days (10, 20, 60 after due) became the plan's dates and are not kept as variables
            .doesNotContainKeys(FORMAL_DEMAND_DAYS, FIELD_VISIT_DAYS, AGENCY_DAYS, PRE_DUE_REMINDER_DAYS);
        // ... and the dates are in the case plan (issue 18: one variable instead of one per date)
        assertThat(casePlan(pi).formalDemandAt()).isEqualTo("2026-03-13T09:00:00+08:00");
        assertThat(casePlan(pi).fieldVisitAt()).isEqualTo("2026-03-23T09:00:00+08:00");
        assertThat(casePlan(pi).agencyAt()).isEqualTo("2026-05-02T09:00:00+08:00");
        assertThat(casePlan(pi).preDueReminderDays()).as("the days are dates now").isNull();
        assertThat(outboxKinds(invoice)).isEmpty();

        moveTo(at(2026, 2, 24, 9, 0));
        BpmnAwareTests.assertThat(pi).isWaitingAt("Timer_InvoiceOverdue");
        assertThat(outboxKinds(invoice)).containsExactly(Outbox.PRE_DUE_REMINDER);
        // the rate of late payment is told before it applies (逾期费率)
        assertThat(outbox.forInvoice(invoice.invoiceNumber()).get(0).body()).contains("Late-payment interest: ")
            .contains("% p.a.");

        moveTo(at(2026, 3, 4, 9, 0));
        BpmnAwareTests.assertThat(pi).isWaitingAt("Task_CallCustomer").hasPassed("EndEvent_PreDueStageEnded")
            .variables().containsEntry(STAGE, "INTERNAL_REMINDER");
        assertThat(tasks.getVariablesLocal(task(pi, "Task_CallCustomer").getId())).containsEntry(DAYS_OVERDUE, 1L)
            .containsEntry(DUE_DATE, invoice.dueDate().toString()).containsEntry(DECISION_MAKER, "Ms. Wang");
        assertThat(reload(invoice).stage()).isEqualTo(Stage.INTERNAL_REMINDER);
        assertThat(outboxKinds(invoice)).containsExactly(Outbox.PRE_DUE_REMINDER, Outbox.OVERDUE_REMINDER);

        Task call = task(pi, "Task_CallCustomer");
        BpmnAwareTests.assertThat(call).isAssignedTo("collector1");
        // the installation's screen language picks the form (collectwise.ui.language; en in the test profile)
        assertThat(engine.getFormService().getTaskFormData(call.getId()).getCamundaFormRef().getKey())
            .isEqualTo("Form_CallCustomer");
        ReflectionTestUtils.setField(screenForms, "chinese", true);
        try {
            assertThat(engine.getFormService().getTaskFormData(call.getId()).getCamundaFormRef().getKey())
                .isEqualTo("Form_CallCustomer_zh");
        } finally {
            ReflectionTestUtils.setField(screenForms, "chinese", false);
        }
        // assigned to the owner, still visible to the group (camunda-bpm-assert's candidate check wants it unassigned)
        assertThat(tasks.getIdentityLinksForTask(call.getId()))
            .anyMatch(l -> "collectors".equals(l.getGroupId()) && "candidate".equals(l.getType()));
        // Wednesday 10:00 (clock 09:00): today's 15:30 slot
        assertThat(call.getFollowUpDate().toInstant()).isEqualTo(at(2026, 3, 4, 15, 30).toInstant());
        assertThat((String) variable(pi, CONTACT_HISTORY)).isEqualTo("No contact yet.");
        assertThat((String) variable(pi, OBJECTION_PLAYBOOK)).startsWith("| Debtor tactic | Counter |")
            .contains("Hides (躲)").contains("Persist (缠)").contains("Wears you down (磨)");
        // the Chinese call form shows the same rules in their Chinese columns (tacticZh, counterZh, principlesZh)
        String zh = playbook.asMarkdown(new com.collectwise.cases.CallFormWords("zh-CN"));
        assertThat(zh).startsWith("| 债务人手法 | 应对 | 原则 |").contains("躲：").contains("缠：").contains("磨：")
            .contains("对账单").containsPattern("\\p{IsHan}");
        assertThat(zh.lines().skip(2)).hasSize(6)
            .allSatisfy(row -> assertThat(row).as("a Chinese row has no English words").doesNotContainPattern("[A-Za-z]"));
    }

    @Test
    void backDatedInvoicesStartInTheStageTheirAgeCallsFor() {
        setClock(at(2026, 3, 2, 10, 0));
        Customer c = customer(Segment.DOMESTIC);
        Map<LocalDate, String> expected = Map.of(
            LocalDate.of(2026, 2, 25), "Task_CallCustomer",
            LocalDate.of(2026, 2, 15), "CallActivity_KeepInContactAfterLetter",
            LocalDate.of(2026, 2, 5), "Task_VisitCustomer",
            LocalDate.of(2025, 12, 20), "Task_ApproveAgencyHandoff");
        Map<LocalDate, String> stage = Map.of(LocalDate.of(2026, 2, 25), "INTERNAL_REMINDER",
            LocalDate.of(2026, 2, 15), "FORMAL_DEMAND", LocalDate.of(2026, 2, 5), "FIELD_VISIT",
            LocalDate.of(2025, 12, 20), "AGENCY");
        expected.forEach((due, waitingAt) -> {
            Invoice i = invoice(c, due, 30, "5000.00");
            ProcessInstance pi = start(i, c);
            BpmnAwareTests.assertThat(pi).isWaitingAt(waitingAt);
            assertThat(casePlan(pi).entryStage()).isEqualTo(stage.get(due));
            assertThat(reload(i).stage().name()).isEqualTo(stage.get(due));
        });
    }

    // ---- calls

    @Test
    void noAnswerAndCallBackCallAgainNextWorkingDayAtTheSlot() {
        ProcessInstance pi = atFirstCall("12000.00");
        call(pi, withVariables(CALL_OUTCOME, "NO_ANSWER", CALL_NOTE, "rang 10 times"));
        BpmnAwareTests.assertThat(pi).isWaitingAt("Timer_NextCallDue")
            .variables().containsEntry(NEXT_CALL_AT, "2026-03-06T15:30:00+08:00");

        moveTo(at(2026, 3, 6, 15, 30));
        BpmnAwareTests.assertThat(pi).isWaitingAt("Task_CallCustomer");
        assertThat((String) variable(pi, CONTACT_HISTORY)).contains("Phone - No answer: rang 10 times");
        assertThat(variable(pi, CALL_OUTCOME)).as("the form starts empty").isNull();

        // Friday: the next working day is Monday
        call(pi, withVariables(CALL_OUTCOME, "CALL_BACK", REACHED_PERSON, "Mr. Li", DEBTOR_TACTIC, "PASSES_ON"));
        BpmnAwareTests.assertThat(pi).isWaitingAt("Timer_NextCallDue")
            .variables().containsEntry(NEXT_CALL_AT, "2026-03-09T15:30:00+08:00");
        assertThat(contactOutcomes(invoice)).containsExactly("NO_ANSWER", "CALL_BACK");
        assertThat(contacts.list(invoice.invoiceNumber()).get(1).note()).startsWith("[tactic PASSES_ON]");
    }

    @Test
    void refusalEscalatesToFormalDemandAtOnce() {
        ProcessInstance pi = atFirstCall("12000.00");
        call(pi, withVariables(CALL_OUTCOME, "REFUSED", REACHED_PERSON, "Ms. Wang", DEBTOR_TACTIC, "DENIES"));
        BpmnAwareTests.assertThat(pi).hasPassed("EndEvent_EscalationRequested", "Task_ChargeReminderFee",
            "Task_ChargeLetterFee").isWaitingAt("CallActivity_KeepInContactAfterLetter")
            .variables().containsEntry(STAGE, "FORMAL_DEMAND");
        assertThat(ledger.list(invoice.invoiceNumber())).as("the shipped late-fee policy charges no fees").isEmpty();
        assertThat(outboxKinds(invoice)).containsExactly(Outbox.OVERDUE_REMINDER, Outbox.DUNNING_LETTER,
            Outbox.CREDIT_HOLD, Outbox.SUPERVISOR_ALERT);
        assertThat(outbox.forInvoice(invoice.invoiceNumber()).get(1).body())
            // CN statutory interest: LPR on the due date 3.00% x 1.5 = 4.5% p.a.; 2 days (03-04, 03-05):
            // 12,000.00 x 4.5% x 2 / 365 = 2.9589 -> 2.96
            .contains("principal CNY 12000.00").contains("interest  CNY 2.96").contains("total     CNY 12002.96")
            .contains("Late-payment interest: 4.5% p.a. (statutory (CN)").doesNotContain("fee for this letter");
    }

    @Test
    void keptPromiseGoesBackToTheCallWithoutFlag() {
        ProcessInstance pi = atFirstCall("12000.00");
        call(pi, withVariables(CALL_OUTCOME, "PROMISE_TO_PAY", PROMISED_AMOUNT, 12000.0, PROMISED_DATE, "2026-03-06",
            REACHED_PERSON, "Ms. Wang"));
        BpmnAwareTests.assertThat(pi).isWaitingAt("Timer_PromisedDatePassed")
            .variables().containsEntry(PROMISE_CHECK_AT, "2026-03-09T09:00:00+08:00");
        // 11,880.00 = promised less the 1% tolerance: still kept
        payment(invoice, "11880.00", LocalDate.of(2026, 3, 8));

        moveTo(at(2026, 3, 9, 9, 0));
        BpmnAwareTests.assertThat(pi).hasPassed("Task_CheckPromise").isWaitingAt("Task_CallCustomer")
            .variables().containsEntry(BROKEN_PROMISE, false);
        assertThat(jdbc.sql("SELECT status FROM promises WHERE invoice_number = ?").param(invoice.invoiceNumber())
            .query(String.class).single()).isEqualTo("KEPT");
    }

    /**
     * A promise made on the phone that runs past the formal demand date is still judged: call on 03-05 (due 03-03,
     * T=30: formal demand 03-13 09:00), 5,000.00 promised by Monday 03-16; nothing paid. Whatever the formal demand
     * does to the calls (it ends them and their promise timer), the promise is decided after its date plus the 2
     * grace days (check day 03-19): by the watch from 03-20 on, BROKEN, noted in the case file and counted in the
     * customer's habits, not left OPEN for ever. A promise whose check day has not passed is left to its timer.
     */
    @Test
    void aPromiseRunningPastTheFormalDemandDateIsStillJudged() {
        ProcessInstance pi = atFirstCall("12000.00");
        call(pi, withVariables(CALL_OUTCOME, "PROMISE_TO_PAY", PROMISED_AMOUNT, 5000, PROMISED_DATE, "2026-03-16"));
        moveTo(at(2026, 3, 13, 9, 0));
        moveTo(at(2026, 3, 19, 9, 0));
        promiseChecks.judgeMissedChecks();
        assertThat(jdbc.sql("SELECT status FROM promises WHERE invoice_number = ?").param(invoice.invoiceNumber())
            .query(String.class).single()).as("its check day is today").isEqualTo("OPEN");
        moveTo(at(2026, 3, 20, 9, 0));
        promiseChecks.judgeMissedChecks();
        assertThat(jdbc.sql("SELECT status FROM promises WHERE invoice_number = ?").param(invoice.invoiceNumber())
            .query(String.class).single()).isEqualTo("BROKEN");
        assertThat(contactOutcomes(invoice)).contains("PROMISE_BROKEN");
    }

    /**
     * The promise sweep runs on every node: two nodes judging the same missed promise at the same moment (node A has
     * read it OPEN and is adding up the payments when node B's sweep judges it) change its status once and write one
     * PROMISE_BROKEN note, not two. Same promise as above: 5,000.00 by 03-16, nothing paid, judged on 03-20.
     */
    @Test
    void twoNodesSweepingTheSameMissedPromiseAtOnceNoteItOnce() {
        ProcessInstance pi = atFirstCall("12000.00");
        call(pi, withVariables(CALL_OUTCOME, "PROMISE_TO_PAY", PROMISED_AMOUNT, 5000, PROMISED_DATE, "2026-03-16"));
        moveTo(at(2026, 3, 13, 9, 0));
        moveTo(at(2026, 3, 20, 9, 0));
        long promiseId = jdbc.sql("SELECT id FROM promises WHERE invoice_number = ?").param(invoice.invoiceNumber())
            .query(Long.class).single();
        com.collectwise.cases.PromiseBook.MoneySource real = (com.collectwise.cases.PromiseBook.MoneySource)
            ReflectionTestUtils.getField(promiseBook, "money");
        java.util.concurrent.atomic.AtomicBoolean nodeBRan = new java.util.concurrent.atomic.AtomicBoolean();
        com.collectwise.cases.PromiseBook.MoneySource interleaved = (i, asOf) -> {
            if (i.invoiceNumber().equals(invoice.invoiceNumber()) && nodeBRan.compareAndSet(false, true)) {
                // node B's sweep judges the promise node A has just read OPEN
                promiseChecks.check(invoice.invoiceNumber(), invoice.customerId(), promiseId);
            }
            return real.on(i, asOf);
        };
        ReflectionTestUtils.setField(promiseBook, "money", interleaved);
        try {
            promiseChecks.judgeMissedChecks(); // node A
        } finally {
            ReflectionTestUtils.setField(promiseBook, "money", real);
        }
        assertThat(nodeBRan).isTrue();
        assertThat(jdbc.sql("SELECT status FROM promises WHERE id = ?").param(promiseId).query(String.class).single())
            .isEqualTo("BROKEN");
        assertThat(contactOutcomes(invoice).stream().filter("PROMISE_BROKEN"::equals)).hasSize(1);
    }

    @Autowired com.collectwise.cases.PromiseBook promiseBook;

    @Test
    void brokenPromiseIsFlaggedOnTheNextCall() {
        ProcessInstance pi = atFirstCall("12000.00");
        call(pi, withVariables(CALL_OUTCOME, "PROMISE_TO_PAY", PROMISED_AMOUNT, 12000, PROMISED_DATE, "2026-03-06"));
        payment(invoice, "11879.99", LocalDate.of(2026, 3, 6));
        moveTo(at(2026, 3, 9, 9, 0));
        BpmnAwareTests.assertThat(pi).isWaitingAt("Task_CallCustomer").variables().containsEntry(BROKEN_PROMISE, true);
        assertThat(contactOutcomes(invoice)).containsExactly("PROMISE_TO_PAY", "PROMISE_BROKEN");
    }

    @Autowired com.collectwise.payments.PaymentService paymentService;
    @Autowired com.collectwise.cases.PromiseChecks promiseChecks;

    void bankFeed(String reference, String amount, LocalDate valueDate) {
        paymentService.receive(new com.collectwise.payments.IncomingPayment(reference, invoice.invoiceNumber(), null,
            new BigDecimal(amount), "CNY", valueDate, com.collectwise.payments.PaymentMethod.BANK_TRANSFER));
        executeDueJobs();
    }

    /**
     * DOMAIN.md 5: payments are judged by their value date; a payment dated in time that the bank posts after the
     * check undoes the premature "broken". Promise 5,000.00 by Friday 03-06, grace 2 (calendar) days to Sunday
     * 03-08, checked Monday 03-09 09:00 with nothing posted: broken. On 03-10 the bank posts 4,950.00 dated 03-06
     * (promised less the tolerance max(1% = 50.00, 1.00) = 4,950.00): the promise was kept after all, the case file
     * says so and the next call no longer warns of a broken promise. A payment dated after the grace (03-09) undoes
     * nothing.
     */
    @Test
    void aPaymentDatedInTimeButPostedAfterTheCheckUndoesThePrematureBrokenPromise() {
        ProcessInstance pi = atFirstCall("12000.00");
        call(pi, withVariables(CALL_OUTCOME, "PROMISE_TO_PAY", PROMISED_AMOUNT, 5000, PROMISED_DATE, "2026-03-06"));
        moveTo(at(2026, 3, 9, 9, 0));
        BpmnAwareTests.assertThat(pi).isWaitingAt("Task_CallCustomer").variables().containsEntry(BROKEN_PROMISE, true);

        setClock(at(2026, 3, 10, 10, 0));
        bankFeed("PAY-LATE-" + invoice.invoiceNumber(), "4950.00", LocalDate.of(2026, 3, 6));

        assertThat(jdbc.sql("SELECT status FROM promises WHERE invoice_number = ?").param(invoice.invoiceNumber())
            .query(String.class).single()).isEqualTo("KEPT");
        assertThat(contactOutcomes(invoice)).contains("PROMISE_BROKEN").endsWith("PROMISE_KEPT");
        BpmnAwareTests.assertThat(pi).isWaitingAt("Task_CallCustomer").variables().containsEntry(BROKEN_PROMISE, false);
    }

    @Test
    void aPaymentDatedAfterTheGraceDoesNotUndoTheBrokenPromise() {
        ProcessInstance pi = atFirstCall("12000.00");
        call(pi, withVariables(CALL_OUTCOME, "PROMISE_TO_PAY", PROMISED_AMOUNT, 5000, PROMISED_DATE, "2026-03-06"));
        moveTo(at(2026, 3, 9, 9, 0));
        setClock(at(2026, 3, 10, 10, 0));
        bankFeed("PAY-LATE2-" + invoice.invoiceNumber(), "5000.00", LocalDate.of(2026, 3, 9));

        assertThat(jdbc.sql("SELECT status FROM promises WHERE invoice_number = ?").param(invoice.invoiceNumber())
            .query(String.class).single()).isEqualTo("BROKEN");
        BpmnAwareTests.assertThat(pi).isWaitingAt("Task_CallCustomer").variables().containsEntry(BROKEN_PROMISE, true);
    }

    @Test
    void aPromiseNeedsAnAmountAndADateNotInThePast() {
        ProcessInstance pi = atFirstCall("12000.00");
        Task call = task(pi, "Task_CallCustomer");
        assertThatThrownBy(() -> tasks.complete(call.getId(), withVariables(CALL_OUTCOME, "PROMISE_TO_PAY")))
            .isInstanceOf(ProcessEngineException.class).hasMessageContaining("promised amount")
            .hasMessageContaining("promised date");
        assertThatThrownBy(() -> tasks.complete(call.getId(), withVariables(CALL_OUTCOME, "PROMISE_TO_PAY",
            PROMISED_AMOUNT, 500, PROMISED_DATE, "2026-03-04")))
            .hasMessageContaining("the promised date 2026-03-04 is in the past");
        assertThatThrownBy(() -> tasks.complete(call.getId(), withVariables(CALL_OUTCOME, "MAYBE")))
            .hasMessageContaining("choose the call outcome");
        // the form's amount has the minor unit of the invoice currency too, as on the API: not rounded to 500.01
        assertThatThrownBy(() -> tasks.complete(call.getId(), withVariables(CALL_OUTCOME, "PROMISE_TO_PAY",
            PROMISED_AMOUNT, 500.005, PROMISED_DATE, "2026-03-10")))
            .hasMessageContaining("the promised amount 500.005 must have at most 2 decimals: the minor unit of CNY");
        BpmnAwareTests.assertThat(pi).isWaitingAt("Task_CallCustomer");
        assertThat(contactOutcomes(invoice)).isEmpty();
    }

    // ---- formal demand and field visit

    @Test
    void formalDemandDateEndsTheCallsAndHoldsCreditOncePerCustomer() {
        ProcessInstance pi = atFirstCall("12000.00");
        Invoice second = invoice(customer, DUE, 30, "800.00");
        ProcessInstance pi2 = start(second, customer);

        moveTo(at(2026, 3, 13, 9, 0));
        BpmnAwareTests.assertThat(pi).hasPassed("Timer_FormalDemandDue").isWaitingAt("CallActivity_KeepInContactAfterLetter");
        BpmnAwareTests.assertThat(pi2).isWaitingAt("CallActivity_KeepInContactAfterLetter");
        assertThat(outboxKinds(invoice)).contains(Outbox.DUNNING_LETTER, Outbox.SUPERVISOR_ALERT);
        long holds = jdbc.sql("SELECT COUNT(*) FROM outbox WHERE customer_id = ? AND kind = 'CREDIT_HOLD'")
            .param(customer.customerId()).query(Long.class).single();
        assertThat(holds).as("one hold for the customer, not one per invoice").isEqualTo(1);
        assertThat(reload(invoice).stage()).isEqualTo(Stage.FORMAL_DEMAND);
    }

    @Test
    void overdueVisitAlertsTheSupervisorAndTheVisitStaysOpen() {
        ProcessInstance pi = atFieldVisit("12000.00");
        Task visit = task(pi, "Task_VisitCustomer");
        BpmnAwareTests.assertThat(visit).hasCandidateGroup("fieldcollectors");
        // due at the end of the 10th working day after the stage began (Monday 03-23), on the working calendar
        java.time.ZonedDateTime due = java.time.OffsetDateTime.parse((String) variable(pi, VISIT_DUE_AT))
            .atZoneSameInstant(ZONE);
        assertThat(due.toLocalTime()).isEqualTo(java.time.LocalTime.of(18, 0));
        // 03-24 .. 04-03 are nine working days; Qingming (04-04 .. 04-06) is none: the tenth is Tuesday 04-07
        assertThat(due.toLocalDate()).isEqualTo(LocalDate.of(2026, 4, 7));
        assertThat(visit.getDueDate().toInstant()).isEqualTo(due.toInstant());
        moveTo(due.minusMinutes(1));
        BpmnAwareTests.assertThat(pi).hasNotPassed("EndEvent_SupervisorAlerted");
        moveTo(due.plusMinutes(1));
        BpmnAwareTests.assertThat(pi).hasPassed("EndEvent_SupervisorAlerted").isWaitingAt("Task_VisitCustomer");
        assertThat(outbox.forInvoice(invoice.invoiceNumber()))
            .anyMatch(m -> m.kind().equals(Outbox.SUPERVISOR_ALERT) && m.subject().startsWith("Field visit overdue"));
    }

    @Test
    void visitWithAPaymentPlanGoesToTheAgencyOnItsDate() {
        ProcessInstance pi = atFieldVisit("12000.00");
        BpmnAwareTests.complete(task(pi, "Task_VisitCustomer"), withVariables(VISIT_OUTCOME, "PROMISED_PAYMENT",
            DECISION_MAKER_MET, true, VISIT_REPORT, "Met Ms. Wang at the office.", PROMISED_AMOUNT, 12000,
            PROMISED_DATE, "2026-03-27"));
        executeDueJobs();
        BpmnAwareTests.assertThat(pi).isWaitingAt("Timer_VisitPromiseDatePassed");
        payment(invoice, "12000.00", LocalDate.of(2026, 3, 27));
        moveTo(at(2026, 3, 30, 9, 0));
        BpmnAwareTests.assertThat(pi).hasPassed("Task_RecordVisitReport", "Task_CheckVisitPromise",
            "EndEvent_NextStepDecided")
            .isWaitingAt("CallActivity_KeepInContactUntilAgency").variables().containsEntry(NEXT_STEP, "AGENCY");
        // the visit is in the case file with its promise, and the promise was checked like one made on the phone
        assertThat(contacts.list(invoice.invoiceNumber())).filteredOn(e -> e.channel().equals("VISIT")).singleElement()
            .satisfies(e -> {
                assertThat(e.reachedPerson()).isEqualTo("Ms. Wang");
                assertThat(e.promisedAmount()).isEqualByComparingTo("12000");
                assertThat(e.promisedDate()).isEqualTo(LocalDate.of(2026, 3, 27));
            });
        assertThat(contactOutcomes(invoice)).last().isEqualTo("PROMISE_KEPT");
        assertThat(jdbc.sql("SELECT status FROM promises WHERE invoice_number = ?").param(invoice.invoiceNumber())
            .query(String.class).single()).isEqualTo("KEPT");
    }

    @Test
    void deniedLargeDebtGoesToLitigation() {
        atLitigationReview();
        assertThat(reload(invoice).stage()).isEqualTo(Stage.LITIGATION);
    }

    @Test
    void smallDebtOfAVanishedCustomerGoesToWriteOff() {
        atWriteOffApproval();
        assertThat(reload(invoice).stage()).isEqualTo(Stage.WRITE_OFF);
    }

    // ---- agency

    @Test
    void approvedHandOffCallsTheAgencyProcessWithTheCostBenefitShown() {
        ProcessInstance pi = atAgencyApproval();
        assertThat((String) variable(pi, AGENCY_COST_BENEFIT)).contains("Outstanding CNY 12,088.77")
            // 60 days of 4.5% on 12,000.00 = 88.77 interest; 20% of 12,088.77 = 2,417.754 -> 2,417.75
            .contains("Agency commission 20% = CNY 2,417.75").contains("Net if fully collected: CNY 9,671.02");
        // a Chinese installation words the same figures in Chinese (cases.HandoffFormWords, the listener's wording)
        assertThat(ReflectionTestUtils.getField(agencyListener, "words"))
            .isInstanceOf(com.collectwise.cases.HandoffFormWords.class);
        var today = caseFigures.today(invoice.invoiceNumber());
        assertThat(new com.collectwise.cases.HandoffFormWords("zh-CN")
            .agency(costBenefit.agencyFigures(today.invoice(), today.statement())))
            .contains("未付总额 12,088.77 CNY", "催收机构佣金 20% = 2,417.75 CNY", "全额收回后净得：9,671.02 CNY")
            .containsPattern("\\p{IsHan}");
        // no agency listens here: the hand-off job stays for the test to run (AgencyHandoffProcessTest does)
        BpmnAwareTests.complete(task(pi, "Task_ApproveAgencyHandoff"),
            withVariables(AGENCY_DECISION, "APPROVE", DECISION_REASON, "worth it"));
        BpmnAwareTests.assertThat(pi).isWaitingAt("CallActivity_WorkWithAgency");
        ProcessInstance agency = called(pi);
        assertThat(agency.getBusinessKey()).isEqualTo(invoice.invoiceNumber());
        BpmnAwareTests.assertThat(agency).isWaitingAt("Task_HandOffToAgency").variables()
            .containsEntry(INVOICE_NUMBER, invoice.invoiceNumber()).containsEntry(AGENCY_MANDATE, "P90D");
    }

    @Test
    void supervisorMayChooseLitigationInstead() {
        ProcessInstance pi = atAgencyApproval();
        decide(pi, "Task_ApproveAgencyHandoff", withVariables(AGENCY_DECISION, "LITIGATION", DECISION_REASON, "has assets"));
        BpmnAwareTests.assertThat(pi).hasPassed("EndEvent_LitigationChosen");
        assertAtLitigationReview(pi);
    }

    @Test
    void supervisorMayWriteOffInstead() {
        ProcessInstance pi = atAgencyApproval();
        decide(pi, "Task_ApproveAgencyHandoff", withVariables(AGENCY_DECISION, "WRITE_OFF", DECISION_REASON, "bankrupt"));
        BpmnAwareTests.assertThat(pi).hasPassed("EndEvent_AgencyWriteOffChosen").isWaitingAt("Task_ApproveWriteOff");
    }

    // ---- litigation and closing

    @Test
    void writeOffClosesTheCase() {
        ProcessInstance pi = atWriteOffApproval();
        BpmnAwareTests.assertThat(task(pi, "Task_ApproveWriteOff")).hasCandidateGroup("finance");
        decide(pi, "Task_ApproveWriteOff", withVariables(CLOSING_DECISION, "WRITE_OFF", DECISION_REASON, "customer vanished"));
        BpmnAwareTests.assertThat(pi).hasPassed("EndEvent_ReceivableWrittenOff", "EndEvent_CollectionEnded",
            "EndEvent_ReceivableClosed").isEnded();
        Invoice closed = reload(invoice);
        assertThat(closed.status()).isEqualTo(CaseStatus.WRITTEN_OFF);
        assertThat(closed.stage()).isEqualTo(Stage.CLOSED);
        assertThat(closed.closeReason()).isEqualTo("Written off: customer vanished");
        assertThat(outboxKinds(invoice)).as("the hold placed at formal demand ends with the case")
            .contains(Outbox.CREDIT_RELEASE);
    }

    @Test
    void saleClosesTheCaseNamingBuyerAndPrice() {
        ProcessInstance pi = atWriteOffApproval();
        Task approval = task(pi, "Task_ApproveWriteOff");
        assertThatThrownBy(() -> tasks.complete(approval.getId(), withVariables(CLOSING_DECISION, "SELL",
            DECISION_REASON, "factor offer"))).hasMessageContaining("name the buyer").hasMessageContaining("sale price");
        assertThatThrownBy(() -> tasks.complete(approval.getId(), withVariables(CLOSING_DECISION, "SELL",
            BUYER, "Factor Ltd", SALE_PRICE, 900.555, DECISION_REASON, "factor offer")))
            .hasMessageContaining("the sale price 900.555 must have at most 2 decimals");
        decide(pi, "Task_ApproveWriteOff", withVariables(CLOSING_DECISION, "SELL", BUYER, "Factor Ltd",
            SALE_PRICE, 900.5, DECISION_REASON, "factor offer"));
        BpmnAwareTests.assertThat(pi).hasPassed("EndEvent_ReceivableSold").isEnded();
        assertThat(reload(invoice).status()).isEqualTo(CaseStatus.SOLD);
        assertThat(reload(invoice).closeReason()).isEqualTo("Sold to Factor Ltd for CNY 900.50: factor offer");
    }

    @Test
    void financeMayContinueCollectionThroughLitigation() {
        ProcessInstance pi = atWriteOffApproval();
        decide(pi, "Task_ApproveWriteOff", withVariables(CLOSING_DECISION, "CONTINUE_COLLECTION", DECISION_REASON, "new address"));
        BpmnAwareTests.assertThat(pi).hasPassed("EndEvent_CollectionContinues").variables().containsEntry(STAGE, "LITIGATION");
        assertAtLitigationReview(pi);
    }

    // ---- events at any stage

    @Test
    void stageChangeSkipsForwardAndIsRecorded() {
        ProcessInstance pi = atFirstCall("12000.00");
        runtime.createMessageCorrelation(MSG_STAGE_CHANGE).processInstanceBusinessKey(invoice.invoiceNumber())
            .setVariable(TARGET_STAGE, "FIELD_VISIT").setVariable(STAGE_CHANGE_REASON, "customer stopped answering")
            .correlate();
        executeDueJobs();
        BpmnAwareTests.assertThat(pi).hasPassed("Task_RecordStageChange").isWaitingAt("Task_VisitCustomer");
        // the stage change is recorded; the formal letter the skip sends first is logged after it (a contact attempt)
        assertThat(contactOutcomes(invoice)).containsSubsequence("STAGE_CHANGE", "FORMAL_LETTER");
        assertThat(contacts.list(invoice.invoiceNumber())).filteredOn(e -> "STAGE_CHANGE".equals(e.outcome()))
            .singleElement().satisfies(e ->
                assertThat(e.note()).isEqualTo("Moved from INTERNAL_REMINDER to FIELD_VISIT: customer stopped answering"));
    }

    @Test
    void stageChangeReachesLitigationAndWriteOffDirectly() {
        ProcessInstance pi = atFirstCall("12000.00");
        requestStage("LITIGATION", "customer insolvent, file claim");
        BpmnAwareTests.assertThat(pi).variables().containsEntry(STAGE, "LITIGATION");
        assertAtLitigationReview(pi);
        requestStage("WRITE_OFF", "claim lost in insolvency");
        BpmnAwareTests.assertThat(pi).isWaitingAt("Task_ApproveWriteOff").variables().containsEntry(STAGE, "WRITE_OFF");
        assertThat(reload(invoice).stage()).isEqualTo(Stage.WRITE_OFF);
    }

    void requestStage(String target, String reason) {
        runtime.createMessageCorrelation(MSG_STAGE_CHANGE).processInstanceBusinessKey(invoice.invoiceNumber())
            .setVariable(TARGET_STAGE, target).setVariable(STAGE_CHANGE_REASON, reason).correlate();
        executeDueJobs();
    }

    @Test
    void stageChangeBackGivesTheStageItsFullLength() {
        ProcessInstance pi = atFieldVisit("12000.00");
        moveTo(at(2026, 3, 25, 9, 0));
        runtime.createMessageCorrelation(MSG_STAGE_CHANGE).processInstanceBusinessKey(invoice.invoiceNumber())
            .setVariable(TARGET_STAGE, "INTERNAL_REMINDER").setVariable(STAGE_CHANGE_REASON, "new contact person")
            .correlate();
        executeDueJobs();
        BpmnAwareTests.assertThat(pi).isWaitingAt("Task_CallCustomer")
            .variables().containsEntry(STAGE, "INTERNAL_REMINDER");
        // the internal stage would have begun on 03-04; moved to 03-25 it lasts until 03-13 + 21 days
        assertThat(casePlan(pi).formalDemandAt()).isEqualTo("2026-04-03T09:00:00+08:00");
    }

    @Test
    void settlementEndsTheCaseBeforeTheDueDate() {
        ProcessInstance pi = registeredBeforeDue("12000.00");
        settle(pi);
        assertThat(outboxKinds(invoice)).isEmpty();
    }

    @Test
    void settlementEndsTheCaseDuringCalls() {
        ProcessInstance pi = atFirstCall("12000.00");
        settle(pi);
        assertThat(outboxKinds(invoice)).doesNotContain(Outbox.CREDIT_RELEASE);
    }

    @Test
    void settlementAtTheAgencyReleasesTheCreditHold() {
        ProcessInstance pi = atAgencyApproval();
        BpmnAwareTests.complete(task(pi, "Task_ApproveAgencyHandoff"),
            withVariables(AGENCY_DECISION, "APPROVE", DECISION_REASON, "ok"));
        settle(pi);
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(invoice.invoiceNumber()).count())
            .as("the agency hand-off ends with the case").isZero();
        assertThat(outboxKinds(invoice)).contains(Outbox.CREDIT_RELEASE);
    }

    private void settle(ProcessInstance pi) {
        jdbc.sql("UPDATE invoices SET status = 'SETTLED' WHERE invoice_number = ?").param(invoice.invoiceNumber()).update();
        cases.invoiceSettled(invoice.invoiceNumber());
        executeDueJobs();
        BpmnAwareTests.assertThat(pi).hasPassed("Task_CloseSettledCase", "EndEvent_CaseClosed").isEnded();
        assertThat(reload(invoice).status()).isEqualTo(CaseStatus.SETTLED);
        assertThat(reload(invoice).stage()).isEqualTo(Stage.CLOSED);
    }

    @Test
    void partPaymentAsksTheCollectorWhyWhileTheCaseGoesOn() {
        ProcessInstance pi = atFirstCall("12000.00");
        cases.partPaymentReceived(invoice.invoiceNumber(), new java.math.BigDecimal("2000.00"),
            new java.math.BigDecimal("10000.00"));
        Task clarify = task(pi, "Task_ClarifyPartialPayment");
        BpmnAwareTests.assertThat(clarify).isAssignedTo("collector1");
        BpmnAwareTests.assertThat(pi).isWaitingAt("Task_CallCustomer", "Task_ClarifyPartialPayment");
        BpmnAwareTests.complete(clarify, withVariables(PARTIAL_PAYMENT_REASON, "cash flow, rest next month"));
        BpmnAwareTests.assertThat(pi).hasPassed("EndEvent_PaymentExplained").isWaitingAt("Task_CallCustomer");
        assertThat(contacts.list(invoice.invoiceNumber())).last()
            .satisfies(e -> assertThat(e.note()).isEqualTo("Paid 2000.0 CNY: cash flow, rest next month"));
    }
}
