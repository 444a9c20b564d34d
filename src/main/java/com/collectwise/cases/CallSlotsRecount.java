package com.collectwise.cases;

import java.util.List;

import org.springframework.stereotype.Component;

import com.collectwise.kernel.BusinessCalendar;
import com.collectwise.kernel.WorkingDayRecount;

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
public class CallSlotsRecount implements WorkingDayRecount {

    /** The next call of the internal stage, and of *Keep in contact* after the formal letter. */
    static final String NEXT_CALL = com.collectwise.kernel.CaseVariables.TIMER_NEXT_CALL_DUE;
    static final String FOLLOW_UP_CALL = com.collectwise.kernel.CaseVariables.TIMER_FOLLOW_UP_CALL_DUE;

    private final List<Step> steps;

    public CallSlotsRecount(WorkingDayDeadlines deadlines, CustomerCalls calls, BusinessCalendar calendar) {
        this.steps = List.of(
            deadlines.countedTimer("calls-1-next-call", NEXT_CALL, CaseVariables.NEXT_CALL_AT),
            deadlines.countedTimer("calls-2-follow-up-call", FOLLOW_UP_CALL, CaseVariables.NEXT_CALL_AT),
            new Step() {
                @Override
                public String name() {
                    return "calls-3-call-days";
                }

                @Override
                public Page run(WorkingCalendarChanged change, String cursor, int limit) {
                    if (change.country() != null && !calendar.homeCountry().equalsIgnoreCase(change.country().trim())) {
                        return Page.finished(cursor, 0); // collectors work by the home country's calendar
                    }
                    // the open calls whose slot fell on a day that is a holiday now
                    return calls.calendarChanged(change.year(), cursor, limit);
                }
            });
    }

    @Override
    public List<Step> steps() {
        return steps;
    }
}
