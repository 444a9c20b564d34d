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
import org.camunda.feel.FeelEngine;
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

    /**
     * The evaluation with the function table built once gives what Camunda's FEEL engine gives, on successes, on
     * null results with warnings, on errors (unknown functions and variables, wrong types, assertions) and on the
     * built-ins that read the clock; the second round evaluates from kept parses.
     */
    @Test
    void evaluatesKeptParsesAsCamundasEngineDoes() {
        FeelEngine camunda = new FeelEngine(new CustomFunctions(), FeelEngine.defaultValueMapper(),
            FeelEngine.defaultConfiguration(), FeelEngine.defaultClock());
        FeelParseCachePlugin.ParsedOnce ours = new FeelParseCachePlugin.ParsedOnce(camunda);
        Map<String, Object> variables = new HashMap<>();
        variables.put("creditTermDays", 45);
        variables.put("amount", new java.math.BigDecimal("1234.56"));
        variables.put("segment", "FOREIGN");
        variables.put("?", 30);
        variables.put("nothing", null);
        List<String> expressions = List.of("floor(creditTermDays / 3) + 10", "max(60, floor(creditTermDays / 3) + 24)",
            "amount * 2", "segment", "\"P90D\"", "duration(\"P90D\")", "today() - today()", "string(today()) != null",
            "year(today()) >= 2024", "1 / 0", "nothing + 1", "unknownVariable", "noSuchFunction(1)", "\"a\" + 1",
            "assert(creditTermDays, creditTermDays < 10)", "assert(creditTermDays, creditTermDays > 10)",
            "date(\"not a date\")", "substring(segment, 2)", "[1, 2, 3][item > 1]", "{a: 1}.b",
            "sum([amount, 1])", "if amount > 1000 then \"big\" else \"small\"", "for x in 5 return x",
            "every x in segment satisfies x > 1", "floor(n: 1, x: 2)", "{f: function(a) a + 1}.f(1, 2, 3)",
            "[1, 2] instance of list<string>", "get value({a: 1}, 5)", "date and time(\"x\") + 1",
            "{a: 1, a: 2}", "is defined(unknownVariable)", "-segment", "not(segment)", "@\"P1X\"",
            "twice(creditTermDays)", "twice(segment)", "broken(1)", "refused(1)");
        List<String> tests = List.of("\"FOREIGN\"", "not(\"FOREIGN\")", "> 20", "[1..30]", "-", "\"CN\", \"\"",
            "< creditTermDays", "? > 10", "noSuchFunction(?)", "date(\"x\")");
        for (int round = 0; round < 2; round++) {
            for (String expression : expressions) {
                assertThat(describe(ours.evalExpression(expression, variables))).as(expression)
                    .isEqualTo(describe(camunda.evalExpression(expression, variables)));
            }
            for (String test : tests) {
                assertThat(describe(ours.evalUnaryTests(test, variables))).as(test)
                    .isEqualTo(describe(camunda.evalUnaryTests(test, variables)));
            }
        }
        assertThat(ours.texts()).isGreaterThan(20);
    }

    /** Custom functions, as Camunda's DMN engine adds its own: one that works, one that throws, one that fails. */
    static final class CustomFunctions extends org.camunda.feel.context.JavaFunctionProvider {

        private static final Map<String, org.camunda.feel.context.JavaFunction> FUNCTIONS = Map.of(
            "twice", new org.camunda.feel.context.JavaFunction(List.of("x"), args -> args.get(0) instanceof
                org.camunda.feel.syntaxtree.ValNumber n ? new org.camunda.feel.syntaxtree.ValNumber(n.value()
                    .$plus(n.value())) : new org.camunda.feel.syntaxtree
                    .ValError("not a number")),
            "broken", new org.camunda.feel.context.JavaFunction(List.of("x"), args -> {
                throw new IllegalStateException("broken on purpose");
            }),
            "refused", new org.camunda.feel.context.JavaFunction(List.of("x"),
                args -> new org.camunda.feel.syntaxtree.ValFatalError("refused on purpose")));

        @Override
        public java.util.Optional<org.camunda.feel.context.JavaFunction> resolveFunction(String name) {
            return java.util.Optional.ofNullable(FUNCTIONS.get(name));
        }

        @Override
        public java.util.Collection<String> getFunctionNames() {
            return FUNCTIONS.keySet();
        }
    }

    private static String describe(camundajar.impl.scala.util.Either<FeelEngine.Failure, Object> result) {
        return result.isRight() ? "value " + result.toOption().get() : "failure " + result.left().toOption().get()
            .message();
    }
}
