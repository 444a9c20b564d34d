package com.collectwise.handoff;

/** What a collection agency reports on a case it works (values pinned by the HTTP API contract). */
public enum AgencyReportStatus {
    IN_PROGRESS, PARTLY_COLLECTED, COLLECTED, UNCOLLECTIBLE
}
