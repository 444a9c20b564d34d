package com.collectwise.cases;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** What the collector reports after a call (fields of Form_CallCustomer). */
public record CallOutcome(String outcome, String reachedPerson, String debtorTactic, BigDecimal promisedAmount,
                          LocalDate promisedDate, String note, Integer instalmentCount, LocalDate firstInstalmentDate,
                          String disputeCategory, BigDecimal disputedAmount, String disputeDescription,
                          String overdueCause) {

    public static final String PROMISE_TO_PAY = "PROMISE_TO_PAY";
    public static final String INSTALMENT_REQUESTED = "INSTALMENT_REQUESTED";
    public static final String DISPUTED = "DISPUTED";
    public static final Set<String> OUTCOMES = Set.of(PROMISE_TO_PAY, "CALL_BACK", "NO_ANSWER", "REFUSED",
        INSTALMENT_REQUESTED, DISPUTED);
    public static final Set<String> DISPUTE_CATEGORIES = Set.of("QUALITY", "QUANTITY", "PRICE", "DELIVERY",
        "DOCUMENTS", "OTHER");
    static final int MIN_INSTALMENTS = 2;
    static final int MAX_INSTALMENTS = 24;

    /** A call without the cause of the delay (the fields before issue 16). */
    public CallOutcome(String outcome, String reachedPerson, String debtorTactic, BigDecimal promisedAmount,
                       LocalDate promisedDate, String note, Integer instalmentCount, LocalDate firstInstalmentDate,
                       String disputeCategory, BigDecimal disputedAmount, String disputeDescription) {
        this(outcome, reachedPerson, debtorTactic, promisedAmount, promisedDate, note, instalmentCount,
            firstInstalmentDate, disputeCategory, disputedAmount, disputeDescription, null);
    }

    /** The fields of a call without a plan or a dispute (the outcomes before issue 5). */
    public CallOutcome(String outcome, String reachedPerson, String debtorTactic, BigDecimal promisedAmount,
                       LocalDate promisedDate, String note) {
        this(outcome, reachedPerson, debtorTactic, promisedAmount, promisedDate, note, null, null, null, null, null,
            null);
    }

    public boolean isInstalmentRequest() {
        return INSTALMENT_REQUESTED.equals(outcome);
    }

    public boolean isDispute() {
        return DISPUTED.equals(outcome);
    }
    public static final Set<String> TACTICS = Set.of("HIDES", "DRAGS", "DENIES", "DELAYS", "PASSES_ON", "WEARS_DOWN");

    public boolean isPromise() {
        return PROMISE_TO_PAY.equals(outcome);
    }

    /** Everything wrong with the report, in words the collector understands; empty when it can be saved. */
    public List<String> problems(LocalDate today) {
        List<String> problems = new ArrayList<>();
        if (outcome == null || !OUTCOMES.contains(outcome)) {
            problems.add("choose the call outcome (promise to pay, instalments, dispute, call back, no answer or refused)");
            return problems;
        }
        if (debtorTactic != null && !debtorTactic.isBlank() && !TACTICS.contains(debtorTactic)) {
            problems.add("debtor tactic '" + debtorTactic + "' is not one of " + TACTICS);
        }
        if (!OverdueCause.isValid(overdueCause)) {
            problems.add("the cause of the delay '" + overdueCause + "' is not one of "
                + java.util.Arrays.toString(OverdueCause.values()));
        }
        if (isPromise()) {
            if (promisedAmount == null || promisedAmount.signum() <= 0) {
                problems.add("a promise to pay needs the promised amount (more than 0)");
            }
            if (promisedDate == null) {
                problems.add("a promise to pay needs the promised date");
            } else if (promisedDate.isBefore(today)) {
                problems.add("the promised date " + promisedDate + " is in the past");
            } else if (promisedDate.isAfter(PromiseDates.latest(today))) {
                problems.add("the promised date " + promisedDate + " is more than a year ahead (at the latest "
                    + PromiseDates.latest(today) + "; a longer delay is an instalment plan)");
            }
        }
        if (isInstalmentRequest()) {
            if (instalmentCount == null || instalmentCount < MIN_INSTALMENTS || instalmentCount > MAX_INSTALMENTS) {
                problems.add("an instalment plan needs between " + MIN_INSTALMENTS + " and " + MAX_INSTALMENTS
                    + " instalments");
            }
            if (firstInstalmentDate == null) {
                problems.add("an instalment plan needs the date of the first instalment");
            } else if (!firstInstalmentDate.isAfter(today)) {
                problems.add("the first instalment date " + firstInstalmentDate
                    + (firstInstalmentDate.isBefore(today) ? " is in the past" : " is today")
                    + ": it must be after today (an instalment falls due at the earliest tomorrow)");
            } else if (instalmentCount != null && firstInstalmentDate.plusMonths(Math.max(instalmentCount, 1) - 1L)
                .isAfter(com.collectwise.agreements.InstalmentSchedule.latestDueDate(today))) {
                problems.add("the last instalment would fall due after "
                    + com.collectwise.agreements.InstalmentSchedule.latestDueDate(today) + " (a plan runs at most "
                    + com.collectwise.agreements.InstalmentSchedule.MAX_PLAN_YEARS + " years)");
            }
        }
        if (isDispute()) {
            if (disputeCategory == null || !DISPUTE_CATEGORIES.contains(disputeCategory)) {
                problems.add("a dispute needs its category (quality, quantity, price, delivery, documents or other)");
            }
            if (disputedAmount == null || disputedAmount.signum() <= 0) {
                problems.add("a dispute needs the disputed amount (more than 0)");
            }
        }
        return problems;
    }
}
