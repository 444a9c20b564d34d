package com.collectwise.agreements;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.format.DateTimeFormatter;

import org.springframework.stereotype.Component;

import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.CasePlan;
import com.collectwise.kernel.ContactEntry;
import com.collectwise.kernel.ContactLog;
import com.collectwise.kernel.Stage;

/**
 * Escalation stands still while an instalment plan runs. {@link PauseEscalationListener} notes when
 * ({@link #pausedAt}) and in which stage the case stopped; "Resume collection" ({@link ResumeCollectionDelegate})
 * moves every later stage deadline by the days the plan ran and restarts the case in the stage it paused in
 * ({@link #resume}), so the stage gets only the time it had left.
 */
@Component
public class EscalationPause {

    private final BusinessClock clock;
    private final ContactLog contacts;

    public EscalationPause(BusinessClock clock, ContactLog contacts) {
        this.clock = clock;
        this.contacts = contacts;
    }

    /** The moment the case pauses (ISO offset date-time), as the case keeps it. */
    public String pausedAt() {
        return clock.nowZoned().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    /**
     * The case's plan after a pause that began at {@code pausedAt} in {@code pausedStage}: the later deadlines move
     * by the pause, the entry stage is the one it paused in. The case file notes the resumption.
     *
     * @param outcome how the plan ended (the case's {@code agreementOutcome}), for the note
     */
    public CasePlan resume(CasePlan plan, String pausedAt, String pausedStage, String invoiceNumber, String customerId,
                           Object outcome) {
        // the deadlines move by whole days of the company calendar, so that they still fall due at 09:00 like every
        // stage deadline (CollectionPlanner), not at the hour of the pause's end shifted by the hour it began
        ZonedDateTime now = clock.nowZoned();
        long days = ChronoUnit.DAYS.between(
            OffsetDateTime.parse(pausedAt).atZoneSameInstant(now.getZone()).toLocalDate(), now.toLocalDate());
        // the deadlines that lie ahead of a paused case move; the due date and the pre-due reminder never do
        Stage stage = Stage.valueOf(pausedStage);
        // a plan agreed before the due date that is forfeited after it resumes with the overdue reminder
        if (stage == Stage.PRE_DUE && !clock.now().isBefore(OffsetDateTime.parse(plan.overdueAt()).toInstant())) {
            stage = Stage.INTERNAL_REMINDER;
        }
        CasePlan resumed = plan.withDeadlines(later(plan.formalDemandAt(), days, now.getZone()),
            later(plan.fieldVisitAt(), days, now.getZone()), later(plan.agencyAt(), days, now.getZone()))
            .withEntryStage(stage.name());
        contacts.append(new ContactEntry(null, invoiceNumber, customerId, "NOTE", clock.now(), null, null,
            "COLLECTION_RESUMED", "Instalment plan " + outcome + "; collection resumes in " + stage
                + " after a pause of " + days + " days.", null, null));
        return resumed;
    }

    private static String later(String deadline, long days, ZoneId zone) {
        return OffsetDateTime.parse(deadline).atZoneSameInstant(zone).plusDays(days)
            .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
}
