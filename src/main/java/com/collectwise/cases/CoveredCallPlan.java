package com.collectwise.cases;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How the outcome of one call with a customer is recorded on each case the call covered. Plain data, no engine:
 * <ul>
 * <li>a promise is for the customer's total: it pays the oldest due invoices first (as a payment without an
 * invoice number would), each up to what is asked on it; an invoice the promised total does not reach, or one in
 * another currency, is noted as "call back";</li>
 * <li>a dispute is about one invoice (the one named, else the lead's): the other cases are "call back", their
 * undisputed amounts are still collected;</li>
 * <li>an instalment request is for the invoices the customer names (else every invoice of the call): each gets a
 * plan of its own, the other cases are "call back";</li>
 * <li>every other outcome (call back, no answer, refused) is the same on every case.</li>
 * </ul>
 */
public final class CoveredCallPlan {

    /** A case the call covered: what the collector asked for on it (its undisputed amount). */
    public record CoveredCase(String invoiceNumber, LocalDate dueDate, String currency, BigDecimal toCollect) {
    }

    /** What is recorded on one case: the outcome and, for a promise, this case's share. */
    public record CaseOutcome(String invoiceNumber, String outcome, BigDecimal promisedAmount, String note) {
    }

    static final String CALL_BACK = "CALL_BACK";

    private CoveredCallPlan() {
    }

    public static List<CaseOutcome> split(CallOutcome call, String leadInvoice, String leadCurrency,
                                          String disputedInvoice, List<CoveredCase> cases) {
        return split(call, leadInvoice, leadCurrency, disputedInvoice, java.util.Set.of(), cases);
    }

    /**
     * @param planInvoices for an instalment request, the invoices the customer asks a plan for (empty: all of the
     *                     call); the others are "call back", still collected
     */
    public static List<CaseOutcome> split(CallOutcome call, String leadInvoice, String leadCurrency,
                                          String disputedInvoice, java.util.Set<String> planInvoices,
                                          List<CoveredCase> cases) {
        List<CoveredCase> ordered = new ArrayList<>(cases);
        ordered.sort(Comparator.comparing(CoveredCase::dueDate).thenComparing(CoveredCase::invoiceNumber));
        List<CaseOutcome> outcomes = new ArrayList<>();
        if (call.isPromise()) {
            List<CoveredCase> sameCurrency = ordered.stream().filter(c -> c.currency().equals(leadCurrency)).toList();
            BigDecimal left = call.promisedAmount();
            for (CoveredCase c : ordered) {
                if (!c.currency().equals(leadCurrency)) {
                    outcomes.add(new CaseOutcome(c.invoiceNumber(), CALL_BACK, null,
                        "The promise of " + call.promisedAmount().toPlainString() + " " + leadCurrency
                            + " does not cover this " + c.currency() + " invoice."));
                    continue;
                }
                boolean last = c == sameCurrency.get(sameCurrency.size() - 1);
                // a promise above everything asked stays on the newest invoice: the figure the customer said
                BigDecimal share = last ? left : left.min(c.toCollect().max(BigDecimal.ZERO));
                left = left.subtract(share);
                outcomes.add(share.signum() > 0 ? new CaseOutcome(c.invoiceNumber(), call.outcome(), share, null)
                    : new CaseOutcome(c.invoiceNumber(), CALL_BACK, null, "The promise of "
                        + call.promisedAmount().toPlainString() + " " + leadCurrency + " covers older invoices first."));
            }
        } else if (call.isDispute()) {
            String target = disputedInvoice == null || disputedInvoice.isBlank() ? leadInvoice : disputedInvoice.trim();
            for (CoveredCase c : ordered) {
                outcomes.add(c.invoiceNumber().equals(target) ? new CaseOutcome(c.invoiceNumber(), call.outcome(), null,
                    null) : new CaseOutcome(c.invoiceNumber(), CALL_BACK, null,
                        "Dispute recorded on invoice " + target + "; this invoice is still collected."));
            }
        } else if (call.isInstalmentRequest() && !planInvoices.isEmpty()) {
            String asked = String.join(", ", planInvoices);
            for (CoveredCase c : ordered) {
                outcomes.add(planInvoices.contains(c.invoiceNumber())
                    ? new CaseOutcome(c.invoiceNumber(), call.outcome(), null, null)
                    : new CaseOutcome(c.invoiceNumber(), CALL_BACK, null, "Instalments asked for invoice"
                        + (planInvoices.size() > 1 ? "s " : " ") + asked + "; this invoice is still collected."));
            }
        } else {
            ordered.forEach(c -> outcomes.add(new CaseOutcome(c.invoiceNumber(), call.outcome(), null, null)));
        }
        return outcomes;
    }
}
