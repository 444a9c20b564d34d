package com.collectwise.handoff;

import static com.collectwise.kernel.CaseVariables.*;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import com.collectwise.disputes.DisputeService;
import com.collectwise.fees.CaseFigures;
import com.collectwise.kernel.CaseEngine;

/**
 * Shows the supervisor what the agency costs against what it may bring, on today's figures.
 * <p>
 * The create listener of {@code Task_ApproveAgencyHandoff}; cases on model versions before this name reach it as
 * {@code prepareAgencyApprovalListener} (an alias, {@code supervision.ListenerNamesOfEarlierVersions}).
 */
@Component("approveAgencyHandoffListener")
public class ApproveAgencyHandoffListener implements TaskListener {

    private final CaseFigures figures;
    private final CostBenefit costBenefit;
    private final DisputeService disputes;
    /** The words of the screen language (cases.HandoffFormWords); English when no wording is provided. */
    private final CostBenefit.Words words;

    public ApproveAgencyHandoffListener(CaseFigures figures, CostBenefit costBenefit, DisputeService disputes,
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
        task.setVariable(AGENCY_COST_BENEFIT, words.agency(costBenefit.agencyFigures(today.invoice(), today.statement(),
            disputes.part(today.invoice(), today.statement().asOf()))));
    }
}
