package com.collectwise.cases;

import com.collectwise.kernel.Stage;
import static com.collectwise.kernel.CaseVariables.*;

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
        closing.writeOff((String) execution.getVariable(INVOICE_NUMBER), (String) execution.getVariable(DECISION_REASON),
            approver(execution));
        execution.setVariable(STAGE, Stage.CLOSED.name());
    }

    private static String approver(DelegateExecution execution) {
        Object approver = execution.getVariable(APPROVED_BY);
        return approver == null ? "finance" : approver.toString();
    }
}
