package com.collectwise.fees;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The shipped defaults of Decision_LateFeePolicy: no segment rate, no fees, no cap, for every segment. */
class LateFeePolicyDmnTest {

    static final DmnEngine DMN = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();

    static DmnDecision decision() throws Exception {
        try (InputStream in = LateFeePolicyDmnTest.class.getResourceAsStream("/processes/late-fee-policy.dmn")) {
            return DMN.parseDecision(DmnLateFeePolicySource.DECISION_KEY, in);
        }
    }

    @ParameterizedTest
    @CsvSource({"DOMESTIC,CN,CNY", "FOREIGN,DE,EUR", "KEY_ACCOUNT,CN,CNY", "SMALL_BUSINESS,US,USD", "OTHER,,"})
    void defaultsAreNoSegmentRateNoFeesNoCap(String segment, String country, String currency) throws Exception {
        java.util.HashMap<String, Object> vars = new java.util.HashMap<>();
        vars.put("segment", segment);
        vars.put("country", country);
        vars.put("currency", currency);
        vars.put("invoiceAmount", 1000.0);
        DmnDecisionRuleResult rule = DMN.evaluateDecisionTable(decision(), vars).getFirstResult();
        assertThat(rule).isNotNull();
        LateFeePolicy policy = DmnLateFeePolicySource.fromOutputs(rule);
        assertThat(policy.segmentRatePercent()).isNull();
        assertThat(policy.capPercent()).isNull();
        assertThat(policy.reminderFee()).isZero();
        assertThat(policy.letterFee()).isZero();
    }

    @org.junit.jupiter.api.Test
    void outputsBecomeExactDecimals() {
        LateFeePolicy p = DmnLateFeePolicySource.fromOutputs(
            Map.of("annualRatePercent", 8.5, "reminderFee", 15.0, "letterFee", 25L, "capPercent", 10.0));
        assertThat(p.segmentRatePercent()).isEqualByComparingTo("8.5");
        assertThat(p.reminderFee()).isEqualByComparingTo("15.00");
        assertThat(p.letterFee()).isEqualByComparingTo("25");
        assertThat(p.capPercent()).isEqualByComparingTo("10");
    }
}
