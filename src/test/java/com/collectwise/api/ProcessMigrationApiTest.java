package com.collectwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import com.collectwise.kernel.CaseVariables;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The Modeler round trip over HTTP: a supervisor deploys a changed model to /engine-rest as Camunda Modeler
 * does (multipart deployment/create with HTTP Basic), a collector is refused; the supervisor reads the
 * migration plan and migrates the running cases, which land in the same activities of the new version. The
 * context is discarded afterwards: the test deploys a new version of the main process.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ProcessMigrationApiTest extends ApiTestSupport {

    @Autowired
    RepositoryService repository;

    @Test
    void supervisorDeploysFromModelerThenMigratesRunningCases() throws Exception {
        String customerId = createCustomer();
        String preDue = createInvoice(customerId, "800.00");
        String overdue = createInvoice(customerId, "900.00", "CNY", today().minusDays(40), today().minusDays(3));
        runDueJobsOfCase(preDue);
        runDueJobsOfCase(overdue);
        String preDueWaitsAt = waitingAt(preDue);
        String overdueWaitsAt = waitingAt(overdue);
        assertThat(overdueWaitsAt).isEqualTo("Task_CallCustomer");
        ProcessDefinition before = latest();

        String changed = mainModel().replace("name=\"Call customer\"", "name=\"Call customer by phone\"");
        ResponseEntity<String> refused = deploy(COLLECTOR, changed);
        assertThat(refused.getStatusCode().value()).as(refused.getBody()).isEqualTo(403);
        assertThat(latest().getId()).isEqualTo(before.getId());
        ResponseEntity<String> anonymous = deploy(null, changed);
        assertThat(anonymous.getStatusCode().value()).isEqualTo(401);

        ResponseEntity<String> deployed = deploy(SUPERVISOR, changed);
        assertThat(deployed.getStatusCode().value()).as(deployed.getBody()).isEqualTo(200);
        ProcessDefinition after = latest();
        assertThat(after.getVersion()).isEqualTo(before.getVersion() + 1);
        assertThat(json.readTree(deployed.getBody()).path("deployedProcessDefinitions").path(after.getId())
            .path("version").asInt()).isEqualTo(after.getVersion());
        assertThat(definitionOf(overdue)).as("deploying moves no case").isEqualTo(before.getId());

        assertProblem(get(COLLECTOR, "/api/process-versions/migration-plan"), 403);
        assertProblem(get(FINANCE, "/api/process-versions/migration-plan"), 403);
        assertProblem(post(COLLECTOR, "/api/process-versions/migrations", Map.of("async", false)), 403);

        Response plan = get(SUPERVISOR, "/api/process-versions/migration-plan?from=" + before.getVersion());
        assertThat(plan.status()).as(plan.raw()).isEqualTo(200);
        assertThat(plan.body().path("from").path("version").asInt()).isEqualTo(before.getVersion());
        assertThat(plan.body().path("to").path("version").asInt()).isEqualTo(after.getVersion());
        assertThat(plan.body().path("blockedCases")).isEmpty();
        assertThat(mapped(plan.body(), "Task_CallCustomer").path("instances").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(mapped(plan.body(), "Task_CallCustomer").path("targetActivityId").asText())
            .isEqualTo("Task_CallCustomer");
        long running = plan.body().path("runningCases").asLong();

        Response versions = get(SUPERVISOR, "/api/process-versions");
        assertThat(versions.status()).isEqualTo(200);
        assertThat(versions.body().findValues("version")).hasSizeGreaterThanOrEqualTo(2);

        Response migrated = post(SUPERVISOR, "/api/process-versions/migrations",
            Map.of("from", before.getVersion(), "async", false));
        assertThat(migrated.status()).as(migrated.raw()).isEqualTo(200);
        assertThat(migrated.body().path("migrated").asLong()).isEqualTo(running);
        assertThat(migrated.body().path("batchId").isMissingNode() || migrated.body().path("batchId").isNull())
            .isTrue();

        assertThat(definitionOf(preDue)).isEqualTo(after.getId());
        assertThat(definitionOf(overdue)).isEqualTo(after.getId());
        assertThat(waitingAt(preDue)).isEqualTo(preDueWaitsAt);
        assertThat(waitingAt(overdue)).isEqualTo("Task_CallCustomer");
        assertThat(runtime.createProcessInstanceQuery().processDefinitionId(before.getId()).count()).isZero();

        Response nothingLeft = post(SUPERVISOR, "/api/process-versions/migrations", Map.of("async", false));
        assertProblem(nothingLeft, 400);
        assertThat(errorFields(nothingLeft)).containsExactly("from");
    }

    @Test
    void asyncMigrationRunsAsACamundaBatch() throws Exception {
        String overdue = createInvoice(createCustomer(), "700.00", "CNY", today().minusDays(40), today().minusDays(3));
        runDueJobsOfCase(overdue);
        ProcessDefinition before = latest();
        assertThat(deploy(SUPERVISOR, mainModel().replace("name=\"Visit customer\"", "name=\"Visit customer on site\""))
            .getStatusCode().value()).isEqualTo(200);

        Response started = post(SUPERVISOR, "/api/process-versions/migrations", Map.of("from", before.getVersion()));
        assertThat(started.status()).as(started.raw()).isEqualTo(200);
        String batchId = started.body().path("batchId").asText();
        assertThat(batchId).isNotBlank();
        assertThat(definitionOf(overdue)).as("the batch has not run yet").isEqualTo(before.getId());

        // the job executor is off in tests: run the batch's seed, migration and monitor jobs here
        for (int round = 0; round < 10; round++) {
            var jobs = management.createJobQuery().executable().list().stream()
                .filter(j -> j.getProcessInstanceId() == null).toList();
            if (jobs.isEmpty()) {
                break;
            }
            jobs.forEach(j -> management.executeJob(j.getId()));
        }
        assertThat(definitionOf(overdue)).isEqualTo(latest().getId());
        assertThat(waitingAt(overdue)).isEqualTo("Task_CallCustomer");
    }

    private ResponseEntity<String> deploy(String user, String bpmn) {
        MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("deployment-name", "collection changed in Modeler");
        parts.add("deployment-source", "Camunda Modeler");
        HttpHeaders fileHeaders = new HttpHeaders();
        fileHeaders.setContentType(MediaType.APPLICATION_XML);
        parts.add("receivable-collection.bpmn", new HttpEntity<>(new ByteArrayResource(
            bpmn.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() {
                return "receivable-collection.bpmn";
            }
        }, fileHeaders));
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        var client = user == null ? rest : rest.withBasicAuth(user, PASSWORD);
        return client.exchange("/engine-rest/deployment/create", HttpMethod.POST, new HttpEntity<>(parts, headers),
            String.class);
    }

    private String mainModel() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/processes/receivable-collection.bpmn")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private ProcessDefinition latest() {
        return repository.createProcessDefinitionQuery().processDefinitionKey(CaseVariables.PROCESS_COLLECTION)
            .latestVersion().singleResult();
    }

    private String definitionOf(String invoiceNumber) {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(invoiceNumber)
            .processDefinitionKey(CaseVariables.PROCESS_COLLECTION).singleResult().getProcessDefinitionId();
    }

    /** The one activity the case waits in (tests' cases wait in exactly one). */
    private String waitingAt(String invoiceNumber) {
        var pi = runtime.createProcessInstanceQuery().processInstanceBusinessKey(invoiceNumber)
            .processDefinitionKey(CaseVariables.PROCESS_COLLECTION).singleResult();
        return runtime.getActiveActivityIds(pi.getId()).stream().sorted().reduce((a, b) -> a + "," + b).orElse("");
    }

    private static JsonNode mapped(JsonNode plan, String activityId) {
        for (JsonNode m : plan.path("mapped")) {
            if (m.path("sourceActivityId").asText().equals(activityId)) {
                return m;
            }
        }
        throw new AssertionError(activityId + " not mapped in " + plan);
    }
}
