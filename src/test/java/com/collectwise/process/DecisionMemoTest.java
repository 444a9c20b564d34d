package com.collectwise.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.management.Metrics;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import com.collectwise.kernel.Customer;
import com.collectwise.kernel.Segment;
import com.collectwise.operations.DecisionMemoPlugin;

/**
 * The engine keeps the collection policy's result per deployed version and values of what the table reads
 * (operations.DecisionMemoPlugin): every result is Camunda's own, a second case with the same segment, region and
 * term (any amount) is not evaluated again, the decision metrics count every evaluation, and a decision that keeps
 * history is evaluated every time.
 */
@SpringBootTest
@ActiveProfiles("test")
class DecisionMemoTest extends CollectionTestSupport {

    @Autowired DecisionService decisions;

    private ProcessEngineConfigurationImpl configuration() {
        return (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    }

    private long meter(String name) {
        return configuration().getMetricsRegistry().getDbMeterByName(name).get();
    }

    @Test
    void theCollectionPolicyDecidesAsCamundaOncePerValuesItReads() throws Exception {
        DmnEngine camunda = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
        DmnDecision policy;
        try (InputStream in = getClass().getResourceAsStream("/processes/collection-policy.dmn")) {
            policy = camunda.parseDecision("Decision_CollectionPolicy", in);
        }
        assertThat(configuration().getDmnEngine() instanceof DecisionMemoPlugin.Memo).isTrue();
        long instancesBefore = meter(Metrics.EXECUTED_DECISION_INSTANCES);
        long elementsBefore = meter(Metrics.EXECUTED_DECISION_ELEMENTS);
        int keptBefore = ((DecisionMemoPlugin.Memo) configuration().getDmnEngine()).kept();
        int evaluations = 0;
        for (int round = 0; round < 2; round++) {
            for (String segment : List.of("DOMESTIC", "FOREIGN", "KEY_ACCOUNT", "SMALL_BUSINESS")) {
                for (String region : List.of("", "CN", "DE")) {
                    for (int term : new int[] {0, 30, 31, 45, 120}) {
                        for (double amount : new double[] {0.01, 12_000, 2_000_000}) {
                            Map<String, Object> inputs = new HashMap<>();
                            inputs.put("segment", segment);
                            inputs.put("customerRegion", region);
                            inputs.put("creditTermDays", term);
                            inputs.put("invoiceAmount", amount);
                            DmnDecisionResult result = decisions.evaluateDecisionByKey("Decision_CollectionPolicy")
                                .variables(Variables.fromMap(inputs)).evaluate();
                            DmnDecisionResult expected = camunda.evaluateDecision(policy, Variables.fromMap(inputs));
                            assertThat(result.getResultList()).as("%s %s %d %s", segment, region, term, amount)
                                .isEqualTo(expected.getResultList());
                            // the outputs in the table's order (getFirstEntry reads it), typed as Camunda types them
                            assertThat(List.copyOf(result.getSingleResult().keySet()))
                                .isEqualTo(List.copyOf(expected.getSingleResult().keySet()));
                            assertThat(result.getSingleResult().getEntryMapTyped())
                                .isEqualTo(expected.getSingleResult().getEntryMapTyped());
                            evaluations++;
                        }
                    }
                }
            }
        }
        // a term no other test uses: evaluated once, then kept for any amount
        Map<String, Object> unusual = new HashMap<>(Map.of("segment", "DOMESTIC", "customerRegion", "CN",
            "creditTermDays", 997, "invoiceAmount", 1.0));
        int keptNow = ((DecisionMemoPlugin.Memo) configuration().getDmnEngine()).kept();
        decisions.evaluateDecisionByKey("Decision_CollectionPolicy").variables(Variables.fromMap(unusual)).evaluate();
        assertThat(((DecisionMemoPlugin.Memo) configuration().getDmnEngine()).kept()).isEqualTo(keptNow + 1);
        unusual.put("invoiceAmount", 7_777.0);
        assertThat(decisions.evaluateDecisionByKey("Decision_CollectionPolicy").variables(Variables.fromMap(unusual))
            .evaluate().getSingleResult().<Object>getEntry("formalDemandDays")).isEqualTo(997 / 3);
        assertThat(((DecisionMemoPlugin.Memo) configuration().getDmnEngine()).kept()).isEqualTo(keptNow + 1);
        evaluations += 2;
        // the table reads segment, region and term, not the amount: one result per 4 x 3 x 5 values (both rounds),
        // and the unusual term's
        assertThat(((DecisionMemoPlugin.Memo) configuration().getDmnEngine()).kept() - keptBefore)
            .isLessThanOrEqualTo(4 * 3 * 5 + 1);
        // Camunda's metrics count every evaluation, kept or not: one decision instance, (4 + 9) x 3 rules elements
        assertThat(meter(Metrics.EXECUTED_DECISION_INSTANCES) - instancesBefore).isEqualTo(evaluations);
        assertThat(meter(Metrics.EXECUTED_DECISION_ELEMENTS) - elementsBefore).isEqualTo(evaluations * 13L * 3);
        // and no decision history for the policy, as before (its outcome is the case plan)
        assertThat(history.createHistoricDecisionInstanceQuery().decisionDefinitionKey("Decision_CollectionPolicy")
            .count()).isZero();
    }

    private int kept() {
        return ((DecisionMemoPlugin.Memo) configuration().getDmnEngine()).kept();
    }

    /** Through the model: "Determine collection policy" of a second case with the same segment, region and term. */
    @Test
    void aSecondCaseStartWithTheSameValuesIsNotDecidedAgain() {
        Customer customer = customer(Segment.DOMESTIC);
        LocalDate due = LocalDate.now(ZONE).plusDays(40);
        int before = kept();
        ProcessInstance first = start(invoice(customer, due, 991, "100.00"), customer); // a term no other test uses
        assertThat(kept()).isEqualTo(before + 1);
        ProcessInstance second = start(invoice(customer, due, 991, "98765.43"), customer);
        assertThat(kept()).isEqualTo(before + 1);
        assertThat(casePlan(second)).isEqualTo(casePlan(first));
        assertThat(casePlan(first).agencyMandateDuration()).isEqualTo("P90D");
    }

    @Test
    void aDecisionWithHistoryIsEvaluatedEveryTime() {
        int keptBefore = ((DecisionMemoPlugin.Memo) configuration().getDmnEngine()).kept();
        long historyBefore = history.createHistoricDecisionInstanceQuery().decisionDefinitionKey("Decision_NextStep")
            .count();
        Map<String, Object> inputs = new HashMap<>();
        inputs.put("visitOutcome", "NOT_MET");
        inputs.put("currency", "CNY");
        inputs.put("outstandingAmount", 5000.0);
        for (int i = 0; i < 3; i++) {
            decisions.evaluateDecisionByKey("Decision_NextStep").variables(Variables.fromMap(inputs)).evaluate();
        }
        assertThat(history.createHistoricDecisionInstanceQuery().decisionDefinitionKey("Decision_NextStep").count())
            .isEqualTo(historyBefore + 3);
        assertThat(((DecisionMemoPlugin.Memo) configuration().getDmnEngine()).kept()).isEqualTo(keptBefore);
    }
}
