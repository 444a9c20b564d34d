/**
 * Money received: one record per payment reference (replays change nothing), applied to its invoice
 * through the fee/interest/principal allocation, or kept as unapplied cash when nothing matches.
 */
package com.collectwise.payments;
