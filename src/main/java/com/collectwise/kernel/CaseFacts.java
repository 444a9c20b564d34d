package com.collectwise.kernel;

import static com.collectwise.kernel.CaseVariables.*;

import java.util.Optional;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/**
 * Bean {@code caseFacts}: facts of the case a delegate, a listener or a call activity runs in that the case keeps no
 * variable of, read where they are kept. The customer id (issue 18: one runtime variable less per open case) is the
 * invoice's: the invoice is found by the process instance's business key (the invoice number, also in every process
 * the case calls), read through {@link InvoiceRepository#find}, which keeps the row for the transaction, so a job that
 * reads the invoice anyway reads it once. Models read it as {@code ${caseFacts.customerId(execution)}} (an input of a
 * call activity). A case started on a model version before that still has {@code customerId} as a variable: the
 * invoice row is preferred, the variable is the fallback where no invoice is found. The stage entry count is the
 * invoice's too ({@link #stageEntry}).
 */
@Component("caseFacts")
public class CaseFacts {

    private final InvoiceRepository invoices;

    public CaseFacts(InvoiceRepository invoices) {
        this.invoices = invoices;
    }

    /** The customer of the case (null when neither the invoice nor a copy names one). */
    public String customerId(VariableScope scope) {
        return invoice(scope).map(Invoice::customerId).orElseGet(() -> {
            Object copy = scope.getVariable(CUSTOMER_ID);
            return copy == null ? null : copy.toString();
        });
    }

    /**
     * How often the case entered a stage (0 before its first entry): the stage entry the notices' outbox keys, the
     * fees keyed like them and the field visit count name. Counted on the invoice ({@link Invoice#stageEntries},
     * issue 18: one runtime variable less per open case). A case started before that keeps counting in its
     * {@code stageEntryNumber} variable ({@code cases.StageTracker}), so the variable is read first where the case or
     * the process it called has it; the processes a case calls get it as an input
     * ({@code ${caseFacts.stageEntry(execution)}}).
     */
    public int stageEntry(VariableScope scope) {
        if (scope.getVariable(STAGE_ENTRY_NUMBER) instanceof Number entries) {
            return entries.intValue();
        }
        return invoice(scope).map(Invoice::stageEntries).orElse(0);
    }

    /** The invoice of the case: by the business key, else by the {@code invoiceNumber} variable. */
    private Optional<Invoice> invoice(VariableScope scope) {
        String businessKey = businessKey(scope);
        Optional<Invoice> invoice = businessKey == null ? Optional.empty() : invoices.find(businessKey);
        if (invoice.isEmpty() && scope.getVariable(INVOICE_NUMBER) instanceof String number
            && !number.equals(businessKey)) {
            invoice = invoices.find(number);
        }
        return invoice;
    }

    private static String businessKey(VariableScope scope) {
        if (scope instanceof DelegateExecution execution) {
            return execution.getProcessBusinessKey();
        }
        if (scope instanceof DelegateTask task && task.getExecution() != null) {
            return task.getExecution().getProcessBusinessKey();
        }
        return null;
    }
}
