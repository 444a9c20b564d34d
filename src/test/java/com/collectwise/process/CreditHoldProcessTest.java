package com.collectwise.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import com.collectwise.kernel.Invoice;
import com.collectwise.communication.Outbox;
import com.collectwise.kernel.Customer;
import com.collectwise.kernel.Segment;
import com.collectwise.handoff.CreditStatus;
import com.collectwise.handoff.CreditStatusService;

/**
 * Credit hold events for subscribers: one CREDIT_HOLD when the customer's first case reaches formal demand,
 * one CREDIT_RELEASE when nothing of the customer is overdue any more (DOMAIN.md section 8), both naming the
 * customer.
 */
@SpringBootTest
@ActiveProfiles("test")
@Import(ProcessEngineCoverageConfiguration.class)
class CreditHoldProcessTest extends CollectionTestSupport {

    @Autowired CreditStatusService creditStatus;

    record Event(String kind, String customerId, String key) {
    }

    List<Event> events(Customer customer) {
        return jdbc.sql("SELECT kind, customer_id, idempotency_key FROM outbox WHERE customer_id = ? AND kind IN (?, ?) ORDER BY id")
            .params(customer.customerId(), Outbox.CREDIT_HOLD, Outbox.CREDIT_RELEASE)
            .query((rs, n) -> new Event(rs.getString(1), rs.getString(2), rs.getString(3))).list();
    }

    void settle(Invoice invoice) {
        jdbc.sql("UPDATE invoices SET status = 'SETTLED' WHERE invoice_number = ?").param(invoice.invoiceNumber()).update();
        cases.invoiceSettled(invoice.invoiceNumber());
        executeDueJobs();
    }

    @Test
    void holdWhileAnyCaseIsAtFormalDemandReleaseWhenTheLastIsSettled() {
        setClock(at(2026, 3, 5, 10, 0));
        Customer customer = customer(Segment.DOMESTIC);
        Invoice first = invoice(customer, LocalDate.of(2026, 3, 3), 30, "12000.00");
        Invoice second = invoice(customer, LocalDate.of(2026, 3, 3), 30, "800.00");
        ProcessInstance pi1 = start(first, customer);
        ProcessInstance pi2 = start(second, customer);
        assertThat(creditStatus.status(customer.customerId()).status()).isEqualTo(CreditStatus.OK);

        moveTo(at(2026, 3, 13, 9, 0));
        assertThat(events(customer)).containsExactly(
            new Event(Outbox.CREDIT_HOLD, customer.customerId(), Outbox.CREDIT_HOLD + ":" + customer.customerId() + ":1"));
        assertThat(creditStatus.status(customer.customerId()).status()).isEqualTo(CreditStatus.HOLD);

        settle(first);
        org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat(pi1).isEnded();
        assertThat(events(customer)).as("the other case still holds credit").hasSize(1);
        assertThat(creditStatus.status(customer.customerId()).status()).isEqualTo(CreditStatus.HOLD);

        settle(second);
        org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat(pi2).isEnded();
        assertThat(events(customer)).last().isEqualTo(
            new Event(Outbox.CREDIT_RELEASE, customer.customerId(), Outbox.CREDIT_RELEASE + ":" + customer.customerId() + ":1"));
        assertThat(creditStatus.status(customer.customerId()).status()).isEqualTo(CreditStatus.OK);
    }

    @Test
    void theHoldStaysWhileAnotherInvoiceIsOverdue_evenOneThatNeverReachedFormalDemand() {
        setClock(at(2026, 3, 5, 10, 0));
        Customer customer = customer(Segment.DOMESTIC);
        Invoice first = invoice(customer, LocalDate.of(2026, 3, 3), 30, "12000.00");
        // due a week later: overdue but still in the internal stage when the first one is settled
        Invoice second = invoice(customer, LocalDate.of(2026, 3, 10), 30, "800.00");
        ProcessInstance pi1 = start(first, customer);
        ProcessInstance pi2 = start(second, customer);

        moveTo(at(2026, 3, 13, 9, 0));
        assertThat(reload(first).stage()).isEqualTo(com.collectwise.kernel.Stage.FORMAL_DEMAND);
        assertThat(reload(second).stage()).isEqualTo(com.collectwise.kernel.Stage.INTERNAL_REMINDER);
        assertThat(events(customer)).extracting(Event::kind).containsExactly(Outbox.CREDIT_HOLD);

        settle(first);
        org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat(pi1).isEnded();
        assertThat(events(customer)).as("the second invoice is still overdue: 前款不结, 后货不送")
            .extracting(Event::kind).containsExactly(Outbox.CREDIT_HOLD);
        assertThat(creditStatus.status(customer.customerId()).status()).isEqualTo(CreditStatus.HOLD);

        settle(second);
        org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat(pi2).isEnded();
        assertThat(events(customer)).extracting(Event::kind).containsExactly(Outbox.CREDIT_HOLD, Outbox.CREDIT_RELEASE);
        assertThat(creditStatus.status(customer.customerId()).status()).isEqualTo(CreditStatus.OK);
    }

    @Test
    void anInvoiceNotYetDueDoesNotKeepTheHold() {
        setClock(at(2026, 3, 5, 10, 0));
        Customer customer = customer(Segment.DOMESTIC);
        Invoice first = invoice(customer, LocalDate.of(2026, 3, 3), 30, "12000.00");
        Invoice notDue = invoice(customer, LocalDate.of(2026, 4, 30), 30, "800.00");
        start(first, customer);
        start(notDue, customer);
        moveTo(at(2026, 3, 13, 9, 0));
        assertThat(creditStatus.status(customer.customerId()).status()).isEqualTo(CreditStatus.HOLD);

        settle(first);

        assertThat(events(customer)).extracting(Event::kind).containsExactly(Outbox.CREDIT_HOLD, Outbox.CREDIT_RELEASE);
        assertThat(creditStatus.status(customer.customerId()).status()).isEqualTo(CreditStatus.OK);
    }
}
