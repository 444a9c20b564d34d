package com.collectwise.operations;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.function.CustomFunctionTransformer;
import org.camunda.bpm.dmn.feel.impl.scala.function.FeelCustomFunctionProvider;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.feel.FeelEngine;
import org.camunda.feel.syntaxtree.ParsedExpression;
import org.camunda.feel.valuemapper.ValueMapper;
import org.springframework.stereotype.Component;

import camundajar.impl.scala.util.Either;

/**
 * The decision tables (the collection policy at every case start, the late-fee policy of every late statement) are
 * evaluated with Camunda's FEEL engine, which parses every input entry, input expression and output entry text again
 * on each evaluation: a third of the FEEL time of a case start (JFR, bench/results/TUNING.md). This plugin gives the
 * engine's DMN configuration the same Scala FEEL engine (same value mappers, custom functions, configuration and
 * clock) with one difference: the parse result of a text is kept and reused. Parsing is a pure function of the text,
 * so every evaluation gives what it gave before; the evaluation itself (and each of its inputs) is untouched.
 * <p>
 * Only successful parses are kept (a text that does not parse fails as before, every time). The texts come from
 * deployed models, so there are few; the cache stops growing at {@link #MAX_TEXTS} texts all the same.
 */
@Component
public class FeelParseCachePlugin extends AbstractProcessEnginePlugin {

    static final int MAX_TEXTS = 10_000;

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        DefaultDmnEngineConfiguration dmn = configuration.getDmnEngineConfiguration();
        if (dmn == null) {
            // what the engine creates itself when none is given (ProcessEngineConfigurationImpl.initDmnEngine)
            dmn = (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
            configuration.setDmnEngineConfiguration(dmn);
        }
        if (dmn.getFeelEngineFactory() != null || configuration.isDmnFeelEnableLegacyBehavior()) {
            return; // someone chose a FEEL engine, or the legacy (JUEL-based) one: left as it is
        }
        DefaultDmnEngineConfiguration target = dmn;
        // the custom function providers are set on the DMN configuration later in the engine's init: read them then
        dmn.setFeelEngineFactory(() -> new CachingScalaFeelEngine(target.getFeelCustomFunctionProviders()));
    }

    /** Camunda's Scala FEEL engine for DMN, on a FEEL engine that keeps its parse results. */
    static final class CachingScalaFeelEngine extends ScalaFeelEngine {

        CachingScalaFeelEngine(List<FeelCustomFunctionProvider> functionProviders) {
            super(functionProviders);
        }

        @Override
        protected FeelEngine buildFeelEngine(CustomFunctionTransformer transformer,
                                             ValueMapper.CompositeValueMapper valueMapper) {
            return new ParsedOnce(super.buildFeelEngine(transformer, valueMapper));
        }
    }

    /** The FEEL engine as built by Camunda, parsing each text once. */
    static final class ParsedOnce extends FeelEngine {

        private final Map<String, Either<FeelEngine.Failure, ParsedExpression>> expressions = new ConcurrentHashMap<>();
        private final Map<String, Either<FeelEngine.Failure, ParsedExpression>> unaryTests = new ConcurrentHashMap<>();

        ParsedOnce(FeelEngine built) {
            super(built.functionProvider(), built.valueMapper(), built.configuration(), built.clock());
        }

        @Override
        public Either<FeelEngine.Failure, ParsedExpression> parseExpression(String expression) {
            Either<FeelEngine.Failure, ParsedExpression> parsed = expressions.get(expression);
            if (parsed == null) {
                parsed = super.parseExpression(expression);
                keep(expressions, expression, parsed);
            }
            return parsed;
        }

        @Override
        public Either<FeelEngine.Failure, ParsedExpression> parseUnaryTests(String expression) {
            Either<FeelEngine.Failure, ParsedExpression> parsed = unaryTests.get(expression);
            if (parsed == null) {
                parsed = super.parseUnaryTests(expression);
                keep(unaryTests, expression, parsed);
            }
            return parsed;
        }

        private static void keep(Map<String, Either<FeelEngine.Failure, ParsedExpression>> cache, String text,
                                 Either<FeelEngine.Failure, ParsedExpression> parsed) {
            if (parsed.isRight() && cache.size() < MAX_TEXTS) {
                cache.put(text, parsed);
            }
        }

        int texts() {
            return expressions.size() + unaryTests.size();
        }
    }
}
