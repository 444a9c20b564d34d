package com.collectwise.agreements;

import static com.collectwise.agreements.AgreementVariables.*;
import static com.collectwise.kernel.CaseVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Close kept agreement": after the last instalment, and when the payments settle the invoice before the plan runs
 * out (Message_PlanPaidOff): the interest of the plan waived if so agreed, the invoice settled when it owes nothing.
 * Both tasks of that name run this one bean; its former second name {@code closePaidOffAgreementDelegate} stays an
 * alias for cases on earlier model versions ({@code supervision.DelegateNamesOfEarlierVersions}).
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
