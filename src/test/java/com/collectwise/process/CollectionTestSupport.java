package com.collectwise.process;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.collectwise.kernel.CaseEngine;
import com.collectwise.kernel.CasePlan;
import com.collectwise.kernel.CasePlans;
import com.collectwise.kernel.CaseVariables;
import com.collectwise.kernel.CaseStatus;
import com.collectwise.kernel.ContactEntry;
import com.collectwise.kernel.ContactLog;
import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.InvoiceRepository;
import com.collectwise.kernel.Stage;
import com.collectwise.communication.Outbox;
import com.collectwise.communication.OutboxMessage;
import com.collectwise.kernel.Customer;
import com.collectwise.kernel.Language;
import com.collectwise.customers.CustomerRepository;
import com.collectwise.kernel.Segment;

/**
 * Drives collection cases through time: the engine clock is set with {@link ClockUtil} and due jobs are
 * executed by the test (the job executor is off in the test profile). Test data goes through the
 * repositories and {@link CaseEngine}, as the API does.
 */
abstract class CollectionTestSupport {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtime;
    @Autowired TaskService tasks;
    @Autowired ManagementService management;
    @Autowired HistoryService history;
    @Autowired CustomerRepository customers;
    @Autowired InvoiceRepository invoices;
    @Autowired CaseEngine cases;
    @Autowired Outbox outbox;
    @Autowired ContactLog contacts;
    @Autowired JdbcClient jdbc;

    /** Cases started by the running test. */
    final List<String> started = new java.util.ArrayList<>();

    @BeforeEach
    void initAssertions() {
        BpmnAwareTests.init(engine);
    }

    /**
     * The owners the test customers name are collectors (DOMAIN.md 1: the owner works the calls; an owner who is no
     * user in collectors, supervisors or camunda-admin gets no call tasks, cases.OwnerTaskPlugin).
     */
    @BeforeEach
    void ownersWorkTheCalls() {
        org.camunda.bpm.engine.IdentityService identity = engine.getIdentityService();
        if (identity.createGroupQuery().groupId("collectors").count() == 0) {
            org.camunda.bpm.engine.identity.Group group = identity.newGroup("collectors");
            group.setName("collectors");
            group.setType("WORKFLOW");
            identity.saveGroup(group);
        }
        for (String owner : List.of("collector1", "collector2")) {
            if (identity.createUserQuery().userId(owner).count() == 0) {
                org.camunda.bpm.engine.identity.User user = identity.newUser(owner);
                user.setPassword("Collect-Sec-Passw0rd!9");
                identity.saveUser(user);
                identity.createMembership(owner, "collectors");
            }
        }
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    static ZonedDateTime at(int year, int month, int day, int hour, int minute) {
        return ZonedDateTime.of(year, month, day, hour, minute, 0, 0, ZONE);
    }

    void setClock(ZonedDateTime t) {
        ClockUtil.setCurrentTime(Date.from(t.toInstant()));
    }

    /** Sets the clock and runs every job that is due by then, including the ones those jobs create. */
    void moveTo(ZonedDateTime t) {
        setClock(t);
        executeDueJobs();
    }

    /**
     * One job at a time (a job may delete others, e.g. an interrupting timer), and only jobs of the cases
     * this test started: cases left behind by earlier tests in the shared context keep still.
     */
    void executeDueJobs() {
        for (int round = 0; round < 200; round++) {
            // root instance: jobs of called processes (agency hand-off, litigation) belong to the case too
            Job next = started.stream()
                .flatMap(id -> management.createJobQuery().rootProcessInstanceId(id).executable().list().stream())
                .findFirst().orElse(null);
            if (next == null) {
                return;
            }
            management.executeJob(next.getId());
        }
        throw new AssertionError("jobs keep becoming due: a timer loop?");
    }

    Customer customer(Segment segment) {
        String id = "C" + UUID.randomUUID().toString().substring(0, 8);
        Customer c = new Customer(id, "Customer " + id, segment, segment == Segment.FOREIGN ? "DE" : "CN",
            id.toLowerCase() + "@example.com", "+86 10 0000 0000", "collector1", "Ms. Wang", Instant.now(),
            // the process tests read the English notices; the Chinese ones have tests of their own (NoticeTemplatesTest)
            Language.EN);
        customers.insert(c);
        return c;
    }

    Invoice invoice(Customer customer, LocalDate dueDate, int termDays, String amount) {
        String number = "INV-" + UUID.randomUUID().toString().substring(0, 8);
        Invoice i = new Invoice(number, customer.customerId(), dueDate.minusDays(termDays), dueDate, termDays,
            new BigDecimal(amount), "CNY", null, CaseStatus.OPEN, Stage.PRE_DUE, null, null);
        invoices.insert(i);
        return i;
    }

    ProcessInstance start(Invoice invoice, Customer customer) {
        String id = cases.start(invoice, customer);
        started.add(id);
        ProcessInstance pi = runtime.createProcessInstanceQuery().processInstanceId(id).singleResult();
        executeDueJobs();
        return pi;
    }

    Task task(ProcessInstance pi, String key) {
        // by business key: tasks of the called processes (agency hand-off, litigation) belong to the case too
        return tasks.createTaskQuery().processInstanceBusinessKey(pi.getBusinessKey()).taskDefinitionKey(key)
            .singleResult();
    }

    List<String> outboxKinds(Invoice invoice) {
        return outbox.forInvoice(invoice.invoiceNumber()).stream().map(OutboxMessage::kind).toList();
    }

    List<String> contactOutcomes(Invoice invoice) {
        return contacts.list(invoice.invoiceNumber()).stream().map(ContactEntry::outcome).toList();
    }

    Invoice reload(Invoice invoice) {
        return invoices.find(invoice.invoiceNumber()).orElseThrow();
    }

    /** A payment as the bank feed posts it now (engine clock), dated {@code receivedOn}; the case is not told. */
    void payment(Invoice invoice, String amount, LocalDate receivedOn) {
        jdbc.sql("""
                INSERT INTO payments (payment_reference, invoice_number, customer_id, amount, currency, received_on,
                                      method, body_hash, status, created_at)
                VALUES (?, ?, ?, ?, 'CNY', ?, 'BANK_TRANSFER', 'test', 'APPLIED', ?)""")
            .params("PAY-" + UUID.randomUUID(), invoice.invoiceNumber(), invoice.customerId(), new BigDecimal(amount),
                receivedOn, java.sql.Timestamp.from(ClockUtil.getCurrentTime().toInstant()))
            .update();
    }

    /** The process the case calls right now (agency hand-off or litigation). */
    ProcessInstance called(ProcessInstance pi) {
        return runtime.createProcessInstanceQuery().superProcessInstanceId(pi.getId()).singleResult();
    }

    /** The case is in the litigation stage with legal reviewing cost against benefit. */
    void assertAtLitigationReview(ProcessInstance pi) {
        BpmnAwareTests.assertThat(pi).isWaitingAt("CallActivity_PursueLitigation");
        BpmnAwareTests.assertThat(called(pi)).isWaitingAt("Task_ReviewLitigation");
    }

    Object variable(ProcessInstance pi, String name) {
        return runtime.getVariable(pi.getId(), name);
    }

    /** The case's plan (variable casePlan, read as the models read it: bean plan, kernel/CasePlans). */
    CasePlan casePlan(ProcessInstance pi) {
        return CasePlans.parse((String) variable(pi, CaseVariables.CASE_PLAN));
    }
}
