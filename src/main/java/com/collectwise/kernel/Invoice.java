package com.collectwise.kernel;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * An invoice under collection: the head of its collection case (one case per invoice).
 *
 * @param stageEntries how often its current case entered a stage (0 before the first entry; back to 0 when a
 *                     settled invoice reopens): the stage entry the outbox keys of the notices name. Read through
 *                     {@link CaseFacts#stageEntry}, which prefers the {@code stageEntryNumber} variable of a case
 *                     started before the counter moved here.
 */
public record Invoice(String invoiceNumber, String customerId, LocalDate issueDate, LocalDate dueDate,
                      int creditTermDays, BigDecimal amount, String currency, BigDecimal contractRatePercent,
                      CaseStatus status, Stage stage, String processInstanceId, String closeReason, int stageEntries) {

    /** An invoice whose case entered no stage yet. */
    public Invoice(String invoiceNumber, String customerId, LocalDate issueDate, LocalDate dueDate,
                   int creditTermDays, BigDecimal amount, String currency, BigDecimal contractRatePercent,
                   CaseStatus status, Stage stage, String processInstanceId, String closeReason) {
        this(invoiceNumber, customerId, issueDate, dueDate, creditTermDays, amount, currency, contractRatePercent,
            status, stage, processInstanceId, closeReason, 0);
    }

    /** The same invoice in another stage. */
    public Invoice withStage(Stage stage) {
        return new Invoice(invoiceNumber, customerId, issueDate, dueDate, creditTermDays, amount, currency,
            contractRatePercent, status, stage, processInstanceId, closeReason, stageEntries);
    }
}
