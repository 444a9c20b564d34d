package com.collectwise.process;

import static com.collectwise.kernel.CaseVariables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import com.collectwise.kernel.CaseEngine;
import com.collectwise.kernel.ContactEntry;
import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.Customer;
import com.collectwise.kernel.Segment;
import com.collectwise.fees.Ledger;
import com.collectwise.money.LedgerEntry;
import com.collectwise.money.LedgerEntryType;
import com.collectwise.money.Statement;
import com.collectwise.fees.StatementService;

/**
 * Process_RequestWaiver: a collector requests, a supervisor approves (booked, approver in the ledger) or rejects
 * (nothing booked); bad requests refuse the start with a message. Runs with authorization checks as Tasklist does.
 */
@SpringBootTest
@ActiveProfiles("test")
@Import(ProcessEngineCoverageConfiguration.class)
class RequestWaiverProcessTest extends CollectionTestSupport {

    static final String PROCESS = PROCESS_REQUEST_WAIVER;

    @Autowired IdentityService identity;
    @Autowired AuthorizationService authorizations;
    @Autowired StatementService statements;
    @Autowired Ledger ledger;

    Customer customer;
    Invoice invoice;
    LocalDate today;

    /** 10,000.00 due 2026-01-31, looked at on 2026-03-02: 30 days of late interest are open. */
    @BeforeEach
    void overdueInvoice() {
        setClock(at(2026, 3, 2, 10, 0));
        today = LocalDate.of(2026, 3, 2);
        customer = customer(Segment.DOMESTIC);
        invoice = invoice(customer, LocalDate.of(2026, 1, 31), 30, "10000.00");
        // what Tasklist needs to start the request (the bootstrap grants collectors the same, AccessRulesTest)
        grant("collector1", Resources.PROCESS_DEFINITION, PROCESS, ProcessDefinitionPermissions.READ,
            ProcessDefinitionPermissions.CREATE_INSTANCE);
        grant("collector1", Resources.PROCESS_INSTANCE, "*", ProcessInstancePermissions.CREATE);
        for (String supervisor : List.of("super1", "super2")) {
            grant(supervisor, Resources.PROCESS_DEFINITION, PROCESS, ProcessDefinitionPermissions.READ,
                ProcessDefinitionPermissions.CREATE_INSTANCE);
            grant(supervisor, Resources.PROCESS_INSTANCE, "*", ProcessInstancePermissions.CREATE);
        }
    }

    @AfterEach
    void logoutAndRevoke() {
        identity.clearAuthentication();
        authorizations.createAuthorizationQuery().userIdIn("collector1", "super1", "super2").list()
            .forEach(a -> authorizations.deleteAuthorization(a.getId()));
    }

    @Test
    void isStartableByCollectorsAndSupervisors() {
        ProcessDefinition definition = engine.getRepositoryService().createProcessDefinitionQuery()
            .processDefinitionKey(PROCESS).latestVersion().singleResult();
        assertThat(definition.isStartableInTasklist()).isTrue();
        assertThat(definition.getHistoryTimeToLive()).isNotNull();
        assertThat(engine.getRepositoryService().getBpmnModelInstance(definition.getId()).getModelElementById(PROCESS)
            .getAttributeValueNs("http://camunda.org/schema/1.0/bpmn", "candidateStarterGroups"))
            .isEqualTo("collectors,supervisors");
    }

    @Test
    void approvedInterestWaiverLowersTheStatementByTheAmountAndNamesTheApprover() {
        Statement before = statements.statement(invoice, today);
        assertThat(before.interest()).isPositive();
        BigDecimal amount = before.interest();

        ProcessInstance request = requestAs("collector1", "INTEREST", amount.doubleValue(), "customer paid late once, "
            + "bank holiday");
        BpmnAwareTests.assertThat(request).isWaitingAt("Task_ApproveWaiver").variables()
            .containsEntry(WAIVER_REQUESTED_BY, "collector1")
            .containsEntry(STATEMENT_AS_OF, "2026-03-02")
            .containsEntry(OPEN_INTEREST, CaseEngine.toNumber(before.interest()))
            .containsEntry(OUTSTANDING_AMOUNT, CaseEngine.toNumber(before.total()))
            .containsEntry(CUSTOMER_NAME, customer.name());
        Task approval = approvalOf(request);
        assertThat(tasks.getIdentityLinksForTask(approval.getId())).anySatisfy(l ->
            assertThat(l.getGroupId()).isEqualTo("supervisors"));

        decideAs("super1", approval, "APPROVE", "good customer, first delay");

        BpmnAwareTests.assertThat(request).hasPassed("Task_BookWaiver", "EndEvent_WaiverBooked").isEnded();
        Statement after = statements.statement(invoice, today);
        assertThat(after.total()).isEqualByComparingTo(before.total().subtract(amount));
        assertThat(after.interest()).isEqualByComparingTo("0.00");
        assertThat(after.principal()).isEqualByComparingTo(before.principal());
        LedgerEntry line = ledger.list(invoice.invoiceNumber()).stream()
            .filter(e -> e.type() == LedgerEntryType.INTEREST_WAIVER).findFirst().orElseThrow();
        assertThat(line.amount().amount()).isEqualByComparingTo(amount);
        assertThat(line.approvedBy()).isEqualTo("super1");
        assertThat(line.reason()).isEqualTo("customer paid late once, bank holiday");
        assertThat(line.bookedOn()).isEqualTo(today);
        ContactEntry note = lastNote();
        assertThat(note.channel()).isEqualTo("INTERNAL");
        assertThat(note.outcome()).isEqualTo("WAIVER_BOOKED");
        assertThat(note.collector()).isEqualTo("super1");
        assertThat(note.note()).contains("approved by super1", "bank holiday");
    }

    @Test
    void rejectedRequestBooksNothingAndNotesTheReason() {
        Statement before = statements.statement(invoice, today);
        ProcessInstance request = requestAs("collector1", "INTEREST", 10.00, "customer asked");

        decideAs("super1", approvalOf(request), "REJECT", "no reason to be generous");

        BpmnAwareTests.assertThat(request).hasPassed("Task_RecordWaiverRejection", "EndEvent_WaiverRejected")
            .hasNotPassed("Task_BookWaiver").isEnded();
        assertThat(ledger.list(invoice.invoiceNumber())).isEmpty();
        assertThat(statements.statement(invoice, today)).isEqualTo(before);
        ContactEntry note = lastNote();
        assertThat(note.channel()).isEqualTo("INTERNAL");
        assertThat(note.outcome()).isEqualTo("WAIVER_REJECTED");
        assertThat(note.note()).contains("rejected by super1", "no reason to be generous");
    }

    @Test
    void aDiscountRequestedByASupervisorNeedsAnotherSupervisor() {
        ProcessInstance request = requestAs("super1", "PRINCIPAL", 500, "pays the rest today");
        Task approval = approvalOf(request);

        assertThatThrownBy(() -> decideAs("super1", approval, "APPROVE", "fine"))
            .isInstanceOf(ProcessEngineException.class)
            .hasMessageContaining("another supervisor must approve a waiver you requested yourself");
        identity.clearAuthentication();
        BpmnAwareTests.assertThat(request).isWaitingAt("Task_ApproveWaiver");

        decideAs("super2", approval, "APPROVE", "early payment is worth it");
        assertThat(statements.statement(invoice, today).principal()).isEqualByComparingTo("9500.00");
        assertThat(ledger.list(invoice.invoiceNumber())).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(LedgerEntryType.DISCOUNT);
            assertThat(e.approvedBy()).isEqualTo("super2");
        });
    }

    @Test
    void approvalWithoutReasonOrBeyondWhatIsStillOpenStaysOpen() {
        BigDecimal interest = statements.statement(invoice, today).interest();
        ProcessInstance first = requestAs("collector1", "INTEREST", interest.doubleValue(), "goodwill");
        ProcessInstance second = requestAs("collector1", "INTEREST", interest.doubleValue(), "goodwill, asked twice");

        assertThatThrownBy(() -> decideAs("super1", approvalOf(first), "APPROVE", " "))
            .hasMessageContaining("give the reason for the decision");
        identity.clearAuthentication();
        decideAs("super1", approvalOf(first), "APPROVE", "ok");
        // the first waiver took all the interest: the second cannot be booked any more, only rejected
        assertThatThrownBy(() -> decideAs("super1", approvalOf(second), "APPROVE", "ok"))
            .hasMessageContaining("Only CNY 0.00 of interest is open");
        identity.clearAuthentication();
        BpmnAwareTests.assertThat(second).isWaitingAt("Task_ApproveWaiver");
        assertThat(ledger.list(invoice.invoiceNumber())).hasSize(1);
    }

    @Test
    void badRequestsRefuseTheStartWithAMessage() {
        assertRefused(Map.of(INVOICE_NUMBER, "NO-SUCH", WAIVER_COMPONENT, "INTEREST", WAIVER_AMOUNT, 1,
            WAIVER_REASON, "x"), "There is no case for invoice NO-SUCH.");
        assertRefused(Map.of(INVOICE_NUMBER, invoice.invoiceNumber(), WAIVER_COMPONENT, "INTEREST", WAIVER_AMOUNT, 1,
            WAIVER_REASON, " "), "Say why the waiver should be granted.");
        assertRefused(Map.of(INVOICE_NUMBER, invoice.invoiceNumber(), WAIVER_COMPONENT, "INTEREST", WAIVER_AMOUNT, 0,
            WAIVER_REASON, "x"), "Give the amount to waive (more than 0).");
        assertRefused(Map.of(INVOICE_NUMBER, invoice.invoiceNumber(), WAIVER_COMPONENT, "CREDIT", WAIVER_AMOUNT, 1,
            WAIVER_REASON, "x"), "Choose what to reduce: INTEREST, FEES or PRINCIPAL (early-payment discount), not 'CREDIT'.");
        // the minor unit of the invoice currency, as on the API: 1.005 is refused, never rounded to 1.01
        assertRefused(Map.of(INVOICE_NUMBER, invoice.invoiceNumber(), WAIVER_COMPONENT, "INTEREST",
            WAIVER_AMOUNT, 1.005, WAIVER_REASON, "x"), "The amount 1.005 must have at most 2 decimals: the minor unit of CNY.");
        // no fee has been charged: a fee waiver of 1.00 exceeds what is open
        assertRefused(Map.of(INVOICE_NUMBER, invoice.invoiceNumber(), WAIVER_COMPONENT, "FEES", WAIVER_AMOUNT, 1,
            WAIVER_REASON, "x"), "Only CNY 0.00 of fees is open on invoice " + invoice.invoiceNumber()
            + " today; the requested CNY 1.00 is too much.");
        assertRefused(Map.of(INVOICE_NUMBER, invoice.invoiceNumber(), WAIVER_COMPONENT, "PRINCIPAL",
            WAIVER_AMOUNT, 10000.01, WAIVER_REASON, "x"), "Only CNY 10000.00 of principal is open on invoice "
            + invoice.invoiceNumber() + " today; the requested CNY 10000.01 is too much.");

        jdbc.sql("UPDATE invoices SET status = 'SETTLED' WHERE invoice_number = ?").param(invoice.invoiceNumber())
            .update();
        assertRefused(Map.of(INVOICE_NUMBER, invoice.invoiceNumber(), WAIVER_COMPONENT, "INTEREST", WAIVER_AMOUNT, 1,
            WAIVER_REASON, "x"), "The case of invoice " + invoice.invoiceNumber()
            + " is closed (SETTLED); nothing can be waived on it.");
        assertThat(ledger.list(invoice.invoiceNumber())).isEmpty();
    }

    private void assertRefused(Map<String, Object> variables, String message) {
        long before = runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS).count();
        identity.setAuthentication("collector1", List.of("collectors"));
        try {
            assertThatThrownBy(() -> runtime.startProcessInstanceByKey(PROCESS, variables))
                .isInstanceOf(ProcessEngineException.class).hasMessage(message);
        } finally {
            identity.clearAuthentication();
        }
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS).count()).isEqualTo(before);
    }

    private ProcessInstance requestAs(String user, String component, Object amount, String reason) {
        identity.setAuthentication(user, List.of(user.startsWith("super") ? "supervisors" : "collectors"));
        try {
            return runtime.startProcessInstanceByKey(PROCESS, withVariables(INVOICE_NUMBER,
                " " + invoice.invoiceNumber() + " ", WAIVER_COMPONENT, component, WAIVER_AMOUNT, amount,
                WAIVER_REASON, reason));
        } finally {
            identity.clearAuthentication();
        }
    }

    private Task approvalOf(ProcessInstance request) {
        return tasks.createTaskQuery().processInstanceId(request.getId()).taskDefinitionKey("Task_ApproveWaiver")
            .singleResult();
    }

    /** As Tasklist does it: the supervisor is logged in while completing the task. */
    private void decideAs(String supervisor, Task task, String decision, String reason) {
        identity.setAuthentication(supervisor, List.of("supervisors"));
        tasks.complete(task.getId(), withVariables(WAIVER_DECISION, decision, DECISION_REASON, reason));
        identity.clearAuthentication();
    }

    private ContactEntry lastNote() {
        List<ContactEntry> log = contacts.list(invoice.invoiceNumber());
        assertThat(log).isNotEmpty();
        return log.get(log.size() - 1);
    }

    private void grant(String user, Resources resource, String resourceId, Permission... permissions) {
        Authorization a = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        a.setUserId(user);
        a.setResource(resource);
        a.setResourceId(resourceId);
        for (Permission p : permissions) {
            a.addPermission(p);
        }
        authorizations.saveAuthorization(a);
    }
}
