package com.collectwise.bench;

import java.util.Arrays;

/** Percentiles by nearest rank over raw samples (no interpolation: every figure is a measured one). */
final class Stats {

    private Stats() {
    }

    static double percentile(long[] samples, double p) {
        if (samples.length == 0) {
            return Double.NaN;
        }
        long[] sorted = samples.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static double max(long[] samples) {
        return samples.length == 0 ? Double.NaN : Arrays.stream(samples).max().getAsLong();
    }
}
