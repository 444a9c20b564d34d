package com.collectwise.handoff;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import com.collectwise.kernel.CaseFacts;
import com.collectwise.kernel.CaseVariables;
import com.collectwise.communication.NoticeContext;

/** "Hand case to legal": the case data goes to the legal department (or the external lawyer) to file suit. */
@Component("handCaseToLegalDelegate")
public class HandCaseToLegalDelegate implements JavaDelegate {

    private final NoticeContext context;
    private final CaseFacts facts;
    private final Handoffs handoffs;

    public HandCaseToLegalDelegate(NoticeContext context, Handoffs handoffs, CaseFacts facts) {
        this.facts = facts;
        this.context = context;
        this.handoffs = handoffs;
    }

    @Override
    public void execute(DelegateExecution execution) {
        NoticeContext.Case c = context.of((String) execution.getVariable(CaseVariables.INVOICE_NUMBER),
            facts.stageEntry(execution));
        handoffs.toLegal(c.figures().invoice(), c.customer(), c.figures().statement(), c.stageEntry(), c.disputed());
    }
}
