package com.collectwise.process;

import static com.collectwise.kernel.CaseVariables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import com.collectwise.cases.CustomerCalls;
import com.collectwise.communication.ContactPolicy;
import com.collectwise.kernel.ContactEntry;
import com.collectwise.kernel.CaseStatus;
import com.collectwise.kernel.Customer;
import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.Segment;
import com.collectwise.kernel.Stage;

/**
 * One call per customer per day with five open invoices registered overdue at once, two of them already at formal
 * demand (their calls come from Keep in contact) and one in EUR (DOMAIN.md 1 and 3).
 */
@SpringBootTest
@ActiveProfiles("test")
@Import(ProcessEngineCoverageConfiguration.class)
class FiveInvoiceCustomerCallProcessTest extends CollectionTestSupport {

    Invoice eur(Customer customer, LocalDate dueDate, String amount) {
        Invoice i = new Invoice("INV-" + java.util.UUID.randomUUID().toString().substring(0, 8), customer.customerId(),
            dueDate.minusDays(30), dueDate, 30, new BigDecimal(amount), "EUR", null, CaseStatus.OPEN, Stage.PRE_DUE,
            null, null);
        invoices.insert(i);
        return i;
    }

    @Autowired ContactPolicy contactPolicy;

    Customer customer;
    List<Invoice> five;
    List<ProcessInstance> cases;

    /**
     * Thursday 2026-03-05 10:00: A (due 02-20) and B (02-22) start at formal demand, C (03-02), D (03-03) and E (EUR,
     * 03-01) in the internal reminder. Statutory interest 4.5% p.a.: A 1,000.00 x 4.5% x 13 / 365 = 1.60,
     * B 2,000.00 x 4.5% x 11 / 365 = 2.71, C 3,000.00 x 4.5% x 3 / 365 = 1.11, D 4,000.00 x 4.5% x 2 / 365 = 0.99,
     * E 500.00 x 4.5% x 4 / 365 = 0.25.
     */
    @BeforeEach
    void fiveOverdue() {
        setClock(at(2026, 3, 5, 10, 0));
        customer = customer(Segment.DOMESTIC);
        five = List.of(
            invoice(customer, LocalDate.of(2026, 2, 20), 30, "1000.00"),
            invoice(customer, LocalDate.of(2026, 2, 22), 30, "2000.00"),
            invoice(customer, LocalDate.of(2026, 3, 2), 30, "3000.00"),
            invoice(customer, LocalDate.of(2026, 3, 3), 30, "4000.00"),
            eur(customer, LocalDate.of(2026, 3, 1), "500.00"));
        cases = five.stream().map(i -> start(i, customer)).toList();
        assertThat(five).extracting(i -> reload(i).stage()).containsExactly(Stage.FORMAL_DEMAND, Stage.FORMAL_DEMAND,
            Stage.INTERNAL_REMINDER, Stage.INTERNAL_REMINDER, Stage.INTERNAL_REMINDER);
    }

    List<Task> calls() {
        return tasks.createTaskQuery().taskDefinitionKey("Task_CallCustomer").list().stream()
            .filter(t -> five.stream().anyMatch(i -> i.invoiceNumber().equals(tasks.getVariable(t.getId(), INVOICE_NUMBER))))
            .toList();
    }

    Task lead() {
        List<Task> leads = calls().stream().filter(t -> t.getAssignee() != null).toList();
        assertThat(leads).as("the collector has one call for the customer").hasSize(1);
        return leads.get(0);
    }

    @Test
    void theCallIsAboutAllFiveInvoicesAndIsLoggedOnEveryCase() {
        Task lead = lead();
        String sheet = (String) tasks.getVariableLocal(lead.getId(), CustomerCalls.CUSTOMER_INVOICES);
        five.forEach(i -> assertThat(sheet).contains(i.invoiceNumber()));
        assertThat(sheet).contains("1,001.60 CNY", "2,002.71 CNY", "3,001.11 CNY", "4,000.99 CNY", "500.25 EUR")
            .as("the invoices at formal demand are part of the call too").doesNotContain("| no |");
        assertThat(tasks.getVariableLocal(lead.getId(), CustomerCalls.CALL_TOTAL)).isEqualTo("10,006.41 CNY + 500.25 EUR");

        setClock(at(2026, 3, 5, 15, 40));
        BpmnAwareTests.complete(lead, withVariables(CALL_OUTCOME, "NO_ANSWER", CALL_NOTE, "rang 10 times"));
        executeDueJobs();

        for (Invoice i : five) {
            List<ContactEntry> log = contacts.list(i.invoiceNumber());
            assertThat(log).as(i.invoiceNumber()).extracting(ContactEntry::outcome).contains("NO_ANSWER");
            assertThat(log).filteredOn(e -> "NO_ANSWER".equals(e.outcome())).singleElement().satisfies(e -> {
                assertThat(e.contactedAt()).isEqualTo(at(2026, 3, 5, 15, 40).toInstant());
                assertThat(e.note()).contains("rang 10 times");
            });
        }
        assertThat(contactPolicy.unansweredAttempts(customer.customerId(), LocalDate.of(2026, 3, 5), ZONE))
            .as("one call with the customer is one attempt").isEqualTo(1);
        assertThat(runtime.createIncidentQuery().list()).filteredOn(x -> cases.stream()
            .anyMatch(pi -> pi.getId().equals(x.getProcessInstanceId()))).isEmpty();
    }

    @Test
    void aPromiseForTheCustomersTotalIsSplitOverAllItsInvoicesOldestFirst() {
        Task lead = lead();
        setClock(at(2026, 3, 5, 15, 40));
        BpmnAwareTests.complete(lead, withVariables(CALL_OUTCOME, "PROMISE_TO_PAY", PROMISED_AMOUNT, 10006.41,
            PROMISED_DATE, "2026-03-10", REACHED_PERSON, "Ms. Wang", CustomerCalls.OVERDUE_CAUSE, "CASH_TROUBLE"));
        executeDueJobs();

        assertThat(promise(five.get(0))).isEqualByComparingTo("1001.60");
        assertThat(promise(five.get(1))).isEqualByComparingTo("2002.71");
        assertThat(promise(five.get(2))).isEqualByComparingTo("3001.11");
        assertThat(promise(five.get(3))).as("not the whole promise on the newest invoice").isEqualByComparingTo("4000.99");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM promises WHERE invoice_number = ?").param(five.get(4).invoiceNumber())
            .query(Integer.class).single()).as("a CNY promise does not pay the EUR invoice").isZero();
        assertThat(contactOutcomes(five.get(4))).containsExactly("CALL_BACK");
        assertThat(contacts.list(five.get(0).invoiceNumber())).filteredOn(e -> "PROMISE_TO_PAY".equals(e.outcome()))
            .singleElement().satisfies(e -> {
                assertThat(e.reachedPerson()).isEqualTo("Ms. Wang");
                assertThat(e.channel()).isEqualTo("PHONE");
                assertThat(e.promisedDate()).isEqualTo(LocalDate.of(2026, 3, 10));
            });
        assertThat(runtime.createIncidentQuery().list()).filteredOn(x -> cases.stream()
            .anyMatch(pi -> pi.getId().equals(x.getProcessInstanceId()))).isEmpty();
    }

    private BigDecimal promise(Invoice invoice) {
        return jdbc.sql("SELECT amount FROM promises WHERE invoice_number = ?").param(invoice.invoiceNumber())
            .query(BigDecimal.class).single();
    }
}
