package com.collectwise.cases;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Name;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * The case view's settings: {@code collectwise.calls.slot}, {@code collectwise.import.*},
 * {@code collectwise.promises.*}, {@code collectwise.invoices.*} (defaults in application.yaml, docs/operations.md "Settings").
 * ({@code collectwise.calls.max-unanswered-per-day} belongs to communication's {@code CommunicationSettings}.)
 */
@Validated
@ConfigurationProperties(prefix = "collectwise")
public record CaseSettings(@NotNull @Valid Calls calls, @Name("import") @NotNull @Valid Import imports,
                           @NotNull @Valid Promises promises, @NotNull @Valid Invoices invoices) {

    /** @param slot the daily call slot, HH:mm in {@code collectwise.zone}; not in lunch or quiet hours */
    public record Calls(@NotNull @Pattern(regexp = "\\d{1,2}:\\d{2}") String slot) {
    }

    /**
     * CSV import ({@code POST /api/invoices/import}).
     *
     * @param synchronousUpTo a file of more invoices is stored at once and its cases started in the background
     * @param batchSize       cases started per transaction in the background
     * @param startInterval   how often every node looks for imported invoices without a case
     *                        (read by {@code ImportCaseStarter}'s {@code @Scheduled})
     * @param initialDelay    the first look after start (idem)
     */
    public record Import(@Min(0) int synchronousUpTo, @Min(1) @Max(1000) int batchSize,
                         @NotNull Duration startInterval, @NotNull Duration initialDelay) {
    }

    /** @param graceDays days after the promised date before a promise counts as broken */
    public record Promises(@NotNull @Min(0) Integer graceDays) {
    }

    /**
     * Invoices from the ERP ({@code POST /api/invoices} and the CSV import).
     *
     * @param issueDaysAhead how many days after today an invoice's issue date may lie: an ERP in a time zone ahead of
     *                       the company's, or one that dates invoices on the delivery day ahead; a later date is a 400
     *                       naming {@code issueDate} ({@link InvoiceDates})
     */
    public record Invoices(@NotNull @Min(0) @Max(31) Integer issueDaysAhead) {
    }
}
