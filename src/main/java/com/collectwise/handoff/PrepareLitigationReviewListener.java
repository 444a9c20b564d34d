package com.collectwise.handoff;

import static com.collectwise.cases.CaseVariables.*;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import com.collectwise.cases.CaseFigures;
import com.collectwise.cases.StageTracker;

/** Shows legal the court fee, the lawyer estimate, the net and the limitation date before deciding to sue. */
@Component("prepareLitigationReviewListener")
public class PrepareLitigationReviewListener implements TaskListener {

    private final CaseFigures figures;
    private final CostBenefit costBenefit;
    private final StageTracker stageTracker;

    public PrepareLitigationReviewListener(CaseFigures figures, CostBenefit costBenefit, StageTracker stageTracker) {
        this.figures = figures;
        this.costBenefit = costBenefit;
        this.stageTracker = stageTracker;
    }

    @Override
    public void notify(DelegateTask task) {
        CaseFigures.Figures today = figures.today((String) task.getVariable(INVOICE_NUMBER));
        stageTracker.refreshFigures(task.getExecution());
        task.setVariable(LITIGATION_COST_BENEFIT, costBenefit.litigation(today.invoice(), today.statement()));
    }
}
