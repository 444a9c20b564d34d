package com.collectwise.handoff;

import static com.collectwise.cases.CaseVariables.*;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import com.collectwise.cases.CaseFigures;
import com.collectwise.cases.StageTracker;

/** Shows the supervisor what the agency costs against what it may bring, on today's figures. */
@Component("prepareAgencyApprovalListener")
public class PrepareAgencyApprovalListener implements TaskListener {

    private final CaseFigures figures;
    private final CostBenefit costBenefit;
    private final StageTracker stageTracker;

    public PrepareAgencyApprovalListener(CaseFigures figures, CostBenefit costBenefit, StageTracker stageTracker) {
        this.figures = figures;
        this.costBenefit = costBenefit;
        this.stageTracker = stageTracker;
    }

    @Override
    public void notify(DelegateTask task) {
        CaseFigures.Figures today = figures.today((String) task.getVariable(INVOICE_NUMBER));
        stageTracker.refreshFigures(task.getExecution());
        task.setVariable(AGENCY_COST_BENEFIT, costBenefit.agency(today.invoice(), today.statement()));
    }
}
