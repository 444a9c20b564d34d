package com.collectwise.cases;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.collectwise.agreements.Instalment;
import com.collectwise.api.Amount;
import com.collectwise.api.Text;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/invoices/{invoiceNumber}/agreements}: the instalments in the order sent, a note, and
 * whether the interest of the plan is waived (a supervisor approves). The schedule rules (dates ahead and increasing,
 * the total covering the interest of the plan) are the service's.
 */
record AgreementRequest(
    @NotNull(message = "is required") @Size(min = 1, max = 100, message = "must list between 1 and 100 entries")
    List<@NotNull(message = "must be an object") @Valid Row> instalments,
    @Text(max = 2000) String note,
    Boolean waiveInterest) {

    record Row(
        @NotNull(message = "is required") LocalDate dueDate,
        @NotNull(message = "is required") @Amount BigDecimal amount) {
    }

    /** The plan as sent, numbered from 1. */
    List<Instalment> plan() {
        List<Instalment> plan = new ArrayList<>();
        for (Row row : instalments) {
            plan.add(new Instalment(plan.size() + 1, row.dueDate(), row.amount()));
        }
        return plan;
    }

    boolean interestWaived() {
        return Boolean.TRUE.equals(waiveInterest);
    }
}
