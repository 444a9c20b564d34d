package com.collectwise.agreements;

import java.math.BigDecimal;
import java.time.LocalDate;

/** One instalment of a plan; {@code seq} counts from 1 in due-date order. */
public record Instalment(int seq, LocalDate dueDate, BigDecimal amount) {
}
