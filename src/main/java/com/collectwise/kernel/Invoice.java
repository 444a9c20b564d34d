package com.collectwise.kernel;

import java.math.BigDecimal;
import java.time.LocalDate;

/** An invoice under collection: the head of its collection case (one case per invoice). */
public record Invoice(String invoiceNumber, String customerId, LocalDate issueDate, LocalDate dueDate,
                      int creditTermDays, BigDecimal amount, String currency, BigDecimal contractRatePercent,
                      CaseStatus status, Stage stage, String processInstanceId, String closeReason) {

}
