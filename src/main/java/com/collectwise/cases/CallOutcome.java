package com.collectwise.cases;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** What the collector reports after a call (fields of Form_CallCustomer). */
public record CallOutcome(String outcome, String reachedPerson, String debtorTactic, BigDecimal promisedAmount,
                          LocalDate promisedDate, String note) {

    public static final String PROMISE_TO_PAY = "PROMISE_TO_PAY";
    public static final Set<String> OUTCOMES = Set.of(PROMISE_TO_PAY, "CALL_BACK", "NO_ANSWER", "REFUSED");
    public static final Set<String> TACTICS = Set.of("HIDES", "DRAGS", "DENIES", "DELAYS", "PASSES_ON", "WEARS_DOWN");

    public boolean isPromise() {
        return PROMISE_TO_PAY.equals(outcome);
    }

    /** Everything wrong with the report, in words the collector understands; empty when it can be saved. */
    public List<String> problems(LocalDate today) {
        List<String> problems = new ArrayList<>();
        if (outcome == null || !OUTCOMES.contains(outcome)) {
            problems.add("choose the call outcome (promise to pay, call back, no answer or refused)");
            return problems;
        }
        if (debtorTactic != null && !debtorTactic.isBlank() && !TACTICS.contains(debtorTactic)) {
            problems.add("debtor tactic '" + debtorTactic + "' is not one of " + TACTICS);
        }
        if (isPromise()) {
            if (promisedAmount == null || promisedAmount.signum() <= 0) {
                problems.add("a promise to pay needs the promised amount (more than 0)");
            }
            if (promisedDate == null) {
                problems.add("a promise to pay needs the promised date");
            } else if (promisedDate.isBefore(today)) {
                problems.add("the promised date " + promisedDate + " is in the past");
            }
        }
        return problems;
    }
}
