package com.collectwise.kernel;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The plan of a collection case, kept as one process variable ({@link CaseVariables#CASE_PLAN}, compact JSON
 * that Cockpit shows as text and history keeps): the stage the case starts in, when each stage begins (ISO
 * date-times in the company zone) and the contact and visit policy Decision_CollectionPolicy decided at start.
 * Replaces the single variables of the same names (before issue 18); {@link CasePlans} still reads those for
 * cases started on an older version of the model.
 * <p>
 * The four policy day counts are set by the decision's output mapping only; "Plan collection stages" turns them
 * into the dates and leaves them out, so a case's plan never carries them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"entryStage", "preDueReminderAt", "overdueAt", "formalDemandAt", "fieldVisitAt", "agencyAt",
    "fieldVisit", "visitSlaWorkingDays", "followUpCallWorkingDays", "writtenReminderDays", "agencyMandateDuration",
    "preDueReminderDays", "formalDemandDays", "fieldVisitDays", "agencyDays"})
public record CasePlan(String entryStage, String preDueReminderAt, String overdueAt, String formalDemandAt,
                       String fieldVisitAt, String agencyAt, Boolean fieldVisit, Integer visitSlaWorkingDays,
                       Integer followUpCallWorkingDays, Integer writtenReminderDays, String agencyMandateDuration,
                       Integer preDueReminderDays, Integer formalDemandDays, Integer fieldVisitDays,
                       Integer agencyDays) {

    /** The stage dates and the entry stage, policy days dropped (they are dates now). */
    public CasePlan withStages(String entryStage, String preDueReminderAt, String overdueAt, String formalDemandAt,
                               String fieldVisitAt, String agencyAt) {
        return new CasePlan(entryStage, preDueReminderAt, overdueAt, formalDemandAt, fieldVisitAt, agencyAt,
            fieldVisit, visitSlaWorkingDays, followUpCallWorkingDays, writtenReminderDays, agencyMandateDuration,
            null, null, null, null);
    }

    public CasePlan withEntryStage(String stage) {
        return new CasePlan(stage, preDueReminderAt, overdueAt, formalDemandAt, fieldVisitAt, agencyAt, fieldVisit,
            visitSlaWorkingDays, followUpCallWorkingDays, writtenReminderDays, agencyMandateDuration,
            preDueReminderDays, formalDemandDays, fieldVisitDays, agencyDays);
    }

    /** The later stage deadlines moved (an escalation pause); the due date and the pre-due reminder stay. */
    public CasePlan withDeadlines(String formalDemandAt, String fieldVisitAt, String agencyAt) {
        return new CasePlan(entryStage, preDueReminderAt, overdueAt, formalDemandAt, fieldVisitAt, agencyAt, fieldVisit,
            visitSlaWorkingDays, followUpCallWorkingDays, writtenReminderDays, agencyMandateDuration,
            preDueReminderDays, formalDemandDays, fieldVisitDays, agencyDays);
    }
}
