package com.collectwise.agreements;

import static com.collectwise.agreements.AgreementVariables.*;
import static com.collectwise.kernel.CaseVariables.*;

import com.collectwise.kernel.BusinessClock;
import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Send payment demand": the period ends after the configured days; checked when its bank feed is in. */
@Component("sendPaymentDemandDelegate")
public class SendPaymentDemandDelegate implements JavaDelegate {

    private final AgreementService service;
    private final BusinessClock clock;

    public SendPaymentDemandDelegate(AgreementService service, BusinessClock clock) {
        this.service = service;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        LocalDate until = service.demand(agreementId(execution), currentInstalment(execution));
        execution.setVariable(DEMAND_CHECK_AT, checkAt(clock, service.checkDay(agreementId(execution), until)));
    }
}
