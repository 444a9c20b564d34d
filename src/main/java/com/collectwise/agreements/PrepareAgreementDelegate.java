package com.collectwise.agreements;

import static com.collectwise.agreements.AgreementVariables.*;
import static com.collectwise.kernel.CaseVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Prepare agreement": does a supervisor have to approve it? */
@Component("prepareAgreementDelegate")
public class PrepareAgreementDelegate implements JavaDelegate {

    private final AgreementService service;

    public PrepareAgreementDelegate(AgreementService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Agreement a = service.find(agreementId(execution));
        AgreementService.ApprovalJudgement judged = service.judge(a);
        execution.setVariable(AGREEMENT_NEEDS_APPROVAL, judged.needsApproval());
        if (judged.customerPlansTotal() != null) {
            // the figure judged against the limit, shown on the approval task (agreementTotal is this plan's)
            execution.setVariable(CUSTOMER_PLANS_TOTAL, judged.customerPlansTotal().toPlainString());
        }
        execution.setVariable(AGREEMENT_TOTAL, a.total().doubleValue());
        execution.setVariable(AGREEMENT_WAIVES_INTEREST, a.waiveInterest());
        execution.setVariable(INSTALMENT_COUNT, a.instalments().size());
        execution.setVariable(CURRENT_INSTALMENT, 1);
        execution.setVariable(PLAN_SETTLED_INVOICE, false);
    }
}
