package com.collectwise.fees;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The late-fee policy of one customer and invoice over time: each version of Decision_LateFeePolicy applies from
 * the date it takes effect until the next one, never backwards (DOMAIN.md section 6). A day before the first
 * version takes the first version: the company had a policy then too, only not yet in this system, and the first
 * deployed version is the best record of it.
 */
public final class LateFeePolicyTimeline {

    private final NavigableMap<LocalDate, LateFeePolicy> byEffectiveDate;

    private LateFeePolicyTimeline(NavigableMap<LocalDate, LateFeePolicy> byEffectiveDate) {
        this.byEffectiveDate = byEffectiveDate;
    }

    /** One policy for all days (a fixed policy, or a source without versions). */
    public static LateFeePolicyTimeline constant(LateFeePolicy policy) {
        NavigableMap<LocalDate, LateFeePolicy> map = new TreeMap<>();
        map.put(LocalDate.MIN, policy == null ? LateFeePolicy.DEFAULT : policy);
        return new LateFeePolicyTimeline(map);
    }

    /** @param byEffectiveDate the policy of each version by the first day it applies; at least one */
    public static LateFeePolicyTimeline of(Map<LocalDate, LateFeePolicy> byEffectiveDate) {
        if (byEffectiveDate.isEmpty()) {
            return constant(LateFeePolicy.DEFAULT);
        }
        NavigableMap<LocalDate, LateFeePolicy> map = new TreeMap<>();
        byEffectiveDate.forEach((day, policy) -> map.put(Objects.requireNonNull(day),
            policy == null ? LateFeePolicy.DEFAULT : policy));
        return new LateFeePolicyTimeline(map);
    }

    /** The policy of the version in force on the day (the first version for days before it). */
    public LateFeePolicy inForceOn(LocalDate day) {
        Map.Entry<LocalDate, LateFeePolicy> e = byEffectiveDate.floorEntry(day);
        return e == null ? byEffectiveDate.firstEntry().getValue() : e.getValue();
    }

    /** The first day after {@code day} on which another version takes effect; null if none. */
    public LocalDate nextChangeAfter(LocalDate day) {
        return byEffectiveDate.higherKey(day);
    }

    /** The cap of the first version (it applies to the days before it too): the cap a replay starts with. */
    public java.math.BigDecimal firstCapPercent() {
        return byEffectiveDate.firstEntry().getValue().capPercent();
    }

    /**
     * The days on which a version with another cap takes effect, with that cap (null: no cap from then on), oldest
     * first; empty when every version has the same cap. The replay judges each day's charges by the cap in force that
     * day ({@code AccountReplay.InvoiceTerms#capChanges}).
     */
    public NavigableMap<LocalDate, java.math.BigDecimal> capChanges() {
        NavigableMap<LocalDate, java.math.BigDecimal> changes = new TreeMap<>();
        java.math.BigDecimal previous = firstCapPercent();
        for (Map.Entry<LocalDate, LateFeePolicy> e : byEffectiveDate.tailMap(byEffectiveDate.firstKey(), false)
                .entrySet()) {
            java.math.BigDecimal cap = e.getValue().capPercent();
            boolean same = cap == null ? previous == null : previous != null && cap.compareTo(previous) == 0;
            if (!same) {
                changes.put(e.getKey(), cap);
            }
            previous = cap;
        }
        return changes;
    }

    /**
     * The versions in force on some day of {@code from .. to}, each with the first day of the range it covers
     * (at least {@code from}), oldest first.
     */
    public List<Map.Entry<LocalDate, LateFeePolicy>> between(LocalDate from, LocalDate to) {
        List<Map.Entry<LocalDate, LateFeePolicy>> result = new ArrayList<>();
        result.add(Map.entry(from, inForceOn(from)));
        for (Map.Entry<LocalDate, LateFeePolicy> e : byEffectiveDate.subMap(from, false, to, true).entrySet()) {
            result.add(Map.entry(e.getKey(), e.getValue()));
        }
        return Collections.unmodifiableList(result);
    }

}
