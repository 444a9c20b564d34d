package com.collectwise.money;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One line of an invoice's ledger. Amounts are positive; the type says whether the line charges or reduces its
 * component. {@code source} says what caused it (e.g. the id of the task or decision that booked it),
 * {@code entryKey} (optional, unique) makes automatic bookings idempotent.
 */
public record LedgerEntry(Long id, String invoiceNumber, LedgerEntryType type, Component component, Money amount,
                          LocalDate bookedOn, String source, String reason, String approvedBy, String entryKey,
                          Instant createdAt) {

    public LedgerEntry {
        Objects.requireNonNull(invoiceNumber, "invoiceNumber");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(bookedOn, "bookedOn");
        if (type.fixedComponent() != null) {
            if (component != null && component != type.fixedComponent()) {
                throw new IllegalArgumentException(type + " always books to " + type.fixedComponent());
            }
            component = type.fixedComponent();
        }
        if (component == null || component == Component.CREDIT) {
            throw new IllegalArgumentException(type + " needs a component: FEES, INTEREST or PRINCIPAL");
        }
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("a ledger line is a positive amount; its type gives the direction");
        }
    }

    /**
     * Whether the line is a fee for a notice (an overdue reminder or the formal letter) booked from the late-fee
     * policy: keyed {@code REMINDER_FEE:...} or {@code LETTER_FEE:...} (fees.FeeService). Such a fee is owed only when
     * the invoice was late on its day (AccountReplay); other fees (agency commission passed on) are owed as booked.
     */
    public boolean isNoticeFee() {
        return type == LedgerEntryType.FEE && entryKey != null
            && (entryKey.startsWith("REMINDER_FEE:") || entryKey.startsWith("LETTER_FEE:"));
    }

    /** A new line, not yet booked. */
    public static LedgerEntry of(String invoiceNumber, LedgerEntryType type, Component component, Money amount,
                                 LocalDate bookedOn, String source, String reason, String approvedBy, String entryKey) {
        return new LedgerEntry(null, invoiceNumber, type, component, amount, bookedOn, source, reason, approvedBy,
            entryKey, null);
    }

}
