package com.collectwise.reporting;

/** Days past due as of the report date; "current" = not yet due (or due that very day). */
public enum AgingBucket {
    CURRENT("current", Long.MIN_VALUE, 0),
    DAYS_1_30("1-30", 1, 30),
    DAYS_31_60("31-60", 31, 60),
    DAYS_61_90("61-90", 61, 90),
    DAYS_91_180("91-180", 91, 180),
    OVER_180(">180", 181, Long.MAX_VALUE);

    private final String label;
    private final long fromDays;
    private final long toDays;

    AgingBucket(String label, long fromDays, long toDays) {
        this.label = label;
        this.fromDays = fromDays;
        this.toDays = toDays;
    }

    public String label() {
        return label;
    }

    public static AgingBucket of(long daysPastDue) {
        for (AgingBucket b : values()) {
            if (daysPastDue >= b.fromDays && daysPastDue <= b.toDays) {
                return b;
            }
        }
        throw new IllegalStateException("no bucket for " + daysPastDue);
    }
}
