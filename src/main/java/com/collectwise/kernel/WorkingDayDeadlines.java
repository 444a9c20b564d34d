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
 * Steps of {@link WorkingDayRecount} over timers (paged by job id, each page bounded). Deadlines counted in working days (a service level: the n-th working day after the day its task opened, at a time
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

    private final org.springframework.jdbc.core.simple.JdbcClient jdbc;

    public WorkingDayDeadlines(ManagementService management, TaskService tasks, RuntimeService runtime,
                               BusinessCalendar calendar, BusinessClock clock,
                               org.springframework.jdbc.core.simple.JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.management = management;
        this.tasks = tasks;
        this.runtime = runtime;
        this.calendar = calendar;
        this.clock = clock;
    }

    /**
     * A step that counts again the open deadlines of the timer {@code timerActivityId} attached to the user task
     * {@code taskKey}, counted from the day the task opened.
     *
     * @param variable the process variable holding the deadline (ISO offset date-time), set where it lives
     */
    public WorkingDayRecount.Step counted(String name, String timerActivityId, String taskKey, String variable) {
        return step(name, (change, cursor, limit) -> recount(change, timerActivityId, taskKey, variable, true, cursor,
            limit));
    }

    /**
     * A step that counts again the open deadlines of the timer {@code timerActivityId} that waits on its own (an
     * intermediate timer event: the next call's slot), counted from the day the timer was set.
     */
    public WorkingDayRecount.Step countedTimer(String name, String timerActivityId, String variable) {
        return step(name, (change, cursor, limit) -> recount(change, timerActivityId, null, variable, false, cursor,
            limit));
    }

    /**
     * A step that sets the open timers of {@code timerActivityId} due in the changed year or later again to what
     * {@code due} computes now from the variables {@code names} of the timer's execution (a deadline that is a pure
     * function of the case and the calendar as it is, e.g. an instalment's check after the customer's grace working
     * days); a null result leaves the timer as it is. Idempotent: the same calendar computes the same dates.
     *
     * @param variable the process variable the model read the timer from (ISO offset date-time)
     */
    public WorkingDayRecount.Step recomputed(String name, String timerActivityId, java.util.List<String> names,
                                             java.util.function.Function<java.util.Map<String, Object>, ZonedDateTime> due,
                                             String variable) {
        return step(name, (change, cursor, limit) -> eachTimer(change, timerActivityId, cursor, limit, job -> {
            if (job.getExecutionId() == null) {
                return;
            }
            ZonedDateTime at = due.apply(runtime.getVariables(job.getExecutionId(), names));
            if (at == null || at.toInstant().equals(job.getDuedate().toInstant())) {
                return;
            }
            management.setJobDuedate(job.getId(), Date.from(at.toInstant()));
            runtime.setVariable(job.getExecutionId(), variable, CasePlans.iso(at.withZoneSameInstant(clock.zone())));
        }));
    }

    /**
     * One page of the activity's open timers due in the changed year or later (a deadline before it cannot move),
     * after {@code cursor}: {@code each} gets the job of every timer that has not fired meanwhile. The page stops at a
     * timer the job executor holds (it is firing) and says until when.
     */
    private WorkingDayRecount.Page eachTimer(WorkingCalendarChanged change, String timerActivityId, String cursor,
                                             int limit, java.util.function.Consumer<Job> each) {
        Date yearStart = Date.from(LocalDate.of(change.year(), 1, 1).atStartOfDay(clock.zone()).toInstant());
        java.util.List<Timer> page = timers(timerActivityId, yearStart, cursor, limit);
        String last = cursor;
        int handled = 0;
        for (Timer timer : page) {
            java.time.Instant held = heldUntil(timer);
            if (held != null) {
                return new WorkingDayRecount.Page(last, handled, false, held);
            }
            last = timer.id();
            handled++;
            if (timer.job() != null && timer.job().getDuedate() != null) {
                each.accept(timer.job());
            }
        }
        return new WorkingDayRecount.Page(last, handled, page.size() < limit, null);
    }

    private interface Run {
        WorkingDayRecount.Page run(WorkingCalendarChanged change, String cursor, int limit);
    }

    private static WorkingDayRecount.Step step(String name, Run run) {
        return new WorkingDayRecount.Step() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public WorkingDayRecount.Page run(WorkingCalendarChanged change, String cursor, int limit) {
                return run.run(change, cursor, limit);
            }
        };
    }

    /**
     * Counts n with the year as it was before the change and sets the deadline on the n-th working day of the year as
     * the change made it. A deadline set after the change was counted with it already and is left alone.
     */
    private WorkingDayRecount.Page recount(WorkingCalendarChanged change, String timerActivityId, String taskKey,
                                           String variable, boolean ofTask, String cursor, int limit) {
        String home = calendar.homeCountry();
        if (!home.equals(change.country() == null ? home : change.country().trim().toUpperCase(Locale.ROOT))) {
            return WorkingDayRecount.Page.finished(cursor, 0); // the department's deadlines follow the home calendar
        }
        ZoneId zone = clock.zone();
        return eachTimer(change, timerActivityId, cursor, limit, job -> {
            if (change.at() != null && job.getCreateTime() != null
                && job.getCreateTime().toInstant().isAfter(change.at())) {
                return;
            }
            Task task = ofTask ? tasks.createTaskQuery().executionId(job.getExecutionId()).taskDefinitionKey(taskKey)
                .singleResult() : null;
            Date since = ofTask ? (task == null ? null : task.getCreateTime()) : job.getCreateTime();
            if (since == null) {
                return;
            }
            LocalDate opened = since.toInstant().atZone(zone).toLocalDate();
            ZonedDateTime due = job.getDuedate().toInstant().atZone(zone);
            if (due.getYear() < change.year() || opened.getYear() > change.year()) {
                return; // the changed year is not between the two: nothing to count again
            }
            int n = calendar.workingDaysAfter(home, opened, due.toLocalDate(), change.before());
            if (n <= 0) {
                return;
            }
            ZonedDateTime recounted = (change.after() == null ? calendar.plusWorkingDays(home, opened, n)
                : calendar.plusWorkingDays(home, opened, n, change.after())).atTime(due.toLocalTime()).atZone(zone);
            if (recounted.toInstant().equals(due.toInstant())) {
                return;
            }
            Date at = Date.from(recounted.toInstant());
            // read before the move: inside the recount job's command the job is the engine's cached entity
            long wasDue = job.getDuedate().getTime();
            management.setJobDuedate(job.getId(), at);
            if (task != null && task.getDueDate() != null && task.getDueDate().getTime() == wasDue) {
                task.setDueDate(at);
                tasks.saveTask(task);
            }
            runtime.setVariable(job.getExecutionId(), variable, CasePlans.iso(recounted));
        });
    }

    /** An open timer of a page: its job (null: it fired meanwhile) and when the job executor's lock on it ends. */
    private record Timer(String id, Job job, java.time.Instant lockedUntil) {
    }

    /** When the job executor's lock on the timer ends, if it holds it now (the timer is firing). */
    private java.time.Instant heldUntil(Timer timer) {
        return timer.lockedUntil() != null && timer.lockedUntil().isAfter(clock.now()) ? timer.lockedUntil() : null;
    }

    /**
     * The open timers of the activity due from {@code dueFrom} on, after {@code cursor} by id, a page of them (the
     * engine's job query cannot start after an id: the ids are read with SQL, the jobs through the engine).
     */
    private java.util.List<Timer> timers(String activityId, Date dueFrom, String cursor, int limit) {
        record Row(String id, java.sql.Timestamp lockedUntil, String owner) {
        }
        java.util.List<Row> rows = jdbc.sql("SELECT J.ID_, J.LOCK_EXP_TIME_, J.LOCK_OWNER_ FROM "
                + management.getTableName(Job.class) + " J JOIN "
                + management.getTableName(Job.class) + "DEF JD ON J.JOB_DEF_ID_ = JD.ID_ WHERE J.TYPE_ = 'timer' AND JD.ACT_ID_ = ? AND J.DUEDATE_ >= ?"
                + " AND J.ID_ > ? ORDER BY J.ID_ FETCH FIRST ? ROWS ONLY")
            .params(activityId, new java.sql.Timestamp(dueFrom.getTime()), cursor == null ? "" : cursor, limit)
            .query((rs, n) -> new Row(rs.getString(1), rs.getTimestamp(2), rs.getString(3))).list();
        java.util.List<Timer> timers = new java.util.ArrayList<>();
        for (Row row : rows) {
            timers.add(new Timer(row.id(), management.createJobQuery().jobId(row.id()).singleResult(),
                row.owner() != null && row.lockedUntil() != null ? row.lockedUntil().toInstant() : null));
        }
        return timers;
    }

}
