package com.collectwise.cases;

import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.InvoiceRepository;
import static com.collectwise.kernel.CaseVariables.*;

import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Plan collection stages": policy days from the DMN become timer dates and the entry stage. */
@Component("planCollectionStagesDelegate")
public class PlanCollectionStagesDelegate implements JavaDelegate {

    private final InvoiceRepository invoices;
    private final CollectionPlanner planner;
    private final BusinessClock clock;

    public PlanCollectionStagesDelegate(InvoiceRepository invoices, CollectionPlanner planner, BusinessClock clock) {
        this.invoices = invoices;
        this.planner = planner;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String invoiceNumber = (String) execution.getVariable(INVOICE_NUMBER);
        Invoice invoice = invoices.find(invoiceNumber)
            .orElseThrow(() -> new IllegalStateException("Invoice " + invoiceNumber + " does not exist"));
        CollectionPolicy policy = new CollectionPolicy(days(execution, PRE_DUE_REMINDER_DAYS),
            days(execution, FORMAL_DEMAND_DAYS), days(execution, FIELD_VISIT_DAYS), days(execution, AGENCY_DAYS));
        PlanVariables.write(execution, planner.plan(invoice.dueDate(), policy, clock.nowZoned()));
        execution.setVariable(BROKEN_PROMISE, false);
        // the days are now dates in the plan; dropped in the transaction that set them, they are never written
        // (bench/results/TUNING.md, change 3)
        execution.removeVariables(List.of(PRE_DUE_REMINDER_DAYS, FORMAL_DEMAND_DAYS, FIELD_VISIT_DAYS, AGENCY_DAYS));
    }

    private static int days(DelegateExecution execution, String name) {
        return ((Number) execution.getVariable(name)).intValue();
    }
}
