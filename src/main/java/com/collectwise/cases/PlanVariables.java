package com.collectwise.cases;

import com.collectwise.kernel.Stage;
import static com.collectwise.kernel.CaseVariables.*;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import org.camunda.bpm.engine.delegate.VariableScope;

/** Reads and writes a {@link CollectionPlan} as the ISO date-time variables the timers of the model use. */
final class PlanVariables {

    private PlanVariables() {
    }

    static void write(VariableScope scope, CollectionPlan plan) {
        scope.setVariable(PRE_DUE_REMINDER_AT, iso(plan.preDueReminderAt()));
        scope.setVariable(OVERDUE_AT, iso(plan.overdueAt()));
        scope.setVariable(FORMAL_DEMAND_AT, iso(plan.formalDemandAt()));
        scope.setVariable(FIELD_VISIT_AT, iso(plan.fieldVisitAt()));
        scope.setVariable(AGENCY_AT, iso(plan.agencyAt()));
        scope.setVariable(ENTRY_STAGE, plan.entryStage().name());
    }

    static CollectionPlan read(VariableScope scope, ZoneId zone) {
        return new CollectionPlan(at(scope, PRE_DUE_REMINDER_AT, zone), at(scope, OVERDUE_AT, zone),
            at(scope, FORMAL_DEMAND_AT, zone), at(scope, FIELD_VISIT_AT, zone), at(scope, AGENCY_AT, zone),
            Stage.valueOf((String) scope.getVariable(ENTRY_STAGE)));
    }

    static String iso(ZonedDateTime t) {
        return t.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    private static ZonedDateTime at(VariableScope scope, String name, ZoneId zone) {
        return OffsetDateTime.parse((String) scope.getVariable(name)).atZoneSameInstant(zone);
    }
}
