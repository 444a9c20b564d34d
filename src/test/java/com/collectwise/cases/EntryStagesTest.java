package com.collectwise.cases;

import static com.collectwise.kernel.CaseVariables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.CaseEngine;
import com.collectwise.kernel.CaseStatus;
import com.collectwise.kernel.Customer;
import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.Segment;
import com.collectwise.kernel.Stage;
import com.collectwise.limitation.LimitationService;

/**
 * The stage an imported invoice shows before its case starts: the policy is evaluated once per distinct values of
 * the inputs the table reads within one import, and the stage of every invoice is the one a separate evaluation
 * gives. Today 2026-03-02 10:00 Asia/Shanghai; the table (stubbed) decides formal demand at floor(T/3), field visit
 * at floor(T/3) + 10, agency at 60 days after the due date, T = the credit term.
 */
class EntryStagesTest {

    static final ZonedDateTime NOW = ZonedDateTime.of(2026, 3, 2, 10, 0, 0, 0, ZoneId.of("Asia/Shanghai"));

    final CaseEngine engine = mock(CaseEngine.class);
    final LimitationService limitation = mock(LimitationService.class);
    final BusinessClock clock = mock(BusinessClock.class);
    final EntryStages stages = new EntryStages(limitation, engine, new CollectionPlanner(), clock);
    final Customer customer = new Customer("C-1", "Acme", Segment.DOMESTIC, "CN", null, null, "collector1", null,
        Instant.parse("2026-01-01T00:00:00Z"));

    EntryStagesTest() {
        when(clock.nowZoned()).thenReturn(NOW);
        when(clock.today()).thenReturn(NOW.toLocalDate());
        when(engine.latestDecisionVersion(DECISION_COLLECTION_POLICY)).thenReturn(Optional.of("policy:1"));
        when(engine.decideWithVersion(eq("policy:1"), eq(DECISION_COLLECTION_POLICY), anyMap())).thenAnswer(call -> {
            int term = (Integer) call.<Map<String, Object>>getArgument(2).get(CREDIT_TERM_DAYS);
            return Optional.of(Map.of(PRE_DUE_REMINDER_DAYS, 7, FORMAL_DEMAND_DAYS, term / 3,
                FIELD_VISIT_DAYS, term / 3 + 10, AGENCY_DAYS, 60));
        });
    }

    Invoice invoice(LocalDate due, int term, String amount) {
        return new Invoice("INV-" + due + "-" + term + "-" + amount, customer.customerId(), due.minusDays(term), due,
            term, new BigDecimal(amount), "CNY", null, CaseStatus.OPEN, Stage.PRE_DUE, null, null);
    }

    @Test
    void invoicesWithTheSameValuesOfWhatTheTableReadsAreDecidedOnce() {
        when(engine.namesRead("policy:1", DECISION_COLLECTION_POLICY, EntryStages.POLICY_INPUTS))
            .thenReturn(Optional.of(Set.of(SEGMENT, CUSTOMER_REGION, CREDIT_TERM_DAYS)));
        Optional<EntryStages.Policy> policy = stages.policy();

        // T = 30: formal demand on day 10, field visit on day 20; T = 60: day 20 and day 30
        assertThat(stages.beforeStart(invoice(LocalDate.of(2026, 2, 24), 30, "100.00"), customer, policy))
            .isEqualTo(Stage.INTERNAL_REMINDER);
        assertThat(stages.beforeStart(invoice(LocalDate.of(2026, 2, 15), 30, "250.00"), customer, policy))
            .isEqualTo(Stage.FORMAL_DEMAND);
        assertThat(stages.beforeStart(invoice(LocalDate.of(2026, 2, 5), 30, "9000.00"), customer, policy))
            .isEqualTo(Stage.FIELD_VISIT);
        assertThat(stages.beforeStart(invoice(LocalDate.of(2026, 2, 5), 60, "9000.00"), customer, policy))
            .as("25 days overdue on a 60-day term").isEqualTo(Stage.FORMAL_DEMAND);
        assertThat(stages.beforeStart(invoice(LocalDate.of(2026, 3, 20), 60, "10.00"), customer, policy))
            .isEqualTo(Stage.PRE_DUE);

        assertThat(policy.get().evaluations()).isEqualTo(2);
        verify(engine, times(2)).decideWithVersion(eq("policy:1"), eq(DECISION_COLLECTION_POLICY), anyMap());
    }

    @Test
    void aTableThatReadsTheAmountOrCannotBeToldIsDecidedPerAmount() {
        when(engine.namesRead(any(), any(), any())).thenReturn(Optional.empty());
        Optional<EntryStages.Policy> policy = stages.policy();

        stages.beforeStart(invoice(LocalDate.of(2026, 2, 24), 30, "100.00"), customer, policy);
        stages.beforeStart(invoice(LocalDate.of(2026, 2, 15), 30, "250.00"), customer, policy);
        stages.beforeStart(invoice(LocalDate.of(2026, 2, 5), 30, "250.00"), customer, policy);

        assertThat(policy.get().evaluations()).isEqualTo(2);
    }

    @Test
    void noPolicyDeployedKeepsTheInvoicesStage() {
        when(engine.latestDecisionVersion(DECISION_COLLECTION_POLICY)).thenReturn(Optional.empty());
        assertThat(stages.beforeStart(invoice(LocalDate.of(2026, 2, 5), 30, "1.00"), customer, stages.policy()))
            .isEqualTo(Stage.PRE_DUE);
    }
}
