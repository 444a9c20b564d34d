package com.collectwise.disputes;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.collectwise.kernel.CaseSettled;

/**
 * A receivable written off or sold ends its case, and with it the "Resolve dispute" tasks of the disputes still open
 * (the case's end cancels the processes it called). Nobody decides them any more: we no longer collect the invoice
 * (written off), or the buyer does (sold: the customer's claim goes with the receivable). So each open dispute is
 * closed undecided, with why, and the case file says so; it no longer shows as OPEN in the case view. A dispute open
 * when the invoice is paid in full is another matter: it is still decided (CloseSettledCaseDelegate).
 * <p>
 * A dispute whose process runs on its own (the invoice was paid in full under protest, the payment bounced, and the
 * reopened case is now written off or sold) is not called by the case, so the case's end does not end it: once the
 * write-off or sale has committed, its process is ended too, in a transaction of its own, deleted with the case
 * file's note as reason. After the commit, so that a department completing that task at the same moment cannot roll
 * the write-off back; a failure is logged and leaves the write-off as it is (the task then decides nothing: the
 * dispute is closed).
 */
@Component
class CloseDisputesWithCase {

    private static final Logger log = LoggerFactory.getLogger(CloseDisputesWithCase.class);

    private final DisputeService disputes;
    private final TransactionTemplate own;

    CloseDisputesWithCase(DisputeService disputes, PlatformTransactionManager transactions) {
        this.disputes = disputes;
        this.own = new TransactionTemplate(transactions);
        this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @EventListener
    public void caseSettled(CaseSettled settled) {
        String why = switch (settled.status()) {
            case WRITTEN_OFF -> "the invoice was written off";
            case SOLD -> "the receivable was sold";
            default -> null;
        };
        if (why != null && disputes.anyOpen(settled.invoiceNumber())) {
            Map<Long, String> closed = disputes.closeWithCase(settled.invoiceNumber(), settled.customerId(),
                why + " (" + settled.reason() + ")");
            afterCommit(() -> endProcesses(settled.invoiceNumber(), closed));
        }
    }

    private void endProcesses(String invoiceNumber, Map<Long, String> closed) {
        try {
            own.executeWithoutResult(tx -> disputes.endProcessesOfClosed(invoiceNumber, closed));
        } catch (RuntimeException e) {
            log.error("Invoice {}: the processes of disputes {} closed with the case could not be ended; their tasks"
                + " decide nothing (the disputes are closed), cancel them in Cockpit", invoiceNumber, closed.keySet(),
                e);
        }
    }

    private static void afterCommit(Runnable work) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    work.run();
                }
            });
        } else {
            work.run();
        }
    }
}
