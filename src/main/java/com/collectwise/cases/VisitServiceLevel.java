package com.collectwise.cases;

import java.util.List;

import org.springframework.stereotype.Component;

import com.collectwise.kernel.CaseVariables;
import com.collectwise.kernel.WorkingDayRecount;
import com.collectwise.kernel.WorkingDayDeadlines;

/**
 * The visit's service level (10 working days by default, {@link PlanVisitDelegate}) counted again when the calendar
 * of a year it spans is loaded or replaced: "Visit customer" is due, and the supervisor alerted, on the last working
 * day of the calendar in force.
 */
@Component
public class VisitServiceLevel implements WorkingDayRecount {

    static final String TIMER = CaseVariables.TIMER_VISIT_SLA_EXPIRED;
    static final String TASK = CaseVariables.TASK_VISIT_CUSTOMER;

    private final List<Step> steps;

    public VisitServiceLevel(WorkingDayDeadlines deadlines) {
        this.steps = List.of(deadlines.counted("visit-sla", TIMER, TASK, CaseVariables.VISIT_DUE_AT));
    }

    @Override
    public List<Step> steps() {
        return steps;
    }
}
