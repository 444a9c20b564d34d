package com.collectwise.cases;

import com.collectwise.kernel.FormAmount;
import com.collectwise.kernel.Stage;
import static com.collectwise.kernel.CaseVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Sell receivable" to the buyer finance named, at the agreed price. */
@Component("sellReceivableDelegate")
public class SellReceivableDelegate implements JavaDelegate {

    private final CaseClosing closing;

    public SellReceivableDelegate(CaseClosing closing) {
        this.closing = closing;
    }

    @Override
    public void execute(DelegateExecution execution) {
        closing.sell((String) execution.getVariable(INVOICE_NUMBER), (String) execution.getVariable(BUYER),
            FormAmount.of(execution.getVariable(SALE_PRICE)), (String) execution.getVariable(DECISION_REASON),
            approver(execution));
        execution.setVariable(STAGE, Stage.CLOSED.name());
    }

    private static String approver(DelegateExecution execution) {
        Object approver = execution.getVariable(APPROVED_BY);
        return approver == null ? "finance" : approver.toString();
    }
}
