package com.collectwise.handoff;

import static com.collectwise.kernel.CaseVariables.*;

import java.time.LocalDate;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.FormDate;

/** "Record suit": the filing legal entered goes to the case file; it restarts the limitation period. */
@Component("recordSuitDelegate")
public class RecordSuitDelegate implements JavaDelegate {

    private final Lawsuits lawsuits;
    private final BusinessClock clock;

    public RecordSuitDelegate(Lawsuits lawsuits, BusinessClock clock) {
        this.lawsuits = lawsuits;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Object entered = execution.getVariable(SUIT_FILED_ON);
        LocalDate filedOn = FormDate.of(entered, clock.zone());
        if (filedOn == null) {
            throw new ProcessEngineException("The suit cannot be recorded: enter the date it was filed (yyyy-MM-dd), not '"
                + entered + "'.");
        }
        lawsuits.filed((String) execution.getVariable(INVOICE_NUMBER), filedOn,
            (String) execution.getVariable(COURT), (String) execution.getVariable(COURT_CASE_REFERENCE));
    }
}
