package com.collectwise.fees;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.stereotype.Component;

import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.CaseEngine;
import com.collectwise.kernel.Customer;
import com.collectwise.kernel.Invoice;

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
 * memory ({@link CaseEngine#decideWithVersion}: no database access, no decision history row per statement); the list
 * of versions is read again only when a newer version appears (one query for the latest version per call, as the
 * engine's own lookup by key).
 * <p>
 * The policy is the company's rule, not something the calling user evaluates: a collector asking for a statement
 * gets the same figure as finance, so {@link CaseEngine} reads the versions without the caller's authorizations.
 */
@Component
public class DmnLateFeePolicySource implements LateFeePolicySource {

    public static final String DECISION_KEY = com.collectwise.kernel.CaseVariables.DECISION_LATE_FEE_POLICY;

    private final CaseEngine engine;
    private final BusinessClock clock;
    private volatile Versions versions;

    /** The versions known when {@code latestId} was the newest, by the date from which each is in force. */
    private record Versions(String latestId, NavigableMap<LocalDate, String> inForceFrom) {
    }

    public DmnLateFeePolicySource(CaseEngine engine, BusinessClock clock) {
        this.engine = engine;
        this.clock = clock;
    }

    @Override
    public LateFeePolicy policyFor(Customer customer, Invoice invoice) {
        Versions v = versions();
        return v == null ? LateFeePolicy.DEFAULT : evaluate(v.latestId(), customer, invoice);
    }

    @Override
    public LateFeePolicyTimeline timelineFor(Customer customer, Invoice invoice) {
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
    }

    private Versions versions() {
        Optional<String> latest = engine.latestDecisionVersion(DECISION_KEY);
        if (latest.isEmpty()) {
            return null;
        }
        Versions known = versions;
        if (known != null && known.latestId().equals(latest.get())) {
            return known;
        }
        List<CaseEngine.DecisionVersion> all = engine.decisionVersions(DECISION_KEY);
        Map<String, LocalDate> deployedOn = new HashMap<>();
        for (CaseEngine.DecisionVersion d : all) {
            deployedOn.put(d.id(), d.deployedAt().atZone(clock.zone()).toLocalDate());
        }
        // On each deployment date the highest version deployed on or before it is in force. Versions are deployed
        // in date order in practice; should the clock have gone back (tests, a corrected server clock), a newer
        // version still wins from its own date on and an older one never comes back.
        NavigableMap<LocalDate, String> inForce = new TreeMap<>();
        for (LocalDate day : new java.util.TreeSet<>(deployedOn.values())) {
            String winner = null;
            for (CaseEngine.DecisionVersion d : all) {
                if (!deployedOn.get(d.id()).isAfter(day)) {
                    winner = d.id();
                }
            }
            inForce.put(day, winner);
        }
        Versions fresh = new Versions(latest.get(), inForce);
        versions = fresh;
        return fresh;
    }

    private LateFeePolicy evaluate(String definitionId, Customer customer, Invoice invoice) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("segment", customer == null ? null : customer.segment().name());
        vars.put("country", customer == null || customer.country() == null ? null : customer.country().trim());
        vars.put("currency", invoice.currency());
        vars.put("invoiceAmount", invoice.amount().doubleValue());
        return engine.decideWithVersion(definitionId, DECISION_KEY, vars).map(DmnLateFeePolicySource::fromOutputs)
            .orElse(LateFeePolicy.DEFAULT);
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
