package com.collectwise.handoff;

import static com.collectwise.kernel.CaseVariables.*;

import java.time.LocalDate;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Record suit": the filing legal entered goes to the case file; it restarts the limitation period. */
@Component("recordSuitDelegate")
public class RecordSuitDelegate implements JavaDelegate {

    private final Lawsuits lawsuits;

    public RecordSuitDelegate(Lawsuits lawsuits) {
        this.lawsuits = lawsuits;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Object filedOn = execution.getVariable(SUIT_FILED_ON);
        lawsuits.filed((String) execution.getVariable(INVOICE_NUMBER), LocalDate.parse(filedOn.toString().substring(0, 10)),
            (String) execution.getVariable(COURT), (String) execution.getVariable(COURT_CASE_REFERENCE));
    }
}
