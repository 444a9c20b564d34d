package com.collectwise.cases;

import com.collectwise.fees.CaseFigures;
import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.CaseFacts;
import com.collectwise.kernel.CaseEngine;
import com.collectwise.kernel.Invoice;
import static com.collectwise.kernel.CaseVariables.*;

import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import com.collectwise.communication.CaseWatch;
import com.collectwise.communication.DangerSignals;
import com.collectwise.kernel.ContactLog;
import com.collectwise.disputes.DisputeService;

/**
 * The listener of "Call customer" ({@code Task_CallCustomer}, in the collection stages and in *Keep in contact*).
 * On create it prepares the task: fresh figures, the contact history, the objection playbook, a clean outcome form,
 * and the follow-up date at the next call slot so "My calls today" lists it, joining the customer's call of that day
 * ({@link CustomerCalls}), and the due date at the end of the case's contact window (22:00 on the 5th working day after
 * its last contact attempt, DOMAIN.md 3; {@link CallSchedule#endOfContactWindow}). On complete it checks the outcome ({@link CallOutcomeCheck}). Cases on model versions
 * before this name complete through its former names {@code prepareCallListener} (create) and
 * {@code validateCallOutcomeListener} (complete), aliases of this bean
 * ({@code supervision.ListenerNamesOfEarlierVersions}).
 */
@Component("callCustomerListener")
public class CallCustomerListener implements TaskListener {

    /** The outcome of the previous call must not be pre-filled into the next one. */
    static final List<String> CALL_FIELDS = List.of(CALL_OUTCOME, REACHED_PERSON, DEBTOR_TACTIC, PROMISED_AMOUNT,
        PROMISED_DATE, CALL_NOTE, INSTALMENT_COUNT, FIRST_INSTALMENT_DATE, DISPUTE_CATEGORY, DISPUTED_AMOUNT,
        DISPUTE_DESCRIPTION, CustomerCalls.OVERDUE_CAUSE, CustomerCalls.DISPUTED_INVOICE, CustomerCalls.INSTALMENT_INVOICES,
        CustomerCalls.COVERED_BY_CALL,
        CustomerCalls.CALL_MADE_AT);
    /** Payment habits and open disputes shown on the call form. */
    static final String PROMISES_KEPT = "promisesKept";
    static final String PROMISES_BROKEN = "promisesBroken";
    static final String OPEN_DISPUTED_AMOUNT = "openDisputedAmount";

    private final StageTracker stageTracker;
    private final ContactHistory history;
    private final ObjectionPlaybook playbook;
    private final CallSchedule schedule;
    private final BusinessClock clock;
    private final PromiseBook promises;
    private final DisputeService disputes;
    private final CaseFigures figures;
    private final org.camunda.bpm.engine.TaskService tasks;
    private final CustomerCalls customerCalls;
    private final CallFormWords words;
    private final CallOutcomeCheck outcomeCheck;
    private final CaseFacts caseFacts;
    private final DangerSignals dangerSignals;
    private final ContactLog contacts;

    public CallCustomerListener(StageTracker stageTracker, ContactHistory history, ObjectionPlaybook playbook,
                                CallSchedule schedule, BusinessClock clock, PromiseBook promises,
                                DisputeService disputes, CaseFigures figures, CustomerCalls customerCalls,
                                org.camunda.bpm.engine.TaskService tasks, CallFormWords words,
                                CallOutcomeCheck outcomeCheck, CaseFacts caseFacts, DangerSignals dangerSignals,
                                ContactLog contacts) {
        this.contacts = contacts;
        this.dangerSignals = dangerSignals;
        this.caseFacts = caseFacts;
        this.words = words;
        this.outcomeCheck = outcomeCheck;
        this.tasks = tasks;
        this.customerCalls = customerCalls;
        this.promises = promises;
        this.disputes = disputes;
        this.figures = figures;
        this.stageTracker = stageTracker;
        this.history = history;
        this.playbook = playbook;
        this.schedule = schedule;
        this.clock = clock;
    }

    @Override
    public void notify(DelegateTask task) {
        switch (task.getEventName()) {
            case EVENTNAME_CREATE -> prepare(task);
            case EVENTNAME_COMPLETE -> check(task);
            default -> throw new IllegalStateException("Call customer has no " + task.getEventName() + " listener");
        }
    }

    /** The exception rolls the completion back: the task stays open and Tasklist shows why. */
    private void check(DelegateTask task) {
        boolean lead = task.getVariableLocal(CustomerCalls.COVERED_BY) == null;
        CallOutcomeCheck.CallTask call = new CallOutcomeCheck.CallTask((String) task.getVariable(INVOICE_NUMBER),
            String.valueOf(caseFacts.customerId(task)), task.getVariable(CURRENCY),
            task.getVariable(CustomerCalls.DISPUTED_INVOICE), task.getVariable(CustomerCalls.COVERED_BY_CALL) != null,
            lead && task.getVariableLocal(CustomerCalls.CALL_DAY) != null,
            CustomerCalls.invoiceList(task.getVariable(CustomerCalls.INSTALMENT_INVOICES)));
        outcomeCheck.refusal(CallOutcomeForm.read(task), call).ifPresent(refusal -> {
            throw new ProcessEngineException(refusal);
        });
    }

    private void prepare(DelegateTask task) {
        CALL_FIELDS.forEach(task.getExecution()::removeVariable);
        stageTracker.refreshFigures(task.getExecution());
        String invoiceNumber = (String) task.getVariable(INVOICE_NUMBER);
        // the collector asks only for the undisputed part; the disputed part waits for the dispute's outcome
        Invoice invoice = figures.today(invoiceNumber).invoice();
        java.math.BigDecimal disputed = disputes.disputed(invoiceNumber);
        task.setVariable(OPEN_DISPUTED_AMOUNT, CaseEngine.toNumber(disputed));
        // what the collector says on the phone, exact and with the currency's decimals ("3,451.70"), kept on the
        // task: outstandingAmount stays the case's whole outstanding total, as Cockpit and the API show it
        task.setVariableLocal(AMOUNT_TO_COLLECT, customerCalls.amountToCollect(invoice));
        PromiseBook.Habits habits = promises.habits(invoice.customerId());
        task.setVariable(PROMISES_KEPT, habits.kept());
        task.setVariable(PROMISES_BROKEN, habits.broken());
        // ranked by the customer's danger signals from the start (a new finance contact, broken promises...), as the
        // customer's open calls were when the signal was recorded; the case watch keeps re-ranking them
        task.setPriority(dangerSignals.assess(invoice.customerId(), clock.now()).priority());
        // the collector calls the customer, not the invoice: every contact and promise of the customer is shown
        task.setVariable(CONTACT_HISTORY, history.lastContactsOfCustomer(invoice.customerId(), clock.zone()));
        task.setVariableLocal(CustomerCalls.CUSTOMER_PROMISES, promises.ofCustomer(invoice.customerId()));
        task.setVariable(OBJECTION_PLAYBOOK, playbook.asMarkdown(words));
        task.setVariableLocal(ObjectionPlaybook.PRINCIPLES_VARIABLE, words.principles());
        if (task.getVariable(BROKEN_PROMISE) == null) {
            task.setVariable(BROKEN_PROMISE, false);
        }
        Object planned = task.getVariable(NEXT_CALL_AT);
        ZonedDateTime slot = schedule.slotOfCallOpening(planned instanceof String iso && !iso.isBlank()
            ? ZonedDateTime.parse(iso) : null, clock.nowZoned());
        task.setFollowUpDate(Date.from(customerCalls.join(task, slot).toInstant()));
        // due at the end of the case's contact window (DOMAIN.md 3): Tasklist sorts and colours by it, and the
        // "Overdue tasks" filter lists the call once the window has passed without a contact attempt
        contacts.contactWindowStart(invoiceNumber, clock.zone()).ifPresent(start -> task.setDueDate(Date.from(
            schedule.endOfContactWindow(start, CaseWatch.GAP_WORKING_DAYS, clock.zone()).toInstant())));
    }
}
