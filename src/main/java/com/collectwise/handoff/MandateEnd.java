package com.collectwise.handoff;

import java.time.LocalDate;

/** Tells the agency to stop: the mandate expired or a supervisor recalled the case. */
public record MandateEnd(String mandateKey, String invoiceNumber, int handoffNumber, String reason, LocalDate endedOn) {
}
