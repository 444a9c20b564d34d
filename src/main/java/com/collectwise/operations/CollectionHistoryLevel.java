package com.collectwise.operations;

import static com.collectwise.kernel.CaseVariables.*;

import java.util.Set;

import org.camunda.bpm.engine.impl.history.HistoryLevelFull;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.runtime.VariableInstance;

/**
 * Full history, less what nobody reads (why and what it saved: bench/results/TUNING.md, change 1). This level
 * keeps everything of FULL (activities, tasks, decisions, incidents, job log, user operation log, the last value
 * of every business variable) except
 * <ul>
 * <li>the per-update copies of variables (ACT_HI_DETAIL): Tasklist and Cockpit (community) never show them, and
 * what matters for collection - amounts, contacts, promises, stage changes - is kept in the domain tables;</li>
 * <li>the history of working variables that are recomputed or copied from elsewhere: the collection policy
 * (its decision is in the decision history), the plan dates the timers use, master data copies and the texts
 * prepared for the call form;</li>
 * <li>the decision history of the collection policy evaluated at every case start (Decision_CollectionPolicy:
 * 14 rows per case, 4 inputs and 9 outputs): its outcome is the case plan, {@code casePlan}, which history keeps.
 * Every other decision keeps its history.</li>
 * </ul>
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
        // issue 18: copies of the invoice (customer id, due date) and the stage counter of the outbox keys; the
        // case header (invoice number, collector, currency, outstanding amount, stage) and the plan keep history
        CUSTOMER_ID, DUE_DATE, STAGE_ENTRY_NUMBER);

    /** Decisions evaluated per case whose outcome history keeps elsewhere: no decision history of their own. */
    static final Set<String> DECISIONS_WITHOUT_HISTORY = Set.of(DECISION_COLLECTION_POLICY);

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
        if (eventType == HistoryEventTypes.VARIABLE_INSTANCE_UPDATE_DETAIL) {
            return false;
        }
        // HistoryDecisionEvaluationListener passes the evaluated (root) decision: the deployed decision definition
        if (eventType == HistoryEventTypes.DMN_DECISION_EVALUATE && entity instanceof DecisionDefinition decision) {
            return !DECISIONS_WITHOUT_HISTORY.contains(decision.getKey());
        }
        if (entity instanceof VariableInstance variable && isVariableEvent(eventType)) {
            return !WORKING_VARIABLES.contains(variable.getName());
        }
        return true;
    }

    private static boolean isVariableEvent(HistoryEventType type) {
        return type == HistoryEventTypes.VARIABLE_INSTANCE_CREATE || type == HistoryEventTypes.VARIABLE_INSTANCE_UPDATE
            || type == HistoryEventTypes.VARIABLE_INSTANCE_DELETE || type == HistoryEventTypes.VARIABLE_INSTANCE_MIGRATE;
    }
}
