package com.collectwise.agreements;

import static com.collectwise.agreements.AgreementVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Remind customer of instalment". */
@Component("sendInstalmentReminderDelegate")
public class SendInstalmentReminderDelegate implements JavaDelegate {

    private final AgreementService service;

    public SendInstalmentReminderDelegate(AgreementService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        service.remind(agreementId(execution), currentInstalment(execution));
    }
}
