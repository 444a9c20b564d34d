package com.collectwise.fees;

import com.collectwise.money.Component;
import com.collectwise.money.LedgerEntry;
import com.collectwise.money.LedgerEntryType;
import com.collectwise.money.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;

import org.springframework.stereotype.Service;

import com.collectwise.kernel.Invoice;
import com.collectwise.customers.CustomerRepository;

/**
 * Charges the per-event fees of the late-fee policy (reminder fee, dunning letter fee) as ledger lines dated the
 * day they are charged. Each charge has a key, so a retried job or a replayed message charges once. The EUR 40
 * EU compensation is not booked here: it follows from the invoice itself (see StatementCalculator).
 */
@Service
public class FeeService {

    public enum Kind {
        REMINDER_FEE, LETTER_FEE
    }

    private final Ledger ledger;
    private final StatementService statements;
    private final CustomerRepository customers;

    public FeeService(Ledger ledger, StatementService statements, CustomerRepository customers) {
        this.ledger = ledger;
        this.statements = statements;
        this.customers = customers;
    }

    /**
     * What the policy charges for this kind of event on this invoice today, in the invoice currency; empty when it
     * charges nothing (the default). The notices quote it, {@link #charge} books it: one rule for both.
     */
    public Optional<Money> feeFor(Invoice invoice, Kind kind) {
        return fee(statements.policyFor(customers.find(invoice.customerId()).orElse(null), invoice), invoice, kind);
    }

    private static Optional<Money> fee(LateFeePolicy policy, Invoice invoice, Kind kind) {
        BigDecimal fee = kind == Kind.REMINDER_FEE ? policy.reminderFee() : policy.letterFee();
        if (fee == null || fee.signum() <= 0) {
            return Optional.empty();
        }
        try {
            // strict: a fee typed with more decimals than the currency has is the supervisor's mistake, never rounded
            return Optional.of(Money.of(fee, invoice.currency()));
        } catch (IllegalArgumentException e) {
            throw new FeePolicyException("Decision_LateFeePolicy sets a " + (kind == Kind.REMINDER_FEE
                ? "reminder fee" : "letter fee") + " of " + fee.toPlainString() + " " + invoice.currency().trim()
                + " for invoice " + invoice.invoiceNumber() + ": more decimals than " + invoice.currency().trim()
                + " allows (" + Money.minorUnit(Money.currency(invoice.currency())) + "). Correct the fee in the "
                + "decision table and retry the job; nothing was sent or booked.");
        }
    }

    /**
     * The late-fee policy names a fee the invoice's currency cannot hold (15.005 CNY, 10.5 JPY): DOMAIN.md 6 refuses
     * such an amount with a clear error instead of rounding it. Thrown in the notice's job, it fails the job (retries,
     * then an incident with this message in Cockpit for the supervisor who edits the DMN); the notice and its fee wait.
     */
    public static class FeePolicyException extends IllegalStateException {
        public FeePolicyException(String message) {
            super(message);
        }
    }

    /**
     * Charges the fee the policy sets for this kind of event, if any.
     *
     * @param eventKey what the fee is for, unique per event (e.g. the outbox idempotency key of the letter)
     * @return the booked line; empty when the policy charges nothing or the event was already charged
     */
    public Optional<LedgerEntry> charge(Invoice invoice, Kind kind, String eventKey, LocalDate chargedOn) {
        // the version of Decision_LateFeePolicy in force on the day of the charge: a later edit never re-prices it
        LateFeePolicy policy = statements.timelineFor(customers.find(invoice.customerId()).orElse(null), invoice)
            .inForceOn(chargedOn);
        return fee(policy, invoice, kind).flatMap(fee -> {
            LedgerEntry line = LedgerEntry.of(invoice.invoiceNumber(), LedgerEntryType.FEE, Component.FEES, fee,
                chargedOn, "Decision_LateFeePolicy " + kind,
                kind == Kind.REMINDER_FEE ? "overdue reminder fee" : "formal dunning letter fee", null,
                kind + ":" + invoice.invoiceNumber() + ":" + eventKey);
            return ledger.append(line) ? Optional.of(line) : Optional.<LedgerEntry>empty();
        });
    }
}
