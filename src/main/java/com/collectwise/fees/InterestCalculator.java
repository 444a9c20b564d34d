package com.collectwise.fees;

import com.collectwise.money.DailyRate;
import com.collectwise.money.InterestAccrual;
import com.collectwise.money.InterestPeriod;
import com.collectwise.money.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Simple late interest, actual/365: for each day from D+1 through the as-of date inclusive, the principal unpaid
 * at the start of that day times the rate of that day / 365. A reduction (payment, discount, credit note) dated
 * day X still bears interest on day X and stops from X+1. The exact sum is rounded once, at the end.
 */
public final class InterestCalculator {

    /** 365 days x 100 (the rate is in percent). The year is 365 days even in leap years (actual/365 fixed). */
    private static final BigDecimal DAY_DIVISOR = BigDecimal.valueOf(36_500);
    /** Only for showing a period's share; the total is computed from the exact numerator. */
    private static final int DISPLAY_SCALE = 10;

    private InterestCalculator() {
    }

    /**
     * @param principal  the principal at the due date
     * @param reductions principal reductions by the date they were received or booked (several on a day add up)
     */
    public static InterestAccrual accrue(Money principal, LocalDate dueDate, LocalDate asOf,
                                         List<Map.Entry<LocalDate, Money>> reductions, DailyRate rate) {
        NavigableMap<LocalDate, Money> byDay = new TreeMap<>();
        for (Map.Entry<LocalDate, Money> r : reductions) {
            byDay.merge(r.getKey(), r.getValue(), Money::plus);
        }
        Money zero = Money.zero(principal.currency());
        // reductions dated on or before the due date already lower the principal of day D+1
        Money current = principal;
        for (Money before : byDay.headMap(dueDate, true).values()) {
            current = current.minus(before);
        }

        List<InterestPeriod> periods = new ArrayList<>();
        BigDecimal numerator = BigDecimal.ZERO;
        LocalDate periodStart = null;
        Money periodPrincipal = null;
        BigDecimal periodRate = null;
        for (LocalDate day = dueDate.plusDays(1); !day.isAfter(asOf); day = day.plusDays(1)) {
            Money dayPrincipal = current.atLeastZero();
            BigDecimal dayRate = dayPrincipal.isZero() ? null : rate.annualPercentOn(day);
            if (dayRate != null && dayRate.signum() > 0) {
                numerator = numerator.add(dayPrincipal.amount().multiply(dayRate));
            } else {
                dayRate = null;
            }
            boolean samePeriod = periodStart != null && dayPrincipal.equals(periodPrincipal)
                && (dayRate == null ? periodRate == null : periodRate != null && dayRate.compareTo(periodRate) == 0);
            if (!samePeriod) {
                close(periods, periodStart, day.minusDays(1), periodPrincipal, periodRate);
                periodStart = day;
                periodPrincipal = dayPrincipal;
                periodRate = dayRate;
            }
            Money reducedToday = byDay.get(day);
            if (reducedToday != null) {
                current = current.minus(reducedToday);
            }
        }
        close(periods, periodStart, asOf, periodPrincipal, periodRate);
        BigDecimal exact = numerator.divide(DAY_DIVISOR, DISPLAY_SCALE, RoundingMode.HALF_EVEN);
        // rounding the exact quotient (not the displayed one) to the minor unit: one rounding, HALF_UP
        Money amount = new Money(numerator.divide(DAY_DIVISOR, Money.minorUnit(principal.currency()), Money.ROUNDING),
            principal.currency());
        return new InterestAccrual(List.copyOf(periods), exact, amount.max(zero));
    }

    private static void close(List<InterestPeriod> periods, LocalDate from, LocalDate to, Money principal,
                              BigDecimal rate) {
        if (from == null || rate == null) {
            return; // days without interest are not shown as periods
        }
        long days = ChronoUnit.DAYS.between(from, to) + 1;
        BigDecimal exact = principal.amount().multiply(rate).multiply(BigDecimal.valueOf(days))
            .divide(DAY_DIVISOR, DISPLAY_SCALE, RoundingMode.HALF_EVEN);
        periods.add(new InterestPeriod(from, to, principal, rate, days, exact));
    }
}
