/**
 * Supervisors' control of the deployed models: which versions run, the migration plan from a running
 * version to a newer one, and the batch migration of running cases onto it.
 */
package com.collectwise.supervision;
