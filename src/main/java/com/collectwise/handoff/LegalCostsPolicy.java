package com.collectwise.handoff;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.collectwise.kernel.CaseEngine;
import com.collectwise.kernel.CurrencyThresholds;

/**
 * The lawyer estimate of the litigation cost-benefit: {@code Decision_LegalCosts} (processes/legal-costs.dmn), a share
 * of the claim and a minimum fee per currency. Supervisors change the figures there (Modeler, deploy).
 *
 * <p>The keys where the figures used to be still work: {@code collectwise.litigation.lawyer-fee-percent} (every
 * currency) and {@code collectwise.thresholds.lawyer-fee-minimum.<CODE>} (that currency) win over the decision when
 * set, and a warning at start says so.
 */
@Component
public class LegalCostsPolicy {

    public static final String DECISION_KEY = com.collectwise.kernel.CaseVariables.DECISION_LEGAL_COSTS;
    private static final Logger log = LoggerFactory.getLogger(LegalCostsPolicy.class);

    /** @param percent share of the claim; @param minimum least fee in the currency, empty = none */
    public record LawyerFee(BigDecimal percent, Optional<BigDecimal> minimum) {
    }

    private final CaseEngine decisions;
    private final CurrencyThresholds thresholds;
    private final BigDecimal configuredPercent;

    public LegalCostsPolicy(CaseEngine decisions, CurrencyThresholds thresholds, HandoffSettings settings) {
        this.decisions = decisions;
        this.thresholds = thresholds;
        this.configuredPercent = settings.litigation() == null ? null : settings.litigation().lawyerFeePercent();
        if (configuredPercent != null || !thresholds.lawyerFeeMinimum().isEmpty()) {
            log.warn("collectwise.litigation.lawyer-fee-percent ({}) or collectwise.thresholds.lawyer-fee-minimum ({}) is"
                + " set: it wins over {} (processes/legal-costs.dmn). Move the figures into the decision and remove the"
                + " setting.", configuredPercent, thresholds.lawyerFeeMinimum().keySet(), DECISION_KEY);
        }
    }

    /** Called from the process (the litigation review's task listener), where the engine checks no authorization. */
    public LawyerFee lawyerFee(String currency) {
        Map<String, Object> rule = decisions.decide(DECISION_KEY, Map.of("currency", currency)).orElse(null);
        BigDecimal percent = configuredPercent != null ? configuredPercent : decimal(rule, "lawyerFeePercent");
        if (percent == null) {
            throw new IllegalStateException(DECISION_KEY + " gives no lawyerFeePercent for " + currency);
        }
        Optional<BigDecimal> minimum = thresholds.lawyerFeeMinimumIn(currency)
            .or(() -> Optional.ofNullable(decimal(rule, "lawyerFeeMinimum")));
        return new LawyerFee(percent, minimum);
    }

    private static BigDecimal decimal(Map<String, Object> rule, String output) {
        // an empty output cell leaves the entry out
        Object value = rule == null ? null : rule.get(output);
        return value == null ? null : new BigDecimal(value.toString());
    }
}
