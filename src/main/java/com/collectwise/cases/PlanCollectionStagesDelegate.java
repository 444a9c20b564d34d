package com.collectwise.cases;

import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.CasePlan;
import com.collectwise.kernel.CasePlans;
import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.InvoiceRepository;
import com.collectwise.kernel.Stage;
import static com.collectwise.kernel.CaseVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Plan collection stages": the policy days the decision put into {@code casePlan} become timer dates and the entry
 * stage, in the same variable (one row per case instead of one per value, measured by the benchmark in bench/). A
 * case that starts after formal demand shows the stage it goes into from here on ({@link StageTracker#show}).
 */
@Component("planCollectionStagesDelegate")
public class PlanCollectionStagesDelegate implements JavaDelegate {

    private final InvoiceRepository invoices;
    private final CollectionPlanner planner;
    private final CasePlans plans;
    private final BusinessClock clock;
    private final StageTracker stages;
    private final EntryStages entryStages;

    public PlanCollectionStagesDelegate(InvoiceRepository invoices, CollectionPlanner planner, CasePlans plans,
                                        BusinessClock clock, StageTracker stages, EntryStages entryStages) {
        this.stages = stages;
        this.entryStages = entryStages;
        this.invoices = invoices;
        this.planner = planner;
        this.plans = plans;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String invoiceNumber = (String) execution.getVariable(INVOICE_NUMBER);
        Invoice invoice = invoices.find(invoiceNumber)
            .orElseThrow(() -> new IllegalStateException("Invoice " + invoiceNumber + " does not exist"));
        CasePlan decided = plans.of(execution);
        CollectionPolicy policy = new CollectionPolicy(decided.preDueReminderDays(), decided.formalDemandDays(),
            decided.fieldVisitDays(), decided.agencyDays());
        // the days are dates now: the plan keeps the dates only
        CollectionPlan plan = planner.plan(invoice.dueDate(), policy, clock.nowZoned());
        plans.write(execution, PlanVariables.with(decided, plan));
        // a case that starts after formal demand gets the formal letter first, in a job of its own: until its stage
        // is entered the case shows the stage it goes into, not the PRE_DUE it was registered with
        if (plan.entryStage().compareTo(Stage.FORMAL_DEMAND) > 0) {
            stages.show(execution, entryStages.goesInto(invoice, plan.entryStage()));
        }
        // brokenPromise is not set here: the call task's preparation defaults it to false (CallCustomerListener)
    }
}
