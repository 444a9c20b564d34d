package com.collectwise.cases;

import static com.collectwise.kernel.CaseVariables.*;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

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

    /** The newest collection policy, read once for a whole import; empty when none is deployed. */
    public Optional<String> policyVersion() {
        return engine.latestDecisionVersion(DECISION_COLLECTION_POLICY);
    }

    /**
     * The stage the case of a stored invoice will start in when it starts now: the policy (this version, evaluated in
     * memory: no decision history row per invoice) and the planner, as "Determine collection policy" and "Plan
     * collection stages" do at the start. No policy or no matching rule: the invoice's own stage (the case start
     * will fail on it and say why).
     */
    public Stage beforeStart(Invoice invoice, Customer customer, Optional<String> policyVersion) {
        if (policyVersion.isEmpty()) {
            return invoice.stage();
        }
        Map<String, Object> inputs = new HashMap<>();
        inputs.put(SEGMENT, customer.segment().name());
        inputs.put(CUSTOMER_REGION, customer.country() == null ? "" : customer.country());
        inputs.put(INVOICE_AMOUNT, invoice.amount().doubleValue());
        inputs.put(CREDIT_TERM_DAYS, invoice.creditTermDays());
        return engine.decideWithVersion(policyVersion.get(), DECISION_COLLECTION_POLICY, inputs)
            .map(decided -> goesInto(invoice, planner.plan(invoice.dueDate(), new CollectionPolicy(
                days(decided, PRE_DUE_REMINDER_DAYS), days(decided, FORMAL_DEMAND_DAYS),
                days(decided, FIELD_VISIT_DAYS), days(decided, AGENCY_DAYS)), clock.nowZoned()).entryStage()))
            .orElse(invoice.stage());
    }

    private static int days(Map<String, Object> decided, String output) {
        return ((Number) decided.get(output)).intValue();
    }
}
