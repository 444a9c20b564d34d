package com.collectwise.agreements;

import static com.collectwise.kernel.CaseVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Start listener of "Agree instalment plan" in the main case: escalation stands still while the plan runs; the case
 * keeps when and in which stage it paused (see {@link EscalationPause}).
 */
@Component("pauseEscalationListener")
public class PauseEscalationListener implements ExecutionListener {

    private final EscalationPause pause;
    private final org.springframework.context.ApplicationEventPublisher events;

    public PauseEscalationListener(EscalationPause pause, org.springframework.context.ApplicationEventPublisher events) {
        this.pause = pause;
        this.events = events;
    }

    @Override
    public void notify(DelegateExecution execution) {
        execution.setVariable(ESCALATION_PAUSED_AT, pause.pausedAt());
        execution.setVariable(PAUSED_STAGE, execution.getVariable(STAGE));
        // the plan interrupted the stage's work (the agency's too): whoever works the case outside is told
        events.publishEvent(new com.collectwise.kernel.EscalationPaused(execution.getProcessBusinessKey()));
    }
}
