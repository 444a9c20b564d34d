package com.collectwise.agreements;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The shipped limits of Decision_AgreementApproval, the figures that were {@code collectwise.thresholds.agreement-approval}
 * until issue 19: above CNY 10,000, EUR/USD 1,500, JPY 200,000 a supervisor approves; a currency without rules always.
 */
class AgreementApprovalDmnTest {

    static final DmnEngine DMN = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();

    static DmnDecision decision() throws Exception {
        try (InputStream in = AgreementApprovalDmnTest.class.getResourceAsStream("/processes/agreement-approval.dmn")) {
            return DMN.parseDecision(AgreementApprovalPolicy.DECISION_KEY, in);
        }
    }

    @ParameterizedTest
    @CsvSource({"CNY,10000.00,false", "CNY,10000.01,true", "CNY,9999.99,false", "EUR,1500.00,false", "EUR,1500.01,true",
        "USD,1500.0001,true", "USD,1200,false", "JPY,200000,false", "JPY,200001,true", "KWD,1.000,true", "GBP,0.01,true"})
    void aboveTheLimitOfItsCurrencyASupervisorApproves(String currency, String total, boolean needsApproval)
        throws Exception {
        Map<String, Object> vars = new HashMap<>();
        vars.put("currency", currency);
        vars.put("planTotal", new BigDecimal(total));
        Object result = DMN.evaluateDecisionTable(decision(), vars).getSingleResult().getSingleEntry();
        assertThat(result).isEqualTo(needsApproval);
    }
}
