package com.collectwise.screens;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotBlank;

/**
 * The screens the application provides, {@code collectwise.ui.*} (defaults in application.yaml,
 * docs/operations.md "Settings").
 *
 * @param language zh-CN (any zh...) or en: Tasklist forms, the call form's texts, the webapps' locale, the finance
 *                 dashboard's default ({@code auto} there follows the browser)
 */
@Validated
@ConfigurationProperties(prefix = "collectwise.ui")
public record ScreenSettings(@NotBlank String language) {
}
