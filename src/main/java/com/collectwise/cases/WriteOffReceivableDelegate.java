package com.collectwise.cases;

import static com.collectwise.cases.CaseVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Write off receivable", as finance approved it. */
@Component("writeOffReceivableDelegate")
public class WriteOffReceivableDelegate implements JavaDelegate {

    private final CaseClosing closing;

    public WriteOffReceivableDelegate(CaseClosing closing) {
        this.closing = closing;
    }

    @Override
    public void execute(DelegateExecution execution) {
        closing.writeOff((String) execution.getVariable(INVOICE_NUMBER), (String) execution.getVariable(DECISION_REASON));
        execution.setVariable(STAGE, Stage.CLOSED.name());
    }
}
