package com.collectwise.cases;

import com.collectwise.fees.CaseFigures;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Record call outcome" of a follow-up call in Process_KeepInContact: as {@link RecordCallOutcomeDelegate}. */
@Component("recordFollowUpCallOutcomeDelegate")
public class RecordFollowUpCallOutcomeDelegate implements JavaDelegate {

    private final CallOutcomeRecorder recorder;
    private final CaseFigures figures;

    public RecordFollowUpCallOutcomeDelegate(CallOutcomeRecorder recorder, CaseFigures figures) {
        this.recorder = recorder;
        this.figures = figures;
    }

    @Override
    public void execute(DelegateExecution execution) {
        CallOutcomeVariables.record(recorder, figures, execution);
    }
}
