package com.collectwise.limitation;

import java.time.LocalDate;

/** A fact that interrupts the limitation period and restarts it on its date (e.g. PARTIAL_PAYMENT). */
public record Interruption(LocalDate on, String kind) {
}
