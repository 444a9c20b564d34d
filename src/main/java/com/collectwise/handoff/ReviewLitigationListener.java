package com.collectwise.handoff;

import static com.collectwise.kernel.CaseVariables.*;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import com.collectwise.disputes.DisputeService;
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
    private final DisputeService disputes;
    /** The words of the screen language (cases.HandoffFormWords); English when no wording is provided. */
    private final CostBenefit.Words words;

    public ReviewLitigationListener(CaseFigures figures, CostBenefit costBenefit, DisputeService disputes,
                       org.springframework.beans.factory.ObjectProvider<CostBenefit.Words> words) {
        this.figures = figures;
        this.costBenefit = costBenefit;
        this.disputes = disputes;
        this.words = words.getIfAvailable(() -> CostBenefit.Words.ENGLISH);
    }

    @Override
    public void notify(DelegateTask task) {
        CaseFigures.Figures today = figures.today((String) task.getExecution().getVariable(INVOICE_NUMBER));
        CaseEngine.showFigures(task.getExecution(), today.outstanding(), today.daysOverdue());
        task.setVariable(LITIGATION_COST_BENEFIT, words.litigation(costBenefit.litigationFigures(today.invoice(), today.statement(),
            disputes.part(today.invoice(), today.statement().asOf()))));
    }
}
