package com.collectwise.cases;

import com.collectwise.kernel.BusinessCalendar;
import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.CasePlans;
import static com.collectwise.kernel.CaseVariables.*;

import java.time.LocalDate;
import java.time.ZonedDateTime;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Plan next call" after the formal letter: the call slot on the n-th working day from today, n from the policy
 * DMN (3 by default), so contact goes on at the rhythm a supervisor set ("勤": frequent follow-up).
 */
@Component("planFollowUpCallDelegate")
public class PlanFollowUpCallDelegate implements JavaDelegate {

    static final int DEFAULT_WORKING_DAYS = 3;

    private final BusinessCalendar calendar;
    private final CallSchedule schedule;
    private final BusinessClock clock;
    private final CasePlans plans;

    public PlanFollowUpCallDelegate(BusinessCalendar calendar, CallSchedule schedule, BusinessClock clock,
                                    CasePlans plans) {
        this.calendar = calendar;
        this.plans = plans;
        this.schedule = schedule;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Integer days = plans.followUpCallWorkingDays(execution);
        int n = days == null ? DEFAULT_WORKING_DAYS : Math.max(1, days);
        ZonedDateTime now = clock.nowZoned();
        LocalDate day = now.toLocalDate();
        // n-1 whole working days in between; the slot on the working day after them is the n-th
        for (int i = 1; i < n; i++) {
            day = calendar.nextWorkingDayAfter(day);
        }
        execution.setVariable(NEXT_CALL_AT, PlanVariables.iso(schedule.nextSlotAfterToday(day.atTime(now.toLocalTime())
            .atZone(now.getZone()))));
    }
}
