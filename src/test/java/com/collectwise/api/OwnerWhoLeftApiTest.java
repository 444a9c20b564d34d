package com.collectwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

import com.collectwise.kernel.CaseVariables;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * DOMAIN.md 1: every case has one responsible collector, the default assignee of its calls. When that user can no
 * longer work the calls (removed from collectors/supervisors/camunda-admin, or deleted, through the engine's identity
 * service as Admin and the engine REST API do), the customer's calls go to the collectors' queue, the supervisors get
 * a task and a report naming the customers, and an ERP sending the whole record (the old owner unchanged) is not
 * refused. Each test has its own users and customers, and an unusual currency.
 */
class OwnerWhoLeftApiTest extends ApiTestSupport {

    @Autowired
    TaskService tasks;

    @Autowired
    org.camunda.bpm.engine.FilterService filters;

    private String user(String prefix, String group) {
        String id = prefix + unique("").replaceAll("[^0-9]", "");
        User user = identity.newUser(id);
        user.setFirstName("Lin");
        user.setLastName("Wei");
        user.setPassword(PASSWORD);
        identity.saveUser(user);
        identity.createMembership(id, group);
        return id;
    }

    private String customerOwnedBy(String owner) {
        String customerId = unique("C");
        Response r = post(INTEGRATION, "/api/customers", Map.of("customerId", customerId, "name", "Acme " + customerId,
            "segment", "DOMESTIC", "country", "CN", "collector", owner));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return customerId;
    }

    /** An invoice 3 days overdue whose case has opened its call. */
    private String overdueCase(String customerId, String amount) {
        String number = createInvoice(customerId, amount, "ISK", today().minusDays(33), today().minusDays(3));
        runDueJobsOfCase(number);
        return number;
    }

    private Task call(String invoiceNumber) {
        return tasks.createTaskQuery().processInstanceBusinessKey(invoiceNumber)
            .taskDefinitionKey(CaseVariables.TASK_CALL_CUSTOMER).active().singleResult();
    }

    private Response patch(String customerId, Object body) {
        return exchange(SUPERVISOR, HttpMethod.PATCH, "/api/customers/" + customerId, body, MediaType.APPLICATION_JSON);
    }

    private JsonNode reportLine(String customerId) {
        Response r = get(SUPERVISOR, "/api/reports/customers-needing-owner");
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        for (JsonNode line : r.body().path("customers")) {
            if (customerId.equals(line.path("customerId").asText())) {
                return line;
            }
        }
        return null;
    }

    private List<Task> supervisorTasksAbout(String owner) {
        return tasks.createTaskQuery().taskCandidateGroup("supervisors").taskDescriptionLike("owner-left:" + owner + "%")
            .list().stream().filter(t -> t.getDescription().startsWith("owner-left:" + owner + "\n")).toList();
    }

    /**
     * The ERP sends the whole record: the owner who left collectors unchanged, and a new e-mail address. 200: the e-mail
     * changes (one change recorded, none of the collector), the customer stays in the report until reassigned; naming
     * someone else who cannot work the calls is still a 400 on collector.
     */
    @Test
    void anErpRepeatingTheOwnerWhoLeftIsAccepted_theOtherFieldsChange() {
        String leaver = user("leaver", "collectors");
        String customerId = customerOwnedBy(leaver);
        overdueCase(customerId, "120000");
        identity.deleteMembership(leaver, "collectors");

        Response r = patch(customerId, Map.of("customerId", customerId, "collector", leaver,
            "email", "ap@" + customerId.toLowerCase() + ".example", "segment", "DOMESTIC"));

        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(r.body().path("email").asText()).isEqualTo("ap@" + customerId.toLowerCase() + ".example");
        assertThat(r.body().path("collector").asText()).isEqualTo(leaver);
        assertThat(count("SELECT COUNT(*) FROM customer_changes WHERE customer_id = ?", customerId)).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM customer_changes WHERE customer_id = ? AND field = 'email'",
            customerId)).isEqualTo(1);
        JsonNode line = reportLine(customerId);
        assertThat(line).as("listed as needing a new owner").isNotNull();
        assertThat(line.path("collector").asText()).isEqualTo(leaver);
        assertThat(line.path("reason").asText()).isEqualTo("NOT_IN_CALL_GROUPS");
        assertThat(line.path("openCases").asInt()).isEqualTo(1);

        Response refused = patch(customerId, Map.of("collector", FINANCE, "phone", "+86 21 1234 5678"));
        assertProblem(refused, 400);
        assertThat(errorFields(refused)).containsExactly("collector");
        assertThat(count("SELECT COUNT(*) FROM customer_changes WHERE customer_id = ?", customerId)).isEqualTo(1);

        // a deleted user named again is not judged either; naming a deleted user as a new owner is refused
        identity.deleteUser(leaver);
        assertThat(patch(customerId, Map.of("collector", leaver, "phone", "+86 21 1234 5678")).status()).isEqualTo(200);
        assertThat(reportLine(customerId).path("reason").asText()).isEqualTo("UNKNOWN_USER");
        String other = customerOwnedBy(COLLECTOR);
        Response unknown = patch(other, Map.of("collector", leaver));
        assertProblem(unknown, 400);
        assertThat(errorFields(unknown)).containsExactly("collector");

        assertThat(patch(customerId, Map.of("collector", COLLECTOR)).status()).isEqualTo(200);
        assertThat(reportLine(customerId)).as("reassigned").isNull();
    }

    /**
     * An owner removed from collectors: the open call goes to the collectors' queue (no assignee, candidate group
     * collectors), a call opened afterwards is not assigned to that user either, and the supervisors get one task
     * naming the user. A user still in supervisors keeps the calls. A new owner gets the waiting calls, and the
     * supervisors' task closes.
     */
    @Test
    void anOwnerRemovedFromCollectorsLosesTheCallsToTheQueue_theSupervisorsAreTold() {
        String leaver = user("leaver", "collectors");
        String stays = user("stays", "collectors");
        identity.createMembership(stays, "supervisors");
        String customerId = customerOwnedBy(leaver);
        String staysCustomer = customerOwnedBy(stays);
        String number = overdueCase(customerId, "250000");
        String staysNumber = overdueCase(staysCustomer, "90000");
        assertThat(call(number).getAssignee()).isEqualTo(leaver);
        assertThat(call(staysNumber).getAssignee()).isEqualTo(stays);

        identity.deleteMembership(leaver, "collectors");
        identity.deleteMembership(stays, "collectors");

        Task released = call(number);
        assertThat(released.getAssignee()).as("in the collectors' queue").isNull();
        assertThat(tasks.createTaskQuery().taskId(released.getId()).taskCandidateGroup("collectors").count())
            .isEqualTo(1);
        assertThat(call(staysNumber).getAssignee()).as("a supervisor still works the calls").isEqualTo(stays);
        var queue = filters.createFilterQuery().filterName("Calls without an owner").singleResult();
        assertThat(filters.<Task>list(queue.getId())).extracting(Task::getId).contains(released.getId())
            .doesNotContain(call(staysNumber).getId());
        assertThat(supervisorTasksAbout(leaver)).singleElement()
            .satisfies(t -> assertThat(t.getDescription()).contains(customerId));
        assertThat(supervisorTasksAbout(stays)).isEmpty();

        // a call opened after the removal (another customer of the user's) is not assigned to that user either
        String second = overdueCaseOfOtherCustomerOwnedBy(leaver);
        assertThat(call(second).getAssignee()).as("opened after the removal").isNull();

        assertThat(patch(customerId, Map.of("collector", COLLECTOR)).status()).isEqualTo(200);
        assertThat(call(number).getAssignee()).as("the new owner gets the waiting call").isEqualTo(COLLECTOR);
        assertThat(supervisorTasksAbout(leaver)).as("the other customer still needs an owner").hasSize(1);
    }

    /** A second customer of {@code owner}, registered with another owner and handed over by SQL (no PATCH check). */
    private String overdueCaseOfOtherCustomerOwnedBy(String owner) {
        String customerId = customerOwnedBy(COLLECTOR);
        jdbc.sql("UPDATE customers SET collector = ? WHERE customer_id = ?").params(owner, customerId).update();
        return overdueCase(customerId, "50000");
    }

    /** A deleted owner: the calls go to the queue and the report says the user is unknown. */
    @Test
    void aDeletedOwnersCallsGoToTheQueue() {
        String leaver = user("gone", "collectors");
        String customerId = customerOwnedBy(leaver);
        String number = overdueCase(customerId, "40000");
        assertThat(call(number).getAssignee()).isEqualTo(leaver);

        identity.deleteUser(leaver);

        assertThat(call(number).getAssignee()).isNull();
        assertThat(supervisorTasksAbout(leaver)).hasSize(1);
        assertThat(reportLine(customerId).path("reason").asText()).isEqualTo("UNKNOWN_USER");

        assertThat(patch(customerId, Map.of("collector", COLLECTOR)).status()).isEqualTo(200);
        assertThat(call(number).getAssignee()).isEqualTo(COLLECTOR);
        assertThat(supervisorTasksAbout(leaver)).as("closed: no customer left to reassign").isEmpty();
    }
}
