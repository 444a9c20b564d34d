package com.collectwise.process;

import static com.collectwise.kernel.CaseVariables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

import com.collectwise.kernel.Invoice;
import com.collectwise.cases.CaseRequestService;
import com.collectwise.communication.SendOverdueReminderDelegate;
import com.collectwise.disputes.DisputeCategory;
import com.collectwise.kernel.ContactEntry;
import java.math.BigDecimal;
import com.collectwise.communication.Document;
import com.collectwise.communication.DocumentRepository;
import com.collectwise.communication.Outbox;
import com.collectwise.communication.OutboxMessage;
import com.collectwise.kernel.Customer;
import com.collectwise.kernel.Segment;
import com.collectwise.fees.Ledger;
import com.collectwise.money.LedgerEntry;
import com.collectwise.money.LedgerEntryType;
import com.collectwise.fees.StatementService;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;

/**
 * A supervisor sets a reminder fee of 15.00 and a letter fee of 25.00 for SMALL_BUSINESS in Decision_LateFeePolicy
 * (a new version, as deployed from Modeler), with late charges capped at 1% of the invoice amount. The overdue reminder and the formal letter each book their fee the day
 * they go out, once per notice, and state it with the interest rate and its basis; the figures they demand are
 * what the ledger says afterwards. Invoice due Tuesday 2026-03-03, 30-day term, CN statutory rate (LPR 3.00% on
 * the due date x 1.5 = 4.5% p.a.). The edited policy stays deployed, hence a context of its own.
 */
@SpringBootTest
@ActiveProfiles("test")
@Import(ProcessEngineCoverageConfiguration.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class FeeBookingProcessTest extends CollectionTestSupport {

    static final LocalDate DUE = LocalDate.of(2026, 3, 3);

    @Autowired RepositoryService repository;
    @Autowired Ledger ledger;
    @Autowired StatementService statements;
    @Autowired DocumentRepository documents;
    @Autowired CaseRequestService requests;

    static boolean deployed;

    @BeforeAll
    static void policyNotYetDeployed() {
        deployed = false;
    }

    void deployPolicyWithFees() throws IOException {
        if (deployed) {
            return;
        }
        String dmn;
        try (InputStream in = getClass().getResourceAsStream("/processes/late-fee-policy.dmn")) {
            dmn = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String edited = dmn
            .replace("<outputEntry id=\"Out_Reminder_4\"><text>0</text></outputEntry>",
                "<outputEntry id=\"Out_Reminder_4\"><text>15</text></outputEntry>")
            .replace("<outputEntry id=\"Out_Letter_4\"><text>0</text></outputEntry>",
                "<outputEntry id=\"Out_Letter_4\"><text>25</text></outputEntry>")
            .replace("<outputEntry id=\"Out_Cap_4\"><text></text></outputEntry>",
                "<outputEntry id=\"Out_Cap_4\"><text>1</text></outputEntry>");
        assertThat(edited).as("the SMALL_BUSINESS fee cells of the shipped policy").isNotEqualTo(dmn);
        repository.createDeployment().name("late-fee policy with fees").addString("late-fee-policy.dmn", edited)
            .deploy();
        deployed = true;
    }

    Customer customer;
    Invoice invoice;

    /** Registered on 03-05, two days overdue: the overdue reminder goes out at once. */
    ProcessInstance atFirstCall(Segment segment) throws IOException {
        return atFirstCall(segment, "12000.00");
    }

    ProcessInstance atFirstCall(Segment segment, String amount) throws IOException {
        deployPolicyWithFees();
        setClock(at(2026, 3, 5, 10, 0));
        customer = customer(segment);
        invoice = invoice(customer, DUE, 30, amount);
        ProcessInstance pi = start(invoice, customer);
        BpmnAwareTests.assertThat(pi).hasPassed("Task_SendOverdueReminder", "Task_ChargeReminderFee")
            .isWaitingAt("Task_CallCustomer");
        return pi;
    }

    List<String> fees() {
        return ledger.list(invoice.invoiceNumber()).stream().filter(e -> e.type() == LedgerEntryType.FEE)
            .map(e -> e.amount() + " " + e.bookedOn()).toList();
    }

    OutboxMessage message(String kind) {
        return outbox.forInvoice(invoice.invoiceNumber()).stream().filter(m -> m.kind().equals(kind)).findFirst()
            .orElseThrow();
    }

    String interestLine(LocalDate day) {
        return "Late-payment interest: 4.5% p.a. (" + statements.detail(invoice, day).basis().description() + ")";
    }

    /** Runs a task of the case again in the same stage entry, as an operator restarting it in Cockpit would. */
    void runAgain(ProcessInstance pi, String activity) {
        runtime.createProcessInstanceModification(pi.getId()).startBeforeActivity(activity).execute();
        executeDueJobs();
    }

    @Test
    void theOverdueReminderBooksItsFeeOnceAndStatesItWithTheRate() throws IOException {
        ProcessInstance pi = atFirstCall(Segment.SMALL_BUSINESS);

        assertThat(fees()).containsExactly("CNY 15.00 2026-03-05");
        LedgerEntry fee = ledger.list(invoice.invoiceNumber()).get(0);
        assertThat(fee.entryKey()).as("keyed like the reminder it is for")
            .endsWith(message(Outbox.OVERDUE_REMINDER).idempotencyKey());
        // 2 days of 4.5% on 12,000.00 = 2.96; the reminder asks for what the ledger says once its fee is booked
        assertThat(statements.statement(invoice, LocalDate.of(2026, 3, 5)).total()).isEqualByComparingTo("12017.96");
        assertThat(message(Outbox.OVERDUE_REMINDER).body())
            .contains("Outstanding today: CNY 12002.96 (principal CNY 12000.00, interest CNY 2.96, fees CNY 0.00)")
            .contains(interestLine(LocalDate.of(2026, 3, 5)))
            .contains("A reminder fee of CNY 15.00 is charged for this reminder: please pay CNY 12017.96.");

        // the reminder task runs again in the same stage entry: no second reminder, no second fee
        runAgain(pi, "Task_SendOverdueReminder");
        assertThat(outboxKinds(invoice)).containsOnlyOnce(Outbox.OVERDUE_REMINDER);
        assertThat(fees()).containsExactly("CNY 15.00 2026-03-05");
    }

    @Test
    void theFormalLetterBooksItsFeeOnceAndThePdfStatesItWithTheRate() throws Exception {
        ProcessInstance pi = atFirstCall(Segment.SMALL_BUSINESS);

        moveTo(at(2026, 3, 13, 9, 0));
        BpmnAwareTests.assertThat(pi).hasPassed("Task_SendDunningLetter", "Task_ChargeLetterFee")
            .isWaitingAt("CallActivity_KeepInContactAfterLetter");
        assertThat(fees()).containsExactly("CNY 15.00 2026-03-05", "CNY 25.00 2026-03-13");
        // 10 days (03-04 .. 03-13) of 4.5% on 12,000.00 = 14.79; fees 15.00 + 25.00
        assertThat(statements.statement(invoice, LocalDate.of(2026, 3, 13)).total()).isEqualByComparingTo("12054.79");
        assertThat(message(Outbox.DUNNING_LETTER).body()).contains("  fees      CNY 15.00\n")
            .contains("  fee for this letter CNY 25.00\n").contains("  total     CNY 12054.79\n")
            .contains(interestLine(LocalDate.of(2026, 3, 13)));

        Document letter = documents.forInvoice(invoice.invoiceNumber()).get(0);
        String pdf = new PdfTextExtractor(new PdfReader(letter.content())).getTextFromPage(1).replaceAll("\\s+", " ");
        assertThat(pdf).contains(interestLine(LocalDate.of(2026, 3, 13)))
            .containsPattern("Fee for this letter ?25\\.00 CNY").contains("We demand payment of 12,054.79 CNY");

        runAgain(pi, "Task_SendDunningLetter");
        assertThat(outboxKinds(invoice)).containsOnlyOnce(Outbox.DUNNING_LETTER);
        assertThat(documents.forInvoice(invoice.invoiceNumber())).hasSize(1);
        assertThat(fees()).containsExactly("CNY 15.00 2026-03-05", "CNY 25.00 2026-03-13");
    }

    @Test
    void aNewStageEntrySendsANewReminderAndChargesItsFee() throws IOException {
        ProcessInstance pi = atFirstCall(Segment.SMALL_BUSINESS);
        call(pi);
        BpmnAwareTests.assertThat(pi).isWaitingAt("CallActivity_KeepInContactAfterLetter");
        setClock(at(2026, 3, 9, 10, 0));
        runtime.createMessageCorrelation(MSG_STAGE_CHANGE).processInstanceBusinessKey(invoice.invoiceNumber())
            .setVariable(TARGET_STAGE, "INTERNAL_REMINDER").setVariable(STAGE_CHANGE_REASON, "new contact person")
            .correlate();
        executeDueJobs();

        BpmnAwareTests.assertThat(pi).isWaitingAt("Task_CallCustomer");
        assertThat(outbox.forInvoice(invoice.invoiceNumber()).stream()
            .filter(m -> m.kind().equals(Outbox.OVERDUE_REMINDER))).hasSize(2);
        assertThat(fees()).containsExactly("CNY 15.00 2026-03-05", "CNY 25.00 2026-03-05", "CNY 15.00 2026-03-09");
    }

    /**
     * Registered on 02-20 (SMALL_BUSINESS: reminder fee 15.00), the given part of the 12,000.00 disputed on 02-23,
     * then the first overdue day (03-04): the overdue reminder task and the fee task after it have run.
     */
    ProcessInstance overdueAfterDispute(String disputed) throws IOException {
        deployPolicyWithFees();
        setClock(at(2026, 2, 20, 10, 0));
        customer = customer(Segment.SMALL_BUSINESS);
        invoice = invoice(customer, DUE, 30, "12000.00");
        ProcessInstance pi = start(invoice, customer);
        setClock(at(2026, 2, 23, 11, 0));
        requests.dispute(invoice.invoiceNumber(), DisputeCategory.QUALITY, new BigDecimal(disputed),
            "pumps leak", "collector1");
        executeDueJobs();
        moveTo(at(2026, 3, 4, 10, 0));
        BpmnAwareTests.assertThat(pi).hasPassed("Task_SendOverdueReminder", "Task_ChargeReminderFee");
        return pi;
    }

    /**
     * DOMAIN.md 5: an invoice disputed in full does not escalate while the dispute is open and a reminder shows the
     * undisputed amount - here 0.00. No reminder asks for it, no reminder fee is booked, the case file says why.
     */
    @Test
    void anInvoiceDisputedInFullGetsNoOverdueReminderAndNoReminderFee() throws IOException {
        overdueAfterDispute("12000.00");

        assertThat(outboxKinds(invoice)).doesNotContain(Outbox.OVERDUE_REMINDER);
        assertThat(fees()).isEmpty();
        List<ContactEntry> notes = contacts.list(invoice.invoiceNumber()).stream()
            .filter(e -> SendOverdueReminderDelegate.NOT_SENT.equals(e.outcome())).toList();
        assertThat(notes).singleElement().satisfies(note -> {
            assertThat(note.channel()).isEqualTo("NOTE");
            assertThat(note.note()).startsWith("Overdue reminder not sent")
                .contains("CNY 12000.00 under open dispute");
        });
    }

    /** A partial dispute (2,000.00 of 12,000.00) still gets its reminder, fee and all, naming the disputed part. */
    @Test
    void aPartlyDisputedInvoiceStillGetsItsOverdueReminderAndFee() throws IOException {
        overdueAfterDispute("2000.00");

        assertThat(outboxKinds(invoice)).containsOnlyOnce(Outbox.OVERDUE_REMINDER);
        assertThat(message(Outbox.OVERDUE_REMINDER).body()).contains("CNY 2000.00");
        assertThat(fees()).containsExactly("CNY 15.00 2026-03-04");
        assertThat(contacts.list(invoice.invoiceNumber())).extracting(ContactEntry::outcome)
            .doesNotContain(SendOverdueReminderDelegate.NOT_SENT);
    }

    /**
     * After the formal letter (DOMESTIC: no fees) the whole 12,000.00 is disputed: a written reminder run then (as
     * its timer would run it) asks for nothing, so none goes out; the case file says why.
     */
    @Test
    void aWrittenReminderIsNotSentForAnInvoiceDisputedInFull() throws IOException {
        ProcessInstance pi = atFirstCall(Segment.DOMESTIC);
        call(pi);
        BpmnAwareTests.assertThat(pi).isWaitingAt("CallActivity_KeepInContactAfterLetter");
        requests.dispute(invoice.invoiceNumber(), DisputeCategory.QUALITY, new BigDecimal("12000.00"),
            "pumps leak", "collector1");
        executeDueJobs();
        ProcessInstance contact = runtime.createProcessInstanceQuery().superProcessInstanceId(pi.getId())
            .active().list().stream().filter(p -> p.getProcessDefinitionId().contains("KeepInContact")).findFirst()
            .orElseThrow();
        runAgain(contact, "Task_SendWrittenReminder");

        assertThat(contactOutcomes(invoice)).doesNotContain("WRITTEN_REMINDER")
            .containsOnlyOnce(SendOverdueReminderDelegate.NOT_SENT);
        assertThat(outbox.forInvoice(invoice.invoiceNumber()).stream().map(OutboxMessage::idempotencyKey))
            .noneMatch(k -> k.contains(":written:"));
    }

    /**
     * Fees booked before the whole invoice is disputed are in dispute with it (they were charged for the lateness of
     * a debt the customer now denies in full: accepted, nothing was ever late; rejected, they are owed with the rest).
     * SMALL_BUSINESS: reminder fee 15.00 and letter fee 25.00 booked on 03-05, then all 12,000.00 disputed. Before the
     * fix the undisputed part was the 40.00 of fees, so the written reminder went out asking for CNY 40.00 and booked
     * its fee. Now nothing is undisputed: no reminder, no fee, the case file says why; and the calls every three
     * working days after the letter (03-10 15:30) are not made while the dispute is open.
     */
    @Test
    void feesBookedBeforeAFullDisputeAreNotAskedForAloneAndNoCallIsMade() throws IOException {
        ProcessInstance pi = atFirstCall(Segment.SMALL_BUSINESS);
        call(pi);
        BpmnAwareTests.assertThat(pi).isWaitingAt("CallActivity_KeepInContactAfterLetter");
        assertThat(fees()).containsExactly("CNY 15.00 2026-03-05", "CNY 25.00 2026-03-05");
        requests.dispute(invoice.invoiceNumber(), DisputeCategory.QUALITY, new BigDecimal("12000.00"),
            "pumps leak", "collector1");
        executeDueJobs();
        ProcessInstance contact = runtime.createProcessInstanceQuery().superProcessInstanceId(pi.getId())
            .active().list().stream().filter(p -> p.getProcessDefinitionId().contains("KeepInContact")).findFirst()
            .orElseThrow();
        runAgain(contact, "Task_SendWrittenReminder");

        assertThat(contactOutcomes(invoice)).doesNotContain("WRITTEN_REMINDER")
            .containsOnlyOnce(SendOverdueReminderDelegate.NOT_SENT);
        assertThat(outbox.forInvoice(invoice.invoiceNumber()).stream().map(OutboxMessage::idempotencyKey))
            .noneMatch(k -> k.contains(":written:"));
        assertThat(fees()).containsExactly("CNY 15.00 2026-03-05", "CNY 25.00 2026-03-05");

        moveTo(at(2026, 3, 10, 16, 0));
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(invoice.invoiceNumber())
            .taskDefinitionKey("Task_CallCustomer").count()).as("no call for 0.00").isZero();
        BpmnAwareTests.assertThat(contact).hasPassed("Gateway_DisputedInFull").isWaitingAt("Timer_FollowUpCallDue");
    }

    /**
     * The whole 12,000.00 disputed while the first call is open (reminder fee 15.00 booked on 03-05): the call, which
     * would ask for nothing, is withdrawn. The department accepts on 03-06: the credit note of 12,000.00 from the due
     * date leaves no principal and no interest, and the 15.00 fee falls with the invoice (it was never owed, so it was
     * never late). Before the fix the case went on asking for CNY 15.00 of fees on an invoice credited in full.
     * Since the replay decides a notice fee by the invoice's lateness on its day, the fee never counts at all.
     */
    @Test
    void aFullDisputeAcceptedTakesTheFeesOfTheInvoicesLatenessWithIt() throws IOException {
        ProcessInstance pi = atFirstCall(Segment.SMALL_BUSINESS);
        assertThat(fees()).containsExactly("CNY 15.00 2026-03-05");
        requests.dispute(invoice.invoiceNumber(), DisputeCategory.QUANTITY, new BigDecimal("12000.00"),
            "nothing delivered", "collector1");
        executeDueJobs();
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(invoice.invoiceNumber())
            .taskDefinitionKey("Task_CallCustomer").count()).as("the open call is withdrawn").isZero();
        BpmnAwareTests.assertThat(pi).isWaitingAt("Event_NoFullDisputeBeforeCall");

        setClock(at(2026, 3, 6, 11, 0));
        BpmnAwareTests.complete(task(pi, "Task_ResolveDispute"),
            withVariables(DISPUTE_DECISION, "CREDIT_NOTE", DECISION_REASON, "Nothing was delivered."));
        executeDueJobs();
        assertThat(statements.statement(invoice, LocalDate.of(2026, 3, 6)).total()).isEqualByComparingTo("0");
        // the replay counts no notice fee of an invoice that was never late (credited from its due date): nothing
        // is left for a waiver to take (DOMAIN.md 5-6; api.NoticeFeeOnTimePaymentApiTest)
        assertThat(statements.statement(invoice, LocalDate.of(2026, 3, 6)).fees()).isEqualByComparingTo("0");
        assertThat(ledger.list(invoice.invoiceNumber())).extracting(LedgerEntry::type)
            .doesNotContain(LedgerEntryType.FEE_WAIVER);
        BpmnAwareTests.assertThat(pi).isEnded();
    }

    /**
     * DOMAIN.md 6: the reminder fee is booked when the reminder goes out; DOMAIN.md 1: a customer without a contact
     * detail is a task for the collector. SMALL_BUSINESS (reminder fee 15.00) without e-mail and phone (the SMS
     * gateway is off in tests anyway), registered on 03-05, two days overdue: the reminder is queued without a
     * recipient (it waits for an address) and reaches nobody, so no fee. Before the fix the fee was booked on 03-05
     * and the statement asked for 12,000.00 + 2.96 interest (2 days x 4.5% on 12,000.00 = 2.958904 -> 2.96) + 15.00
     * = 12,017.96; now 12,002.96.
     */
    @Test
    void aReminderThatReachesNoOneBooksNoFee() throws IOException {
        deployPolicyWithFees();
        setClock(at(2026, 3, 5, 10, 0));
        customer = new Customer("C-NOCONTACT", "Customer without contact", Segment.SMALL_BUSINESS, "CN", null, null,
            "collector1", "Ms. Wang", java.time.Instant.now(), com.collectwise.kernel.Language.EN);
        customers.insert(customer);
        invoice = invoice(customer, DUE, 30, "12000.00");
        ProcessInstance pi = start(invoice, customer);
        BpmnAwareTests.assertThat(pi).hasPassed("Task_SendOverdueReminder", "Task_ChargeReminderFee");

        assertThat(message(Outbox.OVERDUE_REMINDER).recipient()).isNull();
        assertThat(fees()).isEmpty();
        assertThat(statements.statement(invoice, LocalDate.of(2026, 3, 5)).total()).isEqualByComparingTo("12002.96");
        // the waiting reminder quotes the fee it will cost: it is booked the day the reminder goes out to an address
        // entered later (aReminderThatWaitedForAnAddressBooksItsFeeTheDayItGoesOut)
        assertThat(message(Outbox.OVERDUE_REMINDER).body()).contains("Outstanding today: CNY 12002.96")
            .contains("A reminder fee of CNY 15.00 is charged for this reminder: please pay CNY 12017.96.");
    }

    /** A refusal escalates to the formal demand at once (same day). */
    void call(ProcessInstance pi) {
        BpmnAwareTests.complete(task(pi, "Task_CallCustomer"), withVariables(CALL_OUTCOME, "REFUSED"));
        executeDueJobs();
    }

    @Test
    void theCapOnLateChargesHoldsTheFeeBackAndTheReminderSaysSo() throws IOException {
        atFirstCall(Segment.SMALL_BUSINESS, "1000.00");

        // the policy's fee is booked as it is; the statement caps late charges at 1% = 10.00, fees first
        assertThat(fees()).containsExactly("CNY 15.00 2026-03-05");
        assertThat(statements.statement(invoice, LocalDate.of(2026, 3, 5)).total()).isEqualByComparingTo("1010.00");
        // before the fee: 2 days of 4.5% on 1,000.00 = 0.25 interest; the fee adds the 9.75 left below the cap
        assertThat(message(Outbox.OVERDUE_REMINDER).body()).contains("Outstanding today: CNY 1000.25")
            .contains("A reminder fee of CNY 15.00 is charged for this reminder (late charges are capped at CNY "
                + "10.00 in total): please pay CNY 1010.00.");
    }

    @Test
    void aReminderWithoutAChargeTaskAfterItQuotesNoFee() throws IOException {
        deployPolicyWithFees();
        setClock(at(2026, 3, 5, 10, 0));
        customer = customer(Segment.SMALL_BUSINESS);
        invoice = invoice(customer, DUE, 30, "12000.00");
        repository.createDeployment().name("a reminder without its fee").addModelInstance("reminder-only.bpmn",
            Bpmn.createExecutableProcess("Process_ReminderOnly").camundaHistoryTimeToLive(1)
                .startEvent().serviceTask("Task_SendOverdueReminder").camundaAsyncBefore()
                .camundaDelegateExpression("${sendOverdueReminderDelegate}").endEvent().done())
            .deploy();
        ProcessInstance pi = runtime.startProcessInstanceByKey("Process_ReminderOnly", invoice.invoiceNumber(),
            withVariables(INVOICE_NUMBER, invoice.invoiceNumber(), STAGE_ENTRY_NUMBER, 1));
        started.add(pi.getId());
        executeDueJobs();

        BpmnAwareTests.assertThat(pi).isEnded();
        assertThat(fees()).isEmpty();
        assertThat(message(Outbox.OVERDUE_REMINDER).body()).contains(interestLine(LocalDate.of(2026, 3, 5)))
            .doesNotContain("reminder fee").contains("Outstanding today: CNY 12002.96");
    }

    @Test
    void aSegmentWithoutFeesIsChargedNothingAndToldNoFee() throws IOException {
        ProcessInstance pi = atFirstCall(Segment.DOMESTIC);
        call(pi);
        BpmnAwareTests.assertThat(pi).hasPassed("Task_ChargeLetterFee").isWaitingAt("CallActivity_KeepInContactAfterLetter");

        assertThat(fees()).isEmpty();
        assertThat(message(Outbox.OVERDUE_REMINDER).body()).contains(interestLine(LocalDate.of(2026, 3, 5)))
            .doesNotContain("reminder fee");
        assertThat(message(Outbox.DUNNING_LETTER).body()).contains(interestLine(LocalDate.of(2026, 3, 5)))
            .doesNotContain("fee for this letter").contains("  total     CNY 12002.96\n");
    }

    // ---- notices that wait for a channel, bounced addresses, the letter in the case file, the reminder clock

    @Autowired com.collectwise.customers.CustomerService customerService;
    @Autowired com.collectwise.communication.CommunicationSettings communicationSettings;
    @Autowired com.collectwise.communication.QuietHours quietHours;
    @Autowired com.collectwise.kernel.BusinessClock businessClock;
    @Autowired com.collectwise.communication.DispatchFollowUp dispatchFollowUp;

    /** A dispatcher with an SMTP server that accepts everything (the tests have no mail host). */
    int dispatch() {
        org.springframework.mail.javamail.JavaMailSender smtp =
            org.mockito.Mockito.mock(org.springframework.mail.javamail.JavaMailSender.class);
        var provider = new org.springframework.beans.factory.support.StaticListableBeanFactory(
            java.util.Map.of("smtp", smtp)).getBeanProvider(org.springframework.mail.javamail.JavaMailSender.class);
        return new com.collectwise.communication.MailDispatcher(jdbc, provider, communicationSettings, quietHours,
            businessClock, List.of(), dispatchFollowUp).dispatchPending();
    }

    Customer customerWithoutEmail(Segment segment) {
        String id = "C" + java.util.UUID.randomUUID().toString().substring(0, 8);
        Customer c = new Customer(id, "Customer " + id, segment, "CN", null, "+86 10 0000 0000", "collector1",
            "Ms. Wang", java.time.Instant.now(), com.collectwise.kernel.Language.EN);
        customers.insert(c);
        return c;
    }

    void changeEmail(Customer c, String email) {
        customerService.update(c.customerId(), new com.collectwise.customers.CustomerPatch(null, null,
            java.util.Optional.of(email), null, null, null, null, null), "supervisor1");
    }

    List<String> collectorTasks(Customer c) {
        return tasks.createTaskQuery().taskAssignee("collector1").taskVariableValueEquals(CUSTOMER_ID, c.customerId())
            .list().stream().map(org.camunda.bpm.engine.task.Task::getName).toList();
    }

    /**
     * Fault: a reminder that waited in the outbox for an e-mail address went out later without its fee. SMALL_BUSINESS
     * (reminder fee 15.00), no e-mail address, registered on Thu 03-05 two days overdue: the reminder waits, no fee,
     * and the collector has the task at once. The address is entered on Mon 03-09 and the reminder goes out that day:
     * its fee of 15.00 is booked dated 03-09 (DOMAIN.md 6: booked when it goes out), once however often the
     * dispatcher runs. Before the fix nothing was ever booked for it.
     */
    @Test
    void aReminderThatWaitedForAnAddressBooksItsFeeTheDayItGoesOut() throws IOException {
        deployPolicyWithFees();
        setClock(at(2026, 3, 5, 10, 0));
        customer = customerWithoutEmail(Segment.SMALL_BUSINESS);
        invoice = invoice(customer, DUE, 30, "12000.00");
        start(invoice, customer);

        assertThat(fees()).isEmpty();
        assertThat(message(Outbox.OVERDUE_REMINDER).recipient()).isNull();
        assertThat(collectorTasks(customer)).containsExactly("No e-mail address: " + customer.name() + " ("
            + customer.customerId() + ")");

        setClock(at(2026, 3, 9, 11, 0));
        changeEmail(customer, "ap@found.example");
        assertThat(message(Outbox.OVERDUE_REMINDER).recipient()).isEqualTo("ap@found.example");
        assertThat(dispatch()).isPositive();
        assertThat(dispatch()).isZero();

        assertThat(message(Outbox.OVERDUE_REMINDER).status()).isEqualTo("SENT");
        assertThat(fees()).containsExactly("CNY 15.00 2026-03-09");
        // the reminder told the fee it now costs, with the figures of the day it went out (03-09, not those of 03-05
        // when it was written: DOMAIN.md 5, every figure is a replay): 6 days (03-04..03-09) of 4.5% on 12,000.00 =
        // 12000 x 0.045 x 6 / 365 = 8.876... = 8.88, + 15.00 = 12023.88 (before: 2 days, 2.96, 12017.96)
        assertThat(message(Outbox.OVERDUE_REMINDER).body())
            .contains("A reminder fee of CNY 15.00 is charged for this reminder: please pay CNY 12023.88.");
        assertThat(collectorTasks(customer)).as("the address closed the task").isEmpty();
    }

    /**
     * Fault: a bounced address still counted as reachable. The pre-due reminder to wrong@... was refused to the last
     * attempt (FAILED); the overdue reminder of 03-04 then reaches nobody: it waits without a recipient, books no fee
     * now, and the collector has "E-mail address refused" at once. A corrected address takes the reminder, which books
     * its fee the day it goes out (03-06).
     */
    @Test
    void aBouncedAddressIsNotReachable_theReminderWaitsForANewOne() throws IOException {
        deployPolicyWithFees();
        setClock(at(2026, 2, 20, 10, 0));
        customer = customerWithoutEmail(Segment.SMALL_BUSINESS);
        changeEmail(customer, "wrong-" + customer.customerId() + "@example.com");
        customer = customers.find(customer.customerId()).orElseThrow();
        invoice = invoice(customer, DUE, 30, "12000.00");
        ProcessInstance pi = start(invoice, customer);
        moveTo(at(2026, 2, 24, 10, 0));
        assertThat(message(Outbox.PRE_DUE_REMINDER).recipient()).isEqualTo(customer.email());
        jdbc.sql("UPDATE outbox SET status = 'FAILED', attempts = 5, last_error = '550 5.1.1 no such user' "
            + "WHERE idempotency_key = ?").param(message(Outbox.PRE_DUE_REMINDER).idempotencyKey()).update();

        moveTo(at(2026, 3, 4, 10, 0));
        BpmnAwareTests.assertThat(pi).hasPassed("Task_SendOverdueReminder", "Task_ChargeReminderFee");

        assertThat(message(Outbox.OVERDUE_REMINDER).recipient()).as("not to the refused address").isNull();
        assertThat(fees()).isEmpty();
        assertThat(collectorTasks(customer)).containsExactly("E-mail address refused: " + customer.name() + " ("
            + customer.customerId() + ")");

        setClock(at(2026, 3, 6, 9, 0));
        changeEmail(customer, "ap-" + customer.customerId() + "@example.com");
        dispatch();
        assertThat(message(Outbox.OVERDUE_REMINDER).recipient()).isEqualTo("ap-" + customer.customerId()
            + "@example.com");
        assertThat(message(Outbox.OVERDUE_REMINDER).status()).isEqualTo("SENT");
        assertThat(fees()).containsExactly("CNY 15.00 2026-03-06");
        assertThat(collectorTasks(customer)).isEmpty();
    }

    /** The written reminder running in Process_KeepInContact of the case. */
    ProcessInstance keepInContact(ProcessInstance pi) {
        return runtime.createProcessInstanceQuery().superProcessInstanceId(pi.getId()).active().list().stream()
            .filter(p -> p.getProcessDefinitionId().contains("KeepInContact")).findFirst().orElseThrow();
    }

    /**
     * Fault: the written reminder's case-file line said "sent" with no recipient. SMALL_BUSINESS without an e-mail
     * address; the letter goes out on 03-05 (refusal), the written reminder falls due on 03-15: the case file says it
     * was not sent and why (a note, no contact attempt), the collector has the task, no fee. Once an address is
     * entered (03-16) it goes out: then the case file records it as sent and its fee is booked that day.
     */
    @Test
    void aWrittenReminderWithoutAnAddressSaysSoInTheCaseFile_andIsLoggedWhenItGoesOut() throws IOException {
        deployPolicyWithFees();
        setClock(at(2026, 3, 5, 10, 0));
        customer = customerWithoutEmail(Segment.SMALL_BUSINESS);
        invoice = invoice(customer, DUE, 30, "12000.00");
        ProcessInstance pi = start(invoice, customer);
        call(pi);
        BpmnAwareTests.assertThat(pi).isWaitingAt("CallActivity_KeepInContactAfterLetter");
        assertThat(fees()).as("the letter goes by post too: its fee").containsExactly("CNY 25.00 2026-03-05");

        moveTo(at(2026, 3, 15, 11, 0));

        OutboxMessage written = outbox.forInvoice(invoice.invoiceNumber()).stream()
            .filter(m -> m.idempotencyKey().endsWith(":written:2026-03-15")).findFirst().orElseThrow();
        assertThat(written.recipient()).isNull();
        assertThat(contactOutcomes(invoice)).doesNotContain("WRITTEN_REMINDER").contains("WRITTEN_REMINDER_NOT_SENT");
        ContactEntry note = contacts.list(invoice.invoiceNumber()).stream()
            .filter(e -> "WRITTEN_REMINDER_NOT_SENT".equals(e.outcome())).findFirst().orElseThrow();
        assertThat(note.channel()).isEqualTo("NOTE");
        assertThat(note.note()).startsWith("Written reminder not sent: the customer has no e-mail address")
            .doesNotContain("Written reminder sent");
        assertThat(fees()).containsExactly("CNY 25.00 2026-03-05");
        assertThat(collectorTasks(customer)).containsExactly("No e-mail address: " + customer.name() + " ("
            + customer.customerId() + ")");

        setClock(at(2026, 3, 16, 9, 0));
        changeEmail(customer, "ap-" + customer.customerId() + "@example.com");
        dispatch();
        // the overdue reminder of 03-05 waited too: both reminders go out on 03-16, each booking its fee then
        assertThat(fees()).containsExactly("CNY 25.00 2026-03-05", "CNY 15.00 2026-03-16", "CNY 15.00 2026-03-16");
        ContactEntry sent = contacts.list(invoice.invoiceNumber()).stream()
            .filter(e -> "WRITTEN_REMINDER".equals(e.outcome())).findFirst().orElseThrow();
        assertThat(sent.channel()).isEqualTo("EMAIL");
        assertThat(sent.note()).startsWith("Written reminder of 2026-03-15 sent to ap-" + customer.customerId());
        dispatch();
        assertThat(contactOutcomes(invoice)).containsOnlyOnce("WRITTEN_REMINDER");
    }

    /**
     * Fault: a written reminder written in the quiet hours was logged and charged the night it was written, though its
     * e-mail went out only at 08:00 the next day (DOMAIN.md 3 and 6: fees "are booked when the reminder or letter goes
     * out"). SMALL_BUSINESS (reminder fee 15.00, letter fee 25.00), with an e-mail address; the overdue reminder of Thu
     * 03-05 10:00 books 15.00 that day; the call at 23:00 is refused and the letter goes out then (by post, 25.00 dated
     * 03-05). The written reminder falls due ten days after the letter, Sun 03-15 23:00: its e-mail waits for Mon 03-16
     * 08:00. As of 03-15 nothing of it is in the case file or the ledger (fees 15.00 + 25.00 = 40.00); at 08:00 on
     * 03-16 it goes out: the case file logs it then, its 15.00 is dated 03-16 (fees 55.00), and it asks for that day's
     * figures: interest 03-04..03-16, 13 days x 12,000.00 x 4.5% / 365 = 19.2329 -> 19.23; 12,000.00 + 19.23 + 40.00
     * + its own 15.00 = 12,074.23. The statement as of 03-15 keeps 40.00 of fees. Before the fix the case file had
     * the reminder at 03-15 23:00 and the ledger 15.00 dated 03-15.
     */
    @Test
    void aWrittenReminderHeldByTheQuietHoursIsLoggedAndChargedTheDayItGoesOut() throws IOException {
        ProcessInstance pi = atFirstCall(Segment.SMALL_BUSINESS);
        setClock(at(2026, 3, 5, 23, 0));
        call(pi);
        BpmnAwareTests.assertThat(pi).isWaitingAt("CallActivity_KeepInContactAfterLetter");
        assertThat(fees()).containsExactly("CNY 15.00 2026-03-05", "CNY 25.00 2026-03-05");

        moveTo(at(2026, 3, 15, 23, 0));
        OutboxMessage written = outbox.forInvoice(invoice.invoiceNumber()).stream()
            .filter(m -> m.idempotencyKey().endsWith(":written:2026-03-15")).findFirst().orElseThrow();
        assertThat(written.recipient()).isEqualTo(customer.email());
        assertThat(written.notBefore()).isEqualTo(at(2026, 3, 16, 8, 0).toInstant());
        assertThat(contactOutcomes(invoice)).as("not out yet").doesNotContain("WRITTEN_REMINDER");
        assertThat(fees()).containsExactly("CNY 15.00 2026-03-05", "CNY 25.00 2026-03-05");
        assertThat(statements.statement(invoice, LocalDate.of(2026, 3, 15)).fees()).isEqualByComparingTo("40.00");

        setClock(at(2026, 3, 16, 8, 0));
        assertThat(dispatch()).isPositive();
        assertThat(fees()).containsExactly("CNY 15.00 2026-03-05", "CNY 25.00 2026-03-05", "CNY 15.00 2026-03-16");
        assertThat(statements.statement(invoice, LocalDate.of(2026, 3, 15)).fees()).isEqualByComparingTo("40.00");
        assertThat(statements.statement(invoice, LocalDate.of(2026, 3, 16)).fees()).isEqualByComparingTo("55.00");
        assertThat(statements.statement(invoice, LocalDate.of(2026, 3, 16)).total()).isEqualByComparingTo("12074.23");
        ContactEntry sent = contacts.list(invoice.invoiceNumber()).stream()
            .filter(e -> "WRITTEN_REMINDER".equals(e.outcome())).findFirst().orElseThrow();
        assertThat(sent.channel()).isEqualTo("EMAIL");
        assertThat(sent.contactedAt()).isEqualTo(at(2026, 3, 16, 8, 0).toInstant());
        assertThat(sent.note()).isEqualTo("Written reminder of 2026-03-15 sent to " + customer.email()
            + " (written in the quiet hours, 22:00-08:00: it waited for the morning).");
        assertThat(outbox.forInvoice(invoice.invoiceNumber()).stream()
            .filter(m -> m.idempotencyKey().endsWith(":written:2026-03-15")).findFirst().orElseThrow().body())
            .contains("A reminder fee of CNY 15.00 is charged for this reminder: please pay CNY 12074.23.");

        dispatch();
        assertThat(contactOutcomes(invoice)).containsOnlyOnce("WRITTEN_REMINDER");
        assertThat(fees()).hasSize(3);
    }

    /**
     * Fault: the formal letter was no entry of the contact log. It is a contact attempt and the evidence of the demand:
     * the case file records it (channel LETTER), once, also when the letter task runs again.
     */
    @Test
    void theFormalLetterIsInTheContactLog() throws IOException {
        ProcessInstance pi = atFirstCall(Segment.DOMESTIC);
        call(pi);

        List<ContactEntry> letters = contacts.list(invoice.invoiceNumber()).stream()
            .filter(e -> "FORMAL_LETTER".equals(e.outcome())).toList();
        assertThat(letters).singleElement().satisfies(e -> {
            assertThat(e.channel()).isEqualTo("LETTER");
            assertThat(e.note()).contains("dunning-letter-" + invoice.invoiceNumber()).contains("e-mailed to "
                + customer.email()).contains("CNY 12002.96 demanded");
        });
        runAgain(pi, "Task_SendDunningLetter");
        assertThat(contactOutcomes(invoice)).containsOnlyOnce("FORMAL_LETTER");
    }

    /**
     * Fault: the written reminders after the letter counted every 10 days from the letter, whatever was paid. DOMAIN.md
     * 5: a part payment "restarts the clock of reminders for the rest". Letter Thu 03-05 10:00, part payment posted
     * Thu 03-12 12:00: no written reminder on 03-15 (letter + 10), the next one on 03-22 12:00 (payment + 10).
     */
    @Test
    void aPartPaymentAfterTheLetterRestartsTheClockOfTheWrittenReminders() throws IOException {
        ProcessInstance pi = atFirstCall(Segment.DOMESTIC);
        call(pi);
        moveTo(at(2026, 3, 12, 12, 0));
        payment(invoice, "2000.00", LocalDate.of(2026, 3, 12));

        moveTo(at(2026, 3, 21, 23, 0));
        assertThat(writtenReminderDays()).as("none 10 days after the letter").isEmpty();
        moveTo(at(2026, 3, 22, 12, 1));
        assertThat(writtenReminderDays()).containsExactly("2026-03-22");
        assertThat(contactOutcomes(invoice)).containsOnlyOnce("WRITTEN_REMINDER");
    }

    List<String> writtenReminderDays() {
        return outbox.forInvoice(invoice.invoiceNumber()).stream().map(OutboxMessage::idempotencyKey)
            .filter(k -> k.contains(":written:")).map(k -> k.substring(k.lastIndexOf(':') + 1)).toList();
    }

    /**
     * Fault: a DMN fee with more decimals than the currency has (KEY_ACCOUNT reminder fee 15.005 on a CNY invoice) was
     * rounded HALF_UP to 15.01 without a word. DOMAIN.md 6 refuses such an amount with a clear error: the reminder job
     * fails with a message naming the fee, the currency and its decimals (retries, then an incident in Cockpit), and
     * nothing is sent or booked.
     */
    @Test
    void aPolicyFeeWithTooManyDecimalsFailsTheReminderJobWithAClearMessage() throws IOException {
        setClock(at(2026, 3, 5, 10, 0));
        String dmn;
        try (InputStream in = getClass().getResourceAsStream("/processes/late-fee-policy.dmn")) {
            dmn = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String edited = dmn
            .replace("<outputEntry id=\"Out_Reminder_4\"><text>0</text></outputEntry>",
                "<outputEntry id=\"Out_Reminder_4\"><text>15</text></outputEntry>")
            .replace("<outputEntry id=\"Out_Letter_4\"><text>0</text></outputEntry>",
                "<outputEntry id=\"Out_Letter_4\"><text>25</text></outputEntry>")
            .replace("<outputEntry id=\"Out_Cap_4\"><text></text></outputEntry>",
                "<outputEntry id=\"Out_Cap_4\"><text>1</text></outputEntry>")
            .replace("<outputEntry id=\"Out_Reminder_3\"><text>0</text></outputEntry>",
                "<outputEntry id=\"Out_Reminder_3\"><text>15.005</text></outputEntry>");
        repository.createDeployment().name("late-fee policy with a fee of three decimals")
            .addString("late-fee-policy.dmn", edited).deploy();
        customer = customer(Segment.KEY_ACCOUNT);
        invoice = invoice(customer, DUE, 30, "12000.00");
        String id = cases.start(invoice, customer);
        started.add(id);

        org.assertj.core.api.Assertions.assertThatThrownBy(this::executeDueJobs)
            .hasStackTraceContaining("reminder fee of 15.005 CNY")
            .hasStackTraceContaining("more decimals than CNY allows (2)");
        assertThat(outboxKinds(invoice)).doesNotContain(Outbox.OVERDUE_REMINDER);
        assertThat(fees()).isEmpty();
        org.camunda.bpm.engine.runtime.Job failed = management.createJobQuery().processInstanceId(id)
            .withException().singleResult();
        assertThat(management.getJobExceptionStacktrace(failed.getId())).contains("more decimals than CNY allows");
    }

    /**
     * DOMAIN.md 6: the customer is told the rate, its basis and the charges in the reminders and the letter; the EU
     * B2B EUR 40 is a charge of its own. A FOREIGN customer in Germany, EUR 1,000.00 due 03-03, registered 03-05: the
     * fees of the reminder (EUR 40.00) are named as the Directive's compensation in the rate line, which the letter
     * and its e-mail share. Before, the reminder showed "fees EUR 40.00" without a word of what they were.
     */
    @Test
    void theEuCompensationIsNamedInTheReminderAndTheLetter() throws IOException {
        deployPolicyWithFees();
        setClock(at(2026, 3, 5, 10, 0));
        customer = customer(Segment.FOREIGN);
        String number = "INV-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        invoices.insert(new Invoice(number, customer.customerId(), DUE.minusDays(30), DUE, 30,
            new BigDecimal("1000.00"), "EUR", null, com.collectwise.kernel.CaseStatus.OPEN,
            com.collectwise.kernel.Stage.PRE_DUE, null, null));
        invoice = invoices.find(number).orElseThrow();
        ProcessInstance pi = start(invoice, customer);

        assertThat(message(Outbox.OVERDUE_REMINDER).body()).contains("fees EUR 40.00")
            .contains("; the fees include EUR 40.00, the fixed EUR 40 compensation for late payment (Directive "
                + "2011/7/EU)");
        call(pi);
        assertThat(message(Outbox.DUNNING_LETTER).body())
            .contains("the fees include EUR 40.00, the fixed EUR 40 compensation for late payment");
    }

    // ---- a corrected address takes the notices the old one refused (GreenMail as the customer's mail server)

    @org.junit.jupiter.api.extension.RegisterExtension
    static com.icegreen.greenmail.junit5.GreenMailExtension mailServer = new com.icegreen.greenmail.junit5
        .GreenMailExtension(new com.icegreen.greenmail.util.ServerSetup(0, null, "smtp"));

    @Autowired com.collectwise.communication.ContactProblems contactProblems;

    /** The dispatcher as production runs it, talking SMTP to GreenMail. */
    int dispatchToMailServer() {
        org.springframework.mail.javamail.JavaMailSenderImpl smtp = new org.springframework.mail.javamail
            .JavaMailSenderImpl();
        smtp.setHost("localhost");
        smtp.setPort(mailServer.getSmtp().getPort());
        var provider = new org.springframework.beans.factory.support.StaticListableBeanFactory(
            java.util.Map.of("smtp", smtp)).getBeanProvider(org.springframework.mail.javamail.JavaMailSender.class);
        return new com.collectwise.communication.MailDispatcher(jdbc, provider, communicationSettings, quietHours,
            businessClock, List.of(), dispatchFollowUp).dispatchPending();
    }

    void refusedToTheEnd(String key) {
        jdbc.sql("UPDATE outbox SET status = 'FAILED', attempts = 5, last_error = '550 5.1.1 no such user' "
            + "WHERE idempotency_key = ?").param(key).update();
    }

    void changeEmailAndPhone(Customer c, String email, String phone) {
        customerService.update(c.customerId(), new com.collectwise.customers.CustomerPatch(null, null,
            java.util.Optional.of(email), java.util.Optional.of(phone), null, null, null, null), "supervisor1");
    }

    List<OutboxMessage> messages(String kind) {
        return outbox.forInvoice(invoice.invoiceNumber()).stream().filter(m -> m.kind().equals(kind)).toList();
    }

    /**
     * Fault: a notice the mail server refused was never sent again when the address was corrected (only notices
     * waiting without an address followed a new one). SMALL_BUSINESS (reminder fee 15.00), address wrong-...@;
     * registered Thu 2026-03-05 10:00, two days overdue: the overdue reminder goes to the wrong address and the fee
     * task books its 15.00 dated 03-05. The server refuses it to the last attempt (FAILED), and so does the SMS gateway
     * the text to the old number (written here as the gateway leaves it); the watch gives the collector "E-mail
     * address refused". The address and number are corrected on Fri 03-06 at 22:30, in the quiet hours:
     * <ul>
     * <li>the reminder is queued again to the new address, not before Sat 03-07 08:00 (an e-mail waits for the
     * morning, not for a working day); nothing goes at 22:30, at 08:00 it reaches the mailbox once;</li>
     * <li>the text is queued again to the new number, not before Mon 03-09 08:00 (Sat and Sun are no working days in
     * March 2026: an SMS waits for the next working day's 08:00);</li>
     * <li>the fee stays the one 15.00 of 03-05 (the copy books none: the notice's fee was booked);</li>
     * <li>the case file says at Sat 03-07 08:00 that the reminder went again to the new address; the refused message
     * stays FAILED as the evidence of the bounce; the collector's task is completed.</li>
     * </ul>
     */
    @Test
    void aRefusedReminderGoesAgainToTheCorrectedAddress_afterTheQuietHours_withoutASecondFee() throws Exception {
        deployPolicyWithFees();
        setClock(at(2026, 3, 5, 10, 0));
        customer = customerWithoutEmail(Segment.SMALL_BUSINESS);
        String wrong = "wrong-" + customer.customerId() + "@example.com";
        changeEmail(customer, wrong);
        customer = customers.find(customer.customerId()).orElseThrow();
        invoice = invoice(customer, DUE, 30, "12000.00");
        start(invoice, customer);
        OutboxMessage refused = message(Outbox.OVERDUE_REMINDER);
        assertThat(refused.recipient()).isEqualTo(wrong);
        assertThat(fees()).containsExactly("CNY 15.00 2026-03-05");
        refusedToTheEnd(refused.idempotencyKey());
        outbox.enqueue("SMS:" + refused.idempotencyKey(), invoice.invoiceNumber(), customer.customerId(), "SMS",
            customer.phone(), null, "Invoice overdue");
        refusedToTheEnd("SMS:" + refused.idempotencyKey());
        contactProblems.raise();
        assertThat(collectorTasks(customer)).contains("E-mail address refused: " + customer.name() + " ("
            + customer.customerId() + ")");

        setClock(at(2026, 3, 6, 22, 30));
        String right = "ap-" + customer.customerId() + "@example.com";
        changeEmailAndPhone(customer, right, "+86 10 1111 2222");

        List<OutboxMessage> reminders = messages(Outbox.OVERDUE_REMINDER);
        assertThat(reminders).extracting(OutboxMessage::recipient, OutboxMessage::status)
            .containsExactly(org.assertj.core.groups.Tuple.tuple(wrong, "FAILED"),
                org.assertj.core.groups.Tuple.tuple(right, "PENDING"));
        assertThat(reminders.get(1).notBefore()).isEqualTo(at(2026, 3, 7, 8, 0).toInstant());
        assertThat(reminders.get(1).body()).isEqualTo(refused.body());
        List<OutboxMessage> texts = messages("SMS");
        assertThat(texts).extracting(OutboxMessage::recipient, OutboxMessage::status)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("+86 10 0000 0000", "FAILED"),
                org.assertj.core.groups.Tuple.tuple("+86 10 1111 2222", "PENDING"));
        assertThat(texts.get(1).notBefore()).isEqualTo(at(2026, 3, 9, 8, 0).toInstant());
        assertThat(collectorTasks(customer)).as("the corrected address closed the task").isEmpty();

        assertThat(dispatchToMailServer()).as("22:30: quiet hours").isZero();
        setClock(at(2026, 3, 7, 8, 0));
        // (the outbox holds the pending messages of the other tests of this context too)
        assertThat(dispatchToMailServer()).isPositive();
        assertThat(dispatchToMailServer()).isZero();
        var received = mailServer.getReceivedMessagesForDomain(right);
        assertThat(received).hasSize(1);
        assertThat(received[0].getSubject()).isEqualTo(refused.subject());

        assertThat(messages(Outbox.OVERDUE_REMINDER).get(1).status()).isEqualTo("SENT");
        assertThat(fees()).containsExactly("CNY 15.00 2026-03-05");
        ContactEntry resent = contacts.list(invoice.invoiceNumber()).stream()
            .filter(e -> "NOTICE_RESENT".equals(e.outcome())).findFirst().orElseThrow();
        assertThat(resent.channel()).isEqualTo("EMAIL");
        assertThat(resent.contactedAt()).isEqualTo(at(2026, 3, 7, 8, 0).toInstant());
        assertThat(resent.note()).isEqualTo("Overdue reminder of 2026-03-05 sent again to " + right
            + " (the previous address or number refused it; corrected in the customer file).");
    }

    /**
     * A refused notice of an invoice settled since is not sent again (it asks for money no longer owed), nor is one
     * waiting without an address: only the open invoice's. Same customer, two invoices due 03-03, registered 03-05;
     * the first is paid in full on 03-06 (status SETTLED, as the payment's reconciliation leaves it); both reminders
     * were refused. The address corrected on 03-06 at 15:00 takes the open invoice's reminder only, at once.
     */
    @Test
    void aRefusedReminderOfASettledInvoiceIsNotSentAgain() throws Exception {
        deployPolicyWithFees();
        setClock(at(2026, 3, 5, 10, 0));
        customer = customerWithoutEmail(Segment.SMALL_BUSINESS);
        changeEmail(customer, "wrong-" + customer.customerId() + "@example.com");
        customer = customers.find(customer.customerId()).orElseThrow();
        Invoice paid = invoice(customer, DUE, 30, "500.00");
        ProcessInstance paidCase = start(paid, customer);
        invoice = invoice(customer, DUE, 30, "12000.00");
        start(invoice, customer);
        Invoice open = invoice;
        invoice = paid;
        refusedToTheEnd(message(Outbox.OVERDUE_REMINDER).idempotencyKey());
        invoice = open;
        refusedToTheEnd(message(Outbox.OVERDUE_REMINDER).idempotencyKey());
        jdbc.sql("UPDATE invoices SET status = 'SETTLED' WHERE invoice_number = ?").param(paid.invoiceNumber()).update();
        runtime.deleteProcessInstance(paidCase.getId(), "settled");

        setClock(at(2026, 3, 6, 15, 0));
        changeEmail(customer, "ap-" + customer.customerId() + "@example.com");

        assertThat(outbox.forInvoice(paid.invoiceNumber())).extracting(OutboxMessage::status)
            .containsExactly("FAILED");
        assertThat(messages(Outbox.OVERDUE_REMINDER)).extracting(OutboxMessage::status)
            .containsExactly("FAILED", "PENDING");
        assertThat(messages(Outbox.OVERDUE_REMINDER).get(1).notBefore()).isEqualTo(at(2026, 3, 6, 15, 0).toInstant());
    }

    /**
     * Fault: the collector's "No e-mail address" task stayed open for a customer whose only waiting notice belonged to
     * an invoice settled since (nothing is to be sent any more: the task no longer applies). No e-mail address;
     * registered Thu 03-05, two days overdue: the overdue reminder waits, the collector has the task at once. The
     * invoice is paid in full on Fri 03-06 (status SETTLED): the watch of that day completes the task. Before, it
     * stayed open for ever (the waiting reminder of the paid invoice still counted).
     */
    @Test
    void theNoAddressTaskIsCompletedWhenTheOnlyWaitingNoticeIsOfASettledInvoice() throws IOException {
        deployPolicyWithFees();
        setClock(at(2026, 3, 5, 10, 0));
        customer = customerWithoutEmail(Segment.SMALL_BUSINESS);
        invoice = invoice(customer, DUE, 30, "12000.00");
        ProcessInstance pi = start(invoice, customer);
        assertThat(collectorTasks(customer)).containsExactly("No e-mail address: " + customer.name() + " ("
            + customer.customerId() + ")");

        setClock(at(2026, 3, 6, 10, 0));
        jdbc.sql("UPDATE invoices SET status = 'SETTLED' WHERE invoice_number = ?").param(invoice.invoiceNumber())
            .update();
        runtime.deleteProcessInstance(pi.getId(), "settled");
        contactProblems.raise();

        assertThat(collectorTasks(customer)).isEmpty();
    }
}
