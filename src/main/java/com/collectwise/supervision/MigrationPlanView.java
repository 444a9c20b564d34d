package com.collectwise.supervision;

import java.util.List;

/**
 * What a migration from one version to another would do. {@code mapped}: activities that exist in both
 * versions (same id) with the number of cases there now; {@code unmapped}: activities of the source version
 * the target has no counterpart for; {@code blockedCases}: cases waiting in an unmapped activity, which a
 * migration leaves on their version (to be moved or finished there) rather than break.
 */
public record MigrationPlanView(String processDefinitionKey, VersionRef from, VersionRef to, long runningCases,
                                List<MappedActivity> mapped, List<UnmappedActivity> unmapped,
                                List<BlockedCase> blockedCases) {

    public record VersionRef(String processDefinitionId, int version, String deploymentId) {
    }

    public record MappedActivity(String sourceActivityId, String targetActivityId, String name, long instances) {
    }

    public record UnmappedActivity(String activityId, String name, long instances) {
    }

    public record BlockedCase(String processInstanceId, String businessKey, List<String> activityIds,
                              String cockpitLink) {
    }
}
