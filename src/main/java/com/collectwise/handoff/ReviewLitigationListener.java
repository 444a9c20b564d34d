package com.collectwise.handoff;

import static com.collectwise.kernel.CaseVariables.*;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import com.collectwise.fees.CaseFigures;
import com.collectwise.kernel.CaseEngine;

/**
 * Shows legal the court fee, the lawyer estimate, the net and the limitation date before deciding to sue.
 * <p>
 * The create listener of {@code Task_ReviewLitigation}; cases on model versions before this name reach it as
 * {@code prepareLitigationReviewListener} (an alias, {@code supervision.ListenerNamesOfEarlierVersions}).
 */
@Component("reviewLitigationListener")
public class ReviewLitigationListener implements TaskListener {

    private final CaseFigures figures;
    private final CostBenefit costBenefit;

    public ReviewLitigationListener(CaseFigures figures, CostBenefit costBenefit) {
        this.figures = figures;
        this.costBenefit = costBenefit;
    }

    @Override
    public void notify(DelegateTask task) {
        CaseFigures.Figures today = figures.today((String) task.getExecution().getVariable(INVOICE_NUMBER));
        CaseEngine.showFigures(task.getExecution(), today.outstanding(), today.daysOverdue());
        task.setVariable(LITIGATION_COST_BENEFIT, costBenefit.litigation(today.invoice(), today.statement()));
    }
}
