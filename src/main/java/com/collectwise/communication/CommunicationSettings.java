package com.collectwise.communication;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/**
 * Who writes to the customers and how: {@code collectwise.mail.*}, {@code collectwise.sms.*},
 * {@code collectwise.letter.*}, {@code collectwise.templates.*}, {@code collectwise.watch.*} and
 * {@code collectwise.calls.max-unanswered-per-day} (the keys as they have always been). Defaults in
 * application.yaml, every key in docs/operations.md "Settings". The company's name, phone and account are
 * {@code kernel.CompanySettings}. Intervals are read by the dispatchers' {@code @Scheduled}; they are bound here
 * too so that a wrong value stops the start.
 */
@Validated
@ConfigurationProperties(prefix = "collectwise")
public record CommunicationSettings(@NotNull @Valid Calls calls, @NotNull @Valid Mail mail, @NotNull @Valid Sms sms,
                                    @NotNull @Valid Letter letter, @NotNull @Valid Templates templates,
                                    @NotNull @Valid Watch watch) {

    /** @param maxUnansweredPerDay unanswered call attempts per customer and day before no more calls that day */
    public record Calls(@Positive int maxUnansweredPerDay) {
    }

    /**
     * E-mail from the outbox (the SMTP server is {@code spring.mail.*}).
     *
     * @param from             the sender address
     * @param maxAttempts      attempts before a message is FAILED
     * @param dispatchInterval how often every node sends what is due
     */
    public record Mail(@NotBlank String from, @Positive int maxAttempts, @NotNull Duration dispatchInterval) {
    }

    /**
     * Text messages through an HTTP gateway.
     *
     * @param url              the gateway; empty = no SMS are written at all
     * @param token            bearer token for the gateway; empty = none
     * @param maxAttempts      attempts before a text is FAILED
     * @param dispatchInterval how often every node sends what is due
     */
    public record Sms(@NotNull String url, @NotNull String token, @Positive int maxAttempts,
                      @NotNull Duration dispatchInterval) {

        /** Never prints the token. */
        @Override
        public String toString() {
            return "Sms[url=" + url + ", token=" + (token == null || token.isEmpty() ? "(none)" : "(set)")
                + ", maxAttempts=" + maxAttempts + ", dispatchInterval=" + dispatchInterval + "]";
        }
    }

    /** @param deadlineDays days the formal letter gives the customer to pay */
    public record Letter(@Positive int deadlineDays) {
    }

    /** @param location where the notice templates are read from ({@code classpath:templates/} or {@code file:...}) */
    public record Templates(@NotBlank String location) {
    }

    /**
     * The case watch (call ranking, contact gaps, contact problems).
     *
     * @param interval     how often it runs
     * @param initialDelay the first run after start
     */
    public record Watch(@NotNull Duration interval, @NotNull Duration initialDelay) {
    }
}
