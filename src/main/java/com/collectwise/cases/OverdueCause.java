package com.collectwise.cases;

import java.util.Arrays;
import java.util.Optional;

/**
 * Why the customer pays late, as the collector hears it on a call or a visit (issue 16 item 10). Finance sees the
 * counts on the dashboard: a cause that keeps coming back is fixed upstream (terms, invoicing, credit limits).
 */
public enum OverdueCause {
    LONG_PAYMENT_CYCLE("Long internal payment cycle"),
    CASH_TROUBLE("Cash trouble"),
    UNCLEAR_TERMS("Unclear terms or invoice"),
    DISPUTE("Dispute about goods or service"),
    POOR_COMMUNICATION("Poor communication (invoice not received, wrong contact)"),
    OTHER("Other");

    private final String label;

    OverdueCause(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Empty for no answer (blank); a code that is not one of ours is a problem for the caller to report. */
    public static Optional<OverdueCause> parse(String code) {
        if (code == null || code.isBlank()) {
            return Optional.empty();
        }
        return Arrays.stream(values()).filter(c -> c.name().equals(code.trim())).findFirst();
    }

    public static boolean isValid(String code) {
        return code == null || code.isBlank() || parse(code).isPresent();
    }
}
