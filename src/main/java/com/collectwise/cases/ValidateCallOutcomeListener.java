package com.collectwise.cases;

import java.util.List;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Refuses to complete a call whose outcome cannot be acted on (a promise without amount or with a past
 * date): the exception rolls the completion back, the task stays open and Tasklist shows the message.
 */
@Component("validateCallOutcomeListener")
public class ValidateCallOutcomeListener implements TaskListener {

    private final BusinessClock clock;

    public ValidateCallOutcomeListener(BusinessClock clock) {
        this.clock = clock;
    }

    @Override
    public void notify(DelegateTask task) {
        List<String> problems = CallOutcomeForm.read(task).problems(clock.today());
        if (!problems.isEmpty()) {
            throw new ProcessEngineException("The call cannot be saved: " + String.join("; ", problems) + ".");
        }
    }
}
