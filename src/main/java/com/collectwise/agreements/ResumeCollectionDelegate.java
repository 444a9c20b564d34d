package com.collectwise.agreements;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Resume collection" in the main case, after the plan ended: see {@link EscalationPause#resume}. */
@Component("resumeCollectionDelegate")
public class ResumeCollectionDelegate implements JavaDelegate {

    private final EscalationPause pause;

    public ResumeCollectionDelegate(EscalationPause pause) {
        this.pause = pause;
    }

    @Override
    public void execute(DelegateExecution execution) {
        pause.resume(execution);
    }
}
