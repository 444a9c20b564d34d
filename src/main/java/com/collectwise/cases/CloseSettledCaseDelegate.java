package com.collectwise.cases;

import com.collectwise.kernel.Stage;
import static com.collectwise.kernel.CaseVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Close settled case". */
@Component("closeSettledCaseDelegate")
public class CloseSettledCaseDelegate implements JavaDelegate {

    private final CaseClosing closing;

    public CloseSettledCaseDelegate(CaseClosing closing) {
        this.closing = closing;
    }

    @Override
    public void execute(DelegateExecution execution) {
        closing.settled((String) execution.getVariable(INVOICE_NUMBER));
        execution.setVariable(STAGE, Stage.CLOSED.name());
    }
}
