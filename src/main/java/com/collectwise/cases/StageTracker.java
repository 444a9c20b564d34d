package com.collectwise.cases;

import com.collectwise.kernel.CaseStageEntered;
import com.collectwise.fees.CaseFigures;
import com.collectwise.kernel.CaseEngine;
import com.collectwise.kernel.InvoiceRepository;
import com.collectwise.kernel.Stage;
import static com.collectwise.kernel.CaseVariables.*;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/**
 * A case enters a stage ({@link EnterStageListener}, the start listener of every stage sub-process): the stage
 * is kept in the process variable (Cockpit, Tasklist) and in the invoice (API, reports), the invoice counts the
 * entry (the stage entry of the outbox keys, {@code kernel.CaseFacts#stageEntry}), and the displayed figures are
 * refreshed.
 */
@Component
public class StageTracker {

    private final InvoiceRepository invoices;
    private final CaseFigures figures;
    private final org.springframework.context.ApplicationEventPublisher events;

    public StageTracker(InvoiceRepository invoices, CaseFigures figures,
                        org.springframework.context.ApplicationEventPublisher events) {
        this.invoices = invoices;
        this.figures = figures;
        this.events = events;
    }

    public void enter(VariableScope execution, Stage entered) {
        String invoiceNumber = (String) execution.getVariable(INVOICE_NUMBER);
        // the entry is counted on the invoice in the stage's own UPDATE (kernel.CaseFacts#stageEntry); a case started
        // before that counts on in its variable, which the readers prefer
        // the stage's UPDATE also names the case on the invoice (no second UPDATE at a case start)
        invoices.enterStage(invoiceNumber, entered, caseOf(execution));
        if (execution.getVariable(STAGE_ENTRY_NUMBER) instanceof Number entries) {
            execution.setVariable(STAGE_ENTRY_NUMBER, entries.intValue() + 1);
        }
        execution.setVariable(STAGE, entered.name());
        refreshFigures(execution);
        events.publishEvent(new CaseStageEntered(invoiceNumber, entered));
    }

    /** The collection case (process instance) a stage is entered by; null when not run by a collection case. */
    public static String caseOf(VariableScope scope) {
        // by the definition's key (from the deployment cache): a definition id is "key:version:uuid" only when that
        // fits in 64 characters, which Process_ReceivableCollection's does not
        if (scope instanceof org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity execution
            && execution.getProcessDefinition() != null
            && PROCESS_COLLECTION.equals(execution.getProcessDefinition().getKey())) {
            return execution.getProcessInstanceId();
        }
        return null;
    }

    /**
     * The case is on its way into {@code stage} but not in it yet: it starts after formal demand, and "Send formal
     * letter first" (an asynchronous job) runs before the stage's sub-process starts. From now on the invoice (API,
     * reports, customer file, credit status) and the {@code stage} variable (Cockpit, Tasklist) show that stage, so
     * that whoever reads the case right after its registration sees the stage it is in. Nothing else happens here:
     * the stage is entered, with its entry number (the letters' outbox keys), {@link CaseStageEntered} and fresh
     * figures, by {@link #enter} when its sub-process starts.
     */
    public void show(VariableScope execution, Stage stage) {
        invoices.updateStage((String) execution.getVariable(INVOICE_NUMBER), stage);
        execution.setVariable(STAGE, stage.name());
    }

    /** Writes today's outstanding amount and days overdue into the case's display variables. */
    public void refreshFigures(VariableScope scope) {
        CaseFigures.Figures today = figures.today((String) scope.getVariable(INVOICE_NUMBER));
        CaseEngine.showFigures(scope, today.outstanding(), today.daysOverdue());
    }
}
