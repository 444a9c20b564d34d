package com.collectwise.kernel;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.Locale;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * Deadlines counted in working days (a service level: the n-th working day after the day its task opened, at a time
 * of day) follow the calendar as it is when they end. When a year of the home country is loaded or replaced after
 * such a deadline was set ({@link WorkingCalendarChanged}), n is counted with the year as it was and the deadline
 * set again on the n-th working day of the calendar as it is now: a holiday added in between moves it one working
 * day later, a make-up working weekend one earlier. The timer, the task's due date (unless somebody changed it) and
 * the process variable the model read it from move together.
 */
@Component
public class WorkingDayDeadlines {

    private final ManagementService management;
    private final TaskService tasks;
    private final RuntimeService runtime;
    private final BusinessCalendar calendar;
    private final BusinessClock clock;

    public WorkingDayDeadlines(ManagementService management, TaskService tasks, RuntimeService runtime,
                               BusinessCalendar calendar, BusinessClock clock) {
        this.management = management;
        this.tasks = tasks;
        this.runtime = runtime;
        this.calendar = calendar;
        this.clock = clock;
    }

    /**
     * Counts again the open deadlines of the timer {@code timerActivityId} attached to the user task {@code taskKey}.
     *
     * @param variable the process variable holding the deadline (ISO offset date-time), set where it lives
     * @return how many deadlines moved
     */
    public int recount(WorkingCalendarChanged change, String timerActivityId, String taskKey, String variable) {
        return recount(change, timerActivityId, taskKey, variable, true);
    }

    /**
     * Counts again the open deadlines of the timer {@code timerActivityId} that waits on its own (an intermediate
     * timer event: the next call's slot), counted from the day the timer was set.
     */
    public int recountTimer(WorkingCalendarChanged change, String timerActivityId, String variable) {
        return recount(change, timerActivityId, null, variable, false);
    }

    /**
     * Sets the open timers of {@code timerActivityId} due in the changed year or later again to what {@code due}
     * computes now from the variables {@code names} of the timer's execution (a deadline that is a pure function of
     * the case and the calendar as it is, e.g. an instalment's check after the customer's grace working days); a
     * null result leaves the timer as it is. Idempotent: the same calendar computes the same dates.
     *
     * @param variable the process variable the model read the timer from (ISO offset date-time)
     * @return how many deadlines moved
     */
    public int reschedule(WorkingCalendarChanged change, String timerActivityId, java.util.List<String> names,
                          java.util.function.Function<java.util.Map<String, Object>, ZonedDateTime> due,
                          String variable) {
        Date yearStart = Date.from(LocalDate.of(change.year(), 1, 1).atStartOfDay(clock.zone()).toInstant());
        int moved = 0;
        for (Job job : timers(timerActivityId, yearStart)) {
            if (job.getDuedate() == null || job.getExecutionId() == null) {
                continue;
            }
            ZonedDateTime at = due.apply(runtime.getVariables(job.getExecutionId(), names));
            if (at == null || at.toInstant().equals(job.getDuedate().toInstant())) {
                continue;
            }
            management.setJobDuedate(job.getId(), Date.from(at.toInstant()));
            runtime.setVariable(job.getExecutionId(), variable, CasePlans.iso(at.withZoneSameInstant(clock.zone())));
            moved++;
        }
        return moved;
    }

    private int recount(WorkingCalendarChanged change, String timerActivityId, String taskKey, String variable,
                        boolean ofTask) {
        String home = calendar.homeCountry();
        if (!home.equals(change.country() == null ? home : change.country().trim().toUpperCase(Locale.ROOT))) {
            return 0; // the department's deadlines follow the home country's calendar only
        }
        ZoneId zone = clock.zone();
        int moved = 0;
        // a deadline before the changed year cannot move: only timers due in it or later are read
        Date yearStart = Date.from(LocalDate.of(change.year(), 1, 1).atStartOfDay(zone).toInstant());
        for (Job job : timers(timerActivityId, yearStart)) {
            if (job.getDuedate() == null) {
                continue;
            }
            Task task = ofTask ? tasks.createTaskQuery().executionId(job.getExecutionId()).taskDefinitionKey(taskKey)
                .singleResult() : null;
            Date since = ofTask ? (task == null ? null : task.getCreateTime()) : job.getCreateTime();
            if (since == null) {
                continue;
            }
            LocalDate opened = since.toInstant().atZone(zone).toLocalDate();
            ZonedDateTime due = job.getDuedate().toInstant().atZone(zone);
            if (due.getYear() < change.year() || opened.getYear() > change.year()) {
                continue; // the changed year is not between the two: nothing to count again
            }
            int n = calendar.workingDaysAfter(home, opened, due.toLocalDate(), change.before());
            if (n <= 0) {
                continue;
            }
            ZonedDateTime recounted = calendar.plusWorkingDays(home, opened, n).atTime(due.toLocalTime()).atZone(zone);
            if (recounted.toInstant().equals(due.toInstant())) {
                continue;
            }
            Date at = Date.from(recounted.toInstant());
            management.setJobDuedate(job.getId(), at);
            if (task != null && task.getDueDate() != null && task.getDueDate().getTime() == job.getDuedate().getTime()) {
                task.setDueDate(at);
                tasks.saveTask(task);
            }
            runtime.setVariable(job.getExecutionId(), variable, CasePlans.iso(recounted));
            moved++;
        }
        return moved;
    }

    /** Every open timer of the activity, read in pages (the engine's query limit; a node has thousands of calls). */
    private java.util.List<Job> timers(String activityId, Date dueFrom) {
        java.util.List<Job> all = new java.util.ArrayList<>();
        java.util.List<Job> page;
        do {
            page = management.createJobQuery().activityId(activityId).timers().duedateHigherThenOrEquals(dueFrom)
                .orderByJobId().asc()
                .listPage(all.size(), PAGE);
            all.addAll(page);
        } while (page.size() == PAGE);
        return all;
    }

    static final int PAGE = 500;
}
