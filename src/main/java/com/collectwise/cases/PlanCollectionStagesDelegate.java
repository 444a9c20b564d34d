package com.collectwise.cases;

import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.CasePlan;
import com.collectwise.kernel.CasePlans;
import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.InvoiceRepository;
import static com.collectwise.kernel.CaseVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Plan collection stages": the policy days the decision put into {@code casePlan} become timer dates and the entry
 * stage, in the same variable (one row per case instead of one per value, measured by the benchmark in bench/).
 */
@Component("planCollectionStagesDelegate")
public class PlanCollectionStagesDelegate implements JavaDelegate {

    private final InvoiceRepository invoices;
    private final CollectionPlanner planner;
    private final CasePlans plans;
    private final BusinessClock clock;

    public PlanCollectionStagesDelegate(InvoiceRepository invoices, CollectionPlanner planner, CasePlans plans,
                                        BusinessClock clock) {
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
        plans.write(execution, PlanVariables.with(decided, planner.plan(invoice.dueDate(), policy, clock.nowZoned())));
        // brokenPromise is not set here: the call task's preparation defaults it to false (CallCustomerListener)
    }
}
