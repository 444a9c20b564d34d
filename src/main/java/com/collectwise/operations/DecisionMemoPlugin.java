package com.collectwise.operations;

import java.io.InputStream;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionRequirementsGraph;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnDecisionTableResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionImpl;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionResultEntriesImpl;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionResultImpl;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.metrics.MetricsRegistry;
import org.camunda.bpm.engine.management.Metrics;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.springframework.stereotype.Component;

import com.collectwise.kernel.CaseEngine;

/**
 * "Determine collection policy" (a business rule task of every case start) evaluates the newest deployed collection
 * policy for the case's segment, region, amount and credit term; most cases of a node share a few such values. This
 * plugin gives the engine a DMN engine that keeps the result of a deployed decision version by the values of what its
 * table reads (as a large import does, {@code cases.EntryStages#policy}): the same version with the same values of
 * those inputs decides the same, so it is evaluated once and its result handed out again (a copy each time).
 * <p>
 * Kept only where nothing else depends on the evaluation taking place: a deployed decision (the key names one version,
 * so a new version deployed on any node has a new id) that is a single FEEL decision table without required decisions
 * and without clock functions ({@link CaseEngine#textsRead}), whose evaluation writes no decision history (the
 * history level says so: Decision_CollectionPolicy, {@link CollectionHistoryLevel}), with inputs that are plain values
 * (text, number, boolean, date). The engine's decision metrics count a kept result as an evaluation, as Camunda's
 * metrics listener would. Everything else, and every evaluation by a map or of a decision table result, goes to
 * Camunda's DMN engine as before. At most {@link #MAX_RESULTS} results are kept, the least recently used go first.
 */
@Component
public class DecisionMemoPlugin extends AbstractProcessEnginePlugin {

    static final int MAX_RESULTS = 1_000;

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        DmnEngine engine = configuration.getDmnEngine();
        if (engine != null && !configuration.isDmnFeelEnableLegacyBehavior() && feelByDefault(engine)) {
            configuration.setDmnEngine(new Memo(engine));
        }
    }

    /** Input expressions and entries without a language of their own are FEEL (Camunda's default since 7.13). */
    private static boolean feelByDefault(DmnEngine engine) {
        if (!(engine.getConfiguration() instanceof DefaultDmnEngineConfiguration dmn)) {
            return false;
        }
        return feel(dmn.getDefaultInputExpressionExpressionLanguage())
            && feel(dmn.getDefaultInputEntryExpressionLanguage())
            && feel(dmn.getDefaultOutputEntryExpressionLanguage());
    }

    private static boolean feel(String language) {
        return language == null || language.toLowerCase(java.util.Locale.ROOT).contains("feel");
    }

    /** Camunda's DMN engine, with the results of deployed decision versions kept by the values they read. */
    public static final class Memo implements DmnEngine {

        private final DmnEngine engine;
        /** The texts of each deployed version that tell what it reads (empty: cannot tell), by decision id. */
        private final Map<String, Optional<List<String>>> texts = new ConcurrentHashMap<>();
        /** What a version reads of the variables a caller passes, by version and the caller's variable names. */
        private final Map<List<Object>, Set<String>> reads = new ConcurrentHashMap<>();
        private final Map<List<Object>, Kept> results = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<List<Object>, Kept> eldest) {
                    return size() > MAX_RESULTS;
                }
            });

        Memo(DmnEngine engine) {
            this.engine = engine;
        }

        /** A kept result: the output values of each matching rule, and the metrics of one evaluation. */
        private record Kept(List<Map<String, TypedValue>> rules, long elements) {
        }

        /** How many results are kept (tests). */
        public int kept() {
            return results.size();
        }

        @Override
        public DmnDecisionResult evaluateDecision(DmnDecision decision, VariableContext variables) {
            List<Object> key = key(decision, variables);
            if (key == null) {
                return engine.evaluateDecision(decision, variables);
            }
            Kept kept = results.get(key);
            if (kept == null) {
                DmnDecisionResult result = engine.evaluateDecision(decision, variables);
                List<Map<String, TypedValue>> rules = new ArrayList<>();
                for (DmnDecisionResultEntries entries : result) {
                    // in the order of the table's outputs: getFirstEntry and getSingleEntry read it
                    rules.add(Collections.unmodifiableMap(new LinkedHashMap<>(entries.getEntryMapTyped())));
                }
                DmnDecisionTableImpl table = (DmnDecisionTableImpl) ((DmnDecisionImpl) decision).getDecisionLogic();
                results.put(key, new Kept(List.copyOf(rules),
                    (long) (table.getInputs().size() + table.getOutputs().size()) * table.getRules().size()));
                return result;
            }
            countEvaluation(kept);
            List<DmnDecisionResultEntries> copy = new ArrayList<>();
            for (Map<String, TypedValue> rule : kept.rules()) {
                DmnDecisionResultEntriesImpl entries = new DmnDecisionResultEntriesImpl();
                entries.putAllValues(rule); // in the order kept
                copy.add(entries);
            }
            return new DmnDecisionResultImpl(copy);
        }

        /** What Camunda's MetricsDecisionEvaluationListener counts for one evaluation of the table. */
        private static void countEvaluation(Kept kept) {
            ProcessEngineConfigurationImpl configuration = Context.getProcessEngineConfiguration();
            if (configuration != null && configuration.isMetricsEnabled()) {
                MetricsRegistry metrics = configuration.getMetricsRegistry();
                metrics.markOccurrence(Metrics.EXECUTED_DECISION_INSTANCES, 1);
                metrics.markOccurrence(Metrics.EXECUTED_DECISION_ELEMENTS, kept.elements());
            }
        }

        /** The version and the values it reads, or null when its result is not to be kept. */
        private List<Object> key(DmnDecision decision, VariableContext variables) {
            if (!(decision instanceof DecisionDefinition definition) || !(decision instanceof DmnDecisionImpl impl)
                || !(impl.getDecisionLogic() instanceof DmnDecisionTableImpl) || !impl.getRequiredDecisions().isEmpty()
                || definition.getId() == null) {
                return null;
            }
            ProcessEngineConfigurationImpl configuration = Context.getProcessEngineConfiguration();
            if (configuration == null || configuration.getHistoryLevel() == null || configuration.getHistoryLevel()
                .isHistoryEventProduced(HistoryEventTypes.DMN_DECISION_EVALUATE, definition)) {
                return null;
            }
            String id = definition.getId();
            Optional<List<String>> read = texts.computeIfAbsent(id, i -> textsOf(configuration, i, decision.getKey()));
            if (read.isEmpty()) {
                return null;
            }
            Set<String> names = variables.keySet();
            if (reads.size() > MAX_RESULTS) {
                reads.clear(); // callers with ever other variables: start again rather than grow
            }
            Set<String> used = reads.computeIfAbsent(List.of(id, Set.copyOf(names)),
                k -> CaseEngine.namesIn(read.get(), names));
            List<Object> key = new ArrayList<>(2 + 2 * used.size());
            key.add(id);
            for (String name : used) {
                TypedValue typed = variables.resolve(name);
                Object value = typed == null ? null : typed.getValue();
                if (value != null && !(value instanceof String || value instanceof Number || value instanceof Boolean
                    || value instanceof Date || value instanceof Temporal)) {
                    return null; // an object: its equality says nothing about what the table reads of it
                }
                key.add(name);
                key.add(value == null ? null : List.of(value.getClass().getName(), value));
            }
            return key;
        }

        private static Optional<List<String>> textsOf(ProcessEngineConfigurationImpl configuration, String id,
                                                      String decisionKey) {
            try {
                DmnModelInstance model = configuration.getDeploymentCache().findDmnModelInstanceForDecisionDefinition(id);
                return model == null ? Optional.empty() : CaseEngine.textsRead(model, decisionKey);
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        }

        // everything else as Camunda's DMN engine does it

        @Override
        public DmnEngineConfiguration getConfiguration() {
            return engine.getConfiguration();
        }

        @Override
        public List<DmnDecision> parseDecisions(InputStream inputStream) {
            return engine.parseDecisions(inputStream);
        }

        @Override
        public List<DmnDecision> parseDecisions(DmnModelInstance dmnModelInstance) {
            return engine.parseDecisions(dmnModelInstance);
        }

        @Override
        public DmnDecision parseDecision(String decisionKey, InputStream inputStream) {
            return engine.parseDecision(decisionKey, inputStream);
        }

        @Override
        public DmnDecision parseDecision(String decisionKey, DmnModelInstance dmnModelInstance) {
            return engine.parseDecision(decisionKey, dmnModelInstance);
        }

        @Override
        public DmnDecisionRequirementsGraph parseDecisionRequirementsGraph(InputStream inputStream) {
            return engine.parseDecisionRequirementsGraph(inputStream);
        }

        @Override
        public DmnDecisionRequirementsGraph parseDecisionRequirementsGraph(DmnModelInstance dmnModelInstance) {
            return engine.parseDecisionRequirementsGraph(dmnModelInstance);
        }

        @Override
        public DmnDecisionTableResult evaluateDecisionTable(DmnDecision decision, Map<String, Object> variables) {
            return engine.evaluateDecisionTable(decision, variables);
        }

        @Override
        public DmnDecisionTableResult evaluateDecisionTable(DmnDecision decision, VariableContext variableContext) {
            return engine.evaluateDecisionTable(decision, variableContext);
        }

        @Override
        public DmnDecisionTableResult evaluateDecisionTable(String decisionKey, InputStream inputStream,
                                                            Map<String, Object> variables) {
            return engine.evaluateDecisionTable(decisionKey, inputStream, variables);
        }

        @Override
        public DmnDecisionTableResult evaluateDecisionTable(String decisionKey, InputStream inputStream,
                                                            VariableContext variableContext) {
            return engine.evaluateDecisionTable(decisionKey, inputStream, variableContext);
        }

        @Override
        public DmnDecisionTableResult evaluateDecisionTable(String decisionKey, DmnModelInstance dmnModelInstance,
                                                            Map<String, Object> variables) {
            return engine.evaluateDecisionTable(decisionKey, dmnModelInstance, variables);
        }

        @Override
        public DmnDecisionTableResult evaluateDecisionTable(String decisionKey, DmnModelInstance dmnModelInstance,
                                                            VariableContext variableContext) {
            return engine.evaluateDecisionTable(decisionKey, dmnModelInstance, variableContext);
        }

        @Override
        public DmnDecisionResult evaluateDecision(DmnDecision decision, Map<String, Object> variables) {
            return engine.evaluateDecision(decision, variables);
        }

        @Override
        public DmnDecisionResult evaluateDecision(String decisionKey, InputStream inputStream,
                                                  Map<String, Object> variables) {
            return engine.evaluateDecision(decisionKey, inputStream, variables);
        }

        @Override
        public DmnDecisionResult evaluateDecision(String decisionKey, InputStream inputStream,
                                                  VariableContext variableContext) {
            return engine.evaluateDecision(decisionKey, inputStream, variableContext);
        }

        @Override
        public DmnDecisionResult evaluateDecision(String decisionKey, DmnModelInstance dmnModelInstance,
                                                  Map<String, Object> variables) {
            return engine.evaluateDecision(decisionKey, dmnModelInstance, variables);
        }

        @Override
        public DmnDecisionResult evaluateDecision(String decisionKey, DmnModelInstance dmnModelInstance,
                                                  VariableContext variableContext) {
            return engine.evaluateDecision(decisionKey, dmnModelInstance, variableContext);
        }
    }
}
