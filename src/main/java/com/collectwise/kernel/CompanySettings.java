package com.collectwise.kernel;

import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * Who the collection department is, shared by every capability: its time zone, its jurisdiction, the company name
 * and contacts on letters and statements. Keys {@code collectwise.zone}, {@code collectwise.interest.home-country}
 * and {@code collectwise.company.*}; defaults in application.yaml, every key in docs/operations.md ("Settings").
 *
 * <p>The time zone's default is written once, in application.yaml ({@code ${COLLECTWISE_ZONE:Asia/Shanghai}});
 * the JVM's default zone is set from the same key before the context starts ({@code CollectwiseApplication}).
 * {@code collectwise.interest} is bound by {@code fees.InterestSettings} too (its statutory rates); only the home
 * country is read here, for the working calendar.
 *
 * @param zone     the department's zone: "today", call slots, working days, quiet hours, the engine's dates
 * @param interest the home jurisdiction (whose working calendar governs the department's own work)
 * @param company  the name, phone and account printed on what customers receive
 */
@Validated
@ConfigurationProperties(prefix = "collectwise")
public record CompanySettings(@NotNull ZoneId zone, @NotNull @Valid Interest interest, @NotNull @Valid Company company) {

    /** @param homeCountry ISO 3166 alpha-2 code of the company's jurisdiction ({@code CN}) */
    public record Interest(@NotNull @Pattern(regexp = "\\s*[A-Za-z]{2}\\s*") String homeCountry) {
    }

    /**
     * @param name        the company's name in English letters and messages
     * @param nameZh      the company's name in Chinese ones
     * @param phone       the credit department's phone: who the customer calls
     * @param bankAccount the account payments go to
     */
    public record Company(@NotBlank String name, @NotBlank String nameZh, @NotBlank String phone,
                          @NotBlank String bankAccount) {
    }
}
