package com.collectwise.fees;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/** A published reference rate (% p.a.) by the date from which it is in force: the LPR or the ECB MRO rate. */
public final class RateTable {

    private final NavigableMap<LocalDate, BigDecimal> rates;

    private RateTable(NavigableMap<LocalDate, BigDecimal> rates) {
        this.rates = rates;
    }

    /** Rates by effective date. */
    public static RateTable of(Map<LocalDate, BigDecimal> ratesByEffectiveDate) {
        return new RateTable(new TreeMap<>(ratesByEffectiveDate));
    }

    public static RateTable empty() {
        return new RateTable(new TreeMap<>());
    }

    /** The rate in force on a day, or null when the table starts after it (nothing known, nothing charged). */
    public BigDecimal inForceOn(LocalDate day) {
        Map.Entry<LocalDate, BigDecimal> e = rates.floorEntry(day);
        return e == null ? null : e.getValue();
    }

    public NavigableMap<LocalDate, BigDecimal> asMap() {
        return java.util.Collections.unmodifiableNavigableMap(rates);
    }
}
