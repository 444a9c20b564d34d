package com.collectwise.statements;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.collectwise.communication.FormalDemandIssued;

/**
 * The statement of account goes out with every formal demand (DOMAIN.md section 1: the counter to "no statement
 * received"), in the letter's transaction: one per customer and letter date, however many invoices reach formal
 * demand that day, and a retried letter job sends nothing twice.
 */
@Component
public class StatementAtFormalDemand {

    private final StatementSendings sendings;

    public StatementAtFormalDemand(StatementSendings sendings) {
        this.sendings = sendings;
    }

    @EventListener
    public void formalDemandIssued(FormalDemandIssued demand) {
        sendings.atFormalDemand(demand.customerId(), demand.invoiceNumber(), demand.letterDate());
    }
}
