package com.collectwise.agreements;

import static com.collectwise.agreements.AgreementVariables.*;
import static com.collectwise.kernel.CaseVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Close kept agreement" when the plan is paid off before its last instalment (Message_PlanPaidOff): as
 * {@link CloseKeptAgreementDelegate}.
 */
@Component("closePaidOffAgreementDelegate")
public class ClosePaidOffAgreementDelegate implements JavaDelegate {

    private final AgreementService service;

    public ClosePaidOffAgreementDelegate(AgreementService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariable(PLAN_SETTLED_INVOICE, service.kept(agreementId(execution)));
        execution.setVariable(AGREEMENT_OUTCOME, Agreement.KEPT);
    }
}
