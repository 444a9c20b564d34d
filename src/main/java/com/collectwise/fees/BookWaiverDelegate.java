package com.collectwise.fees;

import static com.collectwise.kernel.CaseVariables.*;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.CaseEngine;
import com.collectwise.kernel.CaseFiguresChanged;
import org.springframework.context.ApplicationEventPublisher;

/**
 * "Book waiver": books the approved reduction on the day of approval, in the approval's transaction, with the
 * approver the task listener recorded ({@link ApproveWaiverListener}), and refreshes the running case's
 * outstanding amount so Cockpit, the call form and the API agree.
 */
@Component("bookWaiverDelegate")
public class BookWaiverDelegate implements JavaDelegate {

    private final WaiverRequests waivers;
    private final BusinessClock clock;
    private final CaseFigures figures;
    private final ApplicationEventPublisher events;

    public BookWaiverDelegate(WaiverRequests waivers, BusinessClock clock, CaseFigures figures,
                              ApplicationEventPublisher events) {
        this.figures = figures;
        this.events = events;
        this.waivers = waivers;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        try {
            waivers.book((String) execution.getVariable(INVOICE_NUMBER), execution.getVariable(WAIVER_COMPONENT),
                execution.getVariable(WAIVER_AMOUNT), (String) execution.getVariable(WAIVER_REASON),
                (String) execution.getVariable(APPROVED_BY), clock.today());
        } catch (WaiverRefusedException e) {
            throw new ProcessEngineException(e.getMessage(), e);
        }
        // Cockpit and the call form show the case's display copy of the total: it must not keep the old figure
        String invoiceNumber = (String) execution.getVariable(INVOICE_NUMBER);
        RuntimeService runtime = execution.getProcessEngineServices().getRuntimeService();
        ProcessInstance collection = runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS_COLLECTION)
            .processInstanceBusinessKey(invoiceNumber).singleResult();
        if (collection != null) {
            runtime.setVariable(collection.getId(), OUTSTANDING_AMOUNT,
                CaseEngine.toNumber(figures.today(invoiceNumber).outstanding()));
            events.publishEvent(new CaseFiguresChanged(invoiceNumber));
        }
    }
}
