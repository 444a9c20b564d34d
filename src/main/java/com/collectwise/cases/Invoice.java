package com.collectwise.cases;

import java.math.BigDecimal;
import java.time.LocalDate;

/** An invoice under collection: the head of its collection case (one case per invoice). */
public record Invoice(String invoiceNumber, String customerId, LocalDate issueDate, LocalDate dueDate,
                      int creditTermDays, BigDecimal amount, String currency, BigDecimal contractRatePercent,
                      CaseStatus status, Stage stage, String processInstanceId, String closeReason) {

    public Invoice withStatus(CaseStatus newStatus) {
        return new Invoice(invoiceNumber, customerId, issueDate, dueDate, creditTermDays, amount, currency,
            contractRatePercent, newStatus, stage, processInstanceId, closeReason);
    }
}
