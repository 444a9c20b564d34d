package com.collectwise.statements;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Positive;

/**
 * The statement of account, {@code collectwise.statement.*} (defaults in application.yaml, docs/operations.md
 * "Settings").
 *
 * @param confirmationDays days the customer is asked to confirm (or contest) the statement within (on the PDF)
 */
@Validated
@ConfigurationProperties(prefix = "collectwise.statement")
public record StatementSettings(@Positive int confirmationDays) {
}
