package com.collectwise.agreements;

import static com.collectwise.agreements.AgreementVariables.*;
import static com.collectwise.kernel.CaseVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Accelerate remainder". */
@Component("accelerateAgreementDelegate")
public class AccelerateAgreementDelegate implements JavaDelegate {

    private final AgreementService service;

    public AccelerateAgreementDelegate(AgreementService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        service.accelerate(agreementId(execution), (String) execution.getVariable(ACCELERATION_REASON));
        execution.setVariable(AGREEMENT_OUTCOME, Agreement.ACCELERATED);
    }
}
