package com.collectwise.process;

import static com.collectwise.kernel.CaseVariables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.sql.Timestamp;
import java.time.LocalDate;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import com.collectwise.cases.CaseViewService;
import com.collectwise.communication.Document;
import com.collectwise.communication.DocumentRepository;
import com.collectwise.communication.Outbox;
import com.collectwise.communication.OutboxMessage;
import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.Customer;
import com.collectwise.kernel.Segment;
import com.collectwise.handoff.Lawsuits;
import com.collectwise.limitation.LimitationService;
import com.collectwise.limitation.LimitationWatch;

/** The limitation date (3 years from due, restarted by interruptions) and legal's warning 90 days before it. */
@SpringBootTest
@ActiveProfiles("test")
@Import(ProcessEngineCoverageConfiguration.class)
class LimitationProcessTest extends CollectionTestSupport {

    @Autowired LimitationService limitation;
    @Autowired LimitationWatch watch;
    @Autowired CaseViewService views;
    @Autowired Lawsuits lawsuits;
    @Autowired DocumentRepository documents;

    static final LocalDate DUE = LocalDate.of(2026, 3, 3);

    @Test
    void thePartialPaymentRestartsTheLimitationPeriod() {
        setClock(at(2026, 3, 10, 10, 0));
        Customer c = customer(Segment.DOMESTIC);
        Invoice invoice = invoice(c, DUE, 30, "12000.00");
        assertThat(limitation.limitationDate(invoice, LocalDate.of(2026, 4, 30))).isEqualTo(LocalDate.of(2029, 3, 3));

        payment(invoice, "2000.00", LocalDate.of(2026, 3, 20));
        assertThat(limitation.limitationDate(invoice, LocalDate.of(2026, 4, 30))).isEqualTo(LocalDate.of(2029, 3, 20));
        assertThat(limitation.limitationDate(invoice, LocalDate.of(2026, 3, 19))).as("as of the day before")
            .isEqualTo(LocalDate.of(2029, 3, 3));
        assertThat(views.view(invoice.invoiceNumber(), LocalDate.of(2026, 4, 30)).limitationDate())
            .as("shown on the case").isEqualTo(LocalDate.of(2029, 3, 20));
    }

    @Test
    void promisesDeliveredDemandsAndSuitsRestartItTooButUndeliveredLettersDoNot() {
        setClock(at(2026, 3, 10, 10, 0));
        Customer c = customer(Segment.DOMESTIC);
        Invoice invoice = invoice(c, DUE, 30, "12000.00");
        LocalDate asOf = LocalDate.of(2027, 1, 1);
        document(invoice, "SENT", at(2026, 4, 1, 10, 0).toInstant());
        assertThat(limitation.limitationDate(invoice, asOf)).isEqualTo(LocalDate.of(2029, 3, 3));
        document(invoice, "DELIVERED", at(2026, 4, 2, 10, 0).toInstant());
        assertThat(limitation.limitationDate(invoice, asOf)).isEqualTo(LocalDate.of(2029, 4, 2));
        jdbc.sql("""
                INSERT INTO promises (invoice_number, amount, currency, promised_date, status, created_at)
                VALUES (?, 100.00, 'CNY', ?, 'OPEN', ?)""")
            .params(invoice.invoiceNumber(), LocalDate.of(2026, 6, 1), Timestamp.from(at(2026, 5, 5, 15, 30).toInstant()))
            .update();
        assertThat(limitation.limitationDate(invoice, asOf)).isEqualTo(LocalDate.of(2029, 5, 5));
        lawsuits.filed(invoice.invoiceNumber(), LocalDate.of(2026, 9, 1), "Pudong court", "(2026) 1");
        assertThat(limitation.limitationDate(invoice, asOf)).isEqualTo(LocalDate.of(2029, 9, 1));
    }

    /**
     * The letter's date is the business day it was written on (the engine clock), not the machine's: the delivered
     * demand restarts the period from it, and the letter's e-mail in the outbox carries the same moment.
     */
    @Test
    void aDeliveredDemandRestartsItFromTheBusinessDayTheLetterWasWritten() {
        setClock(at(2026, 3, 20, 10, 0));
        Customer c = customer(Segment.DOMESTIC);
        Invoice invoice = invoice(c, DUE, 30, "12000.00");
        Document letter = documents.store("LETTER:" + invoice.invoiceNumber(), invoice.invoiceNumber(),
            "DUNNING_LETTER", "letter.pdf", "application/pdf", new byte[] {1, 2, 3});
        outbox.enqueue("LETTER-MAIL:" + invoice.invoiceNumber(), invoice.invoiceNumber(), c.customerId(),
            Outbox.DUNNING_LETTER, "ap@example.test", "Formal demand", "see the letter");
        assertThat(letter.createdAt()).isEqualTo(at(2026, 3, 20, 10, 0).toInstant());
        assertThat(outbox.forInvoice(invoice.invoiceNumber())).extracting(OutboxMessage::createdAt)
            .containsExactly(at(2026, 3, 20, 10, 0).toInstant());

        // the proof of delivery comes in weeks later: the demand counts from the letter's day, 2026-03-20
        setClock(at(2026, 4, 15, 10, 0));
        documents.recordDelivery(letter.id(), "DELIVERED", "EMS EA123456789CN signed");
        assertThat(limitation.limitationDate(invoice, LocalDate.of(2026, 4, 15))).isEqualTo(LocalDate.of(2029, 3, 20));
        assertThat(limitation.limitationDate(invoice, LocalDate.of(2026, 3, 19))).as("as of the day before")
            .isEqualTo(LocalDate.of(2029, 3, 3));
    }

    void document(Invoice invoice, String deliveryStatus, java.time.Instant created) {
        jdbc.sql("""
                INSERT INTO documents (invoice_number, kind, file_name, media_type, content, sha256, idempotency_key,
                                       delivery_status, created_at)
                VALUES (?, 'DUNNING_LETTER', 'letter.pdf', 'application/pdf', ?, ?, ?, ?, ?)""")
            .params(invoice.invoiceNumber(), new byte[] {1}, "0".repeat(64), "DOC:" + java.util.UUID.randomUUID(),
                deliveryStatus, Timestamp.from(created))
            .update();
    }

    @Test
    void legalIsWarnedNinetyDaysBeforeTheLimitationDateOnceWhateverTheStage() {
        // an old invoice from the go-live import: due 2023-06-01, limitation date 2026-06-01
        setClock(at(2026, 2, 1, 10, 0));
        Customer c = customer(Segment.DOMESTIC);
        Invoice invoice = invoice(c, LocalDate.of(2023, 6, 1), 30, "8000.00");
        ProcessInstance pi = start(invoice, c);
        watch.warnDueCases();
        assertThat(task(pi, "Task_ReviewLimitation")).as("more than 90 days before").isNull();

        setClock(at(2026, 3, 3, 6, 0));
        watch.warnDueCases();
        Task review = task(pi, "Task_ReviewLimitation");
        BpmnAwareTests.assertThat(review).hasCandidateGroup("legal");
        assertThat(review.getDueDate().toInstant().atZone(ZONE).toLocalDate()).isEqualTo(LocalDate.of(2026, 6, 1));
        assertThat(variable(pi, LIMITATION_DATE)).isEqualTo("2026-06-01");
        BpmnAwareTests.assertThat(pi).as("the stage goes on").isWaitingAt("Task_ReviewLimitation");

        watch.warnDueCases();
        assertThat(tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey("Task_ReviewLimitation").count())
            .as("once per limitation date").isEqualTo(1);

        BpmnAwareTests.complete(review, withVariables(DECISION_REASON, "demand sent by courier, proof requested"));
        BpmnAwareTests.assertThat(pi).hasPassed("EndEvent_LimitationReviewed").isNotEnded();

        // a part payment restarts the period: no warning for years
        payment(invoice, "500.00", LocalDate.of(2026, 3, 3));
        watch.warnDueCases();
        assertThat(tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey("Task_ReviewLimitation").count())
            .isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM limitation_warnings WHERE invoice_number = ?")
            .param(invoice.invoiceNumber()).query(Integer.class).single()).isEqualTo(1);
    }

    /**
     * Due 2023-06-01: limitation date 2026-06-01, legal warned on 2026-03-03 (90 days before) with a task due
     * 2026-06-01. On 2026-03-10, before legal acts, the customer pays 500.00: the period restarts, the limitation date
     * is 2029-03-10. The next daily check (2026-03-11) withdraws the open review - its reason is gone - and notes why
     * in the case file; no task until 90 days before 2029-03-10, i.e. 2028-12-10 (Mar 10 - 10 = Feb 28, - 28 = Jan 31,
     * - 31 = Dec 31, - 21 = Dec 10), when a new one comes, due 2029-03-10.
     */
    @Test
    void anOpenReviewIsWithdrawnWhenAnAcknowledgementMovesTheDateAndANewOneComesBeforeTheNewDate() {
        setClock(at(2026, 2, 1, 10, 0));
        Customer c = customer(Segment.DOMESTIC);
        Invoice invoice = invoice(c, LocalDate.of(2023, 6, 1), 30, "8000.00");
        ProcessInstance pi = start(invoice, c);
        setClock(at(2026, 3, 3, 6, 0));
        watch.warnDueCases();
        Task review = task(pi, "Task_ReviewLimitation");
        assertThat(review).isNotNull();
        assertThat(review.getDueDate().toInstant().atZone(ZONE).toLocalDate()).isEqualTo(LocalDate.of(2026, 6, 1));

        setClock(at(2026, 3, 10, 14, 0));
        payment(invoice, "500.00", LocalDate.of(2026, 3, 10));
        assertThat(limitation.limitationDate(invoice, LocalDate.of(2026, 3, 10))).isEqualTo(LocalDate.of(2029, 3, 10));

        setClock(at(2026, 3, 11, 6, 0));
        watch.warnDueCases();
        assertThat(task(pi, "Task_ReviewLimitation")).as("the reason for the review is gone").isNull();
        BpmnAwareTests.assertThat(pi).hasPassed("EndEvent_LimitationReviewWithdrawn")
            .hasNotPassed("EndEvent_LimitationReviewed").isNotEnded();
        assertThat(jdbc.sql("SELECT note FROM contact_log WHERE invoice_number = ? AND outcome = 'LIMITATION_REVIEW_WITHDRAWN'")
            .param(invoice.invoiceNumber()).query(String.class).list())
            .singleElement().asString().contains("2026-06-01", "2029-03-10", "2028-12-10");
        watch.warnDueCases();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM contact_log WHERE invoice_number = ? AND outcome = 'LIMITATION_REVIEW_WITHDRAWN'")
            .param(invoice.invoiceNumber()).query(Integer.class).single()).as("noted once").isEqualTo(1);

        setClock(at(2028, 12, 9, 6, 0));
        watch.warnDueCases();
        assertThat(task(pi, "Task_ReviewLimitation")).as("91 days before").isNull();

        setClock(at(2028, 12, 10, 6, 0));
        watch.warnDueCases();
        Task again = task(pi, "Task_ReviewLimitation");
        assertThat(again).as("90 days before the new date").isNotNull();
        assertThat(again.getDueDate().toInstant().atZone(ZONE).toLocalDate()).isEqualTo(LocalDate.of(2029, 3, 10));
        assertThat(variable(pi, LIMITATION_DATE)).isEqualTo("2029-03-10");
    }
}
