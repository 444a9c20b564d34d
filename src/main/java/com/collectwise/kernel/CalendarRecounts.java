package com.collectwise.kernel;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandler;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandlerConfiguration;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.MessageEntity;
import org.camunda.bpm.engine.runtime.Job;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Counts the working-day deadlines of running cases again when a calendar year changes, without holding the
 * {@code PUT /api/calendar/{year}} request: the PUT stores the year and, in the same transaction, an engine job
 * "calendar recount" (so the two are written together or not at all). Right after the commit the request runs the
 * job's first page itself (at most {@link #pageSize} deadlines: what a normal calendar change moves, so the moved
 * dates show at once); whatever remains runs as the job's continuations on the job executor, one bounded page per
 * job and transaction, each with the cursor of the next. A page that loses a race with the job executor (a timer
 * fired meanwhile: an optimistic locking conflict) is rolled back and retried by the engine; a timer the executor
 * holds stops the page until its lock ends. The request never fails on the recount: the calendar is in.
 *
 * <p>Changes of the same country and year are recounted one after the other in the order they were made (a later
 * chain waits while an earlier one still runs): each counts from the year as it was to the year as it made it.
 */
@Component
public class CalendarRecounts extends AbstractProcessEnginePlugin {

    static final String TYPE = "collectwise-calendar-recount";
    /** A page that conflicts with the job executor is retried this often before it becomes an incident. */
    static final int RETRIES = 10;
    private static final Logger log = LoggerFactory.getLogger(CalendarRecounts.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final ObjectProvider<List<WorkingDayRecount>> recounts;
    private final ObjectProvider<ManagementService> management;
    private final ObjectProvider<PlatformTransactionManager> transactions;
    private final ObjectProvider<BusinessClock> clock;
    private final ObjectProvider<org.springframework.jdbc.core.simple.JdbcClient> jdbc;
    private ProcessEngineConfigurationImpl engine;
    private volatile int pageSize = 500;

    public CalendarRecounts(ObjectProvider<List<WorkingDayRecount>> recounts,
                            ObjectProvider<ManagementService> management,
                            ObjectProvider<PlatformTransactionManager> transactions, ObjectProvider<BusinessClock> clock,
                            ObjectProvider<org.springframework.jdbc.core.simple.JdbcClient> jdbc) {
        this.jdbc = jdbc;
        this.recounts = recounts;
        this.management = management;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** How many deadlines one page (one job, one transaction) handles at most. */
    public int pageSize() {
        return pageSize;
    }

    /** For tests: smaller pages show the continuations. */
    public void pageSize(int size) {
        this.pageSize = Math.max(1, size);
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        this.engine = configuration;
        List<JobHandler> handlers = configuration.getCustomJobHandlers() == null ? new ArrayList<>()
            : new ArrayList<>(configuration.getCustomJobHandlers());
        handlers.add(new Handler());
        configuration.setCustomJobHandlers(handlers);
    }

    /** The PUT's transaction: the recount job is written with the year; its first page runs after the commit. */
    @EventListener
    public void calendarChanged(WorkingCalendarChanged change) {
        State state = new State(change.country(), change.year(), System.currentTimeMillis() * 1000
            + Math.floorMod(SEQUENCE.incrementAndGet(), 1000), change.at() == null ? null : change.at().toEpochMilli(),
            year(change.before()), year(change.after()), 0, null);
        String jobId = engine.getCommandExecutorTxRequired().execute(context -> send(context, state, null));
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    runNow(jobId);
                }
            });
        } else {
            runNow(jobId);
        }
    }

    /** Runs the job's first page in its own transaction; a failure leaves it to the job executor's retries. */
    private void runNow(String jobId) {
        TransactionTemplate requiresNew = new TransactionTemplate(transactions.getObject());
        requiresNew.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        try {
            requiresNew.executeWithoutResult(tx -> management.getObject().executeJob(jobId));
        } catch (RuntimeException e) {
            log.warn("Calendar recount {} goes on in the background", jobId, e);
        }
    }

    private static String send(CommandContext context, State state, Date due) {
        MessageEntity message = new MessageEntity();
        message.setJobHandlerType(TYPE);
        message.setJobHandlerConfigurationRaw(state.toCanonicalString());
        message.setRetries(RETRIES);
        if (due != null) {
            message.setDuedate(due);
        }
        context.getJobManager().send(message);
        return message.getId();
    }

    private List<WorkingDayRecount.Step> steps() {
        List<WorkingDayRecount.Step> steps = new ArrayList<>();
        recounts.getObject().forEach(r -> steps.addAll(r.steps()));
        steps.sort(Comparator.comparing(WorkingDayRecount.Step::name));
        return steps;
    }

    /** One page: the steps from the state's on, until the page is full; then the continuation, if any is left. */
    void page(State state, CommandContext context) {
        if (earlierChainRunning(state, context)) {
            // the earlier change of the year first: its deadlines must be in its year before this one counts them
            send(context, state, Date.from(clock.getObject().now().plusSeconds(10)));
            return;
        }
        WorkingCalendarChanged change = state.change();
        List<WorkingDayRecount.Step> steps = steps();
        int budget = pageSize;
        int step = state.step();
        String cursor = state.cursor();
        while (step < steps.size() && budget > 0) {
            WorkingDayRecount.Page page = steps.get(step).run(change, cursor, budget);
            budget -= page.handled();
            if (page.heldUntil() != null) {
                send(context, state.at(step, page.cursor()), Date.from(page.heldUntil()));
                return;
            }
            if (page.done()) {
                step++;
                cursor = null;
            } else {
                cursor = page.cursor();
            }
        }
        if (step < steps.size()) {
            send(context, state.at(step, cursor), null);
        }
    }

    private boolean earlierChainRunning(State state, CommandContext context) {
        ManagementService jobs = management.getObject();
        for (String raw : jdbc.getObject().sql("SELECT HANDLER_CFG_ FROM " + jobs.getTableName(Job.class)
            + " WHERE HANDLER_TYPE_ = ?").param(TYPE).query(String.class).list()) {
            if (raw == null) {
                continue;
            }
            State other = State.parse(raw);
            if (other.country().equals(state.country()) && other.year() == state.year()
                && other.sequence() < state.sequence()) {
                return true;
            }
        }
        return false;
    }

    private static YearDays year(BusinessCalendar.Year y) {
        if (y == null) {
            return null;
        }
        return new YearDays(y.loaded(), y.holidays().stream().sorted().map(LocalDate::getDayOfYear).toList(),
            y.workingWeekends().stream().sorted().map(LocalDate::getDayOfYear).toList());
    }

    /** A year's days as the job keeps them: days of the year (the job's configuration holds 4000 characters). */
    record YearDays(boolean loaded, List<Integer> holidays, List<Integer> workingWeekends) {

        BusinessCalendar.Year year(String country, int year) {
            Set<LocalDate> h = new HashSet<>();
            holidays.forEach(d -> h.add(LocalDate.ofYearDay(year, d)));
            Set<LocalDate> w = new HashSet<>();
            workingWeekends.forEach(d -> w.add(LocalDate.ofYearDay(year, d)));
            return new BusinessCalendar.Year(country, year, loaded, h, w, null, null, null);
        }
    }

    /** The job's configuration: the change, and the step and cursor the next page starts at. */
    record State(String country, int year, long sequence, Long atMillis, YearDays before, YearDays after, int step,
                 String cursor) implements JobHandlerConfiguration {

        State at(int nextStep, String nextCursor) {
            return new State(country, year, sequence, atMillis, before, after, nextStep, nextCursor);
        }

        WorkingCalendarChanged change() {
            return new WorkingCalendarChanged(country, year, before == null ? null : before.year(country, year),
                after == null ? null : after.year(country, year), atMillis == null ? null : Instant.ofEpochMilli(atMillis));
        }

        @Override
        public String toCanonicalString() {
            try {
                return JSON.writeValueAsString(this);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        static State parse(String json) {
            try {
                return JSON.readValue(json, State.class);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("Unreadable calendar recount state: " + json, e);
            }
        }
    }

    private final class Handler implements JobHandler<State> {

        @Override
        public String getType() {
            return TYPE;
        }

        @Override
        public void execute(State state, ExecutionEntity execution, CommandContext commandContext, String tenantId) {
            page(state, commandContext);
        }

        @Override
        public State newConfiguration(String canonicalString) {
            return State.parse(canonicalString);
        }

        @Override
        public void onDelete(State configuration, JobEntity jobEntity) {
            // nothing kept outside the job
        }
    }

}
