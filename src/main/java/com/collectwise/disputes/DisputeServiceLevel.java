package com.collectwise.disputes;

import java.util.List;

import org.springframework.stereotype.Component;

import com.collectwise.kernel.CaseVariables;
import com.collectwise.kernel.WorkingDayRecount;
import com.collectwise.kernel.WorkingDayDeadlines;

/**
 * The dispute's service level (10 working days, {@link RouteDisputeDelegate}) counted again when the calendar of a
 * year it spans is loaded or replaced: "Resolve dispute" is due, and goes to the supervisor, on the tenth working day
 * of the calendar in force.
 */
@Component
public class DisputeServiceLevel implements WorkingDayRecount {

    static final String TIMER = CaseVariables.TIMER_DISPUTE_SLA_EXPIRED;
    static final String TASK = CaseVariables.TASK_RESOLVE_DISPUTE;

    private final List<Step> steps;

    public DisputeServiceLevel(WorkingDayDeadlines deadlines) {
        this.steps = List.of(deadlines.counted("dispute-sla", TIMER, TASK, CaseVariables.DISPUTE_SLA));
    }

    @Override
    public List<Step> steps() {
        return steps;
    }
}
