package com.collectwise.cases;

import com.collectwise.kernel.Stage;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

import org.springframework.stereotype.Component;

/**
 * Turns the policy (days after the due date) into moments in the company zone, and decides where an
 * invoice that is already overdue when it is registered starts: in the stage its age calls for.
 */
@Component
public class CollectionPlanner {

    /** Stage deadlines fall due at the start of the working day, so that people act on them that day. */
    static final LocalTime START_OF_DAY = LocalTime.of(9, 0);

    public CollectionPlan plan(LocalDate dueDate, CollectionPolicy policy, ZonedDateTime now) {
        ZoneId zone = now.getZone();
        ZonedDateTime preDue = at(dueDate.minusDays(policy.preDueReminderDays()), zone);
        ZonedDateTime overdue = at(dueDate.plusDays(1), zone);
        // no stage before the one it follows: a policy giving 0 days to the formal demand (a third of a term under 3
        // days) demands on the first overdue day, not on the due date while nothing is overdue yet
        ZonedDateTime formal = notBefore(at(dueDate.plusDays(policy.formalDemandDays()), zone), overdue);
        ZonedDateTime visit = notBefore(at(dueDate.plusDays(policy.fieldVisitDays()), zone), formal);
        ZonedDateTime agency = notBefore(at(dueDate.plusDays(policy.agencyDays()), zone), visit);
        // the stage an invoice starts in follows its age in days (the daysOverdue the case view shows), whatever the
        // hour it is registered at: registered before nine on the day a stage begins, it starts in that stage
        // (running cases enter it at nine, when its timer fires)
        ZonedDateTime registered = now.toLocalTime().isBefore(START_OF_DAY) ? now.with(START_OF_DAY) : now;
        Stage entry;
        if (registered.isBefore(overdue)) {
            entry = Stage.PRE_DUE;
        } else if (registered.isBefore(formal)) {
            entry = Stage.INTERNAL_REMINDER;
        } else if (registered.isBefore(visit)) {
            entry = Stage.FORMAL_DEMAND;
        } else if (registered.isBefore(agency)) {
            entry = Stage.FIELD_VISIT;
        } else {
            entry = Stage.AGENCY;
        }
        return new CollectionPlan(preDue, overdue, formal, visit, agency, entry);
    }

    /**
     * A supervisor moved the case to {@code target}. When the target stage would normally have begun in
     * the past, every later deadline moves by the same amount, so the target stage gets its full length
     * instead of being left at once by a deadline that has already passed. The shift is in whole days of the
     * company calendar: the stage counts from {@link #START_OF_DAY} of the day of the move, as if its timer had begun
     * it that morning, so the moved deadlines fall due at nine like every other stage deadline, not at the hour the
     * supervisor happened to move the case.
     */
    public CollectionPlan replanFor(CollectionPlan plan, Stage target, ZonedDateTime now) {
        ZonedDateTime start = plan.startOf(target);
        if (start == null || !start.isBefore(now)) {
            return new CollectionPlan(plan.preDueReminderAt(), plan.overdueAt(), plan.formalDemandAt(),
                plan.fieldVisitAt(), plan.agencyAt(), target);
        }
        long shift = ChronoUnit.DAYS.between(start.toLocalDate(),
            now.withZoneSameInstant(start.getZone()).toLocalDate());
        return new CollectionPlan(
            later(plan.preDueReminderAt(), target, Stage.PRE_DUE, shift),
            later(plan.overdueAt(), target, Stage.INTERNAL_REMINDER, shift),
            later(plan.formalDemandAt(), target, Stage.FORMAL_DEMAND, shift),
            later(plan.fieldVisitAt(), target, Stage.FIELD_VISIT, shift),
            later(plan.agencyAt(), target, Stage.AGENCY, shift),
            target);
    }

    private static ZonedDateTime later(ZonedDateTime at, Stage target, Stage stageOfDeadline, long shiftDays) {
        return stageOfDeadline.ordinal() > target.ordinal() ? at.plusDays(shiftDays) : at;
    }

    private static ZonedDateTime notBefore(ZonedDateTime at, ZonedDateTime earliest) {
        return at.isBefore(earliest) ? earliest : at;
    }

    private static ZonedDateTime at(LocalDate day, ZoneId zone) {
        return day.atTime(START_OF_DAY).atZone(zone);
    }
}
