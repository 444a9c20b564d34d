package com.collectwise.kernel;

/** Stages of a collection case, in escalation order (values pinned by the HTTP API contract). */
public enum Stage {
    PRE_DUE, INTERNAL_REMINDER, FORMAL_DEMAND, FIELD_VISIT, AGENCY, LITIGATION, WRITE_OFF, CLOSED;

    /** Stages during which the customer is on credit hold (formal demand or later). */
    public boolean holdsCredit() {
        return ordinal() >= FORMAL_DEMAND.ordinal() && this != CLOSED;
    }
}
