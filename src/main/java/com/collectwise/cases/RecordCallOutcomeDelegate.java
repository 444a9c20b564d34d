package com.collectwise.cases;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import com.collectwise.fees.CaseFigures;

/** "Record call outcome": the call goes into the case file; the model waits for the promise or the next slot. */
@Component("recordCallOutcomeDelegate")
public class RecordCallOutcomeDelegate implements JavaDelegate {

    private final CallOutcomeRecorder recorder;
    private final CaseFigures figures;

    public RecordCallOutcomeDelegate(CallOutcomeRecorder recorder, CaseFigures figures) {
        this.recorder = recorder;
        this.figures = figures;
    }

    @Override
    public void execute(DelegateExecution execution) {
        CallOutcomeVariables.record(recorder, figures, execution);
    }
}
