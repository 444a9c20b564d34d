package com.collectwise.agreements;

import static com.collectwise.kernel.CaseVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import com.collectwise.kernel.CaseFacts;
import com.collectwise.kernel.CasePlan;
import com.collectwise.kernel.CasePlans;

/**
 * "Resume collection" in the main case, after the plan ended: the later deadlines move by the pause and the case
 * re-enters the stage it paused in (see {@link EscalationPause#resume}).
 */
@Component("resumeCollectionDelegate")
public class ResumeCollectionDelegate implements JavaDelegate {

    private final EscalationPause pause;
    private final CasePlans plans;
    private final CaseFacts facts;

    public ResumeCollectionDelegate(EscalationPause pause, CasePlans plans, CaseFacts facts) {
        this.facts = facts;
        this.pause = pause;
        this.plans = plans;
    }

    @Override
    public void execute(DelegateExecution execution) {
        CasePlan resumed = pause.resume(plans.of(execution), (String) execution.getVariable(ESCALATION_PAUSED_AT),
            (String) execution.getVariable(PAUSED_STAGE), (String) execution.getVariable(INVOICE_NUMBER),
            facts.customerId(execution), execution.getVariable(AGREEMENT_OUTCOME));
        plans.write(execution, resumed);
    }
}
