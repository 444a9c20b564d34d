package com.collectwise.cases;

import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.ContactEntry;
import com.collectwise.kernel.ContactLog;
import com.collectwise.kernel.CurrentUser;
import static com.collectwise.kernel.CaseVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Record visit report": the visit and whom the field collector met go into the case file. */
@Component("recordVisitReportDelegate")
public class RecordVisitReportDelegate implements JavaDelegate {

    private final ContactLog contacts;
    private final BusinessClock clock;

    public RecordVisitReportDelegate(ContactLog contacts, BusinessClock clock) {
        this.contacts = contacts;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        boolean met = Boolean.TRUE.equals(execution.getVariable(DECISION_MAKER_MET));
        String decisionMaker = (String) execution.getVariable(DECISION_MAKER);
        contacts.append(new ContactEntry(null, (String) execution.getVariable(INVOICE_NUMBER),
            (String) execution.getVariable(CUSTOMER_ID), "VISIT", clock.now(), CurrentUser.idOr(execution, null),
            met ? decisionMaker : null, (String) execution.getVariable(VISIT_OUTCOME),
            (met ? "Decision maker met. " : "Decision maker not met. ") + execution.getVariable(VISIT_REPORT),
            null, null));
    }
}
