package com.collectwise.cases;

import com.collectwise.kernel.Stage;
import java.time.ZonedDateTime;

/** When each stage of a case begins, and the stage the case starts in. */
public record CollectionPlan(ZonedDateTime preDueReminderAt, ZonedDateTime overdueAt, ZonedDateTime formalDemandAt,
                             ZonedDateTime fieldVisitAt, ZonedDateTime agencyAt, Stage entryStage) {

    /** The moment a stage normally begins; null for stages that no timer starts. */
    public ZonedDateTime startOf(Stage stage) {
        return switch (stage) {
            case PRE_DUE -> preDueReminderAt;
            case INTERNAL_REMINDER -> overdueAt;
            case FORMAL_DEMAND -> formalDemandAt;
            case FIELD_VISIT -> fieldVisitAt;
            case AGENCY -> agencyAt;
            default -> null;
        };
    }
}
