package com.collectwise.operations;

import static com.collectwise.kernel.CaseVariables.*;

import java.util.Set;

import org.camunda.bpm.engine.ActivityTypes;
import org.camunda.bpm.engine.impl.bpmn.helper.BpmnProperties;
import org.camunda.bpm.engine.impl.core.model.CoreModelElement;
import org.camunda.bpm.engine.impl.history.HistoryLevelFull;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.migration.instance.MigratingActivityInstance;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.runtime.VariableInstance;

/**
 * Full history, less what nobody reads (why and what it saved: bench/results/TUNING.md, changes 1, 12, 18, 42, 58, 63).
 * This level keeps everything of FULL (activities, tasks, decisions, incidents, the job log's failure, success and
 * deletion rows, user operation log, the last value of every business variable) except
 * <ul>
 * <li>the per-update copies of variables (ACT_HI_DETAIL): Tasklist and Cockpit (community) never show them, and
 * what matters for collection - amounts, contacts, promises, stage changes - is kept in the domain tables;</li>
 * <li>the history of working variables that are recomputed or copied from elsewhere: the collection policy
 * (its decision is in the decision history), the plan dates the timers use, master data copies and the texts
 * prepared for the call form;</li>
 * <li>the history of the case header (TUNING.md, change 42): {@code invoiceNumber}, {@code collector},
 * {@code currency}, {@code outstandingAmount} and {@code stage} are copies of domain data that keeps its own dated
 * record - the invoice number is the business key of the historic process instance, the stage has
 * {@code case_stage_history}, the collector the customer's change history ({@code customer_changes}), the amounts
 * the ledger and the payments. Community Cockpit and Tasklist never show historic variables and nothing in the
 * application reads them. The runtime variables stay as they are (Cockpit shows them on a running case); the update
 * of the outstanding amount at every payment writes no history either. Cases that ran before keep their historic rows
 * with the value of that moment. The plan ({@code casePlan}) and every other variable keep their history;</li>
 * <li>the decision history of the collection policy evaluated at every case start (Decision_CollectionPolicy:
 * 14 rows per case, 4 inputs and 9 outputs): its outcome is the case plan, {@code casePlan}, which history keeps.
 * Every other decision keeps its history;</li>
 * <li>the activity history of plain start events (BPMN none start events, activity type {@code startEvent}) of
 * processes and sub-processes (TUNING.md, change 18): a case start passes three of them, and each only repeats
 * that its process or sub-process started, which the process instance (with its start activity id) or the
 * sub-process's own row tells already. camunda-bpm-assert's {@code hasPassed} no longer sees them: tests assert
 * the element after them. Start events with an event definition (message, timer, signal, escalation, error,
 * conditional, compensation) keep their history: they tell what happened;</li>
 * <li>the activity history of pure merging gateways (TUNING.md, change 42): an exclusive gateway with more than one
 * incoming and exactly one outgoing sequence flow (e.g. {@code Gateway_CollectionResumes}, {@code Gateway_MergeCall}).
 * It decides nothing: its row only tells that a token passed on to the next element, which has its own row. Tests
 * assert that element instead of {@code hasPassed} on the merge. Decided by the parsed model only (the activity's
 * transitions), no model read per event. Gateways that decide (one incoming, several outgoing), parallel and other
 * gateways, end events and everything else keep their history.</li>
 * <li>the activity history of the two steps that start a collection case (TUNING.md, change 58): "Determine
 * collection policy" and "Plan collection stages" ({@link #START_STEPS_WITHOUT_HISTORY}). Neither waits nor is
 * asynchronous, nothing leads into them but the case's plain start event, so they run in the transaction that starts
 * the case and in no other: their rows were written whenever, and only when, the historic process instance was, and
 * their outcome is the plan, {@code casePlan}, whose history is kept (the policy's decision history is not kept
 * either, see above). The first row of a case is now "Collect receivable". Found by id (a set lookup per event).</li>
 * <li>the job log's creation rows (ACT_HI_JOB_LOG, state 0; TUNING.md, change 63): one per job the engine creates -
 * the first timer of every case start, the next timer at every timer that fires, every asynchronous continuation.
 * While a job waits, the runtime job (ACT_RU_JOB, Cockpit's view of a running case) shows it with its due date; when
 * it runs, fails or is deleted, the success, failure (with its exception and retries left: Cockpit's incidents) or
 * deletion row is written as in FULL and carries the same job id, job definition, activity and due date. A creation
 * row told only the moment the job was created, which the activity history (the timer's or the previous step's row)
 * tells too. No row of the job log is ever updated or looked up by the engine, so leaving one kind out misses
 * nothing. Only Cockpit Enterprise's job log lists creation rows; the application, the benchmark and the two-node test
 * read success rows.</li>
 * </ul>
 * Start, end, update and migration of an activity instance are all decided by the same tests on the same activity, so
 * no end or update looks for a row that was never written (it would cost a select and an update of no row; no error:
 * historic activity rows carry no revision). The same holds for variables: the same names for every event.
 * It keeps id 3, the id of FULL: a database created with FULL starts with it unchanged, and going back to
 * {@code history-level: full} needs no migration either.
 */
public class CollectionHistoryLevel extends HistoryLevelFull {

    public static final String NAME = "collection";

    /** Variables without history: runtime only. The same names for every event, so no update misses its row. */
    static final Set<String> WORKING_VARIABLES = Set.of(
        PRE_DUE_REMINDER_DAYS, FORMAL_DEMAND_DAYS, FIELD_VISIT_DAYS, AGENCY_DAYS, VISIT_SLA, AGENCY_MANDATE,
        ENTRY_STAGE, PRE_DUE_REMINDER_AT, OVERDUE_AT, FORMAL_DEMAND_AT, FIELD_VISIT_AT, AGENCY_AT, PROMISE_CHECK_AT,
        NEXT_CALL_AT, CUSTOMER_NAME, DECISION_MAKER, DAYS_OVERDUE, CONTACT_HISTORY, OBJECTION_PLAYBOOK,
        AMOUNT_TO_COLLECT, VISIT_DUE_AT, FOLLOW_UP_CALL_WORKING_DAYS, WRITTEN_REMINDER_DAYS, CUSTOMER_REGION,
        FORMAL_LETTER_SENT,
        // issue 18: copies of the invoice (customer id, due date) and the stage counter of the outbox keys (cases
        // started before they moved to the invoice, and the litigation process's input)
        CUSTOMER_ID, DUE_DATE, STAGE_ENTRY_NUMBER);

    /**
     * The case header Cockpit shows on a running case, copies of domain data that keeps its own dated record: the
     * invoice number is the business key of the (historic) process instance, the stage has {@code case_stage_history},
     * the collector the customer's change history, the outstanding amount the ledger and the payments, the currency
     * the invoice. Runtime only (TUNING.md, change 42): no row at start and none for the update of every payment.
     * The plan, {@code casePlan}, keeps its history.
     */
    static final Set<String> HEADER_COPIES = Set.of(INVOICE_NUMBER, COLLECTOR, CURRENCY, OUTSTANDING_AMOUNT, STAGE);

    /**
     * Steps that run only while a case starts, in its first transaction (activity ids of Process_ReceivableCollection):
     * no activity history. Their outcome is the plan, whose history is kept.
     */
    static final Set<String> START_STEPS_WITHOUT_HISTORY = Set.of(TASK_DETERMINE_COLLECTION_POLICY,
        TASK_PLAN_COLLECTION_STAGES);

    /** Every variable without history, by name: working variables and the header copies. */
    static final Set<String> VARIABLES_WITHOUT_HISTORY = union(WORKING_VARIABLES, HEADER_COPIES);

    /** Decisions evaluated per case whose outcome history keeps elsewhere: no decision history of their own. */
    static final Set<String> DECISIONS_WITHOUT_HISTORY = Set.of(DECISION_COLLECTION_POLICY);

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
        if (eventType == HistoryEventTypes.VARIABLE_INSTANCE_UPDATE_DETAIL || eventType == HistoryEventTypes.JOB_CREATE) {
            return false;
        }
        // HistoryDecisionEvaluationListener passes the evaluated (root) decision: the deployed decision definition
        if (eventType == HistoryEventTypes.DMN_DECISION_EVALUATE && entity instanceof DecisionDefinition decision) {
            return !DECISIONS_WITHOUT_HISTORY.contains(decision.getKey());
        }
        if (entity instanceof VariableInstance variable && isVariableEvent(eventType)) {
            return !VARIABLES_WITHOUT_HISTORY.contains(variable.getName());
        }
        if (isActivityInstanceEvent(eventType)) {
            // entity null: asked once at deployment whether to add the history listeners at all - yes
            CoreModelElement activity = activityOf(entity);
            return !isPlainStartEvent(activity) && !isMergingGateway(activity) && !isStartStep(activity);
        }
        return true;
    }

    /**
     * The activity an activity-instance event is about. Start and end come from the history execution listeners
     * and update from the execution (call activities): the execution, whose activity DefaultHistoryEventProducer
     * writes into the row (its event source when it has none). Migration passes the migrating activity instance: the
     * row exists or not according to the activity it was started in, its source.
     */
    static CoreModelElement activityOf(Object entity) {
        if (entity instanceof ExecutionEntity execution) {
            return execution.getActivity() != null ? execution.getActivity() : execution.getEventSource();
        }
        if (entity instanceof MigratingActivityInstance instance) {
            return instance.getSourceScope() != null ? instance.getSourceScope() : instance.getTargetScope();
        }
        return null;
    }

    /** A none start event: the parser gives start events with an event definition their own type. */
    static boolean isPlainStartEvent(CoreModelElement activity) {
        return activity != null && ActivityTypes.START_EVENT.equals(activity.getProperty(BpmnProperties.TYPE.getName()));
    }

    /** One of the steps that run only in the transaction that starts a case ({@link #START_STEPS_WITHOUT_HISTORY}). */
    static boolean isStartStep(CoreModelElement activity) {
        return activity != null && START_STEPS_WITHOUT_HISTORY.contains(activity.getId());
    }

    /**
     * A pure merging gateway: an exclusive gateway with more than one incoming and exactly one outgoing sequence flow.
     * It decides nothing; its row only tells that a token passed on to the next element, which has its own row. Read
     * from the parsed model (the activity's transitions), nothing else, as it runs for every activity instance.
     */
    public static boolean isMergingGateway(CoreModelElement activity) {
        return activity instanceof ActivityImpl gateway
            && ActivityTypes.GATEWAY_EXCLUSIVE.equals(gateway.getProperty(BpmnProperties.TYPE.getName()))
            && gateway.getIncomingTransitions().size() > 1 && gateway.getOutgoingTransitions().size() == 1;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    private static boolean isActivityInstanceEvent(HistoryEventType type) {
        return type == HistoryEventTypes.ACTIVITY_INSTANCE_START || type == HistoryEventTypes.ACTIVITY_INSTANCE_END
            || type == HistoryEventTypes.ACTIVITY_INSTANCE_UPDATE || type == HistoryEventTypes.ACTIVITY_INSTANCE_MIGRATE;
    }

    private static boolean isVariableEvent(HistoryEventType type) {
        return type == HistoryEventTypes.VARIABLE_INSTANCE_CREATE || type == HistoryEventTypes.VARIABLE_INSTANCE_UPDATE
            || type == HistoryEventTypes.VARIABLE_INSTANCE_DELETE || type == HistoryEventTypes.VARIABLE_INSTANCE_MIGRATE;
    }
}
