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
        execution.setVariable(AGREEMENT_NEEDS_APPROVAL, service.needsApproval(a));
        execution.setVariable(AGREEMENT_TOTAL, a.total().doubleValue());
        execution.setVariable(AGREEMENT_WAIVES_INTEREST, a.waiveInterest());
        execution.setVariable(INSTALMENT_COUNT, a.instalments().size());
        execution.setVariable(CURRENT_INSTALMENT, 1);
        execution.setVariable(PLAN_SETTLED_INVOICE, false);
    }
}
