package com.collectwise.disputes;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Positive;

/**
 * Disputes, {@code collectwise.disputes.*} (defaults in application.yaml, docs/operations.md "Settings").
 *
 * @param slaWorkingDays the owning department's service level: working days from tomorrow, to the end of the last
 */
@Validated
@ConfigurationProperties(prefix = "collectwise.disputes")
public record DisputeSettings(@Positive int slaWorkingDays) {
}
