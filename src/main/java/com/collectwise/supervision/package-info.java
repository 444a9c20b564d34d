/**
 * Supervisors' control of the deployed models: which versions run, the migration plan from a running
 * version to a newer one, and the batch migration of running cases onto it; and the former listener and delegate names
 * that cases still running on earlier versions resolve ({@code ListenerNamesOfEarlierVersions},
 * {@code DelegateNamesOfEarlierVersions}).
 */
package com.collectwise.supervision;
