package com.collectwise.process;

import static com.collectwise.kernel.CaseVariables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZonedDateTime;

import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.collectwise.api.ConflictException;
import com.collectwise.kernel.CaseStatus;
import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.Customer;
import com.collectwise.kernel.Segment;
import com.collectwise.handoff.AgencyRecallService;
import com.collectwise.handoff.AgencyReport;
import com.collectwise.handoff.AgencyReportService;
import com.collectwise.handoff.AgencyReportStatus;
import com.collectwise.handoff.AgencyStub;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Walks every path of Process_AgencyHandoff, called from the agency stage, against a local HTTP agency.
 * The invoice (due 2025-12-20, 5,000.00) is registered on 2026-03-02, so the case starts in the agency stage
 * at the supervisor's approval; the mandate lasts 90 days (collection policy).
 */
@SpringBootTest
@ActiveProfiles("test")
@Import(ProcessEngineCoverageConfiguration.class)
class AgencyHandoffProcessTest extends CollectionTestSupport {

    static final AgencyStub AGENCY = new AgencyStub();
    static final ZonedDateTime APPROVED = at(2026, 3, 2, 10, 0);

    @DynamicPropertySource
    static void agency(DynamicPropertyRegistry registry) {
        registry.add("collectwise.agency.url", AGENCY::url);
        registry.add("collectwise.agency.username", () -> "collectwise");
        registry.add("collectwise.agency.password", () -> "agency-secret");
    }

    @AfterAll
    static void stopAgency() {
        AGENCY.close();
    }

    @Autowired AgencyReportService reports;
    @Autowired AgencyRecallService recalls;
    final ObjectMapper json = new ObjectMapper();

    Customer customer;
    Invoice invoice;

    @BeforeEach
    void freshAgency() {
        AGENCY.reset();
    }

    ProcessInstance atApproval(boolean consent) {
        setClock(APPROVED);
        customer = customer(Segment.DOMESTIC);
        if (consent) {
            jdbc.sql("UPDATE customers SET share_personal_data = TRUE WHERE customer_id = ?")
                .param(customer.customerId()).update();
        }
        invoice = invoice(customer, LocalDate.of(2025, 12, 20), 30, "5000.00");
        ProcessInstance pi = start(invoice, customer);
        BpmnAwareTests.assertThat(pi).isWaitingAt("Task_ApproveAgencyHandoff");
        return pi;
    }

    /** Approves the hand-off; the hand-off job waits for the test to run it. */
    ProcessInstance approved(ProcessInstance pi) {
        BpmnAwareTests.complete(task(pi, "Task_ApproveAgencyHandoff"),
            withVariables(AGENCY_DECISION, "APPROVE", DECISION_REASON, "worth it"));
        BpmnAwareTests.assertThat(pi).isWaitingAt("CallActivity_WorkWithAgency");
        ProcessInstance agency = called(pi);
        BpmnAwareTests.assertThat(agency).isWaitingAt("Task_HandOffToAgency");
        return agency;
    }

    Job handOffJob(ProcessInstance agency) {
        return management.createJobQuery().processInstanceId(agency.getId()).singleResult();
    }

    /** Runs the job as the job executor would once it is due: @return whether it succeeded */
    boolean runWhenDue(Job job) {
        if (job.getDuedate() != null && job.getDuedate().toInstant().isAfter(engineNow())) {
            setClock(job.getDuedate().toInstant().atZone(ZONE));
        }
        try {
            management.executeJob(job.getId());
            return true;
        } catch (RuntimeException failed) {
            return false;
        }
    }

    java.time.Instant engineNow() {
        return org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime().toInstant();
    }

    ProcessInstance handedOff(boolean consent) {
        ProcessInstance pi = atApproval(consent);
        ProcessInstance agency = approved(pi);
        assertThat(runWhenDue(handOffJob(agency))).isTrue();
        BpmnAwareTests.assertThat(agency).isWaitingAt("Task_WaitForAgencyReport");
        return pi;
    }

    String key() {
        return invoice.invoiceNumber() + ":1";
    }

    void report(String reportId, AgencyReportStatus status, String amount) {
        reports.receive(new AgencyReport(invoice.invoiceNumber(), "AG-1", invoice.invoiceNumber() + "-" + reportId, status, new BigDecimal(amount),
            LocalDate.of(2026, 3, 20)));
        executeDueJobs();
    }

    // ---- delivery

    @Test
    void handOffArrivesOnceAlthoughTheFirstTwoCallsFail() {
        ProcessInstance pi = atApproval(false);
        ProcessInstance agency = approved(pi);
        AGENCY.failNext(500, 500);

        assertThat(runWhenDue(handOffJob(agency))).as("first call: 500").isFalse();
        Job retry = handOffJob(agency);
        assertThat(retry.getRetries()).as("three retries left").isEqualTo(3);
        assertThat(retry.getDuedate().toInstant()).as("back-off: 1 minute").isEqualTo(APPROVED.plusMinutes(1).toInstant());
        assertThat(runWhenDue(retry)).as("second call: 500").isFalse();
        retry = handOffJob(agency);
        assertThat(retry.getDuedate().toInstant()).as("back-off: 5 more minutes")
            .isEqualTo(APPROVED.plusMinutes(6).toInstant());
        assertThat(runWhenDue(retry)).as("third call: 200").isTrue();

        BpmnAwareTests.assertThat(agency).isWaitingAt("Task_WaitForAgencyReport");
        assertThat(AGENCY.calls("/agency/mandates")).hasSize(3).allSatisfy(c -> assertThat(c.idempotencyKey()).isEqualTo(key()));
        assertThat(AGENCY.mandates()).containsOnlyKeys(key());
        assertThat(variable(agency, AGENCY_HANDOFF_NUMBER)).isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM agency_mandates WHERE invoice_number = ?").param(invoice.invoiceNumber())
            .query(Integer.class).single()).isEqualTo(1);
        assertThat(AGENCY.calls().get(0).authorization()).as("credentials from the configuration")
            .isEqualTo("Basic " + java.util.Base64.getEncoder().encodeToString("collectwise:agency-secret".getBytes()));
    }

    @Test
    void afterACrashTheRetrySendsTheSameKeyAndTheAgencyKeepsOneMandate() {
        ProcessInstance pi = atApproval(false);
        ProcessInstance agency = approved(pi);
        // the agency takes the mandate, but the node never learns it: its transaction rolls back
        AGENCY.failNext(AgencyStub.DROP_AFTER_RECEIVING);
        assertThat(runWhenDue(handOffJob(agency))).isFalse();
        assertThat(AGENCY.mandates()).containsOnlyKeys(key());
        assertThat(variable(agency, AGENCY_HANDOFF_NUMBER)).as("rolled back with the job").isNull();

        Job again = handOffJob(agency);
        assertThat(again.getRetries()).as("retried like any failure, by whichever node acquires it").isEqualTo(3);
        assertThat(runWhenDue(again)).isTrue();
        assertThat(AGENCY.calls("/agency/mandates")).extracting(AgencyStub.Call::idempotencyKey).containsExactly(key(), key());
        assertThat(AGENCY.mandates()).containsOnlyKeys(key());
        BpmnAwareTests.assertThat(agency).isWaitingAt("Task_WaitForAgencyReport");
    }

    @Test
    void lastFailedRetryRaisesAnIncidentAndTheCaseGoesOnOnceRetriesAreSetAgain() {
        ProcessInstance pi = atApproval(false);
        ProcessInstance agency = approved(pi);
        AGENCY.failNext(503, 503, 503, 503);
        int attempts = 0;
        Job job = handOffJob(agency);
        while (job.getRetries() > 0) {
            assertThat(runWhenDue(job)).isFalse();
            attempts++;
            job = handOffJob(agency);
        }
        assertThat(attempts).as("the first call and three retries").isEqualTo(4);
        Incident incident = runtime.createIncidentQuery().processInstanceId(agency.getId()).singleResult();
        assertThat(incident.getActivityId()).isEqualTo("Task_HandOffToAgency");
        assertThat(incident.getIncidentMessage()).contains("503");

        // what "Retry" in Cockpit does
        management.setJobRetries(job.getId(), 1);
        assertThat(runWhenDue(handOffJob(agency))).isTrue();
        assertThat(runtime.createIncidentQuery().processInstanceId(agency.getId()).count()).isZero();
        BpmnAwareTests.assertThat(agency).isWaitingAt("Task_WaitForAgencyReport");
        assertThat(AGENCY.mandates()).containsOnlyKeys(key());
    }

    // ---- what leaves

    @Test
    void withoutConsentOnlyInvoiceAndAmountsLeave() throws Exception {
        handedOff(false);
        JsonNode sent = json.readTree(AGENCY.mandates().get(key()));
        assertThat(sent.has("debtor")).isFalse();
        assertThat(sent.toString()).doesNotContain(customer.name()).doesNotContain(customer.email())
            .doesNotContain(customer.phone()).doesNotContain("Ms. Wang").doesNotContain(customer.customerId());
        assertThat(sent.get("invoiceNumber").asText()).isEqualTo(invoice.invoiceNumber());
        assertThat(sent.get("handoffNumber").asInt()).isEqualTo(1);
        assertThat(sent.get("principal").decimalValue()).isEqualByComparingTo("5000.00");
        assertThat(sent.get("total").decimalValue()).isGreaterThan(new BigDecimal("5000.00"));
        assertThat(sent.get("mandateEnds").asText()).isEqualTo("2026-05-31");
        assertThat(jdbc.sql("SELECT personal_data_shared FROM agency_mandates WHERE idempotency_key = ?").param(key())
            .query(Boolean.class).single()).isFalse();
    }

    @Test
    void withConsentTheDebtorsContactsLeaveToo() throws Exception {
        handedOff(true);
        JsonNode debtor = json.readTree(AGENCY.mandates().get(key())).get("debtor");
        assertThat(debtor.get("name").asText()).isEqualTo(customer.name());
        assertThat(debtor.get("email").asText()).isEqualTo(customer.email());
        assertThat(debtor.get("phone").asText()).isEqualTo(customer.phone());
        assertThat(debtor.get("decisionMaker").asText()).isEqualTo("Ms. Wang");
    }

    /**
     * The consent and the master data as the customer file has them at the hand-off, changed by PATCH (who and when
     * recorded): with consent the agency gets the address and the contacts with their roles; a consent withdrawn
     * before the approval sends the mandate without any of it (not the debtor, not a contact's name or address).
     */
    @Test
    void theCustomerFileAtTheHandOffDecidesWhatLeaves() throws Exception {
        ProcessInstance pi = atApproval(false);
        var address = new com.collectwise.customers.Address("88 Shennan Road", "Shenzhen", "Guangdong", "518000");
        var finance = new com.collectwise.customers.CustomerContact(com.collectwise.customers.ContactRole.FINANCE_CONTACT,
            "Mr. Zhou", "zhou@acme.example", "+86 755 1111 2222");
        customerService.update(customer.customerId(), new com.collectwise.customers.CustomerPatch(
            java.util.Optional.of(address), java.util.Optional.of(java.util.List.of(finance)), null, null, null, null,
            null, true), "supervisor1");
        ProcessInstance agency = approved(pi);
        assertThat(runWhenDue(handOffJob(agency))).isTrue();
        JsonNode debtor = json.readTree(AGENCY.mandates().get(key())).get("debtor");
        assertThat(debtor.get("address").get("city").asText()).isEqualTo("Shenzhen");
        assertThat(debtor.get("contacts").get(0).get("role").asText()).isEqualTo("FINANCE_CONTACT");
        assertThat(debtor.get("contacts").get(0).get("name").asText()).isEqualTo("Mr. Zhou");

        AGENCY.reset();
        ProcessInstance second = atApproval(false);
        customerService.update(customer.customerId(), new com.collectwise.customers.CustomerPatch(
            java.util.Optional.of(address), java.util.Optional.of(java.util.List.of(finance)), null, null, null, null,
            null, true), "supervisor1");
        customerService.update(customer.customerId(), new com.collectwise.customers.CustomerPatch(null, null, null,
            null, null, null, null, false), "supervisor1");
        ProcessInstance agency2 = approved(second);
        assertThat(runWhenDue(handOffJob(agency2))).isTrue();
        String sent = AGENCY.mandates().get(key());
        assertThat(json.readTree(sent).has("debtor")).isFalse();
        assertThat(sent).doesNotContain("Zhou").doesNotContain("Shennan").doesNotContain(customer.customerId());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM customer_changes WHERE customer_id = ? AND field = ?")
            .params(customer.customerId(), "sharePersonalData").query(Integer.class).single()).isEqualTo(2);
    }

    @Autowired com.collectwise.customers.CustomerService customerService;

    // ---- how the mandate ends

    @Test
    void reportsUntilUncollectibleThenLitigation() {
        ProcessInstance pi = handedOff(false);
        ProcessInstance agency = called(pi);
        report("R1", AgencyReportStatus.IN_PROGRESS, "0");
        report("R2", AgencyReportStatus.PARTLY_COLLECTED, "1000.00");
        BpmnAwareTests.assertThat(agency).isWaitingAt("Task_WaitForAgencyReport");
        report("R3", AgencyReportStatus.UNCOLLECTIBLE, "0");
        BpmnAwareTests.assertThat(agency).hasPassed("EndEvent_AgencyGaveUp", "EndEvent_AgencyReportedBack").isEnded();
        BpmnAwareTests.assertThat(pi).hasPassed("EndEvent_AgencyWorkEnded")
            .variables().containsEntry(AGENCY_OUTCOME, "UNCOLLECTIBLE").containsEntry(STAGE, "LITIGATION");
        assertThat(AGENCY.calls("/agency/mandates/end")).as("the agency ended it itself").isEmpty();
    }

    @Test
    void collectedInFullEndsTheMandateAndTheCase() {
        ProcessInstance pi = handedOff(false);
        ProcessInstance agency = called(pi);
        BigDecimal total = jdbc.sql("SELECT amount FROM invoices WHERE invoice_number = ?").param(invoice.invoiceNumber())
            .query(BigDecimal.class).single().add(new BigDecimal("1000"));
        report("R1", AgencyReportStatus.COLLECTED, total.toPlainString());
        BpmnAwareTests.assertThat(agency).hasPassed("EndEvent_DebtCollected").isEnded();
        BpmnAwareTests.assertThat(pi).isEnded();
        assertThat(reload(invoice).status()).isEqualTo(CaseStatus.SETTLED);
    }

    @Test
    void expiredMandateIsEndedAtTheAgencyThenLitigation() {
        ProcessInstance pi = handedOff(false);
        ProcessInstance agency = called(pi);
        moveTo(APPROVED.plusDays(90).plusMinutes(1));
        BpmnAwareTests.assertThat(agency).hasPassed("Timer_MandateExpired", "Task_EndAgencyMandate", "EndEvent_MandateEnded");
        BpmnAwareTests.assertThat(pi).variables().containsEntry(AGENCY_OUTCOME, "EXPIRED").containsEntry(STAGE, "LITIGATION");
        assertThat(AGENCY.calls("/agency/mandates/end")).singleElement().satisfies(c -> {
            assertThat(c.idempotencyKey()).isEqualTo(key() + ":END");
            assertThat(c.body()).contains("the mandate has expired");
        });
        assertThat(jdbc.sql("SELECT end_reason FROM agency_mandates WHERE idempotency_key = ?").param(key())
            .query(String.class).single()).isEqualTo("the mandate has expired");
    }

    @Test
    void supervisorRecallEndsTheMandateAtTheAgencyThenLitigation() {
        ProcessInstance pi = atApproval(false);
        ProcessInstance agency = approved(pi);
        assertThatThrownBy(() -> recalls.recall(invoice.invoiceNumber(), "too early", "sup1"))
            .as("not at the agency before the hand-off went through").isInstanceOf(ConflictException.class);
        assertThat(runWhenDue(handOffJob(agency))).isTrue();

        recalls.recall(invoice.invoiceNumber(), "customer offers a settlement", "sup1");
        executeDueJobs();
        BpmnAwareTests.assertThat(agency).hasPassed("Event_RecallRequested", "Task_EndAgencyMandate").isEnded();
        BpmnAwareTests.assertThat(pi).variables().containsEntry(AGENCY_OUTCOME, "RECALLED").containsEntry(STAGE, "LITIGATION");
        assertThat(AGENCY.calls("/agency/mandates/end")).singleElement()
            .satisfies(c -> assertThat(c.body()).contains("recalled: customer offers a settlement (sup1)"));
        assertThatThrownBy(() -> recalls.recall(invoice.invoiceNumber(), "again", "sup1"))
            .isInstanceOf(ConflictException.class);
    }

    @Test
    void aSecondMandateOfTheCaseGetsTheNextNumber() {
        ProcessInstance pi = handedOff(false);
        runtime.createMessageCorrelation(MSG_STAGE_CHANGE).processInstanceBusinessKey(invoice.invoiceNumber())
            .setVariable(TARGET_STAGE, "AGENCY").setVariable(STAGE_CHANGE_REASON, "new agency").correlate();
        executeDueJobs();
        ProcessInstance second = approved(pi);
        assertThat(runWhenDue(handOffJob(second))).isTrue();
        assertThat(AGENCY.mandates()).containsOnlyKeys(key(), invoice.invoiceNumber() + ":2");
    }

    /**
     * A late word on the first mandate does not end the second: mandate 1 sent on 2026-03-02, the case moved to a new
     * agency on 2026-03-10 (mandate 2 sent that day); the first agency's UNCOLLECTIBLE of 2026-03-05 comes in then. It
     * is kept, the second mandate goes on; the second agency's IN_PROGRESS of 2026-03-12 reaches the case.
     */
    @Test
    void aReportDatedBeforeTheRunningMandateDoesNotEndIt() {
        ProcessInstance pi = handedOff(false);
        setClock(APPROVED.plusDays(8));
        runtime.createMessageCorrelation(MSG_STAGE_CHANGE).processInstanceBusinessKey(invoice.invoiceNumber())
            .setVariable(TARGET_STAGE, "AGENCY").setVariable(STAGE_CHANGE_REASON, "new agency").correlate();
        executeDueJobs();
        ProcessInstance second = approved(pi);
        assertThat(runWhenDue(handOffJob(second))).isTrue();
        BpmnAwareTests.assertThat(second).isWaitingAt("Task_WaitForAgencyReport");

        AgencyReportService.Result late = reports.receive(new AgencyReport(invoice.invoiceNumber(), "AG-1",
            invoice.invoiceNumber() + "-OLD", AgencyReportStatus.UNCOLLECTIBLE, BigDecimal.ZERO, LocalDate.of(2026, 3, 5)));
        executeDueJobs();
        assertThat(late.outcome()).isEqualTo(AgencyReportService.Outcome.KEPT);
        BpmnAwareTests.assertThat(second).isWaitingAt("Task_WaitForAgencyReport");

        AgencyReportService.Result current = reports.receive(new AgencyReport(invoice.invoiceNumber(), "AG-2",
            invoice.invoiceNumber() + "-NEW", AgencyReportStatus.IN_PROGRESS, BigDecimal.ZERO, LocalDate.of(2026, 3, 12)));
        assertThat(current.outcome()).isEqualTo(AgencyReportService.Outcome.CORRELATED);
        BpmnAwareTests.assertThat(second).isWaitingAt("Task_WaitForAgencyReport");
    }
}
