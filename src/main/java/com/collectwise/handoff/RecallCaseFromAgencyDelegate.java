package com.collectwise.handoff;

import static com.collectwise.cases.CaseVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import com.collectwise.cases.CaseFigures;

/** "Recall case from agency" when the mandate has run out. */
@Component("recallCaseFromAgencyDelegate")
public class RecallCaseFromAgencyDelegate implements JavaDelegate {

    private final CaseFigures figures;
    private final Handoffs handoffs;

    public RecallCaseFromAgencyDelegate(CaseFigures figures, Handoffs handoffs) {
        this.figures = figures;
        this.handoffs = handoffs;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Object number = execution.getVariable(AGENCY_HANDOFF_NUMBER);
        handoffs.recallFromAgency(figures.today((String) execution.getVariable(INVOICE_NUMBER)).invoice(),
            number == null ? 1 : ((Number) number).intValue(), "the mandate has expired");
    }
}
