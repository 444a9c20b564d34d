package com.collectwise.fees;

import com.collectwise.money.Component;
import com.collectwise.money.LedgerEntry;
import com.collectwise.money.Money;
import com.collectwise.money.Statement;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Locale;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.CaseStatus;
import com.collectwise.kernel.ContactEntry;
import com.collectwise.kernel.ContactLog;
import com.collectwise.kernel.FormAmount;
import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.InvoiceRepository;
import com.collectwise.kernel.Customer;
import com.collectwise.customers.CustomerRepository;

/**
 * Waiver and discount requests (Process_RequestWaiver): checks a collector's request against the statement,
 * books what a supervisor approved through {@link AdjustmentService}, and notes both outcomes in the case file.
 * Knows nothing of Camunda; the delegates pass plain values.
 */
@Service
public class WaiverRequests {

    /** A request that passed the checks: the amount is at most what is open in the component. */
    public record Request(Invoice invoice, Component component, Money amount, String reason) {
    }

    private final InvoiceRepository invoices;
    private final StatementService statements;
    private final AdjustmentService adjustments;
    private final ContactLog contacts;
    private final BusinessClock clock;
    private final CustomerRepository customers;
    private final org.springframework.context.ApplicationEventPublisher events;

    public WaiverRequests(InvoiceRepository invoices, StatementService statements, AdjustmentService adjustments,
                          ContactLog contacts, BusinessClock clock, CustomerRepository customers,
                          org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.clock = clock;
        this.customers = customers;
        this.invoices = invoices;
        this.statements = statements;
        this.adjustments = adjustments;
        this.contacts = contacts;
    }

    /**
     * @param component INTEREST, FEES or PRINCIPAL (an early-payment discount)
     * @param amount    as the form sent it (a number), in the invoice currency
     * @throws WaiverRefusedException naming every problem the requester can fix
     */
    public Request check(String invoiceNumber, Object component, Object amount, String reason, LocalDate asOf) {
        String number = invoiceNumber == null ? "" : invoiceNumber.trim();
        Invoice invoice = invoices.find(number)
            .orElseThrow(() -> new WaiverRefusedException("There is no case for invoice " + number + "."));
        if (invoice.status() != CaseStatus.OPEN) {
            throw new WaiverRefusedException("The case of invoice " + number + " is closed (" + invoice.status()
                + "); nothing can be waived on it.");
        }
        Component part = component(component);
        if (reason == null || reason.isBlank()) {
            throw new WaiverRefusedException("Say why the " + label(part) + " should be granted.");
        }
        BigDecimal requested = amount(amount);
        String tooFine = FormAmount.problem("The amount", requested, invoice.currency());
        if (tooFine != null) {
            throw new WaiverRefusedException(tooFine + ".");
        }
        Money open = open(statements.statement(invoice, asOf), part);
        Money asked = Money.of(requested, invoice.currency());
        // beyond what is open the "waiver" would be a refund in disguise; that needs a payment, not an approval
        if (asked.compareTo(open) > 0) {
            throw new WaiverRefusedException("Only " + open + " of " + part.name().toLowerCase(Locale.ROOT)
                + " is open on invoice " + number + " today; the requested " + asked + " is too much.");
        }
        return new Request(invoice, part, asked, reason.trim());
    }

    /** For the approval form: the supervisor should see whom the reduction favours. */
    public String customerName(Invoice invoice) {
        return customers.find(invoice.customerId()).map(Customer::name).orElse(invoice.customerId());
    }

    /** The statement the supervisor decides on. */
    public Statement statement(String invoiceNumber, LocalDate asOf) {
        return statements.statement(invoices.find(invoiceNumber).orElseThrow(), asOf);
    }

    /**
     * Books the approved request on {@code bookedOn} with the approver's name, after checking again: a payment
     * or an earlier waiver may have reduced what is open since the request. A reduction that leaves nothing owing
     * settles the invoice as a payment in full does (its case ends, the credit hold follows): the customer is
     * reconciled once the approval has committed ({@link com.collectwise.kernel.InvoiceCredited}), never left OPEN at
     * 0.00 and still escalating.
     */
    @Transactional
    public LedgerEntry book(String invoiceNumber, Object component, Object amount, String reason, String approvedBy,
                            LocalDate bookedOn) {
        Request request = check(invoiceNumber, component, amount, reason, bookedOn);
        LedgerEntry line = adjustments.waive(request.invoice(), request.component(), request.amount(),
            request.reason(), approvedBy, bookedOn);
        note(request.invoice(), "WAIVER_BOOKED", approvedBy, label(request.component()) + " of " + request.amount()
            + " on " + request.component().name().toLowerCase(Locale.ROOT) + " approved by " + approvedBy + ": "
            + request.reason());
        events.publishEvent(new com.collectwise.kernel.InvoiceCredited(request.invoice().customerId(),
            request.invoice().invoiceNumber()));
        return line;
    }

    /** Notes the refusal in the case file, so the next caller does not offer the same reduction. */
    public void noteRejection(String invoiceNumber, Object component, Object amount, String decidedBy,
                              String decisionReason) {
        Invoice invoice = invoices.find(invoiceNumber.trim()).orElseThrow();
        Component part = component(component);
        note(invoice, "WAIVER_REJECTED", decidedBy, label(part) + " of " + Money.of(amount(amount), invoice.currency())
            + " on " + part.name().toLowerCase(Locale.ROOT) + " rejected by " + decidedBy + ": " + decisionReason);
    }

    private void note(Invoice invoice, String outcome, String by, String text) {
        contacts.append(new ContactEntry(null, invoice.invoiceNumber(), invoice.customerId(), "INTERNAL",
            clock.now(), by, null, outcome, text,
            null, null));
    }

    static Component component(Object value) {
        String name = value == null ? "" : value.toString().trim();
        return switch (name) {
            case "INTEREST" -> Component.INTEREST;
            case "FEES" -> Component.FEES;
            case "PRINCIPAL" -> Component.PRINCIPAL;
            default -> throw new WaiverRefusedException(
                "Choose what to reduce: INTEREST, FEES or PRINCIPAL (early-payment discount), not '" + name + "'.");
        };
    }

    private static BigDecimal amount(Object value) {
        BigDecimal amount;
        try {
            amount = FormAmount.of(value);
        } catch (NumberFormatException e) {
            amount = null;
        }
        if (amount == null || amount.signum() <= 0) {
            throw new WaiverRefusedException("Give the amount to waive (more than 0).");
        }
        return amount;
    }

    private static Money open(Statement statement, Component component) {
        BigDecimal open = switch (component) {
            case INTEREST -> statement.interest();
            case FEES -> statement.fees();
            default -> statement.principal();
        };
        return Money.of(open, statement.currency());
    }

    private static String label(Component component) {
        return component == Component.PRINCIPAL ? "early-payment discount" : "waiver";
    }
}
