package com.collectwise.agreements;

import static com.collectwise.agreements.AgreementVariables.*;
import static com.collectwise.kernel.CaseVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Check instalment": PAID or BEHIND (less than a fifth unpaid) go on to the next instalment, DEMAND sends the
 * customer a payment demand.
 */
@Component("checkInstalmentDelegate")
public class CheckInstalmentDelegate implements JavaDelegate {

    private final AgreementService service;

    public CheckInstalmentDelegate(AgreementService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        int seq = currentInstalment(execution);
        Acceleration.Check check = service.check(agreementId(execution), seq);
        execution.setVariable(INSTALMENT_VERDICT, check.verdict().name());
        if (check.verdict() == Acceleration.Verdict.DEMAND) {
            execution.setVariable(ACCELERATION_REASON, check.reason());
        } else {
            nextInstalment(execution, seq);
        }
    }
}
