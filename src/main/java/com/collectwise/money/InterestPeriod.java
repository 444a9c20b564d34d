package com.collectwise.money;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Consecutive days with the same principal and rate: the arithmetic a statement or a letter shows line by line.
 * {@code exactInterest} = principal x rate% x days / 36500, unrounded (rounding happens once, on the sum).
 */
public record InterestPeriod(LocalDate from, LocalDate to, Money principal, BigDecimal annualPercent, long days,
                             BigDecimal exactInterest) {
}
