package com.collectwise.process;

import static com.collectwise.kernel.CaseVariables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import com.collectwise.agreements.AgreementService;
import com.collectwise.cases.CaseRequestService;
import com.collectwise.disputes.DisputeCategory;
import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.Customer;
import com.collectwise.kernel.Segment;

/**
 * The three message paths of the API (Message_PromiseMade, Message_AgreementProposed, Message_DisputeRaised)
 * walked to their end through {@link CaseRequestService}, as POST /api/invoices/{n}/... does. Invoice due
 * 2026-03-03, first call 03-05 10:00, formal demand due 03-13 09:00; promises are checked at 09:00 on the day
 * after the two grace days.
 */
@SpringBootTest
@ActiveProfiles("test")
@Import(ProcessEngineCoverageConfiguration.class)
class CaseRequestProcessTest extends CollectionTestSupport {

    @Autowired CaseRequestService requests;
    @Autowired AgreementService agreements;

    Customer customer;
    Invoice invoice;

    ProcessInstance atFirstCall() {
        setClock(at(2026, 3, 5, 10, 0));
        customer = customer(Segment.DOMESTIC);
        invoice = invoice(customer, LocalDate.of(2026, 3, 3), 30, "1000.00");
        ProcessInstance pi = start(invoice, customer);
        BpmnAwareTests.assertThat(pi).isWaitingAt("Task_CallCustomer");
        return pi;
    }

    String promiseStatus(long id) {
        return jdbc.sql("SELECT status FROM promises WHERE id = ?").param(id).query(String.class).single();
    }

    ProcessInstance child(ProcessInstance pi, String key) {
        ProcessInstance child = runtime.createProcessInstanceQuery().superProcessInstanceId(pi.getId())
            .processDefinitionKey(key).singleResult();
        assertThat(child).as(key + " runs as a called process").isNotNull();
        started.add(child.getId());
        return child;
    }

    @Test
    void promiseKeptWithinTheGraceDays() {
        ProcessInstance pi = atFirstCall();
        long id = requests.promise(invoice.invoiceNumber(), new BigDecimal("500.00"), LocalDate.of(2026, 3, 9), null,
            "portal").id();
        BpmnAwareTests.assertThat(pi).isWaitingAt("Timer_ApiPromiseDatePassed", "Task_CallCustomer");

        payment(invoice, "499.00", LocalDate.of(2026, 3, 10));
        moveTo(at(2026, 3, 12, 9, 0));

        BpmnAwareTests.assertThat(pi).hasPassed("Task_CheckApiPromise", "EndEvent_PromiseChecked")
            .isNotWaitingAt("Timer_ApiPromiseDatePassed");
        assertThat(promiseStatus(id)).isEqualTo("KEPT");
        assertThat(variable(pi, BROKEN_PROMISE)).isEqualTo(false);
        assertThat(contactOutcomes(invoice)).containsSubsequence("PROMISE_TO_PAY", "PROMISE_KEPT");
    }

    @Test
    void promiseBrokenIsFlaggedForTheNextCall() {
        ProcessInstance pi = atFirstCall();
        long id = requests.promise(invoice.invoiceNumber(), new BigDecimal("500.00"), LocalDate.of(2026, 3, 9), null,
            "portal").id();

        moveTo(at(2026, 3, 11, 23, 59));
        BpmnAwareTests.assertThat(pi).isWaitingAt("Timer_ApiPromiseDatePassed");
        moveTo(at(2026, 3, 12, 9, 0));

        BpmnAwareTests.assertThat(pi).hasPassed("EndEvent_PromiseChecked");
        assertThat(promiseStatus(id)).isEqualTo("BROKEN");
        assertThat(variable(pi, BROKEN_PROMISE)).isEqualTo(true);
        assertThat(contactOutcomes(invoice)).contains("PROMISE_BROKEN");
    }

    @Test
    void agreementKeptToTheEndSettlesTheInvoiceAndEndsTheCase() {
        ProcessInstance pi = atFirstCall();
        // the portal's plan: 500.00 first, the rest with the interest up to the last date (as the 400 would say)
        BigDecimal second = agreements.project(invoice, java.util.List.of(
                new com.collectwise.agreements.Instalment(1, LocalDate.of(2026, 3, 20), new BigDecimal("500.00")),
                new com.collectwise.agreements.Instalment(2, LocalDate.of(2026, 4, 20), BigDecimal.ONE)))
            .required().subtract(new BigDecimal("500.00"));
        assertThat(second.add(new BigDecimal("500.00"))).isGreaterThan(agreements.outstandingToday(invoice));
        requests.agreement(invoice.invoiceNumber(), java.util.List.of(
            new com.collectwise.agreements.Instalment(1, LocalDate.of(2026, 3, 20), new BigDecimal("500.00")),
            new com.collectwise.agreements.Instalment(2, LocalDate.of(2026, 4, 20), second)), false, null, "portal");

        BpmnAwareTests.assertThat(pi).hasPassed("Event_AgreementProposed").isWaitingAt("CallActivity_AgreeInstalments");
        ProcessInstance plan = child(pi, PROCESS_INSTALMENT_AGREEMENT);
        executeDueJobs();
        BpmnAwareTests.assertThat(plan).hasPassed("Task_SendInstalmentSchedule");

        setClock(at(2026, 3, 20, 12, 0));
        payment(invoice, "500.00", LocalDate.of(2026, 3, 20));
        moveTo(at(2026, 4, 20, 12, 0));
        payment(invoice, second.toPlainString(), LocalDate.of(2026, 4, 20));
        moveTo(at(2026, 4, 23, 9, 0));

        BpmnAwareTests.assertThat(plan).isEnded().hasPassed("EndEvent_AgreementKept");
        BpmnAwareTests.assertThat(pi).hasPassed("Task_ClosePlanSettledCase").hasNotPassed("Task_ResumeCollection")
            .isEnded();
        assertThat(reload(invoice).status()).isEqualTo(com.collectwise.kernel.CaseStatus.SETTLED);
    }

    @Test
    void disputeCreditedEndsTheDisputeSubProcess() {
        ProcessInstance pi = atFirstCall();
        long id = requests.dispute(invoice.invoiceNumber(), DisputeCategory.QUALITY, new BigDecimal("300"), "leaking",
            "portal").id();

        BpmnAwareTests.assertThat(pi).isWaitingAt("CallActivity_ResolveDispute", "Task_CallCustomer");
        ProcessInstance dispute = child(pi, PROCESS_DISPUTE);
        BpmnAwareTests.assertThat(dispute).isWaitingAt("Task_ResolveDispute");
        BpmnAwareTests.complete(task(dispute, "Task_ResolveDispute"),
            withVariables(DISPUTE_DECISION, "CREDIT_NOTE", DECISION_REASON, "Quality report confirms the leaks."));
        executeDueJobs();

        BpmnAwareTests.assertThat(dispute).isEnded().hasPassed("Task_IssueCreditNote", "EndEvent_InvoiceCredited");
        BpmnAwareTests.assertThat(pi).hasPassed("EndEvent_DisputeResolved").isWaitingAt("Task_CallCustomer");
        assertThat(jdbc.sql("SELECT status FROM disputes WHERE id = ?").param(id).query(String.class).single())
            .isEqualTo("CREDIT_NOTE");
    }
}
