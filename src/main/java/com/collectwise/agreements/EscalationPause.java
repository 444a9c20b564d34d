package com.collectwise.agreements;

import static com.collectwise.kernel.CaseVariables.*;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.CasePlan;
import com.collectwise.kernel.CasePlans;
import com.collectwise.kernel.ContactEntry;
import com.collectwise.kernel.ContactLog;
import com.collectwise.kernel.Stage;

/**
 * Escalation stands still while an instalment plan runs. {@link #pause} ({@link PauseEscalationListener}) notes
 * when and in which stage the case stopped; "Resume collection" ({@link ResumeCollectionDelegate}) moves every
 * later stage deadline by the time the plan ran and restarts the case in the stage it paused in, so the stage
 * gets only the time it had left.
 */
@Component
public class EscalationPause {

    private final BusinessClock clock;
    private final ContactLog contacts;
    private final CasePlans plans;

    public EscalationPause(BusinessClock clock, ContactLog contacts, CasePlans plans) {
        this.clock = clock;
        this.contacts = contacts;
        this.plans = plans;
    }

    public void pause(DelegateExecution execution) {
        execution.setVariable(ESCALATION_PAUSED_AT, clock.nowZoned().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        execution.setVariable(PAUSED_STAGE, execution.getVariable(STAGE));
    }

    /** "Resume collection" ({@link ResumeCollectionDelegate}). */
    public void resume(DelegateExecution execution) {
        OffsetDateTime pausedAt = OffsetDateTime.parse((String) execution.getVariable(ESCALATION_PAUSED_AT));
        Duration paused = Duration.between(pausedAt.toInstant(), clock.now());
        // the deadlines that lie ahead of a paused case move; the due date and the pre-due reminder never do
        CasePlan plan = plans.of(execution);
        Stage stage = Stage.valueOf((String) execution.getVariable(PAUSED_STAGE));
        // a plan agreed before the due date that is forfeited after it resumes with the overdue reminder
        if (stage == Stage.PRE_DUE && !clock.now().isBefore(OffsetDateTime.parse(plan.overdueAt()).toInstant())) {
            stage = Stage.INTERNAL_REMINDER;
        }
        plans.write(execution, plan.withDeadlines(later(plan.formalDemandAt(), paused), later(plan.fieldVisitAt(), paused),
            later(plan.agencyAt(), paused)).withEntryStage(stage.name()));
        contacts.append(new ContactEntry(null, (String) execution.getVariable(INVOICE_NUMBER),
            (String) execution.getVariable(CUSTOMER_ID), "NOTE", clock.now(), null, null, "COLLECTION_RESUMED",
            "Instalment plan " + execution.getVariable(AGREEMENT_OUTCOME) + "; collection resumes in " + stage
                + " after a pause of " + paused.toDays() + " days.", null, null));
    }

    private static String later(String deadline, Duration paused) {
        return OffsetDateTime.parse(deadline).plus(paused).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
}
