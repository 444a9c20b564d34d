package com.collectwise.api;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/**
 * The {@code /api} edge, {@code collectwise.api.*} (defaults in application.yaml, docs/operations.md "Settings").
 *
 * @param maxRequestSize the largest request body; a larger one is a 413 (a CSV of 10,000 invoices is about 1 MB)
 */
@Validated
@ConfigurationProperties(prefix = "collectwise.api")
public record ApiSettings(@NotNull DataSize maxRequestSize) {
}
