/**
 * Money received: one record per payment reference (replays change nothing), applied to its invoice
 * through the fee/interest/principal allocation, or kept as unapplied cash when nothing matches; reversals and
 * credit notes.
 */
package com.collectwise.payments;
