package com.collectwise.agreements;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Start listener of "Agree instalment plan" in the main case: escalation stands still while the plan runs
 * (see {@link EscalationPause#pause}).
 */
@Component("pauseEscalationListener")
public class PauseEscalationListener implements ExecutionListener {

    private final EscalationPause pause;

    public PauseEscalationListener(EscalationPause pause) {
        this.pause = pause;
    }

    @Override
    public void notify(DelegateExecution execution) {
        pause.pause(execution);
    }
}
