package com.collectwise.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import com.collectwise.communication.Outbox;
import com.collectwise.kernel.CasePlan;
import com.collectwise.kernel.Customer;
import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.Segment;
import com.collectwise.kernel.Stage;

/**
 * The stage dates of credit terms other than 30 days, walked through by the engine clock and job execution (DOMAIN.md
 * section 2: pre-due D-7, internal reminder D+1, formal demand D + T/3 rounded down, field visit D + T/3 + 10, agency
 * D+60). Every deadline falls due at 09:00 Asia/Shanghai. Figures worked out by hand in each test.
 */
@SpringBootTest
@ActiveProfiles("test")
@Import(ProcessEngineCoverageConfiguration.class)
class StageTimingProcessTest extends CollectionTestSupport {

    static final LocalDate DUE = LocalDate.of(2026, 9, 10);

    Stage stage(Invoice invoice) {
        return reload(invoice).stage();
    }

    /**
     * T = 0, issued and due on Thursday 2026-09-10, registered that day at 10:00:
     * pre-due D-7 = 09-03 09:00, before the issue date: the reminder goes at once (the invoice is still not overdue);
     * internal reminder D+1 = 09-11 09:00; formal demand D + floor(0/3) = D+0 would be before the invoice is overdue,
     * so it is D+1 = 09-11 09:00 as well: the case goes from the pre-due stage straight to the formal demand, with
     * the letter and the credit hold, and no overdue reminder or call of an internal stage that has no days;
     * field visit D + 0 + 10 = 09-20 09:00; agency D+60 = 11-09 09:00.
     */
    @Test
    void anInvoiceDueOnItsIssueDateIsDemandedFormallyOnTheFirstOverdueDay() {
        setClock(at(2026, 9, 10, 10, 0));
        Customer customer = customer(Segment.DOMESTIC);
        Invoice invoice = invoice(customer, DUE, 0, "5000.00");
        ProcessInstance pi = start(invoice, customer);

        CasePlan plan = casePlan(pi);
        assertThat(plan.entryStage()).isEqualTo("PRE_DUE");
        assertThat(plan.preDueReminderAt()).isEqualTo("2026-09-03T09:00:00+08:00");
        assertThat(plan.overdueAt()).isEqualTo("2026-09-11T09:00:00+08:00");
        assertThat(plan.formalDemandAt()).as("never before the invoice is overdue").isEqualTo("2026-09-11T09:00:00+08:00");
        assertThat(plan.fieldVisitAt()).isEqualTo("2026-09-20T09:00:00+08:00");
        assertThat(plan.agencyAt()).isEqualTo("2026-11-09T09:00:00+08:00");
        assertThat(stage(invoice)).isEqualTo(Stage.PRE_DUE);
        assertThat(outboxKinds(invoice)).as("the pre-due reminder goes at registration").containsExactly(
            Outbox.PRE_DUE_REMINDER);

        moveTo(at(2026, 9, 11, 8, 59));
        assertThat(stage(invoice)).isEqualTo(Stage.PRE_DUE);

        moveTo(at(2026, 9, 11, 9, 0));
        assertThat(stage(invoice)).isEqualTo(Stage.FORMAL_DEMAND);
        BpmnAwareTests.assertThat(pi).hasPassed("SubProcess_RemindBeforeDue", "Task_SendDunningLetter")
            .hasNotPassed("SubProcess_RemindAndCall");
        assertThat(outboxKinds(invoice)).as("the letter, not an overdue reminder the same morning")
            .contains(Outbox.DUNNING_LETTER, Outbox.CREDIT_HOLD).doesNotContain(Outbox.OVERDUE_REMINDER);
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(invoice.invoiceNumber())
            .taskDefinitionKey("Task_CallCustomer").count()).as("no call of a zero-day internal stage").isZero();

        moveTo(at(2026, 9, 20, 8, 59));
        assertThat(stage(invoice)).isEqualTo(Stage.FORMAL_DEMAND);
        moveTo(at(2026, 9, 20, 9, 0));
        assertThat(stage(invoice)).isEqualTo(Stage.FIELD_VISIT);
        assertThat(task(pi, "Task_VisitCustomer")).as("a regular customer at home is visited").isNotNull();
    }

    /**
     * T = 14, a FOREIGN customer (not visited), issued 2026-08-27, due Thursday 2026-09-10, registered on its issue
     * date at 10:00: pre-due D-7 = 09-03 09:00; internal reminder D+1 = 09-11 09:00; formal demand D + floor(14/3) =
     * D + floor(4.67) = D+4 = 09-14 09:00 (on day 5 the overdue days would exceed a third of the term); field stage
     * D+4+10 = 09-24 09:00 (calls instead of a visit); agency D+60 = 11-09 09:00.
     */
    @Test
    void aFourteenDayTermIsDemandedFormallyOnDayFourAndHandedToTheAgencyOnDaySixty() {
        setClock(at(2026, 8, 27, 10, 0));
        Customer customer = customer(Segment.FOREIGN);
        Invoice invoice = invoice(customer, DUE, 14, "5000.00");
        ProcessInstance pi = start(invoice, customer);
        CasePlan plan = casePlan(pi);
        assertThat(plan.preDueReminderAt()).isEqualTo("2026-09-03T09:00:00+08:00");
        assertThat(plan.overdueAt()).isEqualTo("2026-09-11T09:00:00+08:00");
        assertThat(plan.formalDemandAt()).isEqualTo("2026-09-14T09:00:00+08:00");
        assertThat(plan.fieldVisitAt()).isEqualTo("2026-09-24T09:00:00+08:00");
        assertThat(plan.agencyAt()).isEqualTo("2026-11-09T09:00:00+08:00");

        moveTo(at(2026, 9, 3, 8, 59));
        assertThat(outboxKinds(invoice)).isEmpty();
        moveTo(at(2026, 9, 3, 9, 0));
        assertThat(outboxKinds(invoice)).containsExactly(Outbox.PRE_DUE_REMINDER);

        moveTo(at(2026, 9, 11, 9, 0));
        assertThat(stage(invoice)).isEqualTo(Stage.INTERNAL_REMINDER);
        assertThat(outboxKinds(invoice)).contains(Outbox.OVERDUE_REMINDER);

        moveTo(at(2026, 9, 14, 8, 59));
        assertThat(stage(invoice)).isEqualTo(Stage.INTERNAL_REMINDER);
        moveTo(at(2026, 9, 14, 9, 0));
        assertThat(stage(invoice)).isEqualTo(Stage.FORMAL_DEMAND);
        assertThat(outboxKinds(invoice)).contains(Outbox.DUNNING_LETTER);

        moveTo(at(2026, 9, 24, 8, 59));
        assertThat(stage(invoice)).isEqualTo(Stage.FORMAL_DEMAND);
        moveTo(at(2026, 9, 24, 9, 0));
        assertThat(stage(invoice)).isEqualTo(Stage.FIELD_VISIT);
        assertThat(task(pi, "Task_VisitCustomer")).as("foreign customers are not visited").isNull();

        moveTo(at(2026, 11, 9, 8, 59));
        assertThat(stage(invoice)).isEqualTo(Stage.FIELD_VISIT);
        moveTo(at(2026, 11, 9, 9, 0));
        assertThat(stage(invoice)).isEqualTo(Stage.AGENCY);
        assertThat(task(pi, "Task_ApproveAgencyHandoff")).isNotNull();
    }
}
