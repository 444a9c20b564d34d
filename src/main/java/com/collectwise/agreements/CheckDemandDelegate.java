package com.collectwise.agreements;

import static com.collectwise.agreements.AgreementVariables.*;
import static com.collectwise.kernel.CaseVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Check payments within the demand period": judged by value date; met, the plan goes on. */
@Component("checkDemandDelegate")
public class CheckDemandDelegate implements JavaDelegate {

    private final AgreementService service;

    public CheckDemandDelegate(AgreementService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        int seq = currentInstalment(execution);
        boolean met = service.demandMet(agreementId(execution), seq);
        execution.setVariable(DEMAND_MET, met);
        if (met) {
            nextInstalment(execution, seq);
        } else {
            execution.setVariable(ACCELERATION_REASON, execution.getVariable(ACCELERATION_REASON)
                + " and were not paid within the period of the payment demand");
        }
    }
}
