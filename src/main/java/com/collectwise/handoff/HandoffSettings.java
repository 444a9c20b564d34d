package com.collectwise.handoff;

import java.math.BigDecimal;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/**
 * Hand-off to the collection agency and to litigation: {@code collectwise.agency.*},
 * {@code collectwise.litigation.*}, {@code collectwise.inbox.*} (the keys as they have always been). Defaults in
 * application.yaml, every key in docs/operations.md "Settings". Intervals are read by {@code @Scheduled}; they are
 * bound here too so that a wrong value stops the start.
 */
@Validated
@ConfigurationProperties(prefix = "collectwise")
public record HandoffSettings(@NotNull @Valid Agency agency, @Valid Litigation litigation,
                              @NotNull @Valid Inbox inbox) {

    /**
     * @param url                the agency's endpoint
     * @param username           HTTP Basic user; empty = no authentication
     * @param password           HTTP Basic password (from the environment)
     * @param connectTimeout     connect timeout of a call to the agency
     * @param readTimeout        read timeout of a call to the agency
     * @param noticeInterval     how often every node sends due notices (payment, dispute, settlement)
     * @param noticeInitialDelay the first look after start
     * @param noticeMaxAttempts  attempts before a notice is FAILED
     * @param commissionPercent  the agency's commission, in the supervisor's cost-benefit
     */
    public record Agency(@NotBlank String url, @NotNull String username, @NotNull String password,
                         @NotNull Duration connectTimeout, @NotNull Duration readTimeout,
                         @NotNull Duration noticeInterval, @NotNull Duration noticeInitialDelay,
                         @Positive int noticeMaxAttempts,
                         @NotNull @DecimalMin("0") @DecimalMax("100") BigDecimal commissionPercent) {

        /** Never prints the password. */
        @Override
        public String toString() {
            return "Agency[url=" + url + ", username=" + username + ", password="
                + (password == null || password.isEmpty() ? "(none)" : "(set)") + ", connectTimeout=" + connectTimeout
                + ", readTimeout=" + readTimeout + ", noticeInterval=" + noticeInterval + ", noticeInitialDelay="
                + noticeInitialDelay + ", noticeMaxAttempts=" + noticeMaxAttempts + ", commissionPercent="
                + commissionPercent + "]";
        }
    }

    /**
     * @param lawyerFeePercent former home of the lawyer's share of the claim, now {@code Decision_LegalCosts}; no
     *                         default: set, it wins over the decision for every currency ({@link LegalCostsPolicy})
     */
    public record Litigation(@DecimalMin("0") @DecimalMax("100") BigDecimal lawyerFeePercent) {
    }

    /** @param retryInterval how often every node retries agency reports kept in the inbox */
    public record Inbox(@NotNull Duration retryInterval) {
    }
}
