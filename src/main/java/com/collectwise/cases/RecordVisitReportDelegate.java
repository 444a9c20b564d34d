package com.collectwise.cases;

import com.collectwise.kernel.FormAmount;
import com.collectwise.kernel.FormDate;
import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.CaseFacts;
import com.collectwise.kernel.ContactEntry;
import com.collectwise.kernel.ContactLog;
import com.collectwise.kernel.CurrentUser;
import static com.collectwise.kernel.CaseVariables.*;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import com.collectwise.agreements.AcknowledgementService;

/**
 * "Record visit report": the visit and whom the field collector met go into the case file. A payment promised
 * at the visit is a promise like one made on the phone: stored with its amount and date, checked the morning
 * after the grace days ({@code promiseId}, {@code promiseCheckAt}), and an acknowledgement of the debt.
 */
@Component("recordVisitReportDelegate")
public class RecordVisitReportDelegate implements JavaDelegate {

    static final String PROMISED_PAYMENT = "PROMISED_PAYMENT";

    private final ContactLog contacts;
    private final PromiseBook promises;
    private final AcknowledgementService acknowledgements;
    private final BusinessClock clock;
    private final OverdueCauses causes;
    private final FormFactsListener facts;
    private final CaseFacts caseFacts;

    public RecordVisitReportDelegate(ContactLog contacts, PromiseBook promises,
                                     AcknowledgementService acknowledgements, BusinessClock clock,
                                     OverdueCauses causes, FormFactsListener facts, CaseFacts caseFacts) {
        this.caseFacts = caseFacts;
        this.facts = facts;
        this.contacts = contacts;
        this.promises = promises;
        this.acknowledgements = acknowledgements;
        this.clock = clock;
        this.causes = causes;
    }

    @Override
    public void execute(DelegateExecution execution) {
        boolean met = Boolean.TRUE.equals(execution.getVariable(DECISION_MAKER_MET));
        String customerId = caseFacts.customerId(execution);
        // a case started before issue 18, step 5 keeps a copy; newer ones had it on the visit task only
        String decisionMaker = execution.hasVariable(DECISION_MAKER) ? (String) execution.getVariable(DECISION_MAKER)
            : facts.decisionMaker(customerId);
        String invoiceNumber = (String) execution.getVariable(INVOICE_NUMBER);
        String outcome = (String) execution.getVariable(VISIT_OUTCOME);
        boolean promise = PROMISED_PAYMENT.equals(outcome);
        BigDecimal amount = promise ? FormAmount.of(execution.getVariable(PROMISED_AMOUNT)) : null;
        LocalDate date = promise ? FormDate.of(execution.getVariable(PROMISED_DATE), clock.zone()) : null;
        if (promise) {
            refuseUnusable(amount, date, execution.getVariable(CURRENCY));
        }
        // the model routes on it ("Was the decision maker met?"): an unticked box is a no, not a missing answer
        execution.setVariable(DECISION_MAKER_MET, met);
        String visitor = CurrentUser.idOr(execution, null);
        contacts.append(new ContactEntry(null, invoiceNumber, customerId, "VISIT",
            clock.now(), visitor, met ? decisionMaker : null, outcome,
            (met ? "Decision maker met. " : "Decision maker not met. ") + execution.getVariable(VISIT_REPORT),
            amount, date));
        // why the customer pays late, as the field collector saw it (an unknown code is not made up into one)
        Object cause = execution.getVariable(CustomerCalls.OVERDUE_CAUSE);
        OverdueCause.parse(cause == null ? null : cause.toString()).ifPresent(c -> causes.record(
            (String) execution.getVariable(INVOICE_NUMBER), customerId,
            OverdueCauses.VISIT, c, CurrentUser.idOr(execution, null), clock.now()));
        if (promise) {
            String currency = (String) execution.getVariable(CURRENCY);
            long id = promises.open(invoiceNumber, amount, currency, date, "Promised at a field visit", visitor,
                clock.now());
            // as on the phone: the grace days end with the last grace day; the check runs the morning after
            ZonedDateTime checkAt = date.plusDays(promises.graceDays() + 1L).atTime(CollectionPlanner.START_OF_DAY)
                .atZone(clock.zone());
            acknowledgements.record(invoiceNumber, clock.today(), AcknowledgementService.PROMISE);
            execution.setVariable(PROMISE_ID, id);
            execution.setVariable(PROMISE_CHECK_AT, PlanVariables.iso(checkAt));
            // a promise pauses dunning: the contact beside the visit ends (Event_PaymentPromisedAtVisit)
            execution.setVariable(PROMISE_MADE_AT_VISIT, true);
        }
    }

    /** A promise the case cannot check is refused: the visit task stays open and Tasklist shows why. */
    private void refuseUnusable(BigDecimal amount, LocalDate date, Object currency) {
        List<String> problems = new ArrayList<>();
        if (amount == null || amount.signum() <= 0) {
            problems.add("enter the promised amount");
        } else {
            String minorUnit = FormAmount.problem("the promised amount", amount, currency);
            if (minorUnit != null) {
                problems.add(minorUnit);
            }
        }
        if (date == null) {
            problems.add("enter the promised date");
        } else if (date.isBefore(clock.today())) {
            problems.add("the promised date " + date + " is in the past");
        } else if (date.isAfter(PromiseDates.latest(clock.today()))) {
            // as on the phone and over the API: a promise is kept short, a longer delay is an instalment plan
            problems.add("the promised date " + date + " is more than a year ahead (at the latest "
                + PromiseDates.latest(clock.today()) + "; a longer delay is an instalment plan)");
        }
        if (!problems.isEmpty()) {
            throw new ProcessEngineException("The visit report cannot be saved: " + String.join("; ", problems) + ".");
        }
    }
}
