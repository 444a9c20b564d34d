package com.collectwise.supervision;

/** One deployed version of a process and how many cases run on it. */
public record ProcessVersion(String processDefinitionId, String key, int version, String versionTag,
                             String deploymentId, long runningCases) {
}
