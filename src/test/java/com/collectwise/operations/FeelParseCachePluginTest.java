package com.collectwise.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;

/**
 * The FEEL engine with kept parse results decides as Camunda's own: the shipped collection policy, evaluated by both
 * for every segment, region and a range of credit terms and amounts, twice (the second time from kept parses).
 */
class FeelParseCachePluginTest {

    static DefaultDmnEngineConfiguration withPlugin() {
        StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
        new FeelParseCachePlugin().preInit(configuration);
        DefaultDmnEngineConfiguration dmn = configuration.getDmnEngineConfiguration();
        assertThat(dmn.getFeelEngineFactory()).isNotNull();
        return dmn;
    }

    static DmnDecision policy(DmnEngine engine) throws Exception {
        try (InputStream in = FeelParseCachePluginTest.class.getResourceAsStream("/processes/collection-policy.dmn")) {
            return engine.parseDecision("Decision_CollectionPolicy", in);
        }
    }

    @Test
    void theCollectionPolicyDecidesAsWithCamundasFeelEngine() throws Exception {
        DmnEngine camunda = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
        DefaultDmnEngineConfiguration configuration = withPlugin();
        DmnEngine cached = configuration.buildEngine();
        assertThat(configuration.getFeelEngine()).isInstanceOf(FeelParseCachePlugin.CachingScalaFeelEngine.class);
        DmnDecision expected = policy(camunda);
        DmnDecision actual = policy(cached);
        int evaluations = 0;
        for (int round = 0; round < 2; round++) {
            for (String segment : List.of("DOMESTIC", "FOREIGN", "KEY_ACCOUNT", "SMALL_BUSINESS")) {
                for (String region : List.of("", "CN", "DE", "US")) {
                    for (int term : new int[] {0, 1, 14, 30, 45, 90, 365}) {
                        for (double amount : new double[] {0.01, 999.99, 250_000}) {
                            Map<String, Object> inputs = new HashMap<>();
                            inputs.put("segment", segment);
                            inputs.put("customerRegion", region);
                            inputs.put("creditTermDays", term);
                            inputs.put("invoiceAmount", amount);
                            assertThat(cached.evaluateDecisionTable(actual, Variables.fromMap(inputs)).getResultList())
                                .as("%s %s %d %s", segment, region, term, amount)
                                .isEqualTo(camunda.evaluateDecisionTable(expected, Variables.fromMap(inputs))
                                    .getResultList());
                            evaluations++;
                        }
                    }
                }
            }
        }
        assertThat(evaluations).isEqualTo(2 * 4 * 4 * 7 * 3);
    }

    @Test
    void keepsOnlyWhatParsedAndFailsAsBeforeOnWhatDoesNot() {
        FeelParseCachePlugin.CachingScalaFeelEngine engine = new FeelParseCachePlugin.CachingScalaFeelEngine(List.of());
        var context = Variables.createVariables().putValue("x", 3).asVariableContext();
        assertThat((Object) engine.evaluateSimpleExpression("x + 1", context)).isEqualTo(4L);
        assertThat((Object) engine.evaluateSimpleExpression("x + 1", context)).isEqualTo(4L);
        assertThat(engine.evaluateSimpleUnaryTests("> 2", "x", context)).isTrue();
        assertThat(engine.evaluateSimpleUnaryTests("> 2", "x", Variables.createVariables().putValue("x", 1)
            .asVariableContext())).isFalse();
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> engine.evaluateSimpleExpression("x +* (", context))
                .isInstanceOf(org.camunda.bpm.dmn.feel.impl.FeelException.class);
        }
    }
}
