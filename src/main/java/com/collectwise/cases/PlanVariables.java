package com.collectwise.cases;

import com.collectwise.kernel.CasePlan;
import com.collectwise.kernel.CasePlans;
import com.collectwise.kernel.Stage;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** A {@link CollectionPlan} in and out of the case's {@link CasePlan} (ISO date-times, as the timers read them). */
final class PlanVariables {

    private PlanVariables() {
    }

    /** The case plan with the stage dates and entry stage of {@code plan}. */
    static CasePlan with(CasePlan casePlan, CollectionPlan plan) {
        return casePlan.withStages(plan.entryStage().name(), iso(plan.preDueReminderAt()), iso(plan.overdueAt()),
            iso(plan.formalDemandAt()), iso(plan.fieldVisitAt()), iso(plan.agencyAt()));
    }

    static CollectionPlan read(CasePlan plan, ZoneId zone) {
        return new CollectionPlan(at(plan.preDueReminderAt(), zone), at(plan.overdueAt(), zone),
            at(plan.formalDemandAt(), zone), at(plan.fieldVisitAt(), zone), at(plan.agencyAt(), zone),
            Stage.valueOf(plan.entryStage()));
    }

    static String iso(ZonedDateTime t) {
        return CasePlans.iso(t);
    }

    private static ZonedDateTime at(String iso, ZoneId zone) {
        return OffsetDateTime.parse(iso).atZoneSameInstant(zone);
    }
}
