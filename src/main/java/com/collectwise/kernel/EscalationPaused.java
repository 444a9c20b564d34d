package com.collectwise.kernel;

/**
 * A case paused its escalation for an instalment plan agreed with the customer (published by the plan's start
 * listener in the transaction that starts it). The case's work in its stage stopped: an agency whose mandate still
 * runs is told it was taken back.
 */
public record EscalationPaused(String invoiceNumber) {
}
