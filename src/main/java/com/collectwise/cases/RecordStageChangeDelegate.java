package com.collectwise.cases;

import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.CaseFacts;
import com.collectwise.kernel.CasePlan;
import com.collectwise.kernel.CasePlans;
import com.collectwise.kernel.ContactEntry;
import com.collectwise.kernel.ContactLog;
import com.collectwise.kernel.Stage;
import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.InvoiceRepository;
import com.collectwise.limitation.LimitationService;
import static com.collectwise.kernel.CaseVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Record stage change": notes who moved the case and why, and restarts the collection in the requested
 * stage with deadlines that give that stage its full length.
 */
@Component("recordStageChangeDelegate")
public class RecordStageChangeDelegate implements JavaDelegate {

    private final ContactLog contacts;
    private final CollectionPlanner planner;
    private final CasePlans plans;
    private final BusinessClock clock;
    private final CaseFacts facts;

    private final InvoiceRepository invoices;
    private final LimitationService limitation;

    public RecordStageChangeDelegate(ContactLog contacts, CollectionPlanner planner, CasePlans plans,
                                     BusinessClock clock, CaseFacts facts, InvoiceRepository invoices,
                                     LimitationService limitation) {
        this.invoices = invoices;
        this.limitation = limitation;
        this.facts = facts;
        this.contacts = contacts;
        this.planner = planner;
        this.plans = plans;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Stage target = StageChange.target(execution.getVariable(TARGET_STAGE));
        String from = (String) execution.getVariable(STAGE);
        String by = (String) execution.getVariable(STAGE_CHANGE_REQUESTED_BY);
        contacts.append(new ContactEntry(null, (String) execution.getVariable(INVOICE_NUMBER),
            facts.customerId(execution), "NOTE", clock.now(), by, null, "STAGE_CHANGE",
            "Moved from " + from + " to " + target + (by == null ? "" : " by " + by) + ": "
                + execution.getVariable(STAGE_CHANGE_REASON) + timeBarred(execution, target), null, null));
        CasePlan casePlan = plans.of(execution);
        CollectionPlan plan = PlanVariables.read(casePlan, clock.zone());
        plans.write(execution, PlanVariables.with(casePlan, planner.replanFor(plan, target, clock.nowZoned())));
    }

    /**
     * A move to the agency asked for by a message of its own (the Tasklist start refuses it): the case goes to legal
     * review ("Check limitation date"), and the note says so.
     */
    private String timeBarred(DelegateExecution execution, Stage target) {
        if (target != Stage.AGENCY) {
            return "";
        }
        Invoice invoice = invoices.find((String) execution.getVariable(INVOICE_NUMBER)).orElse(null);
        if (invoice == null || !limitation.timeBarred(invoice, clock.today())) {
            return "";
        }
        return ". The claim is time-barred since " + limitation.limitationDate(invoice, clock.today())
            + " (its limitation date): legal review instead of the agency.";
    }
}
