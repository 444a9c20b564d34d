package com.collectwise.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The shipped figures of Decision_LegalCosts, which were {@code collectwise.litigation.lawyer-fee-percent} and
 * {@code collectwise.thresholds.lawyer-fee-minimum} until issue 19: 8% of the claim, at least CNY 3,000, EUR/USD 400,
 * JPY 60,000; any other currency without a minimum.
 */
class LegalCostsDmnTest {

    static final DmnEngine DMN = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();

    @ParameterizedTest
    @CsvSource({"CNY,3000", "EUR,400", "USD,400", "JPY,60000", "KWD,", "GBP,"})
    void eightPercentAtLeastTheMinimumOfTheCurrency(String currency, Double minimum) throws Exception {
        DmnDecision decision;
        try (InputStream in = LegalCostsDmnTest.class.getResourceAsStream("/processes/legal-costs.dmn")) {
            decision = DMN.parseDecision(LegalCostsPolicy.DECISION_KEY, in);
        }
        DmnDecisionRuleResult rule = DMN.evaluateDecisionTable(decision, Map.of("currency", currency)).getFirstResult();
        assertThat(((Number) rule.getEntry("lawyerFeePercent")).doubleValue()).isEqualTo(8.0);
        Object min = rule.getEntryMap().get("lawyerFeeMinimum");
        if (minimum == null) {
            assertThat(min).isNull();
        } else {
            assertThat(((Number) min).doubleValue()).isEqualTo(minimum);
        }
    }
}
