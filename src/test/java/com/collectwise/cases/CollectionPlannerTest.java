package com.collectwise.cases;

import com.collectwise.kernel.Stage;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CollectionPlannerTest {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final LocalDate DUE = LocalDate.of(2026, 3, 3);
    static final CollectionPolicy POLICY = new CollectionPolicy(7, 10, 20, 60);

    final CollectionPlanner planner = new CollectionPlanner();

    static ZonedDateTime at(String localDateTime) {
        return java.time.LocalDateTime.parse(localDateTime).atZone(ZONE);
    }

    @Test
    void deadlinesFallDueAtNineInTheCompanyZone() {
        CollectionPlan plan = planner.plan(DUE, POLICY, at("2026-02-01T10:00"));
        assertThat(plan.preDueReminderAt()).isEqualTo(at("2026-02-24T09:00"));
        assertThat(plan.overdueAt()).isEqualTo(at("2026-03-04T09:00"));
        assertThat(plan.formalDemandAt()).isEqualTo(at("2026-03-13T09:00"));
        assertThat(plan.fieldVisitAt()).isEqualTo(at("2026-03-23T09:00"));
        assertThat(plan.agencyAt()).isEqualTo(at("2026-05-02T09:00"));
    }

    @ParameterizedTest(name = "registered {0} -> {1}")
    @CsvSource({
        "2026-02-01T10:00, PRE_DUE",
        "2026-03-03T23:59, PRE_DUE",
        // the age in days decides, not the hour: registered before nine on D+1 the invoice is overdue already
        "2026-03-04T00:00, INTERNAL_REMINDER",
        "2026-03-04T08:59, INTERNAL_REMINDER",
        "2026-03-04T09:00, INTERNAL_REMINDER",
        "2026-03-12T23:59, INTERNAL_REMINDER",
        "2026-03-13T07:30, FORMAL_DEMAND",
        "2026-03-13T09:00, FORMAL_DEMAND",
        "2026-03-22T23:59, FORMAL_DEMAND",
        "2026-03-23T09:00, FIELD_VISIT",
        "2026-05-01T23:59, FIELD_VISIT",
        "2026-05-02T08:59, AGENCY",
        "2026-05-02T09:00, AGENCY",
        "2027-01-01T09:00, AGENCY"
    })
    void entryStageFollowsTheAgeOfTheInvoice(String registeredAt, Stage expected) {
        assertThat(planner.plan(DUE, POLICY, at(registeredAt)).entryStage()).isEqualTo(expected);
    }

    @Test
    void movingBackGivesTheStageItsFullLengthAndMovingForwardKeepsTheDates() {
        CollectionPlan plan = planner.plan(DUE, POLICY, at("2026-02-01T10:00"));
        CollectionPlan back = planner.replanFor(plan, Stage.INTERNAL_REMINDER, at("2026-03-25T09:00"));
        assertThat(back.entryStage()).isEqualTo(Stage.INTERNAL_REMINDER);
        assertThat(back.overdueAt()).isEqualTo(plan.overdueAt());
        assertThat(back.formalDemandAt()).isEqualTo(at("2026-04-03T09:00"));
        assertThat(back.fieldVisitAt()).isEqualTo(at("2026-04-13T09:00"));
        assertThat(back.agencyAt()).isEqualTo(at("2026-05-23T09:00"));

        // moved at 10:17 (or before nine): the stage counts from that day's nine o'clock, like a stage its timer began
        CollectionPlan late = planner.replanFor(plan, Stage.INTERNAL_REMINDER, at("2026-03-25T10:17"));
        assertThat(late.formalDemandAt()).isEqualTo(at("2026-04-03T09:00"));
        assertThat(late.fieldVisitAt()).isEqualTo(at("2026-04-13T09:00"));
        assertThat(late.agencyAt()).isEqualTo(at("2026-05-23T09:00"));
        CollectionPlan early = planner.replanFor(plan, Stage.INTERNAL_REMINDER, at("2026-03-25T07:45"));
        assertThat(early.formalDemandAt()).isEqualTo(at("2026-04-03T09:00"));

        CollectionPlan forward = planner.replanFor(plan, Stage.AGENCY, at("2026-03-05T09:00"));
        assertThat(forward).isEqualTo(new CollectionPlan(plan.preDueReminderAt(), plan.overdueAt(),
            plan.formalDemandAt(), plan.fieldVisitAt(), plan.agencyAt(), Stage.AGENCY));
    }

    /**
     * A policy whose formal demand (or later stage) falls before the stage in front of it - a supervisor's table giving
     * 0 days for a term under 3 days - never plans a stage before the one it follows: due 2026-03-03, overdue
     * 2026-03-04 09:00, so the formal demand is 2026-03-04 09:00 too (not 03-03, while the invoice is not yet
     * overdue); a field visit at D+0 and an agency at D-1 follow it at the same moment.
     */
    @Test
    void noStageIsPlannedBeforeTheStageItFollows() {
        CollectionPlan plan = planner.plan(DUE, new CollectionPolicy(7, 0, 0, -1), at("2026-03-03T10:00"));
        assertThat(plan.overdueAt()).isEqualTo(at("2026-03-04T09:00"));
        assertThat(plan.formalDemandAt()).isEqualTo(at("2026-03-04T09:00"));
        assertThat(plan.fieldVisitAt()).isEqualTo(at("2026-03-04T09:00"));
        assertThat(plan.agencyAt()).isEqualTo(at("2026-03-04T09:00"));
        assertThat(plan.entryStage()).as("registered on the due date").isEqualTo(Stage.PRE_DUE);

        // T = 0 as the shipped policy decides it (formal D+1, visit D+10, agency D+60): registered on D+1, before nine
        // or after, the invoice starts at the formal demand; on the due date it is not yet overdue
        CollectionPolicy dueOnIssue = new CollectionPolicy(7, 1, 10, 60);
        assertThat(planner.plan(DUE, dueOnIssue, at("2026-03-03T23:59")).entryStage()).isEqualTo(Stage.PRE_DUE);
        assertThat(planner.plan(DUE, dueOnIssue, at("2026-03-04T07:00")).entryStage()).isEqualTo(Stage.FORMAL_DEMAND);
        assertThat(planner.plan(DUE, dueOnIssue, at("2026-03-13T09:00")).entryStage()).isEqualTo(Stage.FIELD_VISIT);
    }
}
