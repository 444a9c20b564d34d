package com.collectwise.kernel;

/** Status of a collection case (values pinned by the HTTP API contract). */
public enum CaseStatus {
    OPEN, SETTLED, WRITTEN_OFF, SOLD
}
