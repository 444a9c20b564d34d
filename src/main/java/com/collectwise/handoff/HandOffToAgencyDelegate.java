package com.collectwise.handoff;

import static com.collectwise.cases.CaseVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import com.collectwise.communication.NoticeContext;

/** "Hand off to agency": the n-th mandate for this case; n is counted in the case so a retry keeps it. */
@Component("handOffToAgencyDelegate")
public class HandOffToAgencyDelegate implements JavaDelegate {

    private final NoticeContext context;
    private final Handoffs handoffs;

    public HandOffToAgencyDelegate(NoticeContext context, Handoffs handoffs) {
        this.context = context;
        this.handoffs = handoffs;
    }

    @Override
    public void execute(DelegateExecution execution) {
        NoticeContext.Case c = context.of(execution);
        Object previous = execution.getVariable(AGENCY_HANDOFF_NUMBER);
        int number = previous == null ? 1 : ((Number) previous).intValue() + 1;
        handoffs.toAgency(c.figures().invoice(), c.customer(), c.figures().statement(), number);
        execution.setVariable(AGENCY_HANDOFF_NUMBER, number);
    }
}
