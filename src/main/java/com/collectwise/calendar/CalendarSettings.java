package com.collectwise.calendar;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/**
 * The December check for next year's working calendar ({@code CalendarReminder}), {@code collectwise.calendar.*}
 * (defaults in application.yaml, docs/operations.md "Settings"). Both are read by its {@code @Scheduled}; they are
 * bound here so that a wrong value stops the start and every key is in one place.
 *
 * @param checkInterval     how often the check runs
 * @param checkInitialDelay the first check after start
 */
@Validated
@ConfigurationProperties(prefix = "collectwise.calendar")
public record CalendarSettings(@NotNull Duration checkInterval, @NotNull Duration checkInitialDelay) {
}
