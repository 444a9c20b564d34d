package com.collectwise.cases;

import com.collectwise.kernel.BusinessCalendar;
import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.CaseFacts;
import com.collectwise.kernel.CasePlans;
import static com.collectwise.kernel.CaseVariables.*;

import java.time.LocalDate;
import java.time.LocalTime;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Set visit due date": the visit's service level in working days (the policy DMN, 10 by default) counted from
 * tomorrow, ending at the close of that working day. Counts the visits of the stage: a second visit follows when
 * the decision maker was not met.
 */
@Component("planVisitDelegate")
public class PlanVisitDelegate implements JavaDelegate {

    static final int DEFAULT_SLA_WORKING_DAYS = 10;
    /** The stage entry the visit count belongs to. */
    static final String VISIT_STAGE_ENTRY = "visitStageEntry";
    /** The visit may still be reported on its last day. */
    static final LocalTime END_OF_DAY = LocalTime.of(18, 0);

    private final BusinessCalendar calendar;
    private final BusinessClock clock;
    private final CasePlans plans;
    private final CaseFacts facts;

    public PlanVisitDelegate(BusinessCalendar calendar, BusinessClock clock, CasePlans plans, CaseFacts facts) {
        this.calendar = calendar;
        this.plans = plans;
        this.clock = clock;
        this.facts = facts;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Integer sla = plans.visitSlaWorkingDays(execution);
        int days = sla == null ? DEFAULT_SLA_WORKING_DAYS : sla;
        LocalDate due = clock.today();
        for (int i = 0; i < days; i++) {
            due = calendar.nextWorkingDayAfter(due);
        }
        execution.setVariable(VISIT_DUE_AT, PlanVariables.iso(due.atTime(END_OF_DAY).atZone(clock.zone())));
        // a second visit starts with an empty report, not the first visit's answers
        execution.removeVariables(java.util.List.of(VISIT_OUTCOME, VISIT_REPORT, DECISION_MAKER_MET, PROMISED_AMOUNT,
            PROMISED_DATE));
        // visits count per entry into the field stage: a case moved back into it starts again at the first visit
        Integer entry = facts.stageEntry(execution);
        Object visits = execution.getVariable(VISIT_NUMBER);
        boolean sameEntry = entry.equals(execution.getVariable(VISIT_STAGE_ENTRY));
        execution.setVariable(VISIT_NUMBER, visits == null || !sameEntry ? 1 : ((Number) visits).intValue() + 1);
        execution.setVariable(VISIT_STAGE_ENTRY, entry);
    }
}
