package com.collectwise.cases;

import com.collectwise.disputes.Dispute;
import com.collectwise.disputes.DisputeService;
import com.collectwise.kernel.CaseFacts;
import com.collectwise.kernel.Stage;
import static com.collectwise.kernel.CaseVariables.*;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Close settled case". The case ends, and with it everything running inside it, the disputes being decided
 * included: a dispute still open when the invoice is paid in full (the customer paid under protest) is still the
 * customer's claim, so it goes on as a Process_Dispute of its own (the same business key, "Resolve dispute" due
 * when its service level from the day it was raised ends). Accepted, its credit note makes the money paid for it
 * the customer's credit; rejected, nothing changes.
 */
@Component("closeSettledCaseDelegate")
public class CloseSettledCaseDelegate implements JavaDelegate {

    private final CaseClosing closing;
    private final DisputeService disputes;
    private final CaseFacts caseFacts;

    public CloseSettledCaseDelegate(CaseClosing closing, DisputeService disputes, CaseFacts caseFacts) {
        this.closing = closing;
        this.disputes = disputes;
        this.caseFacts = caseFacts;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String invoiceNumber = (String) execution.getVariable(INVOICE_NUMBER);
        closing.settled(invoiceNumber);
        execution.setVariable(STAGE, Stage.CLOSED.name());
        continueOpenDisputes(execution, invoiceNumber);
    }

    private void continueOpenDisputes(DelegateExecution execution, String invoiceNumber) {
        if (!disputes.anyOpen(invoiceNumber)) {
            return;
        }
        var open = disputes.forInvoice(invoiceNumber).stream().filter(d -> Dispute.OPEN.equals(d.status())).toList();
        RuntimeService runtime = execution.getProcessEngineServices().getRuntimeService();
        // the disputes the case called were ended with it; one running on its own already (a case reopened by a
        // bounce and settled again) is not started twice
        Set<Long> running = runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS_DISPUTE)
            .processInstanceBusinessKey(invoiceNumber).active().list().stream()
            .map(p -> runtime.getVariable(p.getId(), DISPUTE_ID))
            .filter(Number.class::isInstance).map(n -> ((Number) n).longValue()).collect(Collectors.toSet());
        for (Dispute d : open) {
            if (running.contains(d.id())) {
                continue;
            }
            Map<String, Object> variables = new HashMap<>();
            variables.put(INVOICE_NUMBER, invoiceNumber);
            variables.put(CUSTOMER_ID, caseFacts.customerId(execution));
            variables.put(CUSTOMER_NAME, execution.getVariable(CUSTOMER_NAME));
            variables.put(CURRENCY, execution.getVariable(CURRENCY));
            variables.put(DISPUTE_ID, d.id());
            runtime.startProcessInstanceByKey(PROCESS_DISPUTE, invoiceNumber, variables);
        }
    }
}
