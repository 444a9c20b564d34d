package com.collectwise.agreements;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.collectwise.kernel.CaseEngine;
import com.collectwise.kernel.CurrencyThresholds;

/**
 * Whether an amount in a currency needs a supervisor: {@code Decision_AgreementApproval}
 * (processes/agreement-approval.dmn), one limit per currency, a currency without rules always. The amount is the
 * customer's plans in the currency, this one included ({@link AgreementService#customerPlansTotal}), passed as the
 * decision's input {@code planTotal}. Supervisors change the figures there (Modeler, deploy);
 * the latest deployed version decides.
 *
 * <p>{@code collectwise.thresholds.agreement-approval.<CODE>}, where the figures used to be, still works: a currency
 * set there is decided by that figure instead of the DMN (a warning at start says so), so that an installation that
 * set it keeps its limits until it moves them into the decision.
 */
@Component
public class AgreementApprovalPolicy {

    public static final String DECISION_KEY = com.collectwise.kernel.CaseVariables.DECISION_AGREEMENT_APPROVAL;
    private static final Logger log = LoggerFactory.getLogger(AgreementApprovalPolicy.class);

    private final CaseEngine decisions;
    private final CurrencyThresholds thresholds;

    public AgreementApprovalPolicy(CaseEngine decisions, CurrencyThresholds thresholds) {
        this.decisions = decisions;
        this.thresholds = thresholds;
        if (!thresholds.agreementApproval().isEmpty()) {
            log.warn("collectwise.thresholds.agreement-approval is set for {}: these currencies are decided by it, not by"
                + " {} (processes/agreement-approval.dmn). Move the figures into the decision and remove the setting.",
                thresholds.agreementApproval().keySet(), DECISION_KEY);
        }
    }

    /**
     * Called from the process (AgreementDelegates), where the engine checks no authorization of the caller.
     *
     * @return whether the customer's plans of {@code total} in {@code currency} (this one included) are above the approval limit of its currency (no
     *         limit for the currency: true)
     */
    public boolean aboveLimit(String currency, BigDecimal total) {
        Optional<BigDecimal> configured = thresholds.agreementApprovalIn(currency);
        if (configured.isPresent()) {
            return total.compareTo(configured.get()) > 0;
        }
        Boolean needs = decisions.decide(DECISION_KEY, Map.of("currency", currency, "planTotal", total))
            .flatMap(rule -> rule.values().stream().findFirst()).map(Boolean.class::cast).orElse(null);
        return needs == null || needs;
    }
}
