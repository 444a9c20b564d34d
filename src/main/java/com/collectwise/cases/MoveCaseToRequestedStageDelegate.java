package com.collectwise.cases;

import com.collectwise.kernel.CaseStatus;
import com.collectwise.kernel.CurrentUser;
import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.InvoiceRepository;
import com.collectwise.kernel.Stage;
import com.collectwise.kernel.BusinessClock;
import com.collectwise.limitation.LimitationService;

import java.time.LocalDate;

import static com.collectwise.kernel.CaseVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/**
 * "Move case to requested stage" (Process_MoveCaseToStage): hands the supervisor's request to the running
 * case. Runs inside the start of the request, so a refusal fails the start with a readable message.
 */
@Component("moveCaseToRequestedStageDelegate")
public class MoveCaseToRequestedStageDelegate implements JavaDelegate {

    private final InvoiceRepository invoices;
    private final LimitationService limitation;
    private final BusinessClock clock;

    public MoveCaseToRequestedStageDelegate(InvoiceRepository invoices, LimitationService limitation,
                                            BusinessClock clock) {
        this.invoices = invoices;
        this.limitation = limitation;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String invoiceNumber = ((String) execution.getVariable(INVOICE_NUMBER)).trim();
        Stage target = StageChange.target(execution.getVariable(TARGET_STAGE));
        Object reason = execution.getVariable(STAGE_CHANGE_REASON);
        if (reason == null || reason.toString().isBlank()) {
            throw new StageChangeRefusedException("Say why the case should move to " + target + ".");
        }
        Invoice invoice = invoices.find(invoiceNumber).orElseThrow(
            () -> new StageChangeRefusedException("There is no case for invoice " + invoiceNumber + "."));
        if (invoice.status() != CaseStatus.OPEN) {
            throw new StageChangeRefusedException("The case of invoice " + invoiceNumber + " is closed ("
                + invoice.status() + ") and cannot move.");
        }
        // a claim past its limitation date is not handed to an agency (DOMAIN.md 2 and 7): "Check limitation date"
        // would send it to legal review anyway; the supervisor is told why at once, and nothing moves
        if (target == Stage.AGENCY && limitation.timeBarred(invoice, clock.today())) {
            LocalDate date = limitation.limitationDate(invoice, clock.today());
            throw new StageChangeRefusedException("The claim of invoice " + invoiceNumber + " is time-barred since "
                + date + " (its limitation date): it is not handed to an agency. Move it to LITIGATION for legal"
                + " review.");
        }
        ProcessInstance running = execution.getProcessEngineServices().getRuntimeService()
            .createProcessInstanceQuery().processDefinitionKey(PROCESS_COLLECTION)
            .processInstanceBusinessKey(invoiceNumber).singleResult();
        if (running == null) {
            throw new StageChangeRefusedException("The case of invoice " + invoiceNumber + " is not running.");
        }
        execution.getProcessEngineServices().getRuntimeService().createMessageCorrelation(MSG_STAGE_CHANGE)
            .processInstanceId(running.getId())
            .setVariable(TARGET_STAGE, target.name())
            .setVariable(STAGE_CHANGE_REASON, reason.toString())
            .setVariable(STAGE_CHANGE_REQUESTED_BY, CurrentUser.idOr(execution, null))
            .correlate();
    }
}
