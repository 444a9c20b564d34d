package com.collectwise.disputes;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.collectwise.kernel.CaseSettled;

/**
 * A receivable written off or sold ends its case, and with it the "Resolve dispute" tasks of the disputes still open
 * (the case's end cancels the processes it called). Nobody decides them any more: we no longer collect the invoice
 * (written off), or the buyer does (sold: the customer's claim goes with the receivable). So each open dispute is
 * closed undecided, with why, and the case file says so; it no longer shows as OPEN in the case view. A dispute open
 * when the invoice is paid in full is another matter: it is still decided (CloseSettledCaseDelegate).
 */
@Component
class CloseDisputesWithCase {

    private final DisputeService disputes;

    CloseDisputesWithCase(DisputeService disputes) {
        this.disputes = disputes;
    }

    @EventListener
    public void caseSettled(CaseSettled settled) {
        String why = switch (settled.status()) {
            case WRITTEN_OFF -> "the invoice was written off";
            case SOLD -> "the receivable was sold";
            default -> null;
        };
        if (why != null && disputes.anyOpen(settled.invoiceNumber())) {
            disputes.closeWithCase(settled.invoiceNumber(), settled.customerId(),
                why + " (" + settled.reason() + ")");
        }
    }
}
