package com.collectwise.communication;

import static com.collectwise.kernel.CaseVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Look up formal letters": whether a formal dunning letter was ever stored for the invoice. A case that starts
 * (import) or is moved into a stage after formal demand gets the letter first when it has none: the letter is
 * the evidence of demand.
 */
@Component("checkFormalLetterDelegate")
public class CheckFormalLetterDelegate implements JavaDelegate {

    private final DocumentRepository documents;

    public CheckFormalLetterDelegate(DocumentRepository documents) {
        this.documents = documents;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String invoiceNumber = (String) execution.getVariable(INVOICE_NUMBER);
        execution.setVariable(FORMAL_LETTER_SENT, documents.forInvoice(invoiceNumber).stream()
            .anyMatch(d -> DunningLetterService.KIND.equals(d.kind())));
    }
}
