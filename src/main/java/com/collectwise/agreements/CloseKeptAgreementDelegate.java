package com.collectwise.agreements;

import static com.collectwise.agreements.AgreementVariables.*;
import static com.collectwise.kernel.CaseVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Close kept agreement" after the last instalment: the interest of the plan waived if so agreed, the
 * invoice settled when it owes nothing.
 */
@Component("closeKeptAgreementDelegate")
public class CloseKeptAgreementDelegate implements JavaDelegate {

    private final AgreementService service;

    public CloseKeptAgreementDelegate(AgreementService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariable(PLAN_SETTLED_INVOICE, service.kept(agreementId(execution)));
        execution.setVariable(AGREEMENT_OUTCOME, Agreement.KEPT);
    }
}
