package com.collectwise.fees;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.Deployment;
import org.springframework.stereotype.Component;

import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.Customer;

/**
 * Evaluates Decision_LateFeePolicy (processes/late-fee-policy.dmn) for a customer and an invoice. Inputs: segment,
 * country, currency, invoiceAmount. Outputs: annualRatePercent (empty = no segment rate), reminderFee, letterFee,
 * capPercent (empty = no cap). No matching rule = {@link LateFeePolicy#DEFAULT}.
 * <p>
 * Effective dates: each deployed version takes effect on its deployment date (business date in the company zone,
 * {@code collectwise.zone}) and applies until the next version takes effect, so a supervisor's change never
 * rewrites past days. Of several versions deployed on one day, the last one applies that day.
 * <p>
 * Cost: a decision definition never changes once deployed, so each version is parsed once and evaluated in
 * memory (no database access, no decision history row per statement); the list of versions is read again only
 * when a newer version appears (one query for the latest version per call, as the engine's own lookup by key).
 */
@Component
public class DmnLateFeePolicySource implements LateFeePolicySource {

    public static final String DECISION_KEY = com.collectwise.kernel.CaseVariables.DECISION_LATE_FEE_POLICY;

    /** A standalone DMN engine: evaluation is a pure function of the decision and the inputs. */
    private static final DmnEngine DMN = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();

    private final RepositoryService repository;
    private final IdentityService identity;
    private final BusinessClock clock;
    /** Parsed decisions by definition id: immutable, as many as there are versions. */
    private final Map<String, DmnDecision> parsed = new ConcurrentHashMap<>();
    private volatile Versions versions;

    /** The versions known when {@code latestId} was the newest, by the date from which each is in force. */
    private record Versions(String latestId, NavigableMap<LocalDate, String> inForceFrom) {
    }

    public DmnLateFeePolicySource(RepositoryService repository, IdentityService identity, BusinessClock clock) {
        this.repository = repository;
        this.identity = identity;
        this.clock = clock;
    }

    @Override
    public LateFeePolicy policyFor(Customer customer, Invoice invoice) {
        return asCompany(() -> {
            Versions v = versions();
            return v == null ? LateFeePolicy.DEFAULT : evaluate(v.latestId(), customer, invoice);
        });
    }

    @Override
    public LateFeePolicyTimeline timelineFor(Customer customer, Invoice invoice) {
        return asCompany(() -> {
            Versions v = versions();
            if (v == null) {
                return LateFeePolicyTimeline.constant(LateFeePolicy.DEFAULT);
            }
            // an invoice due before the first version takes the first version (LateFeePolicyTimeline.inForceOn)
            Map<String, LateFeePolicy> byDefinition = new HashMap<>();
            Map<LocalDate, LateFeePolicy> byDate = new TreeMap<>();
            v.inForceFrom().forEach((day, definitionId) -> byDate.put(day,
                byDefinition.computeIfAbsent(definitionId, id -> evaluate(id, customer, invoice))));
            return LateFeePolicyTimeline.of(byDate);
        });
    }

    /**
     * The policy is the company's rule, not something the calling user evaluates: a collector asking for a
     * statement must get the same figure as finance, so no per-user authorization applies here.
     */
    private <T> T asCompany(Supplier<T> work) {
        Authentication caller = identity.getCurrentAuthentication();
        identity.clearAuthentication();
        try {
            return work.get();
        } finally {
            if (caller != null) {
                identity.setAuthentication(caller);
            }
        }
    }

    private Versions versions() {
        DecisionDefinition latest = repository.createDecisionDefinitionQuery().decisionDefinitionKey(DECISION_KEY)
            .latestVersion().singleResult();
        if (latest == null) {
            return null;
        }
        Versions known = versions;
        if (known != null && known.latestId().equals(latest.getId())) {
            return known;
        }
        List<DecisionDefinition> all = new ArrayList<>(repository.createDecisionDefinitionQuery()
            .decisionDefinitionKey(DECISION_KEY).list());
        all.sort(Comparator.comparingInt(DecisionDefinition::getVersion));
        Map<String, LocalDate> deployedOn = new HashMap<>();
        for (DecisionDefinition d : all) {
            Deployment deployment = repository.createDeploymentQuery().deploymentId(d.getDeploymentId()).singleResult();
            deployedOn.put(d.getId(), deployment.getDeploymentTime().toInstant().atZone(clock.zone()).toLocalDate());
        }
        // On each deployment date the highest version deployed on or before it is in force. Versions are deployed
        // in date order in practice; should the clock have gone back (tests, a corrected server clock), a newer
        // version still wins from its own date on and an older one never comes back.
        NavigableMap<LocalDate, String> inForce = new TreeMap<>();
        for (LocalDate day : new java.util.TreeSet<>(deployedOn.values())) {
            String winner = null;
            for (DecisionDefinition d : all) {
                if (!deployedOn.get(d.getId()).isAfter(day)) {
                    winner = d.getId();
                }
            }
            inForce.put(day, winner);
        }
        Versions fresh = new Versions(latest.getId(), inForce);
        versions = fresh;
        return fresh;
    }

    private LateFeePolicy evaluate(String definitionId, Customer customer, Invoice invoice) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("segment", customer == null ? null : customer.segment().name());
        vars.put("country", customer == null || customer.country() == null ? null : customer.country().trim());
        vars.put("currency", invoice.currency());
        vars.put("invoiceAmount", invoice.amount().doubleValue());
        DmnDecisionRuleResult rule = DMN.evaluateDecisionTable(decision(definitionId), vars).getFirstResult();
        return rule == null ? LateFeePolicy.DEFAULT : fromOutputs(rule);
    }

    private DmnDecision decision(String definitionId) {
        return parsed.computeIfAbsent(definitionId, id -> {
            try (InputStream in = repository.getDecisionModel(id)) {
                return DMN.parseDecision(DECISION_KEY, in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    static LateFeePolicy fromOutputs(Map<String, Object> outputs) {
        return new LateFeePolicy(decimal(outputs.get("annualRatePercent")), decimal(outputs.get("reminderFee")),
            decimal(outputs.get("letterFee")), decimal(outputs.get("capPercent")));
    }

    /** DMN numbers arrive as Double/Long; their decimal text is what the supervisor typed (8.5 stays 8.5). */
    private static BigDecimal decimal(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof BigDecimal d) {
            return d;
        }
        return new BigDecimal(value.toString());
    }
}
