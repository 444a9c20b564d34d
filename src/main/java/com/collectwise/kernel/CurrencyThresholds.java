package com.collectwise.kernel;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Amount limits of decisions, per currency ({@code collectwise.thresholds.*}, see docs/operations.md): a figure in
 * CNY means nothing for a JPY or KWD invoice, and no amount is converted to compare it. A currency that is not
 * listed has no limit, and each caller says what that means; always the cautious side (a plan in such a currency
 * always goes to a supervisor; the lawyer estimate shows no minimum and says so).
 *
 * <p>The write-off and litigation figures of the field visit are rules of {@code Decision_NextStep}
 * (processes/next-step.dmn), the approval limit of instalment plans of {@code Decision_AgreementApproval}
 * (processes/agreement-approval.dmn), per currency as well, so that a supervisor changes them in the DMN.
 *
 * @param agreementApproval former home of the plan approval limit, empty by default: a currency set here is decided
 *                          by this figure instead of Decision_AgreementApproval (kept for installations that set it)
 * @param lawyerFeeMinimum  the least a lawyer charges, for the litigation cost-benefit estimate
 */
@ConfigurationProperties(prefix = "collectwise.thresholds")
public record CurrencyThresholds(Map<String, BigDecimal> agreementApproval, Map<String, BigDecimal> lawyerFeeMinimum) {

    public CurrencyThresholds {
        agreementApproval = byCode(agreementApproval);
        lawyerFeeMinimum = byCode(lawyerFeeMinimum);
    }

    /** The approval limit of plans in {@code currency}; empty when none is set (then every plan needs approval). */
    public Optional<BigDecimal> agreementApprovalIn(String currency) {
        return in(agreementApproval, currency);
    }

    /** The lawyer's minimum fee in {@code currency}; empty when none is set. */
    public Optional<BigDecimal> lawyerFeeMinimumIn(String currency) {
        return in(lawyerFeeMinimum, currency);
    }

    private static Optional<BigDecimal> in(Map<String, BigDecimal> limits, String currency) {
        return currency == null ? Optional.empty()
            : Optional.ofNullable(limits.get(currency.trim().toUpperCase(Locale.ROOT)));
    }

    /** Keys as ISO codes in capitals, whatever case the configuration source used (environment variables: lower). */
    private static Map<String, BigDecimal> byCode(Map<String, BigDecimal> limits) {
        Map<String, BigDecimal> codes = new TreeMap<>();
        if (limits != null) {
            limits.forEach((code, limit) -> codes.put(code.trim().toUpperCase(Locale.ROOT), limit));
        }
        return Map.copyOf(codes);
    }
}
