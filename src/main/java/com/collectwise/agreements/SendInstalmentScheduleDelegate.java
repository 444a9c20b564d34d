package com.collectwise.agreements;

import static com.collectwise.agreements.AgreementVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Send schedule to customer": the plan becomes active. */
@Component("sendInstalmentScheduleDelegate")
public class SendInstalmentScheduleDelegate implements JavaDelegate {

    private final AgreementService service;

    public SendInstalmentScheduleDelegate(AgreementService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        service.activate(agreementId(execution));
    }
}
