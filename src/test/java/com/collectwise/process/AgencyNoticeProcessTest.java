package com.collectwise.process;

import static com.collectwise.kernel.CaseVariables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;

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

import com.collectwise.fees.CaseFigures;
import com.collectwise.kernel.CaseStatus;
import com.collectwise.kernel.Invoice;
import com.collectwise.communication.OutboxMessage;
import com.collectwise.kernel.Customer;
import com.collectwise.kernel.Segment;
import com.collectwise.disputes.DisputeCategory;
import com.collectwise.disputes.DisputeService;
import com.collectwise.handoff.AgencyNoticeDispatcher;
import com.collectwise.handoff.AgencyNotices;
import com.collectwise.handoff.AgencyStub;
import com.collectwise.payments.IncomingPayment;
import com.collectwise.payments.PaymentMethod;
import com.collectwise.payments.PaymentService;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The agency is kept informed (issue 16 item 8): while a mandate runs, a direct payment, a dispute and the
 * settlement reach the local HTTP agency once each, with the outbox key as Idempotency-Key, retried with the
 * hand-off's back-off (1, 5, 30 minutes) and given up after the fourth attempt. The invoice (due 2025-12-20,
 * 5,000.00) is registered on 2026-03-02 and handed to the agency at once.
 */
@SpringBootTest
@ActiveProfiles("test")
@Import(ProcessEngineCoverageConfiguration.class)
class AgencyNoticeProcessTest extends CollectionTestSupport {

    static final AgencyStub AGENCY = new AgencyStub();
    static final ZonedDateTime APPROVED = at(2026, 3, 2, 10, 0);
    static final String NOTICES = "/agency/mandates/notices";

    @DynamicPropertySource
    static void agency(DynamicPropertyRegistry registry) {
        registry.add("collectwise.agency.url", AGENCY::url);
        // the test delivers the notices itself
        registry.add("collectwise.agency.notice-initial-delay", () -> "P3650D");
    }

    @AfterAll
    static void stopAgency() {
        AGENCY.close();
    }

    @Autowired PaymentService payments;
    @Autowired com.collectwise.payments.CreditNoteService creditNotes;
    @Autowired DisputeService disputes;
    @Autowired com.collectwise.customers.CustomerService customerService;
    @Autowired AgencyNoticeDispatcher dispatcher;
    @Autowired CaseFigures figures;
    @Autowired com.collectwise.handoff.AgencyRecallService recalls;
    final ObjectMapper json = new ObjectMapper();

    Invoice invoice;

    @BeforeEach
    void freshAgency() {
        AGENCY.reset();
    }

    ProcessInstance handedOff() {
        setClock(APPROVED);
        Customer customer = customer(Segment.DOMESTIC);
        invoice = invoice(customer, LocalDate.of(2025, 12, 20), 30, "5000.00");
        ProcessInstance pi = start(invoice, customer);
        BpmnAwareTests.complete(task(pi, "Task_ApproveAgencyHandoff"),
            withVariables(AGENCY_DECISION, "APPROVE", DECISION_REASON, "worth it"));
        ProcessInstance agency = called(pi);
        Job handOff = management.createJobQuery().processInstanceId(agency.getId()).singleResult();
        management.executeJob(handOff.getId());
        BpmnAwareTests.assertThat(agency).isWaitingAt("Task_WaitForAgencyReport");
        return pi;
    }

    String mandateKey() {
        return invoice.invoiceNumber() + ":1";
    }

    List<OutboxMessage> notices() {
        return outbox.forInvoice(invoice.invoiceNumber()).stream().filter(m -> m.kind().equals(AgencyNotices.KIND))
            .toList();
    }

    void pay(String reference, String amount) {
        payments.receive(new IncomingPayment(reference, invoice.invoiceNumber(), null, new BigDecimal(amount), "CNY",
            LocalDate.of(2026, 3, 2), PaymentMethod.BANK_TRANSFER));
        executeDueJobs();
    }

    @Test
    void aDirectPaymentADisputeAndTheSettlementReachTheAgencyOnceEach() throws Exception {
        ProcessInstance pi = handedOff();
        assertThat(notices()).as("nothing to tell before anything happens").isEmpty();

        pay("BANK-1", "1000.00");
        pay("BANK-1", "1000.00"); // the bank feed replays it: nothing changes
        assertThat(dispatcher.dispatchDue()).isEqualTo(1);
        assertThat(dispatcher.dispatchDue()).as("sent once").isZero();
        assertThat(AGENCY.calls(NOTICES)).singleElement().satisfies(call -> {
            assertThat(call.idempotencyKey()).isEqualTo(mandateKey() + ":PAYMENT:BANK-1");
            JsonNode body = json.readTree(call.body());
            assertThat(body.get("type").asText()).isEqualTo("PAYMENT");
            assertThat(body.get("amount").decimalValue()).isEqualByComparingTo("1000.00");
            assertThat(body.get("mandateKey").asText()).isEqualTo(mandateKey());
        });

        long disputeId = disputes.raise(reload(invoice), DisputeCategory.QUALITY, new BigDecimal("500.00"),
            "scratched", "API", "collector1");
        dispatcher.dispatchDue();
        assertThat(AGENCY.calls(NOTICES)).hasSize(2).last()
            .satisfies(call -> assertThat(call.idempotencyKey()).isEqualTo(mandateKey() + ":DISPUTE:" + disputeId));

        BigDecimal rest = figures.today(invoice.invoiceNumber()).statement().total();
        pay("BANK-2", rest.toPlainString());
        assertThat(reload(invoice).status()).isEqualTo(CaseStatus.SETTLED);
        BpmnAwareTests.assertThat(pi).isEnded();
        dispatcher.dispatchDue();
        assertThat(AGENCY.calls(NOTICES)).extracting(AgencyStub.Call::idempotencyKey).containsExactly(
            mandateKey() + ":PAYMENT:BANK-1", mandateKey() + ":DISPUTE:" + disputeId,
            mandateKey() + ":PAYMENT:BANK-2", mandateKey() + ":SETTLED:SETTLED");
        assertThat(notices()).extracting(OutboxMessage::status).containsOnly("SENT");
        assertThat(jdbc.sql("SELECT end_reason FROM agency_mandates WHERE idempotency_key = ?").param(mandateKey())
            .query(String.class).single()).startsWith("settled");
    }

    /**
     * The agency was told the customer paid 1,000.00 of the 5,000.00 directly; the payment bounces: the agency is told
     * once that the 1,000.00 is owed again (the reversal replayed: nothing new), as it was told of the payment.
     */
    @Test
    void aBouncedDirectPaymentIsToldToTheAgencyOnce() throws Exception {
        handedOff();
        pay("BANK-R1", "1000.00");
        payments.reverse("BANK-R1", LocalDate.of(2026, 3, 2), "cheque bounced");
        payments.reverse("BANK-R1", LocalDate.of(2026, 3, 2), "cheque bounced"); // replayed: nothing new
        executeDueJobs();
        assertThat(notices().stream()
            .filter(m -> m.idempotencyKey().equals(mandateKey() + ":PAYMENT_REVERSED:BANK-R1")))
            .singleElement().satisfies(m -> {
                JsonNode body = json.readTree(m.body());
                assertThat(body.get("type").asText()).isEqualTo("PAYMENT_REVERSED");
                assertThat(body.get("amount").decimalValue()).isEqualByComparingTo("1000.00");
                assertThat(body.get("on").asText()).isEqualTo("2026-03-02");
                assertThat(body.get("detail").asText()).contains("cheque bounced").contains("1000.00 CNY");
            });
        dispatcher.dispatchDue();
        assertThat(AGENCY.calls(NOTICES)).extracting(AgencyStub.Call::idempotencyKey).containsExactly(
            mandateKey() + ":PAYMENT:BANK-R1", mandateKey() + ":PAYMENT_REVERSED:BANK-R1");
    }

    /**
     * The customer had consented: the mandate carried its personal data. Consent withdrawn by PATCH while the agency
     * works the case: the agency is told once to delete it (a replayed PATCH changes nothing). Another customer field
     * changed afterwards tells the agency nothing.
     */
    @Test
    void aConsentWithdrawnWhileTheAgencyWorksTheCaseIsToldToTheAgencyOnce() throws Exception {
        setClock(APPROVED);
        Customer customer = customer(Segment.DOMESTIC);
        jdbc.sql("UPDATE customers SET share_personal_data = TRUE WHERE customer_id = ?").param(customer.customerId())
            .update();
        invoice = invoice(customer, LocalDate.of(2025, 12, 20), 30, "5000.00");
        ProcessInstance pi = start(invoice, customer);
        BpmnAwareTests.complete(task(pi, "Task_ApproveAgencyHandoff"),
            withVariables(AGENCY_DECISION, "APPROVE", DECISION_REASON, "worth it"));
        ProcessInstance agency = called(pi);
        management.executeJob(management.createJobQuery().processInstanceId(agency.getId()).singleResult().getId());
        assertThat(AGENCY.mandates().get(mandateKey())).as("sent with the debtor's data").contains("\"debtor\"");

        com.collectwise.customers.CustomerPatch withdraw = new com.collectwise.customers.CustomerPatch(null, null, null,
            null, null, null, null, false);
        customerService.update(customer.customerId(), withdraw, "supervisor1");
        customerService.update(customer.customerId(), withdraw, "supervisor1"); // replayed: no change
        customerService.update(customer.customerId(), new com.collectwise.customers.CustomerPatch(null, null,
            java.util.Optional.of("ap@example.com"), null, null, null, null, null), "supervisor1");

        assertThat(notices()).singleElement().satisfies(m -> {
            JsonNode body = json.readTree(m.body());
            assertThat(body.get("type").asText()).isEqualTo("CONSENT_WITHDRAWN");
            assertThat(body.get("mandateKey").asText()).isEqualTo(mandateKey());
            assertThat(body.get("detail").asText()).contains("delete");
        });
        dispatcher.dispatchDue();
        assertThat(AGENCY.calls(NOTICES)).singleElement()
            .satisfies(call -> assertThat(call.idempotencyKey()).startsWith(mandateKey() + ":CONSENT_WITHDRAWN:"));
    }

    @Test
    void aCreditNoteThatSettlesADisputeIsToldToTheAgencyOnce() throws Exception {
        handedOff();
        long disputeId = disputes.raise(reload(invoice), DisputeCategory.QUALITY, new BigDecimal("800.00"),
            "scratched", "API", "collector1");
        creditNotes.issue(invoice.invoiceNumber(), "CN-AG-1", new BigDecimal("500.00"), LocalDate.of(2026, 3, 2),
            "three pallets returned", "finance1");
        creditNotes.issue(invoice.invoiceNumber(), "CN-AG-1", new BigDecimal("500.00"), LocalDate.of(2026, 3, 2),
            "three pallets returned", "finance1"); // replayed: nothing new
        List<OutboxMessage> credit = notices().stream()
            .filter(m -> m.idempotencyKey().equals(mandateKey() + ":CREDIT_NOTE:CN-AG-1")).toList();
        assertThat(credit).singleElement().satisfies(m -> {
            JsonNode body = json.readTree(m.body());
            assertThat(body.get("type").asText()).isEqualTo("CREDIT_NOTE");
            assertThat(body.get("amount").decimalValue()).isEqualByComparingTo("500.00");
            // the note covered 500.00 of the 800.00 disputed: the rest stays disputed
            assertThat(body.get("detail").asText()).contains("still disputed, not to be collected: 300.00 CNY");
        });
        creditNotes.issue(invoice.invoiceNumber(), "CN-AG-2", new BigDecimal("300.00"), LocalDate.of(2026, 3, 2),
            "two more pallets", "finance1");
        assertThat(notices().stream().filter(m -> m.idempotencyKey().equals(mandateKey() + ":CREDIT_NOTE:CN-AG-2")))
            .singleElement().satisfies(m -> assertThat(json.readTree(m.body()).get("detail").asText())
                .contains("settles dispute #" + disputeId).doesNotContain("still disputed"));
        dispatcher.dispatchDue(); // delivered: nothing left due for the other tests
    }

    /**
     * The agency was told not to collect a disputed amount: when the department rejects the dispute it is told to
     * collect it again, and when it accepts one it is told of the credit note, once each (5,000.00 handed off: 800.00
     * disputed and rejected, then 500.00 disputed and credited).
     */
    @Test
    void aDecidedDisputeIsToldToTheAgencyOnce_aRejectionAsksForTheDisputedAmountAgain() throws Exception {
        handedOff();
        long rejected = disputes.raise(reload(invoice), DisputeCategory.PRICE, new BigDecimal("800.00"),
            "list price", "API", "collector1");
        disputes.reject(rejected, "price as in the signed contract", "finance1");
        disputes.reject(rejected, "price as in the signed contract", "finance1"); // a retried job: nothing new
        assertThat(notices().stream()
            .filter(m -> m.idempotencyKey().equals(mandateKey() + ":DISPUTE_REJECTED:" + rejected)))
            .singleElement().satisfies(m -> {
                JsonNode body = json.readTree(m.body());
                assertThat(body.get("type").asText()).isEqualTo("DISPUTE_REJECTED");
                assertThat(body.get("amount").decimalValue()).isEqualByComparingTo("800.00");
                assertThat(body.get("detail").asText()).contains("collect the 800.00 CNY that was disputed again");
            });

        long credited = disputes.raise(reload(invoice), DisputeCategory.QUALITY, new BigDecimal("500.00"),
            "scratched", "API", "collector1");
        disputes.creditNote(credited, "three pallets returned", "supervisor1");
        assertThat(notices().stream()
            .filter(m -> m.idempotencyKey().equals(mandateKey() + ":CREDIT_NOTE:DISPUTE-" + credited)))
            .singleElement().satisfies(m -> {
                JsonNode body = json.readTree(m.body());
                assertThat(body.get("type").asText()).isEqualTo("CREDIT_NOTE");
                assertThat(body.get("amount").decimalValue()).isEqualByComparingTo("500.00");
            });
        dispatcher.dispatchDue();
        assertThat(AGENCY.calls(NOTICES)).extracting(AgencyStub.Call::idempotencyKey).containsExactly(
            mandateKey() + ":DISPUTE:" + rejected, mandateKey() + ":DISPUTE_REJECTED:" + rejected,
            mandateKey() + ":DISPUTE:" + credited, mandateKey() + ":CREDIT_NOTE:DISPUTE-" + credited);
    }

    @Test
    void aFailedNoticeIsRetriedWithBackOffUnderTheSameKey() {
        handedOff();
        AGENCY.failNext(503, 500);
        pay("BANK-3", "100.00");

        assertThat(dispatcher.dispatchDue()).as("first attempt: 503").isZero();
        assertThat(dispatcher.dispatchDue()).as("not due again before a minute has passed").isZero();
        assertThat(AGENCY.calls(NOTICES)).hasSize(1);
        setClock(APPROVED.plusMinutes(1));
        assertThat(dispatcher.dispatchDue()).as("second attempt: 500").isZero();
        setClock(APPROVED.plusMinutes(5));
        assertThat(dispatcher.dispatchDue()).as("back-off: 5 minutes after the second attempt").isZero();
        setClock(APPROVED.plusMinutes(6));
        assertThat(dispatcher.dispatchDue()).as("third attempt: 200").isEqualTo(1);

        assertThat(AGENCY.calls(NOTICES)).hasSize(3)
            .allSatisfy(call -> assertThat(call.idempotencyKey()).isEqualTo(mandateKey() + ":PAYMENT:BANK-3"));
        assertThat(notices()).singleElement().satisfies(m -> {
            assertThat(m.status()).isEqualTo("SENT");
            assertThat(m.attempts()).isEqualTo(3);
        });
    }

    @Test
    void afterTheLastAttemptTheNoticeIsFailedAndVisible() {
        handedOff();
        AGENCY.failNext(500, 500, 500, 500);
        pay("BANK-4", "100.00");
        for (int minutes : new int[] {0, 1, 6, 36, 120}) {
            setClock(APPROVED.plusMinutes(minutes));
            dispatcher.dispatchDue();
        }
        assertThat(AGENCY.calls(NOTICES)).as("four attempts, then it is given up").hasSize(4);
        assertThat(notices()).singleElement().extracting(OutboxMessage::status).isEqualTo("FAILED");
    }

    @Test
    void aCaseMovedToAnotherStageIsTakenBackFromTheAgency() throws Exception {
        ProcessInstance pi = handedOff();
        runtime.startProcessInstanceByKey(PROCESS_MOVE_CASE, withVariables(INVOICE_NUMBER, invoice.invoiceNumber(),
            TARGET_STAGE, "LITIGATION", STAGE_CHANGE_REASON, "customer insolvent"));
        executeDueJobs();
        BpmnAwareTests.assertThat(pi).isWaitingAt("CallActivity_PursueLitigation");

        assertThat(dispatcher.dispatchDue()).isEqualTo(1);
        assertThat(AGENCY.calls(NOTICES)).singleElement().satisfies(call -> {
            assertThat(call.idempotencyKey()).isEqualTo(mandateKey() + ":RECALL:LITIGATION");
            assertThat(json.readTree(call.body()).get("detail").asText()).contains("Taken back");
        });
        assertThat(jdbc.sql("SELECT end_reason FROM agency_mandates WHERE idempotency_key = ?").param(mandateKey())
            .query(String.class).single()).isEqualTo("recalled: case moved to LITIGATION");
        // a payment after the recall is ours alone: the agency no longer hears of it
        pay("BANK-6", "100.00");
        assertThat(dispatcher.dispatchDue()).isZero();
    }

    @Autowired com.collectwise.cases.CaseRequestService requests;
    @Autowired com.collectwise.agreements.AgreementService agreements;

    /**
     * An instalment plan agreed with us takes the case out of the agency's hands (the plan interrupts the collection,
     * the agency's work with it): the agency is told at once that the case was taken back, and the mandate ends, so
     * it does not go on collecting from a customer who pays us by instalments. Plan of 03-02: 2,500.00 on 03-20, the
     * rest with its interest on 04-20.
     */
    @Test
    void anInstalmentPlanTakesTheCaseBackFromTheAgencyAndTheAgencyIsTold() throws Exception {
        ProcessInstance pi = handedOff();
        BigDecimal second = agreements.project(reload(invoice), List.of(
                new com.collectwise.agreements.Instalment(1, LocalDate.of(2026, 3, 20), new BigDecimal("2500.00")),
                new com.collectwise.agreements.Instalment(2, LocalDate.of(2026, 4, 20), BigDecimal.ONE)))
            .required().subtract(new BigDecimal("2500.00"));
        requests.agreement(invoice.invoiceNumber(), List.of(
            new com.collectwise.agreements.Instalment(1, LocalDate.of(2026, 3, 20), new BigDecimal("2500.00")),
            new com.collectwise.agreements.Instalment(2, LocalDate.of(2026, 4, 20), second)), false, null, "portal");
        executeDueJobs();
        BpmnAwareTests.assertThat(pi).isWaitingAt("CallActivity_AgreeInstalments");

        assertThat(dispatcher.dispatchDue()).isEqualTo(1);
        assertThat(AGENCY.calls(NOTICES)).singleElement().satisfies(call -> {
            assertThat(call.idempotencyKey()).startsWith(mandateKey() + ":RECALL:");
            assertThat(json.readTree(call.body()).get("detail").asText()).contains("Taken back");
        });
        assertThat(jdbc.sql("SELECT end_reason FROM agency_mandates WHERE idempotency_key = ?").param(mandateKey())
            .query(String.class).single()).startsWith("recalled");
    }

    @Test
    void aRecallOverTheApiEndsTheMandateThroughTheModelAndIsNotToldTwice() {
        ProcessInstance pi = handedOff();
        recalls.recall(invoice.invoiceNumber(), "customer asked to talk to us", "super1");
        executeDueJobs();
        assertThat(AGENCY.calls("/agency/mandates/end")).singleElement()
            .satisfies(call -> assertThat(call.idempotencyKey()).isEqualTo(mandateKey() + ":END"));
        assertThat(notices()).as("the mandate ended before the case moved on").isEmpty();
    }

    @Test
    void noMandateNoNotice() {
        setClock(APPROVED);
        Customer customer = customer(Segment.DOMESTIC);
        invoice = invoice(customer, LocalDate.of(2026, 3, 20), 30, "5000.00");
        start(invoice, customer);
        pay("BANK-5", "100.00");
        assertThat(notices()).isEmpty();
        assertThat(dispatcher.dispatchDue()).isZero();
    }
}
