package com.collectwise.cases;

import static com.collectwise.cases.CaseVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Record visit report": the visit and whom the field collector met go into the case file. */
@Component("recordVisitReportDelegate")
public class RecordVisitReportDelegate implements JavaDelegate {

    private final ContactLog contacts;
    private final BusinessClock clock;
    private final OverdueCauses causes;

    public RecordVisitReportDelegate(ContactLog contacts, BusinessClock clock, OverdueCauses causes) {
        this.contacts = contacts;
        this.clock = clock;
        this.causes = causes;
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
        // why the customer pays late, as the field collector saw it (an unknown code is not made up into one)
        Object cause = execution.getVariable(CustomerCalls.OVERDUE_CAUSE);
        OverdueCause.parse(cause == null ? null : cause.toString()).ifPresent(c -> causes.record(
            (String) execution.getVariable(INVOICE_NUMBER), (String) execution.getVariable(CUSTOMER_ID),
            OverdueCauses.VISIT, c, CurrentUser.idOr(execution, null), clock.now()));
    }
}
