package com.collectwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.el.StartProcessVariableScope;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

import com.collectwise.identity.TasklistFilterRefresh;

/**
 * CVE-2026-109432: no query expression reaches the engine, through either of its APIs, whoever asks.
 * Every refused call carries {@code ${traceBean.touch()}}, which would count a call on
 * {@link ExpressionTrace.Trace} had the engine evaluated it; the count stays where it was.
 */
class EngineExpressionGuardTest extends ApiTestSupport {

    private static final String TRACE = "${traceBean.touch()}";
    private static final String CALL_STAND_IN = "Test_CallStandIn";

    @Autowired
    ExpressionTrace.Trace trace;
    @Autowired
    ProcessEngine engine;
    @Autowired
    FilterService filters;
    @Autowired
    TaskService tasks;
    @Autowired
    RepositoryService repository;
    @Autowired
    TasklistFilterRefresh filterRefresh;

    private String plainFilterId;

    @BeforeEach
    void aFilterToUpdate() {
        plainFilterId = filters.saveFilter(filters.newTaskFilter(unique("Plain filter"))
            .setQuery(tasks.createTaskQuery().taskName("nothing"))).getId();
    }

    /** The refused calls, for a base path ({@code /engine-rest} or the webapps' engine API). */
    private List<Call> attacks() {
        String q = URLEncoder.encode(TRACE, StandardCharsets.UTF_8);
        String hash = URLEncoder.encode("#{traceBean.touch()}", StandardCharsets.UTF_8);
        String filterBody = """
            {"resourceType": "Task", "name": "%s", "owner": null, "properties": {},
             "query": {"orQueries": [{"assigneeExpression": "%s"}]}}""";
        return List.of(
            new Call(HttpMethod.POST, "/task?maxResults=5", """
                {"orQueries": [{"assigneeExpression": "%s"}]}""".formatted(TRACE)),
            new Call(HttpMethod.POST, "/task?maxResults=5", """
                {"assigneeExpression": "%s"}""".formatted(TRACE)),
            // deeper than the engine allows: the guard does not rely on the engine's own limits
            new Call(HttpMethod.POST, "/task/count", """
                {"orQueries": [{"name": "x", "orQueries": [{"candidateGroup": "%s"}]}]}""".formatted(TRACE)),
            // a JSON escape of "$" is still an expression once parsed
            new Call(HttpMethod.POST, "/task", """
                {"orQueries": [{"assignee": "\\u0024{traceBean.touch()}"}]}"""),
            new Call(HttpMethod.POST, "/task", """
                {"orQueries": [{"dueBeforeExpression": "now"}]}"""),
            new Call(HttpMethod.GET, "/task?maxResults=5&assigneeExpression=" + q, null),
            new Call(HttpMethod.GET, "/task?maxResults=5&assignee=" + q, null),
            new Call(HttpMethod.GET, "/task/count?candidateGroup=" + hash, null),
            new Call(HttpMethod.POST, "/filter/create", filterBody.formatted("Refused filter", TRACE)),
            new Call(HttpMethod.PUT, "/filter/" + plainFilterId, filterBody.formatted("Refused update", TRACE)),
            new Call(HttpMethod.POST, "/filter/" + plainFilterId + "/list?firstResult=0&maxResults=15", """
                {"orQueries": [{"assigneeExpression": "%s"}]}""".formatted(TRACE)),
            new Call(HttpMethod.POST, "/filter/" + plainFilterId + "/count", """
                {"assigneeLike": "%s"}""".formatted(TRACE)),
            new Call(HttpMethod.GET, "/filter/" + plainFilterId + "/list?assigneeExpression=" + q, null));
    }

    @Test
    void expressionsAreRefusedOnTheEngineRestApiForEveryone() {
        int before = trace.calls();
        for (String user : List.of(COLLECTOR, SUPERVISOR, ADMIN)) {
            for (Call call : attacks()) {
                Response r = callEngineRest(user, call.method(), call.path(), call.body());
                assertProblem(r, 400);
                assertThat(r.body().path("detail").asText()).as(user + " " + call).contains("Expressions");
                assertThat(errorFields(r)).as(user + " " + call).isNotEmpty();
            }
        }
        assertNothingHappened(before);
    }

    @Test
    void expressionsAreRefusedOnTheWebappsEngineApiForEveryone() {
        int before = trace.calls();
        for (String user : List.of(COLLECTOR, SUPERVISOR, ADMIN)) {
            HttpHeaders session = webappSession(user);
            for (Call call : attacks()) {
                Response r = webapp(session, call.method(), call.path(), call.body());
                assertProblem(r, 400);
                assertThat(r.body().path("detail").asText()).as(user + " " + call).contains("Expressions");
            }
        }
        assertNothingHappened(before);
    }

    private void assertNothingHappened(int traceBefore) {
        assertThat(trace.calls()).as("expression evaluations").isEqualTo(traceBefore);
        assertThat(filters.createFilterQuery().filterName("Refused filter").count()).isZero();
        assertThat(filters.createFilterQuery().filterName("Refused update").count()).isZero();
        assertThat(filters.getFilter(plainFilterId).getName()).startsWith("Plain filter");
    }

    /** The proof is only worth something if the engine could have reached the bean. */
    @Test
    void theTraceBeanIsWithinReachOfTheEnginesExpressions() {
        ProcessEngineConfigurationImpl configuration =
            (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        int before = trace.calls();

        Object value = configuration.getCommandExecutorTxRequired().execute(context -> configuration
            .getExpressionManager().createExpression(TRACE).getValue(StartProcessVariableScope.getSharedInstance()));

        assertThat(value).isEqualTo("traced");
        assertThat(trace.calls()).isEqualTo(before + 1);
    }

    @Test
    void plainQueriesAndFiltersStillPass() {
        Response orQuery = callEngineRest(ADMIN, HttpMethod.POST, "/task?maxResults=5", """
            {"orQueries": [{"assignee": "%s"}, {"candidateGroup": "collectors"}]}""".formatted(COLLECTOR));
        assertThat(orQuery.status()).as(orQuery.raw()).isEqualTo(200);

        // filters are made in Tasklist by administrators (nobody else holds CREATE on filters)
        HttpHeaders session = webappSession(ADMIN);
        String name = unique("Shared filter");
        Response created = webapp(session, HttpMethod.POST, "/filter/create", """
            {"resourceType": "Task", "name": "%s", "properties": {"priority": 9},
             "query": {"candidateGroup": "collectors", "includeAssignedTasks": true}}""".formatted(name));
        assertThat(created.status()).as(created.raw()).isEqualTo(200);
        String id = created.body().path("id").asText();
        Response updated = webapp(session, HttpMethod.PUT, "/filter/" + id, """
            {"resourceType": "Task", "name": "%s (changed)", "properties": {"priority": 9},
             "query": {"candidateGroup": "supervisors"}}""".formatted(name));
        assertThat(updated.status()).as(updated.raw()).isEqualTo(204);
        assertThat(filters.getFilter(id).getName()).isEqualTo(name + " (changed)");
    }

    @Test
    void theCollectorsOwnCallsTodayListsTheirCallThroughAWebappSession() {
        String taskId = callTaskFor(COLLECTOR);
        String otherTaskId = callTaskFor(SUPERVISOR);
        // the collector was created after start: the refresh gives them their own filter
        filterRefresh.refresh();
        Filter myCalls = filters.createFilterQuery().filterName("My calls today").filterOwner(COLLECTOR).singleResult();
        assertThat(myCalls).isNotNull();
        HttpHeaders session = webappSession(COLLECTOR);

        // what Tasklist sends when the filter is opened
        Response list = webapp(session, HttpMethod.POST, "/filter/" + myCalls.getId()
            + "/list?firstResult=0&maxResults=15", """
            {"processVariables": [], "taskVariables": [], "caseInstanceVariables": [],
             "sorting": [{"sortBy": "created", "sortOrder": "desc"}]}""");
        // and what it asks for the filter list and a filter's count
        Response filterList = webapp(session, HttpMethod.GET,
            "/filter?firstResult=0&maxResults=2000&itemCount=false&resourceType=Task", null);
        Response count = webapp(session, HttpMethod.POST, "/filter/" + myCalls.getId() + "/count", "{}");

        assertThat(list.status()).as(list.raw()).isEqualTo(200);
        List<String> listed = new ArrayList<>(list.body().findValuesAsText("id"));
        assertThat(listed).contains(taskId).doesNotContain(otherTaskId);
        assertThat(filterList.status()).as(filterList.raw()).isEqualTo(200);
        // the collector sees their own "My calls today" (not the supervisor's) and the shared ones
        assertThat(filterList.body().findValuesAsText("name")).contains("My calls today", "Overdue tasks")
            .doesNotContain("Approvals");
        List<String> owners = new ArrayList<>();
        filterList.body().forEach(f -> {
            if (f.path("owner").isTextual()) {
                owners.add(f.path("owner").asText());
            }
        });
        assertThat(owners).containsOnly(COLLECTOR);
        assertThat(count.status()).as(count.raw()).isEqualTo(200);
        assertThat(count.body().path("count").asInt()).isPositive();
    }

    /** A call task as the collection process makes it (same task key), assigned to the user. */
    private String callTaskFor(String user) {
        if (repository.createProcessDefinitionQuery().processDefinitionKey(CALL_STAND_IN).count() == 0) {
            repository.createDeployment().name("call stand-in")
                .addModelInstance(CALL_STAND_IN + ".bpmn", Bpmn.createExecutableProcess(CALL_STAND_IN)
                    .camundaHistoryTimeToLive(1)
                    .startEvent().userTask("Task_CallCustomer").name("Call customer")
                    .camundaAssignee("${collector}").camundaCandidateGroups("collectors")
                    .endEvent().done())
                .deploy();
        }
        String instance = runtime.startProcessInstanceByKey(CALL_STAND_IN, unique("CALL"),
            java.util.Map.of("collector", user)).getId();
        Task task = tasks.createTaskQuery().processInstanceId(instance).singleResult();
        return task.getId();
    }

    private record Call(HttpMethod method, String path, String body) {
    }
}
