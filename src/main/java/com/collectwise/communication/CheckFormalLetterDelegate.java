package com.collectwise.communication;

import static com.collectwise.kernel.CaseVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.TypedValue;
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

    /**
     * The answer is for the gateway right after this task ("Was a formal letter sent?"), in the same transaction: a
     * transient variable, never written (issue 18, step 5: one row less per case that starts after formal demand; the
     * path the case took tells the answer afterwards). A case started on an earlier model version keeps its stored
     * variable, which the engine does not let a transient value replace: it is updated instead.
     */
    @Override
    public void execute(DelegateExecution execution) {
        String invoiceNumber = (String) execution.getVariable(INVOICE_NUMBER);
        boolean sent = documents.forInvoice(invoiceNumber).stream()
            .anyMatch(d -> DunningLetterService.KIND.equals(d.kind()));
        TypedValue stored = execution.getVariableTyped(FORMAL_LETTER_SENT);
        execution.setVariable(FORMAL_LETTER_SENT, stored != null && !stored.isTransient()
            ? Variables.booleanValue(sent) : Variables.booleanValue(sent, true));
    }
}
