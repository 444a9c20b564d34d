package com.collectwise.cases;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A collection case as the API shows it, figures as of {@code asOf}. Empty parts are shown as null or
 * [] (not left out), so that a client can tell "no agreement" from "field not supported".
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record CaseView(String invoiceNumber, String customerId, CaseStatus status, Stage stage, LocalDate dueDate,
                       long daysOverdue, String collector, String currency, Outstanding outstanding,
                       LocalDate limitationDate, List<PromiseView> promises, Object agreement, List<Object> disputes,
                       LocalDate asOf) {

    /** What is still unpaid as of the date, per component, with two decimals. */
    public record Outstanding(BigDecimal principal, BigDecimal interest, BigDecimal fees, BigDecimal total) {
    }

    public record PromiseView(BigDecimal amount, String currency, LocalDate promisedDate, String note, String status,
                              String createdBy, Instant createdAt) {
    }
}
