package com.collectwise.handoff;

import org.springframework.stereotype.Service;

import com.collectwise.disputes.DisputedPart;
import com.collectwise.kernel.Invoice;
import com.collectwise.communication.Outbox;
import com.collectwise.kernel.Customer;
import com.collectwise.money.Statement;

/**
 * Queues the case for the legal department (the agency gets its mandates over HTTP: {@link AgencyClient}).
 * Keys carry the stage entry so the receiver can de-duplicate at-least-once delivery.
 */
@Service
public class Handoffs {

    public static final String LEGAL = "legal";

    private final Outbox outbox;

    public Handoffs(Outbox outbox) {
        this.outbox = outbox;
    }

    public boolean toLegal(Invoice invoice, Customer customer, Statement statement, int stageEntry) {
        return toLegal(invoice, customer, statement, stageEntry, DisputedPart.NONE);
    }

    /**
     * While disputes are open the suit is for the undisputed part ({@code claim}); the disputed amount is named
     * ({@code disputed}) and waits for the dispute's outcome (DOMAIN.md 5). Without disputes the claim is the total.
     */
    public boolean toLegal(Invoice invoice, Customer customer, Statement statement, int stageEntry,
                           DisputedPart disputed) {
        return outbox.enqueue(Outbox.LEGAL_HANDOFF + ":" + invoice.invoiceNumber() + ":" + stageEntry,
            invoice.invoiceNumber(), customer.customerId(), Outbox.LEGAL_HANDOFF, LEGAL,
            "File suit: invoice " + invoice.invoiceNumber(), caseData(invoice, customer, statement)
                + "\ndisputed=" + (disputed.any() ? disputed.disputed() : java.math.BigDecimal.ZERO).toPlainString()
                + "\nclaim=" + disputed.demanded(statement.total()).toPlainString());
    }

    private static String caseData(Invoice invoice, Customer customer, Statement statement) {
        return "invoiceNumber=" + invoice.invoiceNumber() + "\ncustomerId=" + customer.customerId()
            + "\ncustomerName=" + customer.name() + "\ncountry=" + customer.country()
            + "\ndecisionMaker=" + customer.decisionMaker() + "\nissueDate=" + invoice.issueDate()
            + "\ndueDate=" + invoice.dueDate() + "\ncurrency=" + invoice.currency()
            + "\nprincipal=" + statement.principal().toPlainString() + "\ninterest=" + statement.interest().toPlainString()
            + "\nfees=" + statement.fees().toPlainString() + "\ntotal=" + statement.total().toPlainString()
            + "\nasOf=" + statement.asOf();
    }
}
