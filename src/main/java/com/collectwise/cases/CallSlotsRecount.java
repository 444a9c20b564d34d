package com.collectwise.cases;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.collectwise.kernel.CaseVariables;
import com.collectwise.kernel.WorkingCalendarChanged;
import com.collectwise.kernel.WorkingDayDeadlines;

/**
 * The next call's slot is a count of working days (the next working day after an unanswered call, the third after
 * the formal letter: {@link CallSchedule}, {@link PlanFollowUpCallDelegate}); when the calendar of a year it spans is
 * loaded or replaced, the waiting timers are counted again, so that the call comes on the working day the rule means
 * (a holiday added in between moves it on, a make-up Saturday counts); an open call whose follow-up is the slot of a
 * day that has become a holiday moves to the next working day's slot ({@link CustomerCalls#calendarChanged}).
 */
@Component
public class CallSlotsRecount {

    /** The next call of the internal stage, and of *Keep in contact* after the formal letter. */
    static final String NEXT_CALL = com.collectwise.kernel.CaseVariables.TIMER_NEXT_CALL_DUE;
    static final String FOLLOW_UP_CALL = com.collectwise.kernel.CaseVariables.TIMER_FOLLOW_UP_CALL_DUE;

    private final WorkingDayDeadlines deadlines;
    private final CustomerCalls calls;
    private final com.collectwise.kernel.BusinessCalendar calendar;

    public CallSlotsRecount(WorkingDayDeadlines deadlines, CustomerCalls calls,
                            com.collectwise.kernel.BusinessCalendar calendar) {
        this.deadlines = deadlines;
        this.calls = calls;
        this.calendar = calendar;
    }

    @EventListener
    public void calendarChanged(WorkingCalendarChanged change) {
        deadlines.recountTimer(change, NEXT_CALL, CaseVariables.NEXT_CALL_AT);
        deadlines.recountTimer(change, FOLLOW_UP_CALL, CaseVariables.NEXT_CALL_AT);
        if (change.country() == null || calendar.homeCountry().equalsIgnoreCase(change.country().trim())) {
            // the open calls whose slot fell on a day that is a holiday now (the collectors' calendar is the home one)
            calls.calendarChanged(calendar.homeCountry(), change.year());
        }
    }
}
