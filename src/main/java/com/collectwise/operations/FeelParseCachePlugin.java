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
import org.camunda.feel.api.EvaluationFailure;
import org.camunda.feel.api.EvaluationFailureType;
import org.camunda.feel.api.EvaluationResult;
import org.camunda.feel.api.FailedEvaluationResult;
import org.camunda.feel.api.SuccessfulEvaluationResult;
import org.camunda.feel.context.Context;
import org.camunda.feel.context.FunctionProvider;
import org.camunda.feel.impl.interpreter.BuiltinFunctions;
import org.camunda.feel.impl.interpreter.EvalContext;
import org.camunda.feel.impl.interpreter.FeelInterpreter;
import org.camunda.feel.syntaxtree.ParsedExpression;
import org.camunda.feel.syntaxtree.Val;
import org.camunda.feel.syntaxtree.ValError;
import org.camunda.feel.syntaxtree.ValFatalError;
import org.camunda.feel.valuemapper.ValueMapper;
import org.springframework.stereotype.Component;

import camundajar.impl.scala.collection.immutable.List$;
import camundajar.impl.scala.jdk.javaapi.CollectionConverters;
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
 * <p>
 * The other two thirds of the FEEL time were Camunda's FEEL engine building its table of built-in functions again
 * for every expression it evaluates (FeelEngine 1.19 {@code rootContext()}: a new {@code BuiltinFunctions} per
 * call). The table depends only on the engine's clock and value mapper, which do not change, and its functions read
 * the clock when they are called; so a kept parse is evaluated here against a table built once per engine, with the
 * same interpreter and the same results, failures and messages as {@code FeelEngine.evaluate} (the test compares
 * both engines on every policy input, on failures and on the clock functions).
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

    /** The FEEL engine as built by Camunda, parsing each text once and building its built-in functions once. */
    static final class ParsedOnce extends FeelEngine {

        private final Map<String, Either<FeelEngine.Failure, ParsedExpression>> expressions = new ConcurrentHashMap<>();
        private final Map<String, Either<FeelEngine.Failure, ParsedExpression>> unaryTests = new ConcurrentHashMap<>();
        /** What FeelEngine.rootContext() builds per evaluation: the built-ins on this clock, then the custom ones. */
        private final FunctionProvider functions;
        private final FeelInterpreter interpreter;

        ParsedOnce(FeelEngine built) {
            super(built.functionProvider(), built.valueMapper(), built.configuration(), built.clock());
            this.functions = new FunctionProvider.CompositeFunctionProvider(CollectionConverters.asScala(
                List.<FunctionProvider>of(new BuiltinFunctions(clock(), valueMapper()), functionProvider())).toList());
            this.interpreter = new FeelInterpreter(valueMapper());
        }

        /**
         * FeelEngine.evaluate for the parses this engine keeps (they were validated when parsed), with the function
         * table built once; any other parse goes the engine's own way.
         */
        @Override
        public EvaluationResult evaluate(ParsedExpression parsed, Context context) {
            if (!kept(parsed)) {
                return super.evaluate(parsed, context);
            }
            try {
                EvalContext evalContext = EvalContext.create(valueMapper(), functions).merge(context);
                Val result = interpreter.eval(parsed.expression(), evalContext);
                camundajar.impl.scala.collection.immutable.List<EvaluationFailure> failures =
                    evalContext.failureCollector().failures();
                for (EvaluationFailure failure : CollectionConverters.asJava(failures)) {
                    if (EvaluationFailureType.ASSERT_FAILURE$.MODULE$.equals(failure.failureType())) {
                        return new FailedEvaluationResult(new FeelEngine.Failure("Assertion failure on evaluate the "
                            + "expression '" + parsed.text() + "': " + failure.failureMessage()), failures);
                    }
                }
                if (result instanceof ValError error) {
                    return failed(parsed, error.error(), failures);
                }
                if (result instanceof ValFatalError error) {
                    return failed(parsed, error.error(), failures);
                }
                return new SuccessfulEvaluationResult(valueMapper().unpackVal(result), failures);
            } catch (RuntimeException e) {
                // FeelEngine.evaluate: Try(...).recover { case e => failed to evaluate expression '...' :e }
                return new FailedEvaluationResult(new FeelEngine.Failure("failed to evaluate expression '"
                    + parsed.text() + "' : " + e), List$.MODULE$.empty());
            }
        }

        private static FailedEvaluationResult failed(ParsedExpression parsed, String error,
                camundajar.impl.scala.collection.immutable.List<EvaluationFailure> failures) {
            return new FailedEvaluationResult(new FeelEngine.Failure("failed to evaluate expression '"
                + parsed.text() + "': " + error), failures);
        }

        private boolean kept(ParsedExpression parsed) {
            Either<FeelEngine.Failure, ParsedExpression> asExpression = expressions.get(parsed.text());
            Either<FeelEngine.Failure, ParsedExpression> asTests = unaryTests.get(parsed.text());
            return asExpression != null && asExpression.toOption().contains(parsed)
                || asTests != null && asTests.toOption().contains(parsed);
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
