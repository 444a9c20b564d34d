package com.collectwise.cases;

import static com.collectwise.kernel.CaseVariables.*;

import com.collectwise.kernel.Stage;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Close settled case" after a kept instalment plan settled the invoice: as {@link CloseSettledCaseDelegate}. */
@Component("closePlanSettledCaseDelegate")
public class ClosePlanSettledCaseDelegate implements JavaDelegate {

    private final CaseClosing closing;

    public ClosePlanSettledCaseDelegate(CaseClosing closing) {
        this.closing = closing;
    }

    @Override
    public void execute(DelegateExecution execution) {
        closing.settled((String) execution.getVariable(INVOICE_NUMBER));
        execution.setVariable(STAGE, Stage.CLOSED.name());
    }
}
