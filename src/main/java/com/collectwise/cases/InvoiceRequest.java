package com.collectwise.cases;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import com.collectwise.api.Amount;
import com.collectwise.api.Amounts;
import com.collectwise.api.Between;
import com.collectwise.api.CurrencyCode;
import com.collectwise.api.Decimal;
import com.collectwise.api.Key;
import com.collectwise.api.MinorUnits;
import com.collectwise.api.NotBefore;
import com.collectwise.api.Since2000;
import com.collectwise.customers.KnownCustomer;
import com.collectwise.kernel.CaseStatus;
import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.Stage;

import jakarta.validation.constraints.NotNull;

/**
 * An invoice from the ERP: the body of {@code POST /api/invoices} and one line of {@code POST /api/invoices/import}.
 * The credit term defaults to the days between issue and due date. The issue date lies between 2000-01-01 and today
 * + {@code collectwise.invoices.issue-days-ahead}, the due date between the issue date and 3650 days after it
 * ({@link InvoiceDates}).
 */
@MinorUnits
@NotBefore(field = "dueDate", other = "issueDate")
@InvoiceDates
record InvoiceRequest(
    @NotNull(message = "is required") @Key String invoiceNumber,
    @NotNull(message = "is required") @Key @KnownCustomer String customerId,
    @NotNull(message = "is required") @Since2000 LocalDate issueDate,
    @NotNull(message = "is required") LocalDate dueDate,
    @NotNull(message = "is required") @Amount BigDecimal amount,
    @NotNull(message = "is required") @CurrencyCode String currency,
    @Between(min = 0, max = InvoiceDates.MAX_TERM_DAYS) Integer creditTermDays,
    @Decimal(min = "0", max = "100", scale = 4) BigDecimal contractInterestRatePercent) {

    /** The new invoice: status OPEN, stage PRE_DUE, the amount at its currency's minor unit. */
    Invoice toInvoice() {
        int term = creditTermDays != null ? creditTermDays : (int) ChronoUnit.DAYS.between(issueDate, dueDate);
        return new Invoice(invoiceNumber, customerId, issueDate, dueDate, term, Amounts.atMinorUnit(amount, currency),
            currency, contractInterestRatePercent, CaseStatus.OPEN, Stage.PRE_DUE, null, null);
    }
}
