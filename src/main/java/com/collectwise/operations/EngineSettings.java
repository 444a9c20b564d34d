package com.collectwise.operations;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/**
 * How the engine is tuned beyond Camunda's own keys, {@code collectwise.engine.*} (defaults in application.yaml,
 * docs/operations.md "Settings").
 *
 * @param latestVersionTtl how long a node uses the latest version of a process or decision it read (a start by key, a
 *                         call activity or business rule task bound to latest), and so how late it sees a version
 *                         deployed, deleted or suspended on another node; {@code PT0S}: ask the database every time
 *                         ({@link LatestVersionMemoPlugin})
 */
@Validated
@ConfigurationProperties(prefix = "collectwise.engine")
public record EngineSettings(@NotNull @DurationMin(nanos = 0) Duration latestVersionTtl) {
}
