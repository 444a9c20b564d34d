package com.collectwise.handoff;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What the order system reads before it delivers: HOLD while the customer has a case at formal demand
 * or later (no new deliveries while old debt is overdue). {@code overdueTotal} is in {@code currency},
 * the customer's main currency: the one most of its overdue invoices are in, then the one most of its open
 * invoices are in (ties: alphabetical); a customer with nothing open gets the currency it was invoiced in most,
 * or the company's home currency (CNY for CN) before its first invoice, never null. Overdue amounts in other
 * currencies are listed in {@code otherCurrencies} (they cannot be added up without an exchange rate).
 * <p>
 * DOMAIN.md 5 and 8: {@code overdueTotal} counts a disputed amount too (it is unpaid past its due date; a rejection
 * asks for it with its interest from the due date), and so does the hold; {@code disputed} names the part of it under
 * open dispute, {@code undisputed} what of it is asked for meanwhile (as if the disputes were credited).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record CreditStatus(String customerId, String status, BigDecimal overdueTotal, String currency,
                           List<CurrencyTotal> otherCurrencies, LocalDate asOf, BigDecimal disputed,
                           BigDecimal undisputed) {

    public static final String OK = "OK";
    public static final String HOLD = "HOLD";

    public record CurrencyTotal(String currency, BigDecimal overdueTotal, BigDecimal disputed, BigDecimal undisputed) {
    }
}
