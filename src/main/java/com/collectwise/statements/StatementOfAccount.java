package com.collectwise.statements;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A customer's statement of account as of a date (GET /api/customers/{id}/statement). Every figure comes from the
 * replay of the customer's account as of that date (money.AccountReplay), so a statement of a past date is the
 * one that was (or would have been) sent then. Amounts in each line's currency at its minor unit.
 *
 * @param invoices the invoices with something unpaid as of the date, oldest due date first
 * @param payments the payments received by then that paid (part of) those invoices or are held as credit
 * @param credits  credit notes, discounts and waivers booked by then on those invoices
 * @param totals   per currency: what is owed in total, and the customer's credit (money to be used)
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record StatementOfAccount(String customerId, String customerName, LocalDate asOf, List<InvoiceLine> invoices,
                                 List<PaymentLine> payments, List<CreditLine> credits, List<CurrencyTotal> totals) {

    /**
     * {@code paid}: money applied to the invoice (fees, interest, principal); {@code credited}: credit notes;
     * {@code disputed}: what of the invoice is under open dispute as of the date (not asked for while the dispute
     * runs; a credit note that settled a dispute counts in {@code credited} only, never in both);
     * {@code note}: what the figures lack and why (an EU invoice's EUR 40 that could not be converted: no exchange
     * rate on or before the due date), null when nothing is missing.
     */
    public record InvoiceLine(String invoiceNumber, LocalDate issueDate, LocalDate dueDate, long daysOverdue,
                              String currency, BigDecimal amount, BigDecimal credited, BigDecimal paid,
                              BigDecimal principal, BigDecimal interest, BigDecimal fees, BigDecimal total,
                              String note, BigDecimal disputed) {
    }

    /** {@code applied}: per invoice of this statement; {@code heldAsCredit}: the part kept as customer credit. */
    public record PaymentLine(String paymentReference, LocalDate receivedOn, String currency, BigDecimal amount,
                              List<Applied> applied, BigDecimal heldAsCredit) {
    }

    public record Applied(String invoiceNumber, BigDecimal amount) {
    }

    /** A reduction of an invoice: CREDIT_NOTE, DISCOUNT, INTEREST_WAIVER or FEE_WAIVER. */
    public record CreditLine(String invoiceNumber, String kind, LocalDate bookedOn, String currency, BigDecimal amount,
                             String reason) {
    }

    public record CurrencyTotal(String currency, BigDecimal principal, BigDecimal interest, BigDecimal fees,
                                BigDecimal total, BigDecimal credit) {
    }

    /** The total owed in a currency (zero when the statement has none in it). */
    public BigDecimal total(String currency) {
        return totals.stream().filter(t -> t.currency().equals(currency)).map(CurrencyTotal::total).findFirst()
            .orElse(BigDecimal.ZERO);
    }
}
