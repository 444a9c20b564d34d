package com.collectwise.statements;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A customer's statement of account as of a date (GET /api/customers/{id}/statement). Every figure comes from the
 * replay of the customer's account as of that date (money.AccountReplay), so a statement of a past date is the
 * one that was (or would have been) sent then. Amounts in each line's currency at its minor unit.
 *
 * @param invoices the invoices with something unpaid as of the date, oldest due date first
 * @param payments the payments received by then that paid (part of) those invoices, are held as credit or are held
 *                 for an invoice not yet issued (a prepayment), each with all of its allocations
 * @param credits  credit notes, discounts, waivers and write-offs or sales booked by then on those invoices
 * @param totals   per currency: what is owed in total, and the customer's credit (money to be used)
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record StatementOfAccount(String customerId, String customerName, LocalDate asOf, List<InvoiceLine> invoices,
                                 List<PaymentLine> payments, List<CreditLine> credits, List<CurrencyTotal> totals) {

    /**
     * {@code paid}: money applied to the invoice (fees, interest, principal); {@code credited}: credit notes;
     * {@code disputed}: what of the invoice is under open dispute as of the date (not asked for while the dispute
     * runs; a credit note that settled a dispute counts in {@code credited} only, never in both);
     * {@code undisputed}: what the customer is asked to pay on the invoice while its disputes run - the total as if
     * the disputed amount were credited from the due date (no interest on it either), the total when nothing is
     * disputed;
     * {@code note}: what the figures lack and why, null when nothing is missing: a late invoice whose interest rate is
     * unknown (no reference rate in the tables: never a silent 0) or that earns none (a customer in no known
     * jurisdiction, no contract or segment rate), said with the rate basis's words (DOMAIN.md 6: "its statement says
     * why"); an EU invoice's EUR 40 that could not be converted (no exchange rate on or before the due date).
     * {@code rateGap} (UNKNOWN or NONE, else null) and {@code compensationUnconverted} tell the PDF which of its
     * sentences to print; they are not part of the JSON.
     */
    public record InvoiceLine(String invoiceNumber, LocalDate issueDate, LocalDate dueDate, long daysOverdue,
                              String currency, BigDecimal amount, BigDecimal credited, BigDecimal paid,
                              BigDecimal principal, BigDecimal interest, BigDecimal fees, BigDecimal total,
                              String note, BigDecimal disputed, BigDecimal undisputed,
                              @JsonIgnore com.collectwise.fees.InterestBasis.Source rateGap,
                              @JsonIgnore String rateGapDetail, @JsonIgnore boolean compensationUnconverted) {
    }

    /**
     * {@code applied}: every invoice the payment went to as of the date, whether listed or not (each with its
     * {@link Applied#status}), so the reader sees where all of the money went; {@code heldAsCredit}: the part kept as
     * customer credit. {@code amount} = the sum of {@code applied} + {@code heldAsCredit}.
     */
    public record PaymentLine(String paymentReference, LocalDate receivedOn, String currency, BigDecimal amount,
                              List<Applied> applied, BigDecimal heldAsCredit) {
    }

    /**
     * Part of a payment applied to one invoice. {@code status}: {@link #OPEN} the invoice is listed above (owing
     * as of the date); {@link #SETTLED} nothing is owed on it any more as of the date (not listed, it owes nothing);
     * {@link #NOT_YET_ISSUED} a prepayment: the money is held for an invoice issued after the date (not owing yet,
     * not the customer's credit for other invoices either).
     */
    public record Applied(String invoiceNumber, BigDecimal amount, String status) {
        public static final String OPEN = "OPEN";
        public static final String SETTLED = "SETTLED";
        public static final String NOT_YET_ISSUED = "NOT_YET_ISSUED";
    }

    /**
     * A reduction of an invoice: CREDIT_NOTE, DISCOUNT, INTEREST_WAIVER or FEE_WAIVER; WRITE_OFF or SALE on an invoice
     * owing again after it was written off or sold (money taken back), with what the replay says it closed that day.
     */
    public record CreditLine(String invoiceNumber, String kind, LocalDate bookedOn, String currency, BigDecimal amount,
                             String reason) {
    }

    /** {@code undisputed}: the sum of the invoices' undisputed parts (what is asked for now; {@code total} owed). */
    public record CurrencyTotal(String currency, BigDecimal principal, BigDecimal interest, BigDecimal fees,
                                BigDecimal total, BigDecimal credit, BigDecimal undisputed) {
    }

    /** The total owed in a currency (zero when the statement has none in it). */
    public BigDecimal total(String currency) {
        return totals.stream().filter(t -> t.currency().equals(currency)).map(CurrencyTotal::total).findFirst()
            .orElse(BigDecimal.ZERO);
    }
}
