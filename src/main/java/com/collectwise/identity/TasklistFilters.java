package com.collectwise.identity;

import static com.collectwise.kernel.CaseVariables.*;
import static com.collectwise.identity.CollectwiseGroup.*;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.TaskQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Tasklist filters. The shared ones are created once, by name: afterwards they belong to the
 * supervisors and administrators, who may change them in Tasklist without a restart undoing their change.
 * Read access for the groups that work with a filter is made sure of at every start.
 * <p>
 * No filter holds an expression (CVE-2026-109432: the engine evaluates query expressions with its own
 * rights, so stored ones are switched off with {@code enableExpressionsInStoredQueries: false}). What the
 * expressions used to say is kept otherwise:
 * <ul>
 * <li>"the current user" ({@code ${currentUser()}}): "My calls today" exists once per member of the
 * groups that read it, owned by that user and naming them as assignee; members who join later get
 * theirs within a minute ({@link TasklistFilterRefresh}).</li>
 * <li>"now" and "end of today" ({@code ${now()}}, {@code ${dateTime()...}}): stored as plain dates and
 * moved on every minute by {@link #refresh}, "today" in the collection department's zone.</li>
 * </ul>
 * Filters found with an expression at start (written by an earlier version, or by hand) are rewritten:
 * ours from their definition, anybody else's without the expression (logged, so that an administrator
 * can look at it), so that nothing stored can run an expression should the setting ever be turned on.
 */
final class TasklistFilters {

    private static final Logger LOG = LoggerFactory.getLogger(TasklistFilters.class);

    static final String MY_CALLS_TODAY = "My calls today";
    static final String FIELD_VISITS = "Field visits";
    static final String APPROVALS = "Approvals";
    static final String LEGAL_TASKS = "Legal";
    static final String OVERDUE_TASKS = "Overdue tasks";
    static final String CALLS_WITHOUT_OWNER = "Calls without an owner";

    /** The case header every filter shows next to a task, in this order. */
    static final Map<String, String> SHOWN_VARIABLES = shownVariables();

    /** The groups whose members each get their own "My calls today". */
    static final List<CollectwiseGroup> CALLERS = List.of(COLLECTORS, SUPERVISORS);

    /** The moments the filters' dates are taken from. */
    record Moment(Date now, Date endOfToday) {

        static Moment at(Date now, ZoneId zone) {
            ZonedDateTime endOfToday = now.toInstant().atZone(zone).toLocalDate().plusDays(1).atStartOfDay(zone);
            // minutes: the stored date changes once a minute, not on every call
            return new Moment(Date.from(now.toInstant().truncatedTo(ChronoUnit.MINUTES)),
                Date.from(endOfToday.toInstant()));
        }
    }

    record Definition(String name, int priority, String color, String description,
                      BiFunction<TaskQuery, Moment, TaskQuery> query, List<CollectwiseGroup> readers) {
    }

    static final Definition MY_CALLS = new Definition(MY_CALLS_TODAY, 1, "#2e7d32",
        "My calls due today: highest priority first, then by follow-up time (best slot 15:30).",
        // the assignee is set per user (myCalls); calls without a follow-up date are due now
        (q, at) -> q.taskDefinitionKey(TASK_CALL_CUSTOMER)
            .followUpBeforeOrNotExistent(at.endOfToday())
            .orderByTaskPriority().desc().orderByFollowUpDate().asc(),
        CALLERS);

    /** The filters shared by everybody who may read them. */
    static final List<Definition> DEFINITIONS = List.of(
        new Definition(FIELD_VISITS, 2, "#1565c0",
            "Customers to visit in person (claimed or not); SLA 10 working days.",
            (q, at) -> q.taskDefinitionKey(TASK_VISIT_CUSTOMER).taskCandidateGroup(FIELD_COLLECTORS.id())
                .includeAssignedTasks()
                .orderByDueDate().asc(),
            List.of(FIELD_COLLECTORS, SUPERVISORS)),
        new Definition(APPROVALS, 3, "#ef6c00",
            "Hand-offs to an agency, write-offs or sales, waivers, instalment plans and disputes waiting for a decision.",
            (q, at) -> q.taskDefinitionKeyIn(TASK_APPROVE_AGENCY_HANDOFF, TASK_APPROVE_WRITE_OFF, TASK_APPROVE_AGREEMENT,
                TASK_APPROVE_WAIVER, TASK_RESOLVE_DISPUTE, TASK_DECIDE_OVERDUE_DISPUTE)
                .orderByDueDate().asc(),
            List.of(SUPERVISORS, FINANCE)),
        new Definition(LEGAL_TASKS, 4, "#6a1b9a",
            "Litigation reviews and court cases in progress.",
            (q, at) -> q.taskDefinitionKeyIn(TASK_REVIEW_LITIGATION, TASK_FILE_SUIT, TASK_ATTEND_HEARING,
                TASK_RECORD_JUDGMENT, TASK_ENFORCE_JUDGMENT, TASK_REVIEW_LIMITATION)
                .orderByDueDate().asc(),
            List.of(LEGAL, SUPERVISORS)),
        new Definition(OVERDUE_TASKS, 5, "#c62828",
            "Tasks past their due date, oldest first. Act on them today.",
            (q, at) -> q.dueBefore(at.now()).orderByDueDate().asc(),
            List.of(COLLECTORS, FIELD_COLLECTORS, SUPERVISORS, FINANCE, LEGAL)),
        // the collectors' queue: calls that lead a customer's call of the day (named "Call customer"; the calls
        // they cover are renamed) and nobody is assigned, because the owner cannot work the calls any more
        // (cases.OwnerTaskPlugin, OwnersWhoLeft)
        new Definition(CALLS_WITHOUT_OWNER, 6, "#6d4c41",
            "Calls of customers whose owner left the team: claim one, or ask a supervisor to reassign the customer. "
                + "Most urgent first (the end of the 5-working-day contact window).",
            (q, at) -> q.taskDefinitionKey(TASK_CALL_CUSTOMER).taskCandidateGroup(COLLECTORS.id())
                .taskName("Call customer").orderByDueDate().asc(),
            List.of(COLLECTORS, SUPERVISORS)));

    private TasklistFilters() {
    }

    /** At start: repair what holds an expression, create what is missing, grant read access, set the dates. */
    static void apply(ProcessEngine engine, ZoneId zone) {
        FilterService filters = engine.getFilterService();
        Moment at = Moment.at(ClockUtil.getCurrentTime(), zone);
        withoutExpressions(engine, at);
        for (Definition definition : DEFINITIONS) {
            Filter filter = filters.createFilterQuery().filterName(definition.name()).singleResult();
            if (filter == null) {
                filter = filters.newTaskFilter(definition.name())
                    .setQuery(definition.query().apply(engine.getTaskService().createTaskQuery(), at))
                    .setProperties(properties(definition));
                filters.saveFilter(filter);
                LOG.info("Created Tasklist filter '{}'", definition.name());
            }
            for (CollectwiseGroup reader : definition.readers()) {
                AccessRules.ensure(engine.getAuthorizationService(), reader.id(), Resources.FILTER, filter.getId(),
                    Permissions.READ);
            }
        }
        refresh(engine, zone);
    }

    /**
     * Every minute and at start: a "My calls today" for each caller who has none, and the dates moved on.
     * Another node or a supervisor saving the same filter meanwhile wins; the next minute catches up.
     */
    static void refresh(ProcessEngine engine, ZoneId zone) {
        FilterService filters = engine.getFilterService();
        Moment at = Moment.at(ClockUtil.getCurrentTime(), zone);
        Set<String> withCalls = new HashSet<>();
        for (Filter filter : filters.createFilterQuery().filterName(MY_CALLS_TODAY).orderByFilterId().asc().list()) {
            if (filter.getOwner() != null && !withCalls.add(filter.getOwner())) {
                // two nodes created one each in the same minute: keep the first
                filters.deleteFilter(filter.getId());
            }
        }
        for (CollectwiseGroup group : CALLERS) {
            for (User user : engine.getIdentityService().createUserQuery().memberOfGroup(group.id()).list()) {
                if (withCalls.add(user.getId())) {
                    myCalls(engine, user.getId(), at);
                }
            }
        }
        for (Filter filter : filters.createFilterQuery().list()) {
            try {
                moveDates(filters, filter, at);
            } catch (OptimisticLockingException e) {
                LOG.debug("Filter '{}' was saved meanwhile; its dates move on next time", filter.getName());
            }
        }
    }

    private static void myCalls(ProcessEngine engine, String userId, Moment at) {
        FilterService filters = engine.getFilterService();
        Filter filter = filters.newTaskFilter(MY_CALLS_TODAY).setOwner(userId)
            .setQuery(MY_CALLS.query().apply(engine.getTaskService().createTaskQuery().taskAssignee(userId), at))
            .setProperties(properties(MY_CALLS));
        filters.saveFilter(filter);
        // the engine gives the owner every right on the filter when authorization is checked in the command;
        // here (no user logged in) the read grant is made explicitly
        AccessRules.ensureForUser(engine.getAuthorizationService(), userId, Resources.FILTER, filter.getId(),
            Permissions.READ);
        LOG.info("Created Tasklist filter '{}' for {}", MY_CALLS_TODAY, userId);
    }

    /** Moves "now" and "end of today" of our filters on; a date a supervisor removed stays removed. */
    private static void moveDates(FilterService filters, Filter filter, Moment at) {
        if (!(filter.getQuery() instanceof TaskQueryImpl query)) {
            return;
        }
        boolean changed = false;
        if (OVERDUE_TASKS.equals(filter.getName()) && query.getDueBefore() != null
            && !query.getDueBefore().equals(at.now())) {
            query.dueBefore(at.now());
            changed = true;
        }
        if (MY_CALLS_TODAY.equals(filter.getName()) && query.getFollowUpBefore() != null
            && !query.getFollowUpBefore().equals(at.endOfToday())) {
            if (query.isFollowUpNullAccepted()) {
                query.followUpBeforeOrNotExistent(at.endOfToday());
            } else {
                query.followUpBefore(at.endOfToday());
            }
            changed = true;
        }
        if (changed) {
            filters.saveFilter(filter.setQuery(query));
        }
    }

    /**
     * Rewrites every stored filter that holds an expression, at any depth of {@code orQueries}. The shared
     * "My calls today" of earlier versions ({@code ${currentUser()}}) gives way to one filter per user.
     */
    static void withoutExpressions(ProcessEngine engine, Moment at) {
        FilterService filters = engine.getFilterService();
        for (Filter filter : filters.createFilterQuery().list()) {
            if (!(filter.getQuery() instanceof TaskQueryImpl query) || !hasExpressions(query)) {
                continue;
            }
            Definition ours = filter.getOwner() != null ? null : DEFINITIONS.stream()
                .filter(d -> d.name().equals(filter.getName())).findFirst().orElse(null);
            if (MY_CALLS_TODAY.equals(filter.getName()) && filter.getOwner() == null) {
                filters.deleteFilter(filter.getId());
                LOG.warn("Replaced the shared Tasklist filter '{}' (it named the user by an expression) by one"
                    + " filter per user", filter.getName());
            } else if (ours != null) {
                filters.saveFilter(filter.setQuery(ours.query().apply(engine.getTaskService().createTaskQuery(), at)));
                LOG.warn("Rewrote Tasklist filter '{}' without expressions, as defined by Collectwise",
                    filter.getName());
            } else {
                for (TaskQueryImpl part : query.getQueries()) {
                    part.setExpressions(new HashMap<>());
                }
                filters.saveFilter(filter.setQuery(query));
                LOG.warn("Removed the expressions from Tasklist filter '{}' (id {}, owner {}): expressions are refused"
                    + " (CVE-2026-109432); check that it still shows what it should", filter.getName(), filter.getId(),
                    filter.getOwner());
            }
        }
    }

    static boolean hasExpressions(TaskQueryImpl query) {
        return query.getQueries().stream().anyMatch(part -> !part.getExpressions().isEmpty());
    }

    private static Map<String, Object> properties(Definition definition) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("color", definition.color());
        properties.put("priority", definition.priority());
        properties.put("description", definition.description());
        properties.put("refresh", false);
        properties.put("showUndefinedVariable", false);
        properties.put("variables", SHOWN_VARIABLES.entrySet().stream()
            .map(v -> Map.of("name", v.getKey(), "label", v.getValue())).toList());
        return properties;
    }

    private static Map<String, String> shownVariables() {
        Map<String, String> shown = new LinkedHashMap<>();
        shown.put(INVOICE_NUMBER, "Invoice");
        shown.put(CUSTOMER_NAME, "Customer");
        shown.put(OUTSTANDING_AMOUNT, "Outstanding");
        shown.put(CURRENCY, "Currency");
        shown.put(DAYS_OVERDUE, "Days overdue");
        shown.put(STAGE, "Stage");
        return shown;
    }
}
