package com.collectwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
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
import com.collectwise.kernel.Stage;
import com.collectwise.kernel.InvoiceRepository;
import com.collectwise.communication.CollectionNotices;
import com.collectwise.communication.ContactProblems;
import com.collectwise.communication.DangerSignals;
import com.collectwise.communication.Outbox;
import com.collectwise.customers.CustomerRepository;

/** GET and PATCH /api/customers/{id}: the customer file, its changes with who and when, and what they set off. */
public class CustomerFileApiTest extends ApiTestSupport {

    static final String OTHER_COLLECTOR = "apicollectortwo";

    @Autowired TaskService tasks;
    @Autowired DangerSignals dangerSignals;
    @Autowired ContactProblems contactProblems;
    @Autowired CollectionNotices notices;
    @Autowired CustomerRepository customerRepository;
    @Autowired InvoiceRepository invoiceRepository;
    @Autowired Outbox outbox;

    Response patch(String user, String customerId, Object body) {
        return exchange(user, HttpMethod.PATCH, "/api/customers/" + customerId, body, MediaType.APPLICATION_JSON);
    }

    static Map<String, Object> contact(String role, String name, String email) {
        Map<String, Object> c = new HashMap<>();
        c.put("role", role);
        c.put("name", name);
        if (email != null) {
            c.put("email", email);
        }
        return c;
    }

    Map<String, Object> fullChange() {
        Map<String, Object> body = new HashMap<>();
        body.put("address", Map.of("street", "88 Shennan Road", "city", "Shenzhen", "region", "Guangdong",
            "postalCode", "518000"));
        body.put("contacts", List.of(contact("FINANCE_CONTACT", "Mr. Zhou", "zhou@acme.example"),
            contact("DECISION_MAKER", "Ms. Wang", null)));
        body.put("email", "ap@acme.example");
        body.put("phone", "+86 755 8888 0000");
        body.put("segment", "KEY_ACCOUNT");
        body.put("sharePersonalData", true);
        return body;
    }

    int changeRows(String customerId) {
        return count("SELECT COUNT(*) FROM customer_changes WHERE customer_id = ?", customerId);
    }

    @Test
    public void patchChangesTheMasterDataAndTheFileShowsWhoChangedWhatAndWhen() {
        String customerId = createCustomer();

        Response r = patch(SUPERVISOR, customerId, fullChange());

        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(r.body().path("address").path("city").asText()).isEqualTo("Shenzhen");
        assertThat(r.body().path("address").path("region").asText()).isEqualTo("Guangdong");
        assertThat(r.body().path("segment").asText()).isEqualTo("KEY_ACCOUNT");
        assertThat(r.body().path("sharePersonalData").asBoolean()).isTrue();
        assertThat(r.body().path("contacts").findValuesAsText("role")).containsExactly("FINANCE_CONTACT",
            "DECISION_MAKER");
        assertThat(r.body().path("contacts").get(0).path("email").asText()).isEqualTo("zhou@acme.example");

        Response file = get(COLLECTOR, "/api/customers/" + customerId);
        assertThat(file.status()).as(file.raw()).isEqualTo(200);
        assertThat(file.body().path("changes").findValuesAsText("field")).containsExactlyInAnyOrder("address",
            "contacts", "email", "phone", "segment", "sharePersonalData");
        assertThat(file.body().path("changes").findValuesAsText("changedBy")).containsOnly(SUPERVISOR);
        assertThat(file.body().path("changes").findValuesAsText("changedAt")).allSatisfy(
            at -> assertThat(at).startsWith(LocalDate.now(java.time.ZoneOffset.UTC).toString().substring(0, 4)));
        var segment = file.body().path("changes").findParents("field").stream()
            .filter(c -> c.path("field").asText().equals("segment")).findFirst().orElseThrow();
        assertThat(segment.path("from").asText()).isEqualTo("DOMESTIC");
        assertThat(segment.path("to").asText()).isEqualTo("KEY_ACCOUNT");
        // the agency hand-off reads the consent from the same column
        assertThat(count("SELECT COUNT(*) FROM customers WHERE customer_id = ? AND share_personal_data = TRUE",
            customerId)).isEqualTo(1);
    }

    @Test
    public void aReplayedPatchChangesNothingAndRecordsNothing() {
        String customerId = createCustomer();
        assertThat(patch(INTEGRATION, customerId, fullChange()).status()).isEqualTo(200);
        int rows = changeRows(customerId);

        Response again = patch(INTEGRATION, customerId, fullChange());

        assertThat(again.status()).as(again.raw()).isEqualTo(200);
        assertThat(changeRows(customerId)).isEqualTo(rows);
        // a field the body does not name stays as it is; null clears an optional field
        Response cleared = patch(INTEGRATION, customerId, "{\"phone\": null}");
        assertThat(cleared.status()).as(cleared.raw()).isEqualTo(200);
        assertThat(cleared.body().path("phone").isNull()).isTrue();
        assertThat(cleared.body().path("email").asText()).isEqualTo("ap@acme.example");
        assertThat(changeRows(customerId)).isEqualTo(rows + 1);
    }

    @Test
    public void everyBadFieldIsReportedAndNothingIsWritten() {
        String customerId = createCustomer();
        Map<String, Object> body = new HashMap<>();
        body.put("email", "not-an-address");
        body.put("segment", "GOVERNMENT");
        body.put("collector", "nobodyhere");
        body.put("sharePersonalData", "yes");
        body.put("address", "somewhere");
        body.put("contacts", List.of(Map.of("name", "No Role"), Map.of("role", "PAYER")));

        Response r = patch(SUPERVISOR, customerId, body);

        assertProblem(r, 400);
        assertThat(errorFields(r)).containsExactlyInAnyOrder("email", "segment", "collector", "sharePersonalData",
            "address", "contacts[0].role", "contacts[1].name");
        assertThat(changeRows(customerId)).isZero();
        assertThat(get(SUPERVISOR, "/api/customers/" + customerId).body().path("segment").asText()).isEqualTo("DOMESTIC");
        assertProblem(patch(SUPERVISOR, customerId, "{\"segment\": null}"), 400);
        assertProblem(patch(SUPERVISOR, customerId, "[1, 2]"), 400);
    }

    @Test
    public void unknownCustomerOtherGroupsAndAnonymousCallersAreRefused() {
        String customerId = createCustomer();
        assertProblem(patch(SUPERVISOR, unique("NOPE"), Map.of("email", "a@b.example")), 404);
        assertProblem(patch(SUPERVISOR, unique("NOPE"), Map.of("email", "not-an-address")), 404);
        assertProblem(patch(COLLECTOR, customerId, Map.of("email", "a@b.example")), 403);
        assertProblem(patch(FINANCE, customerId, Map.of("email", "a@b.example")), 403);
        assertThat(patch(null, customerId, Map.of("email", "a@b.example")).status()).isEqualTo(401);
        assertThat(changeRows(customerId)).isZero();
    }

    @Test
    public void aNewFinanceContactIsADangerSignal_theFirstOneIsNot() {
        String customerId = createCustomer();
        patch(SUPERVISOR, customerId, Map.of("contacts", List.of(contact("FINANCE_CONTACT", "Mr. Zhou", "zhou@acme.example"))));
        assertThat(alerts(customerId)).as("the customer's first finance contact is no change of contact").isZero();
        // the same person with a phone number added is still the same finance contact
        Map<String, Object> samePerson = contact("FINANCE_CONTACT", "Mr. Zhou", "zhou@acme.example");
        samePerson.put("phone", "+86 755 1111 2222");
        patch(SUPERVISOR, customerId, Map.of("contacts", List.of(samePerson)));
        assertThat(alerts(customerId)).isZero();
        assertThat(dangerSignals.assess(customerId, clock.now()).signals()).noneMatch(s -> s.contains("finance contact"));

        Response r = patch(SUPERVISOR, customerId,
            Map.of("contacts", List.of(contact("FINANCE_CONTACT", "Ms. Li", "li@acme.example"))));

        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(alerts(customerId)).isEqualTo(1);
        assertThat(r.body().path("changes").findValuesAsText("field")).contains("financeContact");
        DangerSignals.Assessment a = dangerSignals.assess(customerId, clock.now());
        assertThat(a.signals()).anyMatch(s -> s.startsWith("new finance contact since"));
        assertThat(a.priority()).isGreaterThan(DangerSignals.NORMAL);
    }

    int alerts(String customerId) {
        return count("SELECT COUNT(*) FROM outbox WHERE customer_id = ? AND kind = ?", customerId,
            Outbox.SUPERVISOR_ALERT);
    }

    @Test
    public void reassigningTheOwnerMovesTheCaseVariableAndTheOwnersOpenTasks() {
        ensureUser(OTHER_COLLECTOR, "collectors");
        String customerId = createCustomer();
        String number = createInvoice(customerId, "800.00");
        runDueJobsOfCase(number);
        var instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(number).singleResult();
        assertThat(runtime.getVariable(instance.getId(), CaseVariables.COLLECTOR)).isEqualTo(COLLECTOR);
        // a task of the owner about this customer: notices that wait for an e-mail address
        notices.preDueReminder(invoiceRepository.find(number).orElseThrow(),
            customerRepository.find(customerId).orElseThrow());
        contactProblems.raise();
        assertThat(ownerTasks(customerId, COLLECTOR)).hasSize(1);

        Response r = patch(SUPERVISOR, customerId, Map.of("collector", OTHER_COLLECTOR));

        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(r.body().path("collector").asText()).isEqualTo(OTHER_COLLECTOR);
        assertThat(runtime.getVariable(instance.getId(), CaseVariables.COLLECTOR)).isEqualTo(OTHER_COLLECTOR);
        assertThat(ownerTasks(customerId, COLLECTOR)).isEmpty();
        assertThat(ownerTasks(customerId, OTHER_COLLECTOR)).hasSize(1);
        assertProblem(patch(SUPERVISOR, customerId, Map.of("collector", "nobodyhere")), 400);
        // DOMAIN.md 1: a new owner who never sees calls in Tasklist is refused on the field, and nothing changes
        for (String user : List.of(FINANCE, INTEGRATION)) {
            Response refused = patch(SUPERVISOR, customerId, Map.of("collector", user));
            assertProblem(refused, 400);
            assertThat(errorFields(refused)).as(user).containsExactly("collector");
        }
        assertThat(runtime.getVariable(instance.getId(), CaseVariables.COLLECTOR)).isEqualTo(OTHER_COLLECTOR);
        assertThat(ownerTasks(customerId, OTHER_COLLECTOR)).hasSize(1);
    }

    /**
     * From outside, on the customer's real calls: a case 3 days overdue waits at its call (owner's, priority 50). A
     * new finance contact (the second one) moves that call up at once; a new owner takes it; an invoice registered
     * after the change (2 days overdue) is the new owner's too (its call is covered by the first one's: one call per
     * customer and day) and its call carries the raised priority.
     */
    @Test
    public void theCallsOfTheCustomerMoveUpWithANewFinanceContactAndGoToTheNewOwner() {
        ensureUser(OTHER_COLLECTOR, "collectors");
        String customerId = createCustomer();
        String first = createInvoice(customerId, "2500.00", "CNY", today().minusDays(33), today().minusDays(3));
        runDueJobsOfCase(first);
        Task call = calls(first).get(0);
        assertThat(call.getAssignee()).isEqualTo(COLLECTOR);
        assertThat(call.getPriority()).isEqualTo(DangerSignals.NORMAL);

        patch(SUPERVISOR, customerId, Map.of("contacts", List.of(contact("FINANCE_CONTACT", "Mr. Zhou", "zhou@acme.example"))));
        assertThat(calls(first).get(0).getPriority()).as("the first finance contact").isEqualTo(DangerSignals.NORMAL);
        assertThat(patch(SUPERVISOR, customerId, Map.of("contacts",
            List.of(contact("FINANCE_CONTACT", "Ms. Li", "li@acme.example")))).status()).isEqualTo(200);
        int raised = calls(first).get(0).getPriority();
        assertThat(raised).isGreaterThan(DangerSignals.NORMAL);

        assertThat(patch(SUPERVISOR, customerId, Map.of("collector", OTHER_COLLECTOR)).status()).isEqualTo(200);
        assertThat(calls(first)).extracting(Task::getAssignee).containsOnly(OTHER_COLLECTOR);
        assertThat(get(FINANCE, "/api/invoices/" + first).body().path("collector").asText()).isEqualTo(OTHER_COLLECTOR);

        String later = createInvoice(customerId, "700.00", "CNY", today().minusDays(32), today().minusDays(2));
        runDueJobsOfCase(later);
        var instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(later)
            .processDefinitionKey(CaseVariables.PROCESS_COLLECTION).singleResult();
        assertThat(runtime.getVariable(instance.getId(), CaseVariables.COLLECTOR)).isEqualTo(OTHER_COLLECTOR);
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(later).taskAssignee(COLLECTOR).count()).isZero();
        // one call per customer and day: the later case's call is covered by the first one's (no assignee of its own)
        assertThat(calls(first)).singleElement().satisfies(t -> {
            assertThat(t.getAssignee()).isEqualTo(OTHER_COLLECTOR);
            assertThat(t.getPriority()).isEqualTo(raised);
        });
        assertThat(calls(later)).allSatisfy(t -> {
            assertThat(t.getAssignee()).isIn(OTHER_COLLECTOR, null);
            assertThat(t.getPriority()).isEqualTo(raised);
        });
        assertThat(tasks.createTaskQuery().taskAssignee(COLLECTOR)
            .taskVariableValueEquals(CaseVariables.CUSTOMER_ID, customerId).count()).isZero();
    }

    List<Task> calls(String invoiceNumber) {
        return tasks.createTaskQuery().processInstanceBusinessKey(invoiceNumber)
            .taskDefinitionKey(CaseVariables.TASK_CALL_CUSTOMER).list();
    }

    @Test
    public void noticesWithoutAnAddressAreOneTaskForTheOwner_anAddressSendsThemAndClosesTheTask() {
        String customerId = createCustomer();
        String first = createInvoice(customerId, "100.00");
        String second = createInvoice(customerId, "200.00");
        var customer = customerRepository.find(customerId).orElseThrow();
        notices.preDueReminder(invoiceRepository.find(first).orElseThrow(), customer);
        notices.preDueReminder(invoiceRepository.find(second).orElseThrow(), customer);

        contactProblems.raise();
        contactProblems.raise();

        List<Task> open = ownerTasks(customerId, COLLECTOR);
        assertThat(open).as("one task per customer and problem, not one per notice").hasSize(1);
        assertThat(open.get(0).getName()).startsWith("No e-mail address");

        assertThat(patch(SUPERVISOR, customerId, Map.of("email", "ap@found.example")).status()).isEqualTo(200);

        assertThat(ownerTasks(customerId, COLLECTOR)).isEmpty();
        assertThat(count("SELECT COUNT(*) FROM outbox WHERE customer_id = ? AND kind = ? AND recipient = ?",
            customerId, Outbox.PRE_DUE_REMINDER, "ap@found.example")).isEqualTo(2);
    }

    @Test
    public void aBouncedAddressIsATaskForTheOwner() {
        String customerId = createCustomer();
        patch(SUPERVISOR, customerId, Map.of("email", "wrong@acme.example"));
        String number = createInvoice(customerId, "100.00");
        notices.preDueReminder(invoiceRepository.find(number).orElseThrow(),
            customerRepository.find(customerId).orElseThrow());
        jdbc.sql("UPDATE outbox SET status = 'FAILED', last_error = '550 no such user' WHERE customer_id = ?")
            .param(customerId).update();

        contactProblems.raise();

        assertThat(ownerTasks(customerId, COLLECTOR)).extracting(Task::getName)
            .containsExactly("E-mail address refused: Acme " + customerId + " (" + customerId + ")");
    }

    /** A bouncing contact detail is any channel's (DOMAIN.md 1): a phone number the SMS gateway refused to the end. */
    @Test
    public void aRefusedPhoneNumberIsATaskForTheOwner_aNewNumberClosesIt() {
        String customerId = createCustomer();
        patch(SUPERVISOR, customerId, Map.of("phone", "+86 10 0000 0001"));
        String number = createInvoice(customerId, "100.00");
        outbox.enqueue("SMS:test:" + number, number, customerId, "SMS", "+86 10 0000 0001", null,
            "Invoice " + number + " is due soon.");
        jdbc.sql("UPDATE outbox SET status = 'FAILED', attempts = 5, last_error = '400 unknown subscriber' "
            + "WHERE idempotency_key = ?").param("SMS:test:" + number).update();

        contactProblems.raise();

        assertThat(ownerTasks(customerId, COLLECTOR)).extracting(Task::getName)
            .containsExactly("Phone number refused: Acme " + customerId + " (" + customerId + ")");

        patch(SUPERVISOR, customerId, Map.of("phone", "+86 10 0000 0002"));
        contactProblems.raise();
        assertThat(ownerTasks(customerId, COLLECTOR)).isEmpty();
    }

    /**
     * A customer without a contact detail is a task for the collector (DOMAIN.md 1): once a case of the customer is in
     * the internal stage or later, no phone number at all (neither the customer's nor a contact's) means the owner
     * has to find one; a customer whose cases are all before the due date is not yet anybody's task. Recording a
     * number closes the task by itself.
     */
    @Test
    public void aCustomerWithAnOverdueCaseAndNoPhoneIsATaskForTheOwner_aNumberClosesIt() {
        String notDue = createCustomer();
        createInvoice(notDue, "100.00");
        String customerId = createCustomer();
        patch(SUPERVISOR, customerId, Map.of("email", "ap@acme.example")); // its reminders reach it: only the phone lacks
        String number = createInvoice(customerId, "100.00", "CNY", today().minusDays(35), today().minusDays(5));
        runDueJobsOfCase(number);
        assertThat(invoiceRepository.find(number).orElseThrow().stage()).isEqualTo(Stage.INTERNAL_REMINDER);

        contactProblems.raise();
        contactProblems.raise();

        assertThat(ownerTasks(customerId, COLLECTOR)).extracting(Task::getName)
            .containsExactly("No phone number: Acme " + customerId + " (" + customerId + ")");
        assertThat(ownerTasks(notDue, COLLECTOR)).as("nothing is overdue yet").isEmpty();

        assertThat(patch(SUPERVISOR, customerId, Map.of("phone", "+86 10 0000 0003")).status()).isEqualTo(200);

        assertThat(ownerTasks(customerId, COLLECTOR)).as("closed by the new number").isEmpty();
    }

    List<Task> ownerTasks(String customerId, String assignee) {
        return tasks.createTaskQuery().taskAssignee(assignee).taskVariableValueEquals(CaseVariables.CUSTOMER_ID,
            customerId).list();
    }

    void ensureUser(String userId, String groupId) {
        if (identity.createUserQuery().userId(userId).count() == 0) {
            User user = identity.newUser(userId);
            user.setFirstName("Grace");
            user.setLastName("Hopper");
            user.setPassword(PASSWORD);
            identity.saveUser(user);
            identity.createMembership(userId, groupId);
        }
    }
}
