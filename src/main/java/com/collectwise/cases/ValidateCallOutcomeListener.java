package com.collectwise.cases;

import java.util.List;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import com.collectwise.communication.ContactPolicy;

/**
 * Refuses to complete a call whose outcome cannot be acted on (a promise without amount or with a past
 * date): the exception rolls the completion back, the task stays open and Tasklist shows the message.
 */
@Component("validateCallOutcomeListener")
public class ValidateCallOutcomeListener implements TaskListener {

    private final BusinessClock clock;
    private final ContactPolicy contactPolicy;

    public ValidateCallOutcomeListener(BusinessClock clock, ContactPolicy contactPolicy) {
        this.clock = clock;
        this.contactPolicy = contactPolicy;
    }

    @Override
    public void notify(DelegateTask task) {
        List<String> problems = new java.util.ArrayList<>(CallOutcomeForm.read(task).problems(clock.today()));
        if ("NO_ANSWER".equals(String.valueOf(task.getVariable(CaseVariables.CALL_OUTCOME)))) {
            String refusal = contactPolicy.refuseUnansweredAttempt(
                String.valueOf(task.getVariable(CaseVariables.CUSTOMER_ID)), clock.today(), clock.zone());
            if (refusal != null) {
                problems.add(refusal);
            }
        }
        if (!problems.isEmpty()) {
            throw new ProcessEngineException("The call cannot be saved: " + String.join("; ", problems) + ".");
        }
    }
}
