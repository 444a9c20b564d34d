package com.collectwise.fees;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import com.collectwise.cases.Invoice;

/**
 * Computes what is still unpaid on an invoice as of a date from the facts: the invoice, its ledger lines, its
 * payment allocations, its rate basis and late-fee policy. Only facts dated on or before the as-of date count,
 * so a statement of a past date never changes when later events are recorded. No database, no Camunda.
 */
public final class StatementCalculator {

    /** Directive 2011/7/EU art. 6: fixed compensation per late B2B invoice, due from the first day late. */
    public static final BigDecimal EU_COMPENSATION_EUR = new BigDecimal("40.00");

    private StatementCalculator() {
    }

    /**
     * @param euCompensation whether the invoice earns the EUR 40 (EU customer, EUR invoice). It is derived from
     *                       the invoice, not booked, so it is charged exactly once whatever runs how often.
     */
    public static StatementDetail compute(Invoice invoice, LocalDate asOf, InterestBasis basis, LateFeePolicy policy,
                                          boolean euCompensation, List<LedgerEntry> ledger,
                                          List<PostedAllocation> allocations) {
        String currency = invoice.currency();
        Money zero = Money.zero(currency);
        Money invoiced = Money.of(invoice.amount(), currency);
        LocalDate firstLateDay = invoice.dueDate().plusDays(1);

        // what was paid and what was reduced per component, up to the as-of date
        Map<Component, Money> paid = new EnumMap<>(Component.class);
        Map<Component, Money> reduced = new EnumMap<>(Component.class);
        Money chargedFees = zero;
        List<Map.Entry<LocalDate, Money>> principalReductions = new ArrayList<>();
        for (PostedAllocation a : allocations) {
            if (!a.appliedOn().isAfter(asOf)) {
                paid.merge(a.component(), a.amount(), Money::plus);
                if (a.component() == Component.PRINCIPAL) {
                    principalReductions.add(new AbstractMap.SimpleEntry<>(a.appliedOn(), a.amount()));
                }
            }
        }
        for (LedgerEntry e : ledger) {
            if (e.bookedOn().isAfter(asOf)) {
                continue;
            }
            if (e.type().isCharge()) {
                chargedFees = chargedFees.plus(e.amount());
            } else {
                reduced.merge(e.component(), e.amount(), Money::plus);
                if (e.component() == Component.PRINCIPAL) {
                    principalReductions.add(new AbstractMap.SimpleEntry<>(e.bookedOn(), e.amount()));
                }
            }
        }

        Money compensation = euCompensation && "EUR".equals(currency) && !asOf.isBefore(firstLateDay)
            ? Money.of(EU_COMPENSATION_EUR, currency) : zero;
        InterestAccrual accrual = InterestCalculator.accrue(invoiced, invoice.dueDate(), asOf, principalReductions,
            basis.rate());

        // The cap bounds all late charges together; fees are dated charges and come first, interest fills the rest.
        Money fees = compensation.plus(chargedFees);
        Money interest = accrual.amount();
        Money cap = null;
        boolean capReached = false;
        if (policy != null && policy.capPercent() != null) {
            cap = Money.rounded(invoice.amount().multiply(policy.capPercent()).movePointLeft(2), invoiced.currency());
            Money cappedFees = fees.min(cap);
            Money cappedInterest = interest.min(cap.minus(cappedFees));
            capReached = cappedFees.plus(cappedInterest).compareTo(fees.plus(interest)) < 0;
            fees = cappedFees;
            interest = cappedInterest;
        }

        Money principalLeft = invoiced.minus(get(paid, Component.PRINCIPAL, zero))
            .minus(get(reduced, Component.PRINCIPAL, zero));
        Money interestLeft = interest.minus(get(paid, Component.INTEREST, zero))
            .minus(get(reduced, Component.INTEREST, zero));
        Money feesLeft = fees.minus(get(paid, Component.FEES, zero)).minus(get(reduced, Component.FEES, zero));
        // A component paid beyond what it now comes to (e.g. a cap lowered after payment) is the customer's money.
        Money credit = get(paid, Component.CREDIT, zero);
        for (Money left : List.of(principalLeft, interestLeft, feesLeft)) {
            if (left.isNegative()) {
                credit = credit.minus(left);
            }
        }
        principalLeft = principalLeft.atLeastZero();
        interestLeft = interestLeft.atLeastZero();
        feesLeft = feesLeft.atLeastZero();
        Money total = principalLeft.plus(interestLeft).plus(feesLeft);

        Statement statement = new Statement(invoice.invoiceNumber(), currency, asOf, principalLeft.amount(),
            interestLeft.amount(), feesLeft.amount(), total.amount());
        return new StatementDetail(statement, basis, accrual, interest, fees, compensation, cap, capReached, credit);
    }

    private static Money get(Map<Component, Money> map, Component c, Money zero) {
        return map.getOrDefault(c, zero);
    }
}
