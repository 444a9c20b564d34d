package com.collectwise.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * Users and Tasklist: {@code collectwise.tasklist-filters.*} and {@code collectwise.demo.*} (defaults in
 * application.yaml and application-demo.yaml, docs/operations.md "Settings"). The first administrator,
 * {@code collectwise.admin.*}, is {@link AdminAccount}.
 *
 * @param tasklistFilters the schedule that keeps the filters' dates current
 * @param demo            the demo profile's users; absent outside that profile
 */
@Validated
@ConfigurationProperties(prefix = "collectwise")
public record IdentitySettings(@NotNull @Valid TasklistFilters tasklistFilters, @Valid Demo demo) {

    /** @param refreshCron Spring cron of the refresh ({@code TasklistFilterRefresh}'s {@code @Scheduled}); "-" = off */
    public record TasklistFilters(@NotBlank String refreshCron) {
    }

    /** @param password the password of every demo user (profile demo only) */
    public record Demo(String password) {

        /** Never prints the password. */
        @Override
        public String toString() {
            return "Demo[password=" + (password == null || password.isEmpty() ? "(none)" : "(set)") + "]";
        }
    }
}
