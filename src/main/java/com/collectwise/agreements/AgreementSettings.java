package com.collectwise.agreements;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * Instalment plans (Process_InstalmentAgreement, DOMAIN.md section 5), {@code collectwise.agreements.*} (defaults in
 * application.yaml, docs/operations.md "Settings").
 *
 * @param reminderDays     the customer is reminded this many days before each instalment
 * @param graceWorkingDays working days the bank feed may take to post a payment: an instalment is judged the
 *                         morning after its due date plus these working days of the customer's country
 * @param demandDays       days the payment demand (Civil Code art. 634) gives before the remainder falls due
 */
@Validated
@ConfigurationProperties(prefix = "collectwise.agreements")
public record AgreementSettings(@NotNull @PositiveOrZero Integer reminderDays, @NotNull @PositiveOrZero Integer graceWorkingDays,
                                @Positive int demandDays) {
}
