package com.collectwise.fees;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

import com.collectwise.cases.Invoice;
import com.collectwise.customers.Customer;

/**
 * Evaluates Decision_LateFeePolicy (processes/late-fee-policy.dmn, latest deployed version) for a customer and
 * an invoice. Inputs: segment, country, currency, invoiceAmount. Outputs: annualRatePercent (empty = no segment
 * rate), reminderFee, letterFee, capPercent (empty = no cap). No matching rule = {@link LateFeePolicy#DEFAULT}.
 */
@Component
public class DmnLateFeePolicySource implements LateFeePolicySource {

    public static final String DECISION_KEY = "Decision_LateFeePolicy";

    private final DecisionService decisions;
    private final IdentityService identity;

    public DmnLateFeePolicySource(DecisionService decisions, IdentityService identity) {
        this.decisions = decisions;
        this.identity = identity;
    }

    @Override
    public LateFeePolicy policyFor(Customer customer, Invoice invoice) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("segment", customer == null ? null : customer.segment().name());
        vars.put("country", customer == null || customer.country() == null ? null : customer.country().trim());
        vars.put("currency", invoice.currency());
        vars.put("invoiceAmount", invoice.amount().doubleValue());
        // The policy is the company's rule, not something the calling user evaluates: a collector asking for a
        // statement must get the same figure as finance, so no per-user authorization applies here.
        Authentication caller = identity.getCurrentAuthentication();
        identity.clearAuthentication();
        try {
            DmnDecisionRuleResult rule = decisions.evaluateDecisionTableByKey(DECISION_KEY).variables(vars)
                .evaluate().getFirstResult();
            return rule == null ? LateFeePolicy.DEFAULT : fromOutputs(rule);
        } finally {
            if (caller != null) {
                identity.setAuthentication(caller);
            }
        }
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
