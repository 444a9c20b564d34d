package com.collectwise.fees;

import com.collectwise.money.AccountReplay;
import com.collectwise.money.Component;
import com.collectwise.money.LedgerEntry;
import com.collectwise.money.LedgerEntryType;
import com.collectwise.money.Money;
import com.collectwise.money.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.collectwise.kernel.Invoice;

/**
 * Reductions of what a customer owes, each a ledger line with reason and approver: waivers of interest or fees,
 * early-payment discounts, credit notes, write-offs. The approval itself (collector requests, supervisor
 * approves in Tasklist) is a process step still to be modelled; this service books the approved outcome.
 */
@Service
public class AdjustmentService {

    private final Ledger ledger;
    private final StatementService statements;

    public AdjustmentService(Ledger ledger, StatementService statements) {
        this.ledger = ledger;
        this.statements = statements;
    }

    /**
     * Waives part of the interest or fees, or grants a discount on the principal (component PRINCIPAL), effective
     * on {@code bookedOn}. Interest accruing after that date is not waived: waive again or agree a rate.
     *
     * @throws IllegalArgumentException without reason or approver, in another currency, or beyond what is owed
     */
    @Transactional
    public LedgerEntry waive(Invoice invoice, Component component, Money amount, String reason, String approvedBy,
                             LocalDate bookedOn) {
        LedgerEntryType type = switch (component) {
            case INTEREST -> LedgerEntryType.INTEREST_WAIVER;
            case FEES -> LedgerEntryType.FEE_WAIVER;
            case PRINCIPAL -> LedgerEntryType.DISCOUNT;
            case CREDIT -> throw new IllegalArgumentException("credit is the customer's money; it is not waived");
        };
        return reduce(invoice, type, component, amount, reason, approvedBy, bookedOn, "waiver");
    }

    /**
     * Waives interest as it accrued through {@code bookedOn}, before the payments of that day take it (a waiver line
     * reduces its component before the day's payments in the replay): e.g. the interest of a kept instalment plan,
     * waived day by day so that every instalment went to what the plan covered. Checked against the interest
     * accrued through that day, not against what that day's payments left of it. Idempotent by {@code entryKey}.
     *
     * @return whether the line was booked (false: the key was booked already)
     * @throws IllegalArgumentException without reason or approver, or beyond the interest accrued by then
     */
    @Transactional
    public boolean waiveAccruedInterest(Invoice invoice, Money amount, String reason, String approvedBy,
                                        LocalDate bookedOn, String entryKey) {
        requireText(reason, "reason");
        requireText(approvedBy, "approvedBy");
        Money accrued = statements.account(invoice.customerId(), bookedOn).result().invoice(invoice.invoiceNumber())
            .accruedInterest();
        if (!amount.isPositive() || amount.compareTo(accrued) > 0) {
            throw new IllegalArgumentException("interest accrued by " + bookedOn + " is " + accrued
                + "; cannot waive " + amount);
        }
        return ledger.append(LedgerEntry.of(invoice.invoiceNumber(), LedgerEntryType.INTEREST_WAIVER,
            Component.INTEREST, amount, bookedOn, "instalment plan", reason, approvedBy, entryKey));
    }

    /**
     * The invoice itself is reduced (e.g. an accepted dispute), from its due date: no interest ever ran on the
     * credited part (AccountReplay). At most what is left of the invoice after earlier credit notes; what the
     * customer had paid beyond the reduced invoice becomes the customer's credit.
     */
    @Transactional
    public LedgerEntry creditNote(Invoice invoice, Money amount, String reason, String approvedBy, LocalDate bookedOn) {
        requireText(reason, "reason");
        requireText(approvedBy, "approvedBy");
        java.math.BigDecimal creditable = invoice.amount().subtract(creditNoted(invoice.invoiceNumber()));
        if (amount.amount().compareTo(creditable) > 0 || !amount.isPositive()) {
            throw new IllegalArgumentException("a credit note of " + amount + " exceeds what is left of the invoice: "
                + creditable.toPlainString());
        }
        LedgerEntry line = LedgerEntry.of(invoice.invoiceNumber(), LedgerEntryType.CREDIT_NOTE, Component.PRINCIPAL,
            amount, bookedOn, "credit note", reason, approvedBy, null);
        ledger.append(line);
        return line;
    }

    /** The sum of the credit notes of an invoice. */
    public java.math.BigDecimal creditNoted(String invoiceNumber) {
        return ledger.list(invoiceNumber).stream().filter(l -> l.type() == LedgerEntryType.CREDIT_NOTE)
            .map(l -> l.amount().amount()).reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add);
    }

    /**
     * Writes off everything still open as of the date, one line per component. The lines record what was owed when
     * finance decided; the replay closes whatever it says was owed on that day (AccountReplay), so a rate or a credit
     * note entered later changes the amount written off, never leaves the rest owed.
     */
    @Transactional
    public List<LedgerEntry> writeOff(Invoice invoice, String reason, String approvedBy, LocalDate bookedOn) {
        return closeBooks(invoice, reason, approvedBy, bookedOn, "write-off");
    }

    /**
     * The receivable sold to a factor: written off as {@link #writeOff} does, its lines marked as a sale (source
     * "sale"), so that money posted after it never pays the invoice (AccountReplay).
     */
    @Transactional
    public List<LedgerEntry> sell(Invoice invoice, String reason, String approvedBy, LocalDate bookedOn) {
        return closeBooks(invoice, reason, approvedBy, bookedOn, "sale");
    }

    private List<LedgerEntry> closeBooks(Invoice invoice, String reason, String approvedBy, LocalDate bookedOn,
                                         String source) {
        requireText(reason, "reason");
        requireText(approvedBy, "approvedBy");
        Statement open = statements.statement(invoice, bookedOn);
        List<LedgerEntry> lines = new ArrayList<>();
        addWriteOff(lines, invoice, Component.FEES, open.fees(), reason, approvedBy, bookedOn, source);
        addWriteOff(lines, invoice, Component.INTEREST, open.interest(), reason, approvedBy, bookedOn, source);
        addWriteOff(lines, invoice, Component.PRINCIPAL, open.principal(), reason, approvedBy, bookedOn, source);
        lines.forEach(ledger::append);
        return lines;
    }

    private void addWriteOff(List<LedgerEntry> lines, Invoice invoice, Component component,
                             java.math.BigDecimal amount, String reason, String approvedBy, LocalDate bookedOn,
                             String source) {
        if (amount.signum() > 0) {
            lines.add(LedgerEntry.of(invoice.invoiceNumber(), LedgerEntryType.WRITE_OFF, component,
                Money.of(amount, invoice.currency()), bookedOn, source, reason, approvedBy, null));
        }
    }

    private LedgerEntry reduce(Invoice invoice, LedgerEntryType type, Component component, Money amount, String reason,
                               String approvedBy, LocalDate bookedOn, String source) {
        requireText(reason, "reason");
        requireText(approvedBy, "approvedBy");
        if (!amount.currencyCode().equals(invoice.currency())) {
            throw new Money.CurrencyMismatchException(amount.currency(), Money.currency(invoice.currency()));
        }
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("amount must be positive: " + amount);
        }
        Statement open = statements.statement(invoice, bookedOn);
        Money owed = Money.of(switch (component) {
            case INTEREST -> open.interest();
            case FEES -> open.fees();
            default -> open.principal();
        }, invoice.currency());
        // a reduction beyond what is owed would turn into a hidden refund; that needs a payment, not a waiver
        if (amount.compareTo(owed) > 0) {
            throw new IllegalArgumentException(
                component + " owed on " + bookedOn + " is " + owed + "; cannot reduce it by " + amount);
        }
        LedgerEntry line = LedgerEntry.of(invoice.invoiceNumber(), type, component, amount, bookedOn, source, reason,
            approvedBy, null);
        ledger.append(line);
        return line;
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }
}
