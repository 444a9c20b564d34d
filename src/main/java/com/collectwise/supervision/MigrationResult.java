package com.collectwise.supervision;

import java.util.List;

/**
 * The outcome of a migration request: {@code batchId} when it runs as a Camunda batch (watch it in
 * Cockpit), {@code null} when it ran at once; {@code migrated} counts the cases handed to the migration,
 * {@code blockedCases} the ones left on their version.
 */
public record MigrationResult(MigrationPlanView.VersionRef from, MigrationPlanView.VersionRef to, String batchId,
                             int migrated, List<MigrationPlanView.BlockedCase> blockedCases) {
}
