package com.collectwise.agreements;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.collectwise.api.FieldProblem;

/** Proposes and checks instalment schedules. Pure arithmetic, no state: unit-tested to the cent. */
public final class InstalmentSchedule {

    /** A plan needs at least two instalments (one is a promise) and is kept short enough to be watched. */
    public static final int MIN_INSTALMENTS = 2;
    public static final int MAX_INSTALMENTS = 24;
    /**
     * The latest due date of an instalment, in years from today: the horizon of every figure (AsOf.YEARS_AHEAD). The
     * plan's total covers the interest up to its last instalment, so a plan due in 9999 had its interest computed
     * over 8,000 years.
     */
    public static final int MAX_YEARS_AHEAD = 10;

    private InstalmentSchedule() {
    }

    /**
     * An even schedule, one instalment a month from {@code firstDue}, that sums to {@code total} exactly: every
     * instalment is the total divided down to the cent, the last one takes the remaining cents
     * (1,000.00 in 3 = 333.33 / 333.33 / 333.34).
     */
    public static List<Instalment> propose(BigDecimal total, int count, LocalDate firstDue) {
        return propose(total, count, firstDue, 2);
    }

    /** {@link #propose(BigDecimal, int, LocalDate)} in a currency with {@code minorUnit} decimals (JPY 0). */
    public static List<Instalment> propose(BigDecimal total, int count, LocalDate firstDue, int minorUnit) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1: " + count);
        }
        BigDecimal each = evenPart(total, count, minorUnit);
        List<Instalment> plan = new ArrayList<>();
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = 1; i <= count; i++) {
            BigDecimal amount = i < count ? each : total.subtract(sum);
            plan.add(new Instalment(i, dueDate(firstDue, i), amount.setScale(minorUnit)));
            sum = sum.add(amount);
        }
        return plan;
    }

    /** One of {@code count} even parts of {@code total}, rounded down to the minor unit. */
    public static BigDecimal evenPart(BigDecimal total, int count, int minorUnit) {
        return total.divide(BigDecimal.valueOf(count), minorUnit, RoundingMode.DOWN);
    }

    /** The due date of instalment {@code seq} of a monthly plan starting on {@code firstDue}. */
    public static LocalDate dueDate(LocalDate firstDue, int seq) {
        return firstDue.plusMonths(seq - 1L);
    }

    /**
     * Everything wrong with a schedule, by field ({@code instalments}, {@code instalments[i].dueDate}, ...).
     * Dates must be today or later and strictly increasing; amounts positive; the sum equal to {@code total}.
     */
    public static List<FieldProblem> problems(List<Instalment> plan, BigDecimal total, String currency,
                                              LocalDate today) {
        List<FieldProblem> problems = shapeProblems(plan, today);
        if (plan.size() < MIN_INSTALMENTS || plan.size() > MAX_INSTALMENTS) {
            return problems;
        }
        BigDecimal sum = total(plan);
        if (sum.compareTo(total) != 0) {
            problems.add(new FieldProblem("instalments", "the amounts sum to " + sum.toPlainString() + " " + currency
                + " but the outstanding total is " + total.toPlainString() + " " + currency));
        }
        return problems;
    }

    /**
     * What is wrong with a schedule whatever it must add up to: between {@link #MIN_INSTALMENTS} and
     * {@link #MAX_INSTALMENTS} instalments, due dates today or later and strictly increasing, amounts positive.
     */
    public static List<FieldProblem> shapeProblems(List<Instalment> plan, LocalDate today) {
        List<FieldProblem> problems = new ArrayList<>();
        if (plan.size() < MIN_INSTALMENTS || plan.size() > MAX_INSTALMENTS) {
            problems.add(new FieldProblem("instalments", "must list between " + MIN_INSTALMENTS + " and "
                + MAX_INSTALMENTS + " instalments"));
            return problems;
        }
        LocalDate previous = null;
        for (int i = 0; i < plan.size(); i++) {
            Instalment instalment = plan.get(i);
            String at = "instalments[" + i + "]";
            if (instalment.dueDate().isBefore(today)) {
                problems.add(new FieldProblem(at + ".dueDate", "must not be in the past"));
            } else if (instalment.dueDate().isAfter(today.plusYears(MAX_YEARS_AHEAD))) {
                problems.add(new FieldProblem(at + ".dueDate", "must not be after " + today.plusYears(MAX_YEARS_AHEAD)
                    + " (today + " + MAX_YEARS_AHEAD + " years)"));
            } else if (previous != null && !instalment.dueDate().isAfter(previous)) {
                problems.add(new FieldProblem(at + ".dueDate", "must be after the due date of the instalment before"));
            }
            if (instalment.amount().signum() <= 0) {
                problems.add(new FieldProblem(at + ".amount", "must be greater than zero"));
            }
            previous = instalment.dueDate();
        }
        return problems;
    }

    public static BigDecimal total(List<Instalment> plan) {
        return plan.stream().map(Instalment::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
