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

    /**
     * The customer disputes 300.00 of invoice A (at formal demand: no call task of its own today) in the call led by
     * another invoice: the dispute is raised on A, with the rules of POST /api/invoices/{n}/disputes, and
     * Process_Dispute runs beside A's case; the lead's own invoice is still collected.
     */
    @Test
    void aDisputeRaisedInTheCallOnAnInvoiceWithoutACallTaskTodayIsRaisedOnThatInvoice() {
        Task lead = lead();
        Invoice a = five.get(0);
        String leadInvoice = (String) tasks.getVariable(lead.getId(), INVOICE_NUMBER);
        assertThat(leadInvoice).isNotEqualTo(a.invoiceNumber());
        assertThat(calls()).as("A has no call task today")
            .noneMatch(t -> a.invoiceNumber().equals(tasks.getVariable(t.getId(), INVOICE_NUMBER)));
        setClock(at(2026, 3, 5, 15, 40));
        BpmnAwareTests.complete(lead, withVariables(CALL_OUTCOME, "DISPUTED", DISPUTE_CATEGORY, "QUANTITY",
            DISPUTED_AMOUNT, 300.0, DISPUTE_DESCRIPTION, "3 of 10 crates missing", REACHED_PERSON, "Ms. Wang",
            CustomerCalls.DISPUTED_INVOICE, " " + a.invoiceNumber() + " "));
        executeDueJobs();

        assertThat(jdbc.sql("SELECT invoice_number, amount, category, source FROM disputes WHERE invoice_number IN"
                + " (?, ?, ?, ?, ?)").params(five.stream().map(Invoice::invoiceNumber).toArray())
            .query((rs, n) -> rs.getString(1) + " " + rs.getBigDecimal(2).setScale(2).toPlainString() + " " + rs.getString(3)
                + " " + rs.getString(4)).list())
            .containsExactly(a.invoiceNumber() + " 300.00 QUANTITY CALL");
        assertThat(contacts.list(a.invoiceNumber())).filteredOn(e -> "DISPUTED".equals(e.outcome())).singleElement()
            .satisfies(e -> {
                assertThat(e.channel()).isEqualTo("PHONE");
                assertThat(e.reachedPerson()).isEqualTo("Ms. Wang");
                assertThat(e.contactedAt()).isEqualTo(at(2026, 3, 5, 15, 40).toInstant());
                assertThat(e.note()).contains("QUANTITY", "300.00 CNY", "3 of 10 crates missing");
            });
        ProcessInstance dispute = runtime.createProcessInstanceQuery().superProcessInstanceId(cases.get(0).getId())
            .processDefinitionKey(PROCESS_DISPUTE).singleResult();
        assertThat(dispute).as("Process_Dispute runs beside A's case").isNotNull();
        BpmnAwareTests.assertThat(dispute).isWaitingAt("Task_ResolveDispute");
        Invoice leadOne = five.stream().filter(i -> i.invoiceNumber().equals(leadInvoice)).findFirst().orElseThrow();
        assertThat(contactOutcomes(leadOne)).containsExactly("CALL_BACK");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM disputes WHERE invoice_number = ?").param(leadInvoice)
            .query(Integer.class).single()).isZero();
        assertThat(runtime.createIncidentQuery().list()).filteredOn(x -> cases.stream()
            .anyMatch(pi -> pi.getId().equals(x.getProcessInstanceId()))).isEmpty();
    }

    /**
     * The rules of the API, on the invoice named: A owes 1,001.60 today, 1,000.00 of it principal (none of it
     * disputed), so 1,001.61 is refused (a dispute claims principal only); EUR 100.005 has more decimals than the euro has; an invoice of another customer is not in the call.
     */
    @Test
    void aDisputeOnAnotherInvoiceOfTheCallKeepsTheRulesOfTheApi() {
        Task lead = lead();
        Invoice a = five.get(0);
        Invoice e = five.get(4);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> tasks.complete(lead.getId(), withVariables(
                CALL_OUTCOME, "DISPUTED", DISPUTE_CATEGORY, "QUALITY", DISPUTED_AMOUNT, 1001.61,
                CustomerCalls.DISPUTED_INVOICE, a.invoiceNumber())))
            .isInstanceOf(org.camunda.bpm.engine.ProcessEngineException.class)
            .hasMessageContaining("must not exceed the undisputed outstanding principal 1000.00 CNY");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> tasks.complete(lead.getId(), withVariables(
                CALL_OUTCOME, "DISPUTED", DISPUTE_CATEGORY, "QUALITY", DISPUTED_AMOUNT, "100.005",
                CustomerCalls.DISPUTED_INVOICE, e.invoiceNumber())))
            .isInstanceOf(org.camunda.bpm.engine.ProcessEngineException.class)
            .hasMessageContaining("the disputed amount 100.005");
        Customer other = customer(Segment.DOMESTIC);
        Invoice theirs = invoice(other, LocalDate.of(2026, 3, 3), 30, "1000.00");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> tasks.complete(lead.getId(), withVariables(
                CALL_OUTCOME, "DISPUTED", DISPUTE_CATEGORY, "QUALITY", DISPUTED_AMOUNT, 10.0,
                CustomerCalls.DISPUTED_INVOICE, theirs.invoiceNumber())))
            .isInstanceOf(org.camunda.bpm.engine.ProcessEngineException.class)
            .hasMessageContaining("not one of the invoices of this call");
        assertThat(lead()).extracting(Task::getId).isEqualTo(lead.getId());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM disputes WHERE invoice_number = ?").param(a.invoiceNumber())
            .query(Integer.class).single()).isZero();

        // within the rules: EUR 100.00 on the EUR invoice
        BpmnAwareTests.complete(lead, withVariables(CALL_OUTCOME, "DISPUTED", DISPUTE_CATEGORY, "PRICE",
            DISPUTED_AMOUNT, 100.0, CustomerCalls.DISPUTED_INVOICE, e.invoiceNumber()));
        executeDueJobs();
        assertThat(jdbc.sql("SELECT amount FROM disputes WHERE invoice_number = ?").param(e.invoiceNumber())
            .query(BigDecimal.class).single()).isEqualByComparingTo("100.00");
    }

    /**
     * The customer asks for instalments without naming invoices: every invoice of the call gets its plan, also A and
     * B at formal demand that have no call task today (they were only logged before); each case leaves its stage for
     * Process_InstalmentAgreement, where the approval rules judge its plan.
     */
    @Test
    void anInstalmentRequestProposesAPlanForEveryInvoiceOfTheCall() {
        Task lead = lead();
        setClock(at(2026, 3, 5, 15, 40));
        BpmnAwareTests.complete(lead, withVariables(CALL_OUTCOME, "INSTALMENT_REQUESTED", INSTALMENT_COUNT, 3,
            FIRST_INSTALMENT_DATE, "2026-03-20", REACHED_PERSON, "Ms. Wang"));
        executeDueJobs();

        for (int n = 0; n < five.size(); n++) {
            Invoice i = five.get(n);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM agreements WHERE invoice_number = ?").param(i.invoiceNumber())
                .query(Integer.class).single()).as(i.invoiceNumber() + " has its plan").isEqualTo(1);
            assertThat(runtime.createProcessInstanceQuery().superProcessInstanceId(cases.get(n).getId())
                .processDefinitionKey("Process_InstalmentAgreement").count())
                .as(i.invoiceNumber() + " is in Process_InstalmentAgreement").isEqualTo(1);
            assertThat(contactOutcomes(i)).as(i.invoiceNumber()).contains("INSTALMENT_REQUESTED");
        }
        assertThat(contacts.list(five.get(0).invoiceNumber())).filteredOn(e -> "INSTALMENT_REQUESTED".equals(e.outcome()))
            .singleElement().satisfies(e -> {
                assertThat(e.channel()).isEqualTo("PHONE");
                assertThat(e.reachedPerson()).isEqualTo("Ms. Wang");
                assertThat(e.note()).contains("3 instalments");
            });

        // approval judges the customer's plans in the currency, this one included: the four CNY plans cover 10,006.41
        // outstanding plus their interest, above the 10,000 CNY limit; any three of them at most 9,004.81 plus about
        // 100 of interest (4.5% p.a. for under three months), below it. The plans are judged one after the other, so
        // exactly one CNY plan - the one judged last - waits for a supervisor, judged by the four together. The EUR
        // plan (500.25 plus interest, its own limit 1,500) neither adds to them nor needs one.
        BigDecimal cnyPlans = jdbc.sql("SELECT SUM(total) FROM agreements WHERE invoice_number IN (?, ?, ?, ?)")
            .params(five.get(0).invoiceNumber(), five.get(1).invoiceNumber(), five.get(2).invoiceNumber(),
                five.get(3).invoiceNumber()).query(BigDecimal.class).single();
        assertThat(cnyPlans).isGreaterThan(new BigDecimal("10006.41"));
        List<Object> judged = new java.util.ArrayList<>();
        for (int n = 0; n < five.size(); n++) {
            ProcessInstance plan = runtime.createProcessInstanceQuery().superProcessInstanceId(cases.get(n).getId())
                .singleResult();
            var approval = runtime.createExecutionQuery().processInstanceId(plan.getId())
                .activityId("Task_ApproveAgreement").singleResult();
            if (approval != null) {
                assertThat(n).as("not the EUR invoice").isLessThan(4);
                judged.add(runtime.getVariable(approval.getId(), CUSTOMER_PLANS_TOTAL));
            }
        }
        assertThat(judged).containsExactly(cnyPlans.setScale(2).toPlainString());
        assertThat(runtime.createIncidentQuery().list()).filteredOn(x -> cases.stream()
            .anyMatch(pi -> pi.getId().equals(x.getProcessInstanceId()))).isEmpty();
    }

    /**
     * The customer asks for instalments on A (no call task today) and on the lead's invoice only: those two get plans,
     * the three others are still collected ("call back").
     */
    @Test
    void anInstalmentRequestForTheInvoicesTheCustomerNamesLeavesTheOthersCollected() {
        Task lead = lead();
        Invoice a = five.get(0);
        String leadInvoice = (String) tasks.getVariable(lead.getId(), INVOICE_NUMBER);
        setClock(at(2026, 3, 5, 15, 40));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> tasks.complete(lead.getId(), withVariables(
                CALL_OUTCOME, "INSTALMENT_REQUESTED", INSTALMENT_COUNT, 3, FIRST_INSTALMENT_DATE, "2026-03-20",
                CustomerCalls.INSTALMENT_INVOICES, a.invoiceNumber() + ", INV-NOT-OURS")))
            .isInstanceOf(org.camunda.bpm.engine.ProcessEngineException.class)
            .hasMessageContaining("invoice INV-NOT-OURS of the instalment plan is not one of the invoices of this call");

        BpmnAwareTests.complete(lead, withVariables(CALL_OUTCOME, "INSTALMENT_REQUESTED", INSTALMENT_COUNT, 3,
            FIRST_INSTALMENT_DATE, "2026-03-20", CustomerCalls.INSTALMENT_INVOICES,
            a.invoiceNumber() + "; " + leadInvoice));
        executeDueJobs();

        for (Invoice i : five) {
            boolean asked = i.invoiceNumber().equals(a.invoiceNumber()) || i.invoiceNumber().equals(leadInvoice);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM agreements WHERE invoice_number = ?").param(i.invoiceNumber())
                .query(Integer.class).single()).as(i.invoiceNumber()).isEqualTo(asked ? 1 : 0);
            assertThat(contactOutcomes(i)).as(i.invoiceNumber())
                .contains(asked ? "INSTALMENT_REQUESTED" : "CALL_BACK");
            if (!asked) {
                assertThat(contacts.list(i.invoiceNumber())).filteredOn(e -> "CALL_BACK".equals(e.outcome()))
                    .singleElement().satisfies(e -> assertThat(e.note()).contains("still collected"));
            }
        }
        assertThat(runtime.createProcessInstanceQuery().superProcessInstanceId(cases.get(0).getId())
            .processDefinitionKey("Process_InstalmentAgreement").count()).isEqualTo(1);
        assertThat(runtime.createIncidentQuery().list()).filteredOn(x -> cases.stream()
            .anyMatch(pi -> pi.getId().equals(x.getProcessInstanceId()))).isEmpty();
    }

    private BigDecimal promise(Invoice invoice) {
        return jdbc.sql("SELECT amount FROM promises WHERE invoice_number = ?").param(invoice.invoiceNumber())
            .query(BigDecimal.class).single();
    }
}
