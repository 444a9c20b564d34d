package com.collectwise.cases;

import static com.collectwise.kernel.CaseVariables.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.stereotype.Component;

import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.CaseEngine;
import com.collectwise.kernel.Customer;
import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.Stage;
import com.collectwise.limitation.LimitationService;

/**
 * The stage a case of an invoice starts in, as seen from outside (API, ageing report, customer file, credit status)
 * before the case has entered it. A case that starts after formal demand passes "Send formal letter first" (an
 * asynchronous letter job) before its stage sub-process starts; from its start it shows the stage it goes into, not
 * the PRE_DUE an invoice is registered with. An invoice of a large import waits for its case start
 * ({@link ImportCaseStarter}); it shows the stage its case will start in by then.
 */
@Component
public class EntryStages {

    private final LimitationService limitation;
    private final CaseEngine engine;
    private final CollectionPlanner planner;
    private final BusinessClock clock;

    public EntryStages(LimitationService limitation, CaseEngine engine, CollectionPlanner planner, BusinessClock clock) {
        this.limitation = limitation;
        this.engine = engine;
        this.planner = planner;
        this.clock = clock;
    }

    /**
     * The stage a case goes into when "Plan collection stages" picked {@code planned}: a claim past its limitation
     * date goes to legal review instead of the agency ("Check limitation date", which counts the same interruptions).
     */
    public Stage goesInto(Invoice invoice, Stage planned) {
        if (planned == Stage.AGENCY && limitation.timeBarred(invoice, clock.today())) {
            return Stage.LITIGATION;
        }
        return planned;
    }

    /** The names of the policy's inputs, as the case start passes them (kernel.CaseEngine#start). */
    static final Set<String> POLICY_INPUTS = Set.of(SEGMENT, CUSTOMER_REGION, INVOICE_AMOUNT, CREDIT_TERM_DAYS);

    /**
     * The newest collection policy, read once for a whole import, with the results decided so far in it; empty when
     * none is deployed. Invoices whose values of the inputs the table reads are equal (for the shipped table: segment,
     * region and credit term, not the amount) are decided once: an import of many invoices of few customers and
     * terms evaluates the table a few times, not once per invoice (bench/results/TUNING.md). A table whose texts do
     * not tell what it reads ({@link CaseEngine#namesRead}) is evaluated for every invoice, as before.
     */
    public Optional<Policy> policy() {
        return engine.latestDecisionVersion(DECISION_COLLECTION_POLICY).map(version -> new Policy(version,
            engine.namesRead(version, DECISION_COLLECTION_POLICY, POLICY_INPUTS).orElse(POLICY_INPUTS)));
    }

    /** One version of the policy and what it decided so far, for one import (not shared between threads). */
    public static final class Policy {

        private final String version;
        private final Set<String> reads;
        private final Map<List<Object>, Optional<Map<String, Object>>> decided = new HashMap<>();

        Policy(String version, Set<String> reads) {
            this.version = version;
            this.reads = Set.copyOf(reads);
        }

        /** How many times the table was evaluated for this import. */
        int evaluations() {
            return decided.size();
        }

        private Optional<Map<String, Object>> decide(CaseEngine engine, Map<String, Object> inputs) {
            List<Object> key = new ArrayList<>();
            for (String name : new TreeSet<>(reads)) {
                key.add(name);
                key.add(inputs.get(name));
            }
            return decided.computeIfAbsent(key,
                k -> engine.decideWithVersion(version, DECISION_COLLECTION_POLICY, inputs));
        }
    }

    /**
     * The stage the case of a stored invoice will start in when it starts now: the policy (this version, evaluated in
     * memory: no decision history row per invoice; once per distinct values of what it reads, {@link #policy}) and
     * the planner, as "Determine collection policy" and "Plan collection stages" do at the start. No policy or no
     * matching rule: the invoice's own stage (the case start will fail on it and say why).
     */
    public Stage beforeStart(Invoice invoice, Customer customer, Optional<Policy> policy) {
        if (policy.isEmpty()) {
            return invoice.stage();
        }
        Map<String, Object> inputs = new HashMap<>();
        inputs.put(SEGMENT, customer.segment().name());
        inputs.put(CUSTOMER_REGION, customer.country() == null ? "" : customer.country());
        inputs.put(INVOICE_AMOUNT, invoice.amount().doubleValue());
        inputs.put(CREDIT_TERM_DAYS, invoice.creditTermDays());
        return policy.get().decide(engine, inputs)
            .map(decided -> goesInto(invoice, planner.plan(invoice.dueDate(), new CollectionPolicy(
                days(decided, PRE_DUE_REMINDER_DAYS), days(decided, FORMAL_DEMAND_DAYS),
                days(decided, FIELD_VISIT_DAYS), days(decided, AGENCY_DAYS)), clock.nowZoned()).entryStage()))
            .orElse(invoice.stage());
    }

    private static int days(Map<String, Object> decided, String output) {
        return ((Number) decided.get(output)).intValue();
    }
}
