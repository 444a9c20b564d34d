package com.collectwise.process;

import static com.collectwise.kernel.CaseVariables.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import com.collectwise.kernel.Customer;
import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.Segment;

/**
 * What a case start leaves in the engine (issue 18: rows per case start, measured by the benchmark in bench/):
 * lists the runtime and historic variables and the event subscriptions of a pre-due case and of a case 60 days
 * overdue, right after the start (no job run), and keeps what supervisors read in Cockpit.
 */
@SpringBootTest
@ActiveProfiles("test")
class CaseStartFootprintTest extends CollectionTestSupport {

    /** The case header supervisors read in Cockpit. */
    static final String[] HEADER = {INVOICE_NUMBER, CUSTOMER_NAME, OUTSTANDING_AMOUNT, STAGE, COLLECTOR, CURRENCY};

    record Footprint(Map<String, Object> runtime, Map<String, Object> history, Map<String, String> subscriptions,
        List<String> activities, int stageHistoryRows) {
    }

    Footprint startedOn(LocalDate dueDate) {
        setClock(at(2026, 3, 2, 10, 0));
        Customer c = customer(Segment.DOMESTIC);
        Invoice i = invoice(c, dueDate, 30, "5000.00");
        String id = cases.start(i, c);
        started.add(id);
        Map<String, Object> run = new TreeMap<>();
        runtime.createVariableInstanceQuery().processInstanceIdIn(id).list()
            .forEach(v -> run.put(v.getName(), v.getValue()));
        Map<String, Object> hist = new TreeMap<>();
        history.createHistoricVariableInstanceQuery().processInstanceId(id).list()
            .forEach(v -> hist.put(v.getName(), v.getValue()));
        Map<String, String> subs = runtime.createEventSubscriptionQuery().processInstanceId(id).list().stream()
            .collect(Collectors.toMap(s -> s.getActivityId(), s -> s.getEventType() + " " + s.getEventName(),
                (a, b) -> a + ", " + b, TreeMap::new));
        List<String> acts = history.createHistoricActivityInstanceQuery().processInstanceId(id).list().stream()
            .map(a -> a.getActivityId() + " " + a.getActivityType()).sorted().toList();
        int stageHistoryRows = jdbc.sql("SELECT COUNT(*) FROM case_stage_history WHERE invoice_number = ?")
            .param(i.invoiceNumber()).query(Integer.class).single();
        Footprint f = new Footprint(run, hist, subs, acts, stageHistoryRows);
        System.out.println("[footprint] due " + dueDate + ": " + run.size() + " runtime variables " + run.keySet()
            + "\n[footprint]   " + hist.size() + " historic " + hist.keySet()
            + "\n[footprint]   " + subs.size() + " event subscriptions " + subs
            + "\n[footprint]   " + acts.size() + " activity instances " + acts
            + "\n[footprint]   casePlan = " + run.get(CASE_PLAN)
            + "\n[footprint]   " + stageHistoryRows + " stage history rows");
        return f;
    }

    @Test
    void aPreDueCaseAndACase60DaysOverdueKeepTheHeaderAndThePlan() {
        for (LocalDate due : new LocalDate[] {LocalDate.of(2026, 4, 1), LocalDate.of(2026, 1, 1)}) {
            Footprint f = startedOn(due);
            assertThat(f.runtime()).containsKeys(HEADER).containsKey(CASE_PLAN);
            // history keeps the plan only: the header is a copy of domain data with its own record (TUNING.md,
            // change 42; the invoice number is the historic process instance's business key)
            assertThat(f.history()).containsOnlyKeys(CASE_PLAN);
            // read by the start's decision only (transient), or defaulted where they are read (issue 18, step 3)
            assertThat(f.runtime()).doesNotContainKeys(SEGMENT, CUSTOMER_REGION, INVOICE_AMOUNT, CREDIT_TERM_DAYS,
                BROKEN_PROMISE, ENTRY_STAGE, FORMAL_DEMAND_AT, FIELD_VISIT, AGENCY_MANDATE);
            assertThat(f.history()).doesNotContainKeys(CUSTOMER_ID, DUE_DATE, STAGE_ENTRY_NUMBER);
            // what only forms show is put on each task when it opens (cases.FormFactsListener; issue 18, step 5)
            assertThat(f.runtime()).doesNotContainKeys(DAYS_OVERDUE, DECISION_MAKER, DUE_DATE);
            // the answer of "Was a formal letter sent?" (overdue case) is for the gateway after it only: transient
            assertThat(f.runtime()).doesNotContainKey(FORMAL_LETTER_SENT);
            // no activity history for the none start events the start passes (TUNING.md, change 18) nor for the
            // merging gateway into the collection (change 42: the sub-process after it has its row); the deciding
            // gateway keeps its
            assertThat(f.activities()).noneMatch(a -> a.endsWith(" startEvent"))
                .doesNotContain("Gateway_CollectionResumes exclusiveGateway")
                .contains("SubProcess_CollectReceivable subProcess", "Gateway_EntryStage exclusiveGateway");
            // the customer id is the invoice's: the calls, the credit hold and the contact log read it from there
            // (kernel.CaseFacts), the customer-level operations find the cases by the ids on the invoices
            assertThat(f.runtime()).doesNotContainKey(CUSTOMER_ID);
            // the dated stage history (V28): a case that starts in the stage its invoice was stored with writes no
            // row; one that starts in a later stage writes one (at most one INSERT per case start)
            assertThat(f.stageHistoryRows()).isEqualTo(due.isAfter(LocalDate.of(2026, 3, 2)) ? 0 : 1);
            // the stage counter of the outbox keys is the invoice's (invoices.stage_entries, raised by the stage's
            // own UPDATE): no stageEntryNumber once the case entered a stage (pre-due: at once; overdue: after the
            // letter). Left: the case header and the plan, 7 runtime variables (8 before, for a pre-due start)
            assertThat(f.runtime()).doesNotContainKey(STAGE_ENTRY_NUMBER);
            assertThat(f.runtime()).containsOnlyKeys(INVOICE_NUMBER, CUSTOMER_NAME, OUTSTANDING_AMOUNT, STAGE,
                COLLECTOR, CURRENCY, CASE_PLAN).hasSize(7);
        }
    }

    @Test
    void theJobExecutorTakesDueTimersFirstOldestFirstThroughAnIndexOnTheDueDate() {
        var configuration = (org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl)
            engine.getProcessEngineConfiguration();
        assertThat(configuration.isJobExecutorPreferTimerJobs()).isTrue();
        assertThat(configuration.isJobExecutorAcquireByDueDate()).isTrue();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM INFORMATION_SCHEMA.INDEXES WHERE UPPER(INDEX_NAME) = 'CW_IDX_JOB_DUEDATE'")
            .query(Long.class).single()).isPositive();
    }

    /**
     * The first stage entry names the case on the invoice in its own UPDATE (TUNING.md row 45), so the case start
     * writes the case id only when no stage was entered: the stage's execution must be known as the collection case's
     * (a definition id of Process_ReceivableCollection is not "key:version:..": it would not fit in 64 characters).
     */
    @Test
    void theStageEntryKnowsItsCase() {
        setClock(at(2026, 3, 2, 10, 0));
        Customer c = customer(Segment.DOMESTIC);
        Invoice i = invoice(c, LocalDate.of(2026, 4, 1), 30, "5000.00");
        String id = cases.start(i, c);
        started.add(id);
        String stageExecution = runtime.createExecutionQuery().processInstanceId(id)
            .activityId("Timer_PreDueReminder").singleResult().getId();
        String named = ((org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl)
            engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired().execute(context ->
            com.collectwise.cases.StageTracker.caseOf(context.getExecutionManager().findExecutionById(stageExecution)));
        assertThat(named).isEqualTo(id);
        assertThat(jdbc.sql("SELECT process_instance_id FROM invoices WHERE invoice_number = ?")
            .param(i.invoiceNumber()).query(String.class).single()).isEqualTo(id);
    }
}
