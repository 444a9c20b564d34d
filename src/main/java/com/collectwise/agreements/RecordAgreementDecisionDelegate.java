package com.collectwise.agreements;

import static com.collectwise.agreements.AgreementVariables.*;
import static com.collectwise.kernel.CaseVariables.*;

import com.collectwise.kernel.CurrentUser;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Record approval decision": the supervisor's decision on the agreement. */
@Component("recordAgreementDecisionDelegate")
public class RecordAgreementDecisionDelegate implements JavaDelegate {

    private final AgreementService service;

    public RecordAgreementDecisionDelegate(AgreementService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        boolean approved = "APPROVE".equals(execution.getVariable(AGREEMENT_DECISION));
        String by = CurrentUser.idOr(execution, null);
        service.decide(agreementId(execution), approved, by);
        if (!approved) {
            execution.setVariable(AGREEMENT_OUTCOME, Agreement.REJECTED);
        }
    }
}
