package com.collectwise.limitation;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;

/**
 * The limitation watch, {@code collectwise.limitation.*} (defaults in application.yaml, docs/operations.md
 * "Settings").
 *
 * @param warningDays legal gets a "Review limitation" task this many days before the limitation date
 * @param checkCron   when the daily check runs (Spring cron, in {@code collectwise.zone}); read by
 *                    {@code LimitationWatch}'s {@code @Scheduled}, bound here so that it is checked and documented
 */
@Validated
@ConfigurationProperties(prefix = "collectwise.limitation")
public record LimitationSettings(@Positive int warningDays, @NotBlank String checkCron) {
}
