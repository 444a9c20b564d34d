package com.collectwise.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/**
 * The engine's doors ({@code /engine-rest}, {@code /camunda/api/engine}), {@code collectwise.engine-rest.*}
 * (defaults in application.yaml, docs/operations.md "Settings").
 *
 * @param maxRequestSize the largest request body (deployments from Modeler included); larger is a 413
 */
@Validated
@ConfigurationProperties(prefix = "collectwise.engine-rest")
public record EngineRestSettings(@NotNull DataSize maxRequestSize) {
}
