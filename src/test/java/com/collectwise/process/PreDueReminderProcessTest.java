package com.collectwise.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import com.collectwise.cases.CaseRequestService;
import com.collectwise.communication.Outbox;
import com.collectwise.communication.OutboxMessage;
import com.collectwise.communication.SendPreDueReminderDelegate;
import com.collectwise.disputes.DisputeCategory;
import com.collectwise.kernel.ContactEntry;
import com.collectwise.kernel.Customer;
import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.Segment;
import com.collectwise.payments.CreditNoteService;
import com.collectwise.payments.IncomingPayment;
import com.collectwise.payments.PaymentMethod;
import com.collectwise.payments.PaymentService;

/**
 * The friendly reminder a week before the due date asks only for money that is owed (DOMAIN.md 5): what was paid or
 * credited before the reminder day is not asked for again, the part under open dispute is named and not demanded, an
 * invoice disputed in full gets no reminder (the case file says why). Invoice of 1,000.00 CNY registered Friday
 * 2026-02-20, due Tuesday 2026-03-03 (30-day term): the reminder on 02-24 at 09:00. Nothing is overdue before then,
 * so no interest: every figure is the amount less what happened.
 */
@SpringBootTest
@ActiveProfiles("test")
@Import(ProcessEngineCoverageConfiguration.class)
class PreDueReminderProcessTest extends CollectionTestSupport {

    static final LocalDate DUE = LocalDate.of(2026, 3, 3);

    @Autowired PaymentService payments;
    @Autowired CreditNoteService creditNotes;
    @Autowired CaseRequestService requests;

    Customer customer;
    Invoice invoice;
    ProcessInstance pi;

    void registered() {
        setClock(at(2026, 2, 20, 10, 0));
        customer = customer(Segment.DOMESTIC);
        invoice = invoice(customer, DUE, 30, "1000.00");
        pi = start(invoice, customer);
        BpmnAwareTests.assertThat(pi).isWaitingAt("Timer_PreDueReminder");
        setClock(at(2026, 2, 23, 11, 0));
    }

    /** The reminder day: the timer fires, the reminder (if any) is queued. */
    List<OutboxMessage> reminders() {
        moveTo(at(2026, 2, 24, 9, 0));
        BpmnAwareTests.assertThat(pi).hasPassed("Task_SendPreDueReminder").isWaitingAt("Timer_InvoiceOverdue");
        return outbox.forInvoice(invoice.invoiceNumber()).stream()
            .filter(m -> m.kind().equals(Outbox.PRE_DUE_REMINDER)).toList();
    }

    String reminder() {
        List<OutboxMessage> sent = reminders();
        assertThat(sent).hasSize(1);
        return sent.get(0).body();
    }

    void dispute(String amount) {
        requests.dispute(invoice.invoiceNumber(), DisputeCategory.QUALITY, new BigDecimal(amount),
            "4 of 10 pumps leak", "collector1");
        executeDueJobs();
    }

    /**
     * Nothing paid, credited or disputed: the text of the invoice amount, and no replay of the account in the
     * reminder's job; what tells it costs two indexed SELECTs on top of the invoice, the customer, the ledger lines
     * and the rate tables (bench/results/TUNING.md row 21): the customer's applied payments and the open disputes.
     */
    @Test
    void nothingPaidCreditedOrDisputedKeepsTheTextOfTheInvoiceAmount() {
        registered();
        List<String> sql = new java.util.concurrent.CopyOnWriteArrayList<>();
        String thread = Thread.currentThread().getName();
        ch.qos.logback.core.AppenderBase<ch.qos.logback.classic.spi.ILoggingEvent> appender =
            new ch.qos.logback.core.AppenderBase<>() {
                @Override
                protected void append(ch.qos.logback.classic.spi.ILoggingEvent event) {
                    if (event.getThreadName().equals(thread)) {
                        sql.add(event.getFormattedMessage());
                    }
                }
            };
        appender.start();
        List<ch.qos.logback.classic.Logger> loggers = java.util.stream.Stream.of(
                "org.springframework.jdbc.core.JdbcTemplate", com.collectwise.fees.StatementService.class.getName())
            .map(name -> (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(name)).toList();
        java.util.Map<ch.qos.logback.classic.Logger, ch.qos.logback.classic.Level> levels = new java.util.HashMap<>();
        loggers.forEach(l -> {
            levels.put(l, l.getLevel());
            l.setLevel(ch.qos.logback.classic.Level.DEBUG);
            l.addAppender(appender);
        });
        String body;
        try {
            body = reminder();
        } finally {
            loggers.forEach(l -> {
                l.detachAppender(appender);
                l.setLevel(levels.get(l));
            });
        }
        assertThat(body).contains("a friendly reminder: invoice " + invoice.invoiceNumber()
                + " over CNY 1000.00 is due on 2026-03-03.\nYou can pay by bank transfer")
            .doesNotContain("Still open").doesNotContain("disputed");
        assertThat(contactOutcomes(invoice)).doesNotContain(SendPreDueReminderDelegate.NOT_SENT);

        List<String> statements = sql.stream().filter(l -> l.startsWith("Executing prepared SQL statement")).toList();
        System.out.println("Pre-due reminder job, our statements: " + statements.size() + "\n"
            + String.join("\n", statements));
        assertThat(sql).as("no replay of the account").noneMatch(l -> l.startsWith("Replaying the account"));
        assertThat(statements).filteredOn(l -> l.contains("FROM payments")).hasSize(1);
        assertThat(statements).filteredOn(l -> l.contains("FROM disputes")).hasSize(1);
    }

    @Test
    void aPartPaymentBeforeTheReminderDayLeavesTheRestOpen() {
        registered();
        // 400.00 received on Sunday 02-22: 1,000.00 - 400.00 = 600.00 still open
        payments.receive(new IncomingPayment("BANK-PD-" + invoice.invoiceNumber(), invoice.invoiceNumber(), null,
            new BigDecimal("400.00"), "CNY", LocalDate.of(2026, 2, 22), PaymentMethod.BANK_TRANSFER));
        executeDueJobs();

        String body = reminder();
        assertThat(body).contains("invoice " + invoice.invoiceNumber() + " over CNY 1000.00 is due on 2026-03-03.")
            .contains("Still open after the payments and credits received so far: CNY 600.00.")
            .doesNotContain("disputed");
    }

    @Test
    void aCreditNoteBeforeTheReminderDayIsNotAskedForAgain() {
        registered();
        // a credit note of 250.00 (two pallets returned): 1,000.00 - 250.00 = 750.00 still open
        creditNotes.issue(invoice.invoiceNumber(), "CN-PD-" + invoice.invoiceNumber(), new BigDecimal("250.00"),
            LocalDate.of(2026, 2, 23), "two pallets returned", "finance1");
        executeDueJobs();

        String body = reminder();
        assertThat(body).contains("over CNY 1000.00 is due on 2026-03-03.")
            .contains("Still open after the payments and credits received so far: CNY 750.00.");
    }

    @Test
    void aPartialDisputeIsNamedAndOnlyTheUndisputedPartAskedFor() {
        registered();
        // 400.00 of 1,000.00 disputed: 600.00 undisputed; nothing paid, so nothing "still open" to state
        dispute("400.00");

        String body = reminder();
        assertThat(body).contains("over CNY 1000.00 is due on 2026-03-03.")
            .contains("Of this, CNY 400.00 is disputed: we do not ask for it until the dispute is decided. "
                + "Undisputed and due on 2026-03-03: CNY 600.00.")
            .doesNotContain("Still open");
    }

    @Test
    void aPartPaymentAndAPartialDisputeStateWhatIsOpenAndWhatOfItIsUndisputed() {
        registered();
        // 300.00 paid on 02-22, then 200.00 of the 700.00 left disputed: 700.00 open, 500.00 undisputed
        payments.receive(new IncomingPayment("BANK-PD2-" + invoice.invoiceNumber(), invoice.invoiceNumber(), null,
            new BigDecimal("300.00"), "CNY", LocalDate.of(2026, 2, 22), PaymentMethod.BANK_TRANSFER));
        executeDueJobs();
        dispute("200.00");

        String body = reminder();
        assertThat(body).contains("Still open after the payments and credits received so far: CNY 700.00.")
            .contains("Of this, CNY 200.00 is disputed").contains("Undisputed and due on 2026-03-03: CNY 500.00.");
    }

    @Test
    void anInvoiceDisputedInFullGetsNoReminderAskingForMoneyAndTheCaseFileSaysWhy() {
        registered();
        dispute("1000.00");

        assertThat(reminders()).as("no reminder asks for 0.00 or for the disputed amount").isEmpty();
        List<ContactEntry> notes = contacts.list(invoice.invoiceNumber()).stream()
            .filter(e -> SendPreDueReminderDelegate.NOT_SENT.equals(e.outcome())).toList();
        assertThat(notes).singleElement().satisfies(note -> {
            assertThat(note.channel()).isEqualTo("NOTE");
            assertThat(note.note()).contains("CNY 1000.00 open").contains("CNY 1000.00 under open dispute");
        });
    }
}
