package com.collectwise.disputes;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.collectwise.kernel.CaseVariables;
import com.collectwise.kernel.WorkingCalendarChanged;
import com.collectwise.kernel.WorkingDayDeadlines;

/**
 * The dispute's service level (10 working days, {@link RouteDisputeDelegate}) counted again when the calendar of a
 * year it spans is loaded or replaced: "Resolve dispute" is due, and goes to the supervisor, on the tenth working day
 * of the calendar in force.
 */
@Component
public class DisputeServiceLevel {

    static final String TIMER = CaseVariables.TIMER_DISPUTE_SLA_EXPIRED;
    static final String TASK = CaseVariables.TASK_RESOLVE_DISPUTE;

    private final WorkingDayDeadlines deadlines;

    public DisputeServiceLevel(WorkingDayDeadlines deadlines) {
        this.deadlines = deadlines;
    }

    @EventListener
    public void calendarChanged(WorkingCalendarChanged change) {
        deadlines.recount(change, TIMER, TASK, CaseVariables.DISPUTE_SLA);
    }
}
