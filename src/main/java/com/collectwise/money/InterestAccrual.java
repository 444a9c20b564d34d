package com.collectwise.money;

import java.math.BigDecimal;
import java.util.List;

/** Interest accrued up to a date: the periods, the exact sum and that sum at the minor unit (HALF_UP). */
public record InterestAccrual(List<InterestPeriod> periods, BigDecimal exact, Money amount) {
}
