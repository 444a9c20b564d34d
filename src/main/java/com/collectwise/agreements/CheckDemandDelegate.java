package com.collectwise.agreements;

import static com.collectwise.agreements.AgreementVariables.*;
import static com.collectwise.kernel.CaseVariables.*;

import com.collectwise.kernel.BusinessClock;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Check payments within the demand period": judged by value date; met, the plan goes on. A demand that went out later
 * than written, or has not gone out, waits (demandVerdict WAITING, the timer set again).
 */
@Component("checkDemandDelegate")
public class CheckDemandDelegate implements JavaDelegate {

    private final AgreementService service;
    private final BusinessClock clock;

    public CheckDemandDelegate(AgreementService service, BusinessClock clock) {
        this.service = service;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        int seq = currentInstalment(execution);
        AgreementService.DemandCheck check = service.checkDemand(agreementId(execution), seq);
        boolean met = check.verdict() == AgreementService.DemandVerdict.MET;
        execution.setVariable(DEMAND_VERDICT, check.verdict().name());
        execution.setVariable(DEMAND_MET, met); // the models before the verdict (no waiting) read this
        if (check.verdict() == AgreementService.DemandVerdict.WAITING) {
            // the demand went out later than written, or has not gone out: no acceleration before its own period ends
            execution.setVariable(DEMAND_CHECK_AT, checkAt(clock, check.checkOn()));
        } else if (met) {
            nextInstalment(execution, seq);
        } else {
            execution.setVariable(ACCELERATION_REASON, execution.getVariable(ACCELERATION_REASON)
                + " and were not paid within the period of the payment demand");
        }
    }
}
