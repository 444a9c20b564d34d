package com.collectwise.identity;

import static com.collectwise.cases.CaseVariables.*;
import static com.collectwise.identity.CollectwiseGroup.*;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared Tasklist filters. Each is created once, by name: afterwards it belongs to the supervisors
 * and administrators, who may change it in Tasklist without a restart undoing their change. Read
 * access for the groups that work with a filter is made sure of at every start.
 */
final class TasklistFilters {

    private static final Logger LOG = LoggerFactory.getLogger(TasklistFilters.class);

    static final String MY_CALLS_TODAY = "My calls today";
    static final String FIELD_VISITS = "Field visits";
    static final String APPROVALS = "Approvals";
    static final String LEGAL_TASKS = "Legal";
    static final String OVERDUE_TASKS = "Overdue tasks";

    /** The case header every filter shows next to a task, in this order. */
    static final Map<String, String> SHOWN_VARIABLES = shownVariables();

    record Definition(String name, int priority, String color, String description,
                      Function<TaskQuery, TaskQuery> query, List<CollectwiseGroup> readers) {
    }

    static final List<Definition> DEFINITIONS = List.of(
        new Definition(MY_CALLS_TODAY, 1, "#2e7d32",
            "My calls due today: highest priority first, then by follow-up time (best slot 15:30).",
            q -> q.taskDefinitionKey("Task_CallCustomer")
                .taskAssigneeExpression("${currentUser()}")
                // end of today in the server's time zone; calls without a follow-up date are due now
                .followUpBeforeOrNotExistentExpression("${dateTime().withTimeAtStartOfDay().plusDays(1).toDate()}")
                .orderByTaskPriority().desc().orderByFollowUpDate().asc(),
            List.of(COLLECTORS, SUPERVISORS)),
        new Definition(FIELD_VISITS, 2, "#1565c0",
            "Customers to visit in person (claimed or not); SLA 10 working days.",
            q -> q.taskDefinitionKey("Task_VisitCustomer").taskCandidateGroup(FIELD_COLLECTORS.id())
                .includeAssignedTasks()
                .orderByDueDate().asc(),
            List.of(FIELD_COLLECTORS, SUPERVISORS)),
        new Definition(APPROVALS, 3, "#ef6c00",
            "Hand-offs to an agency, write-offs or sales, waivers, instalment plans and disputes waiting for a decision.",
            q -> q.taskDefinitionKeyIn("Task_ApproveAgencyHandoff", "Task_ApproveWriteOff", "Task_ApproveAgreement",
                "Task_ApproveWaiver", "Task_ResolveDispute", "Task_DecideOverdueDispute")
                .orderByDueDate().asc(),
            List.of(SUPERVISORS, FINANCE)),
        new Definition(LEGAL_TASKS, 4, "#6a1b9a",
            "Litigation reviews and court cases in progress.",
            q -> q.taskDefinitionKeyIn("Task_ReviewLitigation", "Task_FileSuit", "Task_AttendHearing",
                "Task_RecordJudgment", "Task_EnforceJudgment", "Task_ReviewLimitation")
                .orderByDueDate().asc(),
            List.of(LEGAL, SUPERVISORS)),
        new Definition(OVERDUE_TASKS, 5, "#c62828",
            "Tasks past their due date, oldest first. Act on them today.",
            q -> q.dueBeforeExpression("${now()}").orderByDueDate().asc(),
            List.of(COLLECTORS, FIELD_COLLECTORS, SUPERVISORS, FINANCE, LEGAL)));

    private TasklistFilters() {
    }

    static void apply(ProcessEngine engine) {
        FilterService filters = engine.getFilterService();
        for (Definition definition : DEFINITIONS) {
            Filter filter = filters.createFilterQuery().filterName(definition.name()).singleResult();
            if (filter == null) {
                filter = filters.newTaskFilter(definition.name())
                    .setQuery(definition.query().apply(engine.getTaskService().createTaskQuery()))
                    .setProperties(properties(definition));
                filters.saveFilter(filter);
                LOG.info("Created Tasklist filter '{}'", definition.name());
            }
            for (CollectwiseGroup reader : definition.readers()) {
                AccessRules.ensure(engine.getAuthorizationService(), reader.id(), Resources.FILTER, filter.getId(),
                    Permissions.READ);
            }
        }
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
