package com.collectwise.communication;

import java.time.LocalDate;
import java.util.List;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.collectwise.kernel.BusinessCalendar;
import com.collectwise.kernel.ContactLog;
import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.CaseEngine;
import com.collectwise.kernel.CaseVariables;

/**
 * Watches the open cases between the process steps:
 * <ul>
 * <li>re-ranks open calls by the customer's danger signals (the task priority Tasklist sorts by);</li>
 * <li>a case in any stage before the agency (internal reminder, formal demand, field visit) without any contact
 * attempt for 5 working days gets a task for the supervisors (a standalone Tasklist task, once per case and
 * gap: no second one while it is open, however many days the silence lasts);</li>
 * <li>a pre-due reminder still waiting after the due date is CANCELLED ({@link NoticesOfToday});</li>
 * <li>a notice that cannot reach the customer becomes a task for the owner ({@link ContactProblems}).</li>
 * </ul>
 */
@Component
public class CaseWatch {

    static final String GAP_TASK_PREFIX = "contact-gap:";
    /**
     * The contact window (DOMAIN.md 3): no case goes more than this many working days without a contact attempt. The
     * call tasks' due date is the end of it ({@code cases.CallCustomerListener}).
     */
    public static final int GAP_WORKING_DAYS = 5;

    private final CaseEngine cases;
    private final ContactLog contacts;
    private final DangerSignals signals;
    private final BusinessCalendar calendar;
    private final BusinessClock clock;
    private final ContactProblems contactProblems;
    private final NoticesOfToday noticesOfToday;

    public CaseWatch(CaseEngine cases, ContactLog contacts, DangerSignals signals, BusinessCalendar calendar,
                     BusinessClock clock, ContactProblems contactProblems, NoticesOfToday noticesOfToday) {
        this.contactProblems = contactProblems;
        this.noticesOfToday = noticesOfToday;
        this.cases = cases;
        this.contacts = contacts;
        this.signals = signals;
        this.calendar = calendar;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${collectwise.watch.interval}", initialDelayString = "${collectwise.watch.initial-delay}")
    public void watch() {
        rankCalls();
        raiseContactGaps();
        // a pre-due reminder past its due date will not go: no task waits for its address
        noticesOfToday.cancelOutdatedPreDueReminders();
        contactProblems.raise();
    }

    /** @return how many calls changed priority */
    public int rankCalls() {
        // each call with the customer of its invoice (CaseEngine: no case keeps the customer id as a variable)
        return rank(cases.activeTasksWithCustomer(CaseVariables.TASK_CALL_CUSTOMER));
    }

    /** Re-ranks the calls of one customer now (a danger signal was just recorded). */
    public int rankCallsOf(String customerId) {
        return rank(cases.activeTasksOfCustomer(CaseVariables.TASK_CALL_CUSTOMER, customerId));
    }

    private int rank(List<CaseEngine.CustomerTask> calls) {
        int changed = 0;
        for (CaseEngine.CustomerTask call : calls) {
            String customerId = call.customerId();
            if (customerId == null) {
                continue;
            }
            DangerSignals.Assessment a = signals.assess(customerId, clock.now());
            if (call.priority() != a.priority()) {
                cases.setPriority(call.id(), a.priority());
                changed++;
            }
        }
        return changed;
    }

    /** @return the invoice numbers that got a contact-gap task now */
    public List<String> raiseContactGaps() {
        LocalDate cutoff = clock.today();
        for (int i = 0; i < GAP_WORKING_DAYS; i++) {
            cutoff = previousWorkingDay(cutoff);
        }
        java.time.Instant since = cutoff.atStartOfDay(clock.zone()).toInstant();
        // contact is owed from the day after the due date (D+1 <= cutoff) until the agency takes over, and from the
        // day an invoice was registered when it came in already overdue (registered on or before the cutoff day)
        List<String> quiet = contacts.quietCases(List.of("INTERNAL_REMINDER", "FORMAL_DEMAND", "FIELD_VISIT"), cutoff,
            since, cutoff.plusDays(1).atStartOfDay(clock.zone()).toInstant());
        List<String> raised = new java.util.ArrayList<>();
        for (String invoiceNumber : quiet) {
            String key = GAP_TASK_PREFIX + invoiceNumber + ":" + cutoff;
            // one open task per case: the same silence the next day (its cutoff a day later) is the same gap
            if (!cases.openKeyedTasks(GAP_TASK_PREFIX + invoiceNumber + ":").isEmpty()) {
                continue;
            }
            cases.openGroupTask(new CaseEngine.GroupTask("supervisors",
                "No contact for " + GAP_WORKING_DAYS + " working days: invoice " + invoiceNumber, key,
                "Nobody has tried to reach this customer since " + cutoff
                    + ". Ask the collector why, or take the call yourself.", 80, clock.now()));
            raised.add(invoiceNumber);
        }
        return raised;
    }

    /** Internal work: the home country's calendar (a Spring Festival week is no gap, a worked Saturday is a day). */
    private LocalDate previousWorkingDay(LocalDate day) {
        return calendar.previousWorkingDayBefore(day);
    }
}
