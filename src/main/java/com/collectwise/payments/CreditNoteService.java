package com.collectwise.payments;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.collectwise.api.ConflictException;
import com.collectwise.api.FieldProblem;
import com.collectwise.api.InvalidRequestException;
import com.collectwise.api.Amounts;
import com.collectwise.api.NotFoundException;
import com.collectwise.disputes.DisputeService;
import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.InvoiceRepository;
import com.collectwise.fees.Ledger;
import com.collectwise.money.LedgerEntry;
import com.collectwise.money.LedgerEntryType;
import com.collectwise.money.Money;
import com.collectwise.fees.StatementService;

/**
 * Credit notes: the invoice itself was too high (goods returned, an accepted dispute). A credit note reduces the
 * invoice from its due date, so no interest ever ran on the credited part, in every statement as of its date or
 * later. Its number is the idempotency key: the same note again changes nothing, another note under the same number
 * is a conflict. What the customer had already paid beyond the reduced invoice becomes the customer's credit.
 */
@Service
public class CreditNoteService {

    /** The credit note as booked, and whether this call booked it. */
    public record Result(CreditNote note, boolean created) {
    }

    public record CreditNote(String creditNoteNumber, String invoiceNumber, BigDecimal amount, String currency,
                             LocalDate issuedOn, String reason, String issuedBy) {
    }

    private final InvoiceRepository invoices;
    private final PaymentRepository payments;
    private final Ledger ledger;
    private final StatementService statements;
    private final PaymentService paymentService;
    private final BusinessClock clock;
    private final TransactionTemplate transaction;
    private final DisputeService disputes;
    private final ApplicationEventPublisher events;

    public CreditNoteService(InvoiceRepository invoices, PaymentRepository payments, Ledger ledger,
                             StatementService statements, PaymentService paymentService, BusinessClock clock,
                             PlatformTransactionManager transactionManager, DisputeService disputes,
                             ApplicationEventPublisher events) {
        this.events = events;
        this.disputes = disputes;
        this.invoices = invoices;
        this.payments = payments;
        this.ledger = ledger;
        this.statements = statements;
        this.paymentService = paymentService;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    public Result issue(String invoiceNumber, String creditNoteNumber, BigDecimal amount, LocalDate issuedOn,
                        String reason, String issuedBy) {
        return issue(invoiceNumber, creditNoteNumber, amount, issuedOn, reason, null, issuedBy);
    }

    /**
     * The credit note; while disputes of the invoice are open it is their outcome: it settles the dispute it names
     * ({@code disputeId}, optional), or else the open disputes oldest first, up to its amount
     * ({@link DisputeService#creditNoteBooked}).
     */
    public Result issue(String invoiceNumber, String creditNoteNumber, BigDecimal amount, LocalDate issuedOn,
                        String reason, Long disputeId, String issuedBy) {
        return paymentService.lookingAgainAfter(() -> Retries.onLockConflict(() -> transaction.execute(status ->
            book(invoiceNumber, creditNoteNumber, amount, issuedOn, reason, disputeId, issuedBy))));
    }

    /** The amount's decimals against the currency of the invoice (none when either is unknown or it fits). */
    public Optional<FieldProblem> decimalsProblem(String invoiceNumber, BigDecimal amount) {
        if (amount == null) {
            return Optional.empty();
        }
        return invoices.find(invoiceNumber).map(i -> Amounts.minorUnitProblem(amount, i.currency()))
            .map(problem -> new FieldProblem("amount", problem));
    }

    private Result book(String invoiceNumber, String number, BigDecimal amount, LocalDate issuedOn, String reason,
                        Long disputeId, String issuedBy) {
        Invoice invoice = invoices.find(invoiceNumber)
            .orElseThrow(() -> new NotFoundException("No invoice " + invoiceNumber));
        // at most the minor unit of the invoice's currency
        String minorUnitProblem = Amounts.minorUnitProblem(amount, invoice.currency());
        if (minorUnitProblem != null) {
            throw InvalidRequestException.of("amount", minorUnitProblem);
        }
        amount = Amounts.atMinorUnit(amount, invoice.currency());
        payments.lockCustomer(invoice.customerId());
        String key = key(number);
        Optional<LedgerEntry> booked = ledger.findByKey(key);
        if (booked.isPresent()) {
            LedgerEntry e = booked.get();
            boolean same = e.invoiceNumber().equals(invoiceNumber) && e.amount().amount().compareTo(amount) == 0
                && e.bookedOn().equals(issuedOn) && java.util.Objects.equals(e.reason(), reason);
            if (!same) {
                throw new ConflictException("Credit note " + number + " was booked already with other content");
            }
            return new Result(view(number, e), false);
        }
        Money credit;
        try {
            credit = Money.of(amount, invoice.currency());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(List.of(new FieldProblem("amount", e.getMessage())));
        }
        BigDecimal creditable = invoice.amount().subtract(ledger.list(invoiceNumber).stream()
            .filter(l -> l.type() == LedgerEntryType.CREDIT_NOTE).map(l -> l.amount().amount())
            .reduce(BigDecimal.ZERO, BigDecimal::add));
        if (amount.compareTo(creditable) > 0) {
            throw new InvalidRequestException(List.of(new FieldProblem("amount", "must not exceed what is left of"
                + " the invoice after earlier credit notes: " + creditable.toPlainString())));
        }
        if (issuedOn.isAfter(clock.today())) {
            throw new InvalidRequestException(List.of(new FieldProblem("issuedOn", "must not be in the future")));
        }
        if (issuedOn.isBefore(invoice.issueDate())) {
            // a note cannot credit an invoice that did not exist yet (and the replay would book it before the invoice)
            throw new InvalidRequestException(List.of(new FieldProblem("issuedOn", "must not be before the invoice's"
                + " issue date (" + invoice.issueDate() + ")")));
        }
        Optional<FieldProblem> disputeProblem = disputes.creditNoteDisputeProblem(invoiceNumber, disputeId);
        if (disputeProblem.isPresent()) {
            throw new InvalidRequestException(List.of(disputeProblem.get()));
        }
        LedgerEntry line = LedgerEntry.of(invoiceNumber, LedgerEntryType.CREDIT_NOTE, null, credit, issuedOn,
            "credit note " + number, reason, issuedBy, key);
        if (!ledger.append(line)) {
            throw new ConflictException("Credit note " + number + " is being booked by another request; retry");
        }
        // the outcome of the disputes open now: they no longer count the credited money as disputed
        List<Long> settled = disputes.creditNoteBooked(invoice, number, amount, issuedOn, reason, disputeId, issuedBy);
        LocalDate today = issuedOn.isAfter(clock.today()) ? issuedOn : clock.today();
        paymentService.reconcileAfterAdjustment(invoice.customerId(), statements.account(invoice.customerId(), today),
            issuedOn);
        // the processes of the disputes settled (unless the case ended with a settled invoice just now)
        settled.forEach(id -> disputes.endCredited(invoiceNumber, id));
        events.publishEvent(new CreditNoteBooked(number, invoice.customerId(), invoiceNumber, amount,
            invoice.currency(), issuedOn, settled, disputes.disputed(invoiceNumber)));
        return new Result(view(number, line), true);
    }

    private static String key(String number) {
        return "credit-note:" + number;
    }

    private static CreditNote view(String number, LedgerEntry e) {
        return new CreditNote(number, e.invoiceNumber(), e.amount().amount(), e.amount().currencyCode(), e.bookedOn(),
            e.reason(), e.approvedBy());
    }
}
