package com.collectwise.cases;

import com.collectwise.fees.CaseFigures;
import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.CaseFacts;
import com.collectwise.kernel.CaseFiguresChanged;
import com.collectwise.kernel.CurrentUser;
import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.InvoiceRepository;
import com.collectwise.kernel.PaymentBooked;
import static com.collectwise.kernel.CaseVariables.*;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.collectwise.customers.CustomerRepository;
import com.collectwise.disputes.DisputeService;

/**
 * One call per customer per day (DOMAIN.md section 1): collectors work customers, not invoices.
 *
 * <p>Every case still plans its own "Call customer" task (the models stay per invoice), but the first call task of a
 * customer for a call day <em>leads</em> that day's call and the others are <em>covered</em> by it: they lose their
 * assignee (so "My calls today" lists the customer once) and wait. The lead's form lists every open invoice of the
 * customer. When the lead is completed, its outcome is recorded on each covered case by completing their tasks
 * with the same answers ({@link CoveredCallPlan} splits a promise); a call task planned for a day whose call was
 * already made moves to the next call slot. If the lead disappears unanswered (its case settled or moved on), the
 * next covered task takes over.
 *
 * <p>When money moves (a part payment, a waiver), the open call tasks of the case show the new amount to collect and
 * the customer's open lead calls list today's figures ({@code PaymentBooked}, {@code CaseFiguresChanged}).
 *
 * <p>Concurrency: each step first locks the customer's row, so two cases planning a call at the same moment, or a
 * case planning one while the lead is completed, see each other's work (the same lock serializes the customer's
 * payments). The call day row makes it idempotent: a lead is completed once, a completed day is never called again.
 */
@Service
public class CustomerCalls {

    /** Task-local: the call day (ISO date) a call task belongs to. */
    public static final String CALL_DAY = "callDay";
    /** Task-local, on covered tasks only: the id of the call task that leads the customer's call that day. */
    public static final String COVERED_BY = "callCoveredBy";
    /** Set when a covered case's call is completed by the lead's: the lead's invoice number. */
    public static final String COVERED_BY_CALL = "coveredByCall";
    /** The moment of the customer's call (ISO instant): every case it covered logs the same contact time. */
    public static final String CALL_MADE_AT = "callMadeAt";
    /** Task-local on the lead: the customer's open invoices as a markdown table for the call form. */
    public static final String CUSTOMER_INVOICES = "customerInvoices";
    /** What the whole call asks for: the undisputed amounts of the invoices it covers, per currency. */
    public static final String CALL_TOTAL = "callTotal";
    /** Task-local on the lead: the customer's promises, open and recent. */
    public static final String CUSTOMER_PROMISES = "customerPromises";
    /**
     * Task-local on the lead: whether the customer has a case at formal demand or later (the letter was sent, the
     * customer is on credit hold): the call form then states the contact rules after the letter (DOMAIN.md 2).
     */
    public static final String AFTER_FORMAL_LETTER = "afterFormalLetter";
    /** Form field: the invoice a dispute raised on a customer call is about (default: the lead's). */
    public static final String DISPUTED_INVOICE = "disputedInvoice";
    /**
     * Form field: the invoices the customer asks instalments for (invoice numbers from the form's list, separated by
     * commas or spaces); empty: every invoice of the call. Each gets a plan of its own (Process_InstalmentAgreement,
     * with its approval rules); the others are still collected.
     */
    public static final String INSTALMENT_INVOICES = "instalmentInvoices";
    /** Form field: why the customer pays late ({@link OverdueCause}). */
    public static final String OVERDUE_CAUSE = "overdueCause";

    static final String OPEN = "OPEN";
    static final String DONE = "DONE";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE;

    record CallDay(String customerId, LocalDate day, String leadTaskId, String leadInvoice, String status) {
    }

    private final JdbcClient jdbc;
    private final CaseFigures figures;
    private final DisputeService disputes;
    private final InvoiceRepository invoices;
    private final CallSchedule schedule;
    private final BusinessClock clock;

    private final CallFormWords words;
    private final CustomerRepository customers;
    private final TaskService taskService;
    private final org.springframework.beans.factory.ObjectProvider<com.collectwise.kernel.CaseEngine> cases;
    private final CaseFacts caseFacts;
    private final com.collectwise.kernel.ContactLog contactLog;
    private final org.springframework.beans.factory.ObjectProvider<CaseRequestService> requests;
    private final com.collectwise.customers.CallWorkers callWorkers;

    public CustomerCalls(JdbcClient jdbc, CaseFigures figures, DisputeService disputes, InvoiceRepository invoices,
                         CallSchedule schedule, BusinessClock clock, CallFormWords words,
                         CustomerRepository customers, TaskService taskService,
                         org.springframework.beans.factory.ObjectProvider<com.collectwise.kernel.CaseEngine> cases,
                         CaseFacts caseFacts, com.collectwise.kernel.ContactLog contactLog,
                         org.springframework.beans.factory.ObjectProvider<CaseRequestService> requests,
                         com.collectwise.customers.CallWorkers callWorkers) {
        this.callWorkers = callWorkers;
        this.caseFacts = caseFacts;
        this.contactLog = contactLog;
        this.requests = requests;
        this.taskService = taskService;
        this.cases = cases;
        this.words = words;
        this.customers = customers;
        this.jdbc = jdbc;
        this.figures = figures;
        this.disputes = disputes;
        this.invoices = invoices;
        this.schedule = schedule;
        this.clock = clock;
    }

    /**
     * A call task was created with its follow-up at {@code slot}: it leads the customer's call of that day or is
     * covered by the task that does. @return the slot the task is called at (later when that day's call was made)
     */
    public ZonedDateTime join(DelegateTask task, ZonedDateTime slot) {
        return asEngine(() -> joinDay(task, slot));
    }

    private ZonedDateTime joinDay(DelegateTask task, ZonedDateTime slot) {
        // the invoice's customer: the row the listener read for the figures, before the lock forgets it
        String customerId = caseFacts.customerId(task);
        String invoiceNumber = (String) task.getVariable(INVOICE_NUMBER);
        lockCustomer(customerId);
        TaskService tasks = task.getProcessEngineServices().getTaskService();
        while (true) {
            LocalDate day = slot.toLocalDate();
            Optional<CallDay> found = find(customerId, day);
            if (found.isEmpty()) {
                jdbc.sql("""
                        INSERT INTO customer_call_days (customer_id, call_day, lead_task_id, lead_invoice, status)
                        VALUES (?, ?, ?, ?, 'OPEN')""")
                    .params(customerId, day, task.getId(), invoiceNumber).update();
                task.setVariableLocal(CALL_DAY, DAY.format(day));
                task.setVariablesLocal(sheet(customerId, Set.of(invoiceNumber)));
                return slot;
            }
            CallDay callDay = found.get();
            if (DONE.equals(callDay.status())) {
                // the customer was called that day already: this case is part of the next call
                slot = schedule.nextSlotAfterToday(slot);
                continue;
            }
            task.setVariableLocal(CALL_DAY, DAY.format(day));
            task.setVariableLocal(COVERED_BY, callDay.leadTaskId());
            task.setAssignee(null);
            task.setName("Call customer (covered by the call about invoice " + callDay.leadInvoice() + ")");
            Set<String> covered = new TreeSet<>(coveredInvoices(tasks, callDay.leadTaskId()));
            covered.add(callDay.leadInvoice());
            covered.add(invoiceNumber);
            tasks.setVariablesLocal(callDay.leadTaskId(), sheet(customerId, covered));
            return slot;
        }
    }

    /**
     * A year of the home country's calendar was loaded or replaced (DOMAIN.md 3: calls are made at the slot on a
     * working day): the open calls whose follow-up is at the slot of a day, from today on, that is no working day any
     * more move to the slot of the next working day, with the customer's call of that day (the lead and the calls it
     * covers move together; a call day the customer already has there takes them in). A follow-up somebody changed by
     * hand (not the slot of the task's call day) stays where it was put. A page of at most {@code limit} call days
     * after {@code cursor} (a {@link com.collectwise.kernel.WorkingDayRecount} step).
     */
    public com.collectwise.kernel.WorkingDayRecount.Page calendarChanged(int year, String cursor, int limit) {
        return asEngine(() -> moveCallDaysOffHolidays(year, cursor, limit));
    }

    private com.collectwise.kernel.WorkingDayRecount.Page moveCallDaysOffHolidays(int year, String cursor, int limit) {
        LocalDate today = clock.today();
        LocalDate from = LocalDate.of(year, 1, 1).isBefore(today) ? today : LocalDate.of(year, 1, 1);
        // paged by (day, customer): the cursor is "day/customer" of the last row looked at
        LocalDate afterDay = cursor == null ? from.minusDays(1) : LocalDate.parse(cursor.substring(0, 10));
        String afterCustomer = cursor == null ? "" : cursor.substring(11);
        List<CallDay> open = jdbc.sql("""
                SELECT * FROM customer_call_days WHERE status = 'OPEN' AND call_day BETWEEN ? AND ?
                AND (call_day > ? OR (call_day = ? AND customer_id > ?))
                ORDER BY call_day, customer_id FETCH FIRST ? ROWS ONLY""")
            .params(from, LocalDate.of(year, 12, 31), afterDay, afterDay, afterCustomer, limit)
            .query((rs, n) -> new CallDay(rs.getString("customer_id"), rs.getDate("call_day").toLocalDate(),
                rs.getString("lead_task_id"), rs.getString("lead_invoice"), rs.getString("status"))).list();
        String last = cursor;
        for (CallDay callDay : open) {
            last = callDay.day() + "/" + callDay.customerId();
            if (!schedule.isCallDay(callDay.day())) {
                moveCallDay(callDay);
            }
        }
        return new com.collectwise.kernel.WorkingDayRecount.Page(last, open.size(), open.size() < limit, null);
    }

    private int moveCallDay(CallDay callDay) {
        lockCustomer(callDay.customerId());
        Task lead = taskService.createTaskQuery().taskId(callDay.leadTaskId()).active().singleResult();
        if (lead == null || !atSlotOf(lead, callDay.day())) {
            return 0; // gone, or its follow-up was set by hand: the collector decided when to call
        }
        List<Task> calls = new ArrayList<>();
        calls.add(lead);
        for (Task t : taskService.createTaskQuery().taskVariableValueEquals(COVERED_BY, lead.getId()).active().list()) {
            if (atSlotOf(t, callDay.day())) {
                calls.add(t);
            }
        }
        ZonedDateTime slot = callDay.day().atTime(schedule.slot()).atZone(clock.zone());
        Optional<CallDay> there;
        while (true) {
            slot = schedule.nextSlotAfterToday(slot);
            there = find(callDay.customerId(), slot.toLocalDate());
            if (there.isEmpty() || OPEN.equals(there.get().status())) {
                break;
            }
        }
        LocalDate day = slot.toLocalDate();
        Date followUp = Date.from(slot.toInstant());
        if (there.isEmpty()) {
            jdbc.sql("UPDATE customer_call_days SET call_day = ? WHERE customer_id = ? AND call_day = ?")
                .params(day, callDay.customerId(), callDay.day()).update();
        } else {
            // the customer has a call that day already: it covers these too (one call per customer per day)
            jdbc.sql("DELETE FROM customer_call_days WHERE customer_id = ? AND call_day = ?")
                .params(callDay.customerId(), callDay.day()).update();
        }
        String leadId = there.map(CallDay::leadTaskId).orElse(lead.getId());
        String leadInvoice = there.map(CallDay::leadInvoice).orElse(callDay.leadInvoice());
        Set<String> covered = new TreeSet<>();
        for (Task t : calls) {
            t.setFollowUpDate(followUp);
            if (!t.getId().equals(leadId) && !leadId.equals(taskService.getVariableLocal(t.getId(), COVERED_BY))) {
                t.setAssignee(null);
                t.setName("Call customer (covered by the call about invoice " + leadInvoice + ")");
            }
            taskService.saveTask(t);
            taskService.setVariableLocal(t.getId(), CALL_DAY, DAY.format(day));
            if (!t.getId().equals(leadId)) {
                taskService.setVariableLocal(t.getId(), COVERED_BY, leadId);
            }
        }
        if (there.isPresent()) {
            covered.addAll(coveredInvoices(taskService, leadId));
            covered.add(leadInvoice);
            taskService.setVariablesLocal(leadId, sheet(callDay.customerId(), covered));
        }
        return calls.size();
    }

    /** Whether the task's follow-up is the slot of {@code day}, its call day, as the call's planning set it. */
    private boolean atSlotOf(Task task, LocalDate day) {
        Date followUp = task.getFollowUpDate();
        return followUp != null && day.toString().equals(taskService.getVariableLocal(task.getId(), CALL_DAY))
            && followUp.toInstant().equals(day.atTime(schedule.slot()).atZone(clock.zone()).toInstant());
    }

    /**
     * A call task was completed. The lead's outcome goes onto every case it covered (each covered task is completed
     * with it); a covered task completed on its own is just a call about its invoice.
     */
    public void completed(DelegateTask task) {
        asEngine(() -> {
            passOn(task);
            return null;
        });
    }

    private void passOn(DelegateTask task) {
        // not the lead of an open call day: nothing to pass on (and a recorded day is never redone)
        Optional<CallDay> callDay = openDayLedBy(task);
        if (callDay.isEmpty()) {
            return;
        }
        String customerId = callDay.get().customerId();
        LocalDate day = callDay.get().day();
        CallOutcome call = CallOutcomeForm.read(task);
        String collector = CurrentUser.idOr(task.getExecution(), (String) task.getVariable(COLLECTOR));
        jdbc.sql("""
                UPDATE customer_call_days SET status = 'DONE', outcome = ?, completed_by = ?, completed_at = ?
                WHERE customer_id = ? AND call_day = ? AND status = 'OPEN'""")
            .params(call.outcome(), collector, Timestamp.from(clock.now()), customerId, day).update();

        TaskService tasks = task.getProcessEngineServices().getTaskService();
        List<Task> covered = tasks.createTaskQuery().taskVariableValueEquals(COVERED_BY, task.getId()).active().list();
        java.time.Instant callTime = clock.now();
        String madeAt = callTime.toString();
        task.setVariable(CALL_MADE_AT, madeAt);
        String leadInvoice = (String) task.getVariable(INVOICE_NUMBER);
        Map<String, String> taskOfInvoice = new HashMap<>();
        List<CoveredCallPlan.CoveredCase> cases = new ArrayList<>();
        cases.add(coveredCase(leadInvoice));
        for (Task t : covered) {
            String number = (String) tasks.getVariable(t.getId(), INVOICE_NUMBER);
            taskOfInvoice.put(number, t.getId());
            cases.add(coveredCase(number));
        }
        // the customer's other overdue invoices without a call task today (e.g. at formal demand, whose calls come
        // every few working days): the form lists them and the call is about them too (DOMAIN.md 1: one call per
        // customer per day covers all its open invoices), so the call is recorded on their cases as well
        Set<String> withoutTask = new TreeSet<>();
        for (Invoice open : invoices.findOpenByCustomer(customerId)) {
            String number = open.invoiceNumber();
            if (number.equals(leadInvoice) || taskOfInvoice.containsKey(number) || !talkedAbout(open)
                || (call.isPromise() && !takesPromises(task, number))) {
                continue;
            }
            CoveredCallPlan.CoveredCase c = coveredCase(number);
            if (c.toCollect().signum() > 0) {
                withoutTask.add(number);
                cases.add(c);
            }
        }
        Object disputedInvoice = task.getVariable(DISPUTED_INVOICE);
        if (call.isDispute() && disputedInvoice != null && !disputedInvoice.toString().isBlank()) {
            // the customer may dispute any of its open invoices the form lists (CallOutcomeCheck checked it is one),
            // also one without a call task today, or one not yet due: its case takes the dispute as over the API
            String target = disputedInvoice.toString().trim();
            if (!target.equals(leadInvoice) && !taskOfInvoice.containsKey(target) && !withoutTask.contains(target)) {
                withoutTask.add(target);
                cases.add(coveredCase(target));
            }
        }
        Set<String> planInvoices = call.isInstalmentRequest() ? invoiceList(task.getVariable(INSTALMENT_INVOICES))
            : Set.of();
        for (String asked : planInvoices) {
            // an invoice the customer asks a plan for that the call does not cover otherwise (e.g. not yet due)
            if (!asked.equals(leadInvoice) && !taskOfInvoice.containsKey(asked) && !withoutTask.contains(asked)) {
                withoutTask.add(asked);
                cases.add(coveredCase(asked));
            }
        }
        if (covered.isEmpty() && withoutTask.isEmpty()) {
            return;
        }
        String leadCurrency = cases.get(0).currency();
        for (CoveredCallPlan.CaseOutcome outcome : CoveredCallPlan.split(call, leadInvoice, leadCurrency,
            disputedInvoice == null ? null : disputedInvoice.toString(), planInvoices, cases)) {
            if (outcome.invoiceNumber().equals(leadInvoice)) {
                // the lead's own case records its part after this listener (Task_RecordCallOutcome)
                task.setVariable(CALL_OUTCOME, outcome.outcome());
                task.setVariable(PROMISED_AMOUNT, outcome.promisedAmount() == null ? null
                    : outcome.promisedAmount().toPlainString());
                if (outcome.note() != null) {
                    task.setVariable(CALL_NOTE, join(call.note(), outcome.note()));
                }
                continue;
            }
            if (withoutTask.contains(outcome.invoiceNumber())) {
                recordWithoutTask(call, outcome, leadInvoice, collector, callTime);
                continue;
            }
            Map<String, Object> answers = answers(call, outcome, leadInvoice, madeAt);
            answers.put(DISPUTED_INVOICE, disputedInvoice);
            answers.put(INSTALMENT_INVOICES, task.getVariable(INSTALMENT_INVOICES));
            tasks.complete(taskOfInvoice.get(outcome.invoiceNumber()), answers);
        }
    }

    /** The invoice numbers of a form field that lists several (separated by commas, semicolons or spaces). */
    static Set<String> invoiceList(Object value) {
        Set<String> numbers = new java.util.LinkedHashSet<>();
        if (value != null) {
            for (String n : value.toString().split("[,;\\s]+")) {
                if (!n.isBlank()) {
                    numbers.add(n.trim());
                }
            }
        }
        return numbers;
    }

    /** Overdue: the call asks for it (an invoice not yet due is listed on the form but not collected). */
    private boolean talkedAbout(Invoice open) {
        return open.dueDate().isBefore(clock.today());
    }

    /** Whether the case can take a promise now (its event sub-process waits for one), as the promise API asks. */
    private static boolean takesPromises(DelegateTask task, String invoiceNumber) {
        return task.getProcessEngineServices().getRuntimeService().createExecutionQuery()
            .processInstanceBusinessKey(invoiceNumber).processDefinitionKey(PROCESS_COLLECTION)
            .messageEventSubscriptionName(MSG_PROMISE_MADE).count() > 0;
    }

    /**
     * The call recorded on a case that had no call task that day: a contact in its log with the call's time, answers
     * and the person reached; its share of a promise taken as a promise of the case (it then checks it as any other),
     * a dispute named on it raised on the case.
     * The case follows its own plan otherwise: its next call comes when it was planned.
     */
    private void recordWithoutTask(CallOutcome call, CoveredCallPlan.CaseOutcome outcome, String leadInvoice,
                                   String collector, java.time.Instant callTime) {
        Invoice invoice = figures.today(outcome.invoiceNumber()).invoice();
        String note = join(call.note(), join("One call about all invoices of the customer (with invoice "
            + leadInvoice + ").", outcome.note()));
        if (CallOutcome.PROMISE_TO_PAY.equals(outcome.outcome())) {
            // never more than the invoice owes (a promise above the customer's total stays with the figure said)
            BigDecimal amount = outcome.promisedAmount().min(figures.today(invoice.invoiceNumber()).outstanding());
            requests.getObject().promiseMadeInCall(invoice.invoiceNumber(), amount, call.promisedDate(), note,
                collector, call.reachedPerson(), callTime);
            return;
        }
        if (CallOutcome.INSTALMENT_REQUESTED.equals(outcome.outcome())) {
            // as POST /api/invoices/{n}/agreements: the case leaves its stage for Process_InstalmentAgreement
            requests.getObject().agreementRequestedInCall(invoice.invoiceNumber(), call.instalmentCount(),
                call.firstInstalmentDate(), note, collector, call.reachedPerson(), callTime);
            return;
        }
        if (CallOutcome.DISPUTED.equals(outcome.outcome())) {
            // the same rules as POST /api/invoices/{n}/disputes; Process_Dispute runs beside the case
            requests.getObject().disputeRaisedInCall(invoice.invoiceNumber(),
                com.collectwise.disputes.DisputeCategory.valueOf(call.disputeCategory()), call.disputedAmount(),
                call.disputeDescription(), note, collector, call.reachedPerson(), callTime);
            return;
        }
        contactLog.append(new com.collectwise.kernel.ContactEntry(null, invoice.invoiceNumber(), invoice.customerId(),
            "PHONE", callTime, collector, call.reachedPerson(), outcome.outcome(), note, null, null));
    }

    /** The lead went away unanswered (its case settled or moved on): the next covered task leads the call. */
    public void deleted(DelegateTask task) {
        asEngine(() -> {
            handOver(task);
            return null;
        });
    }

    private void handOver(DelegateTask task) {
        Optional<CallDay> callDay = openDayLedBy(task);
        if (callDay.isEmpty()) {
            return;
        }
        String customerId = callDay.get().customerId();
        LocalDate day = callDay.get().day();
        TaskService tasks = task.getProcessEngineServices().getTaskService();
        List<Task> covered = tasks.createTaskQuery().taskVariableValueEquals(COVERED_BY, task.getId()).active()
            .orderByTaskCreateTime().asc().list();
        if (covered.isEmpty()) {
            jdbc.sql("DELETE FROM customer_call_days WHERE customer_id = ? AND call_day = ? AND status = 'OPEN'")
                .params(customerId, day).update();
            return;
        }
        Task next = covered.get(0);
        String nextInvoice = (String) tasks.getVariable(next.getId(), INVOICE_NUMBER);
        jdbc.sql("UPDATE customer_call_days SET lead_task_id = ?, lead_invoice = ? WHERE customer_id = ? AND call_day = ?")
            .params(next.getId(), nextInvoice, customerId, day).update();
        tasks.removeVariableLocal(next.getId(), COVERED_BY);
        next.setName("Call customer");
        // the owner, unless the owner cannot work the calls any more: then the call waits in the collectors' queue
        String owner = (String) tasks.getVariable(next.getId(), COLLECTOR);
        next.setAssignee(owner != null && callWorkers.worksCalls(owner) ? owner : null);
        tasks.saveTask(next);
        Set<String> stillCovered = new TreeSet<>();
        stillCovered.add(nextInvoice);
        for (Task t : covered.subList(1, covered.size())) {
            tasks.setVariableLocal(t.getId(), COVERED_BY, next.getId());
            stillCovered.add((String) tasks.getVariable(t.getId(), INVOICE_NUMBER));
        }
        tasks.setVariablesLocal(next.getId(), sheet(customerId, stillCovered));
    }

    /**
     * A payment, a waiver, a credit note, or a dispute raised or decided changed the amounts: the open call forms of the
     * case show the new amount to collect and name the part under open dispute.
     */
    @EventListener
    public void figuresChanged(CaseFiguresChanged event) {
        refreshOpenCalls(event.invoiceNumber(), true);
    }

    /** A part payment: the open call forms of the case show the new amount, after the case was told. */
    @EventListener
    @Order(PaymentBooked.SHOW_FIGURES)
    public void paymentBooked(PaymentBooked payment) {
        // a payment changes what is owed, not what is disputed: the form's disputed part stays as it is
        refreshOpenCalls(payment.invoiceNumber(), false);
    }

    /**
     * Money moved: the open calls of the case show the new amount at once, and the open lead calls of the customer
     * list today's figures, not the ones of when they were planned.
     */
    private void refreshOpenCalls(String invoiceNumber, boolean disputesChanged) {
        TaskService tasks = taskService;
        Invoice invoice = figures.today(invoiceNumber).invoice();
        // a native query (CaseEngine.activeTasksOfCase, bench/results/TUNING.md change 26); the amount (and its
        // disputes query) only when a call form of the case shows it
        List<Task> calls = cases.getObject().activeTasksOfCase(invoiceNumber, TASK_CALL_CUSTOMER);
        if (!calls.isEmpty()) {
            String amount = amountToCollect(invoice);
            String outstanding = words.outstanding(figures.today(invoiceNumber).statement());
            // the form names the disputed part from the case's variable, as the call's creation set it; only a
            // dispute raised or decided changes it (two SELECTs and a variable write saved on every part payment)
            Object disputed = disputesChanged
                ? com.collectwise.kernel.CaseEngine.toNumber(disputes.disputed(invoiceNumber)) : null;
            calls.forEach(call -> {
                tasks.setVariablesLocal(call.getId(), Map.of(AMOUNT_TO_COLLECT, amount,
                    FormFactsListener.OUTSTANDING_FIGURES, outstanding));
                if (disputesChanged) {
                    tasks.setVariable(call.getId(), CallCustomerListener.OPEN_DISPUTED_AMOUNT, disputed);
                }
            });
        }
        refreshLeadsOf(invoice.customerId());
    }

    /**
     * A case entered a stage: a newly registered invoice of the customer (at any stage: an import may register the
     * older invoices after the newest one's call was planned), or one that moved on (after the letter the call form
     * states the contact rules). The customer's open call lists it as it stands now.
     */
    @EventListener
    public void stageEntered(com.collectwise.kernel.CaseStageEntered entered) {
        invoices.find(entered.invoiceNumber()).ifPresent(invoice -> refreshLeadsOf(invoice.customerId()));
    }

    /** The open lead calls of the customer list today's invoices and figures. */
    private void refreshLeadsOf(String customerId) {
        TaskService tasks = taskService;
        // the leads of the customer's open call days, by primary key: a task query by process variable value would
        // scan the variables of every open case and then look at each of the customer's tasks
        // (bench/results/TUNING.md, change 10)
        List<String> leadIds = jdbc.sql("SELECT lead_task_id FROM customer_call_days WHERE customer_id = ? AND status = 'OPEN'")
            .param(customerId).query(String.class).list();
        for (String leadId : leadIds) {
            Task lead = tasks.createTaskQuery().taskId(leadId).active().singleResult();
            if (lead == null || tasks.getVariableLocal(lead.getId(), COVERED_BY) != null) {
                continue;
            }
            Set<String> covered = new TreeSet<>(coveredInvoices(tasks, lead.getId()));
            covered.add((String) tasks.getVariable(lead.getId(), INVOICE_NUMBER));
            tasks.setVariablesLocal(lead.getId(), sheet(customerId, covered));
        }
    }

    /**
     * The customer's call is one business act: whoever may complete (or the job that creates) one call task of the
     * customer acts on the others of that day too, although Tasklist would not show them that user (a field
     * collector or supervisor the lead was reassigned to is no candidate for the covered tasks). The engine runs
     * listener code without authorization checks by default; this keeps it so should
     * {@code authorizationEnabledForCustomCode} ever be switched on.
     */
    private static <T> T asEngine(java.util.concurrent.Callable<T> step) {
        org.camunda.bpm.engine.impl.interceptor.CommandContext context =
            org.camunda.bpm.engine.impl.context.Context.getCommandContext();
        if (context != null) {
            return context.runWithoutAuthorization(step);
        }
        try {
            return step.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> answers(CallOutcome call, CoveredCallPlan.CaseOutcome outcome,
                                               String leadInvoice, String madeAt) {
        Map<String, Object> answers = new HashMap<>();
        answers.put(CALL_OUTCOME, outcome.outcome());
        answers.put(REACHED_PERSON, call.reachedPerson());
        answers.put(DEBTOR_TACTIC, call.debtorTactic());
        answers.put(CALL_NOTE, join(call.note(), join("One call about all invoices of the customer (with invoice "
            + leadInvoice + ").", outcome.note())));
        boolean promise = CallOutcome.PROMISE_TO_PAY.equals(outcome.outcome());
        answers.put(PROMISED_AMOUNT, promise ? outcome.promisedAmount().toPlainString() : null);
        answers.put(PROMISED_DATE, promise ? call.promisedDate().toString() : null);
        boolean plan = CallOutcome.INSTALMENT_REQUESTED.equals(outcome.outcome());
        answers.put(INSTALMENT_COUNT, plan ? call.instalmentCount() : null);
        answers.put(FIRST_INSTALMENT_DATE, plan ? call.firstInstalmentDate().toString() : null);
        boolean dispute = CallOutcome.DISPUTED.equals(outcome.outcome());
        answers.put(DISPUTE_CATEGORY, dispute ? call.disputeCategory() : null);
        answers.put(DISPUTED_AMOUNT, dispute ? call.disputedAmount().toPlainString() : null);
        answers.put(DISPUTE_DESCRIPTION, dispute ? call.disputeDescription() : null);
        answers.put(OVERDUE_CAUSE, call.overdueCause());
        answers.put(COVERED_BY_CALL, leadInvoice);
        answers.put(CALL_MADE_AT, madeAt);
        return answers;
    }

    private static String join(String a, String b) {
        if (b == null || b.isBlank()) {
            return a;
        }
        return a == null || a.isBlank() ? b : a + " " + b;
    }

    private CoveredCallPlan.CoveredCase coveredCase(String invoiceNumber) {
        Invoice invoice = figures.today(invoiceNumber).invoice();
        return new CoveredCallPlan.CoveredCase(invoiceNumber, invoice.dueDate(), invoice.currency(), askFor(invoice));
    }

    /** The undisputed part of today's outstanding total, as the collector says it ("3,451.70"). */
    String amountToCollect(Invoice invoice) {
        return spoken(askFor(invoice), invoice.currency());
    }

    /** An amount with the currency's decimals and thousands separators, as the collector says it. */
    static String spoken(BigDecimal amount, String currency) {
        int digits = Math.max(0, java.util.Currency.getInstance(currency).getDefaultFractionDigits());
        java.text.DecimalFormat format = new java.text.DecimalFormat(digits == 0 ? "#,##0" : "#,##0." + "0".repeat(digits),
            java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT));
        return format.format(amount.setScale(digits, java.math.RoundingMode.HALF_UP));
    }

    /** What the collector asks for on the invoice: its undisputed part of today's total. */
    BigDecimal askFor(Invoice invoice) {
        return disputes.disputed(invoice.invoiceNumber()).signum() > 0 ? disputes.undisputed(invoice)
            : figures.today(invoice.invoiceNumber()).statement().total();
    }

    /** The invoices whose call tasks the lead covers (not the lead's own). */
    static List<String> coveredInvoices(TaskService tasks, String leadTaskId) {
        return tasks.createTaskQuery().taskVariableValueEquals(COVERED_BY, leadTaskId).active().list().stream()
            .map(t -> (String) tasks.getVariable(t.getId(), INVOICE_NUMBER)).toList();
    }

    /**
     * The call form's list of the customer's invoices ({@link #CUSTOMER_INVOICES}) and what the call asks for in all
     * ({@link #CALL_TOTAL}, e.g. "11,078.28 CNY", or "7,620.00 CNY + 150.00 EUR": currencies are never added up),
     * the amount the collector says at the start and the end of the call.
     */
    Map<String, Object> sheet(String customerId, Set<String> inThisCall) {
        Map<String, BigDecimal> callTotals = new java.util.TreeMap<>();
        StringBuilder md = new StringBuilder(words.sheetHeader());
        Map<String, BigDecimal> totals = new java.util.TreeMap<>();
        boolean afterLetter = false;
        for (Invoice open : invoices.findOpenByCustomer(customerId)) {
            afterLetter |= open.stage() != null && open.stage().holdsCredit();
            CaseFigures.Figures today = figures.today(open.invoiceNumber());
            BigDecimal disputed = disputes.disputed(open.invoiceNumber());
            BigDecimal ask = askFor(today.invoice());
            if (ask.signum() <= 0 && disputed.signum() <= 0) {
                continue;
            }
            totals.merge(open.currency(), ask, BigDecimal::add);
            // every overdue invoice is talked about in the customer's call, with a call task of its own today or not
            boolean inCall = inThisCall.contains(open.invoiceNumber()) || talkedAbout(open);
            if (inCall) {
                callTotals.merge(open.currency(), ask, BigDecimal::add);
            }
            md.append("| ").append(open.invoiceNumber()).append(" | ").append(open.dueDate()).append(" | ")
                .append(Math.max(0, today.daysOverdue())).append(" | ").append(words.stage(open.stage())).append(" | ")
                .append(spoken(ask, open.currency())).append(' ').append(open.currency())
                .append(" | ").append(disputed.signum() > 0
                    ? spoken(disputed, open.currency()) + " " + open.currency() : "-")
                .append(" | ").append(words.inThisCall(inCall)).append(" |\n");
        }
        totals.forEach((currency, total) -> md.append("| **").append(words.total()).append("** | | | | **")
            .append(spoken(total, currency)).append(' ').append(currency).append("** | | |\n"));
        String callTotal = callTotals.entrySet().stream()
            .map(e -> spoken(e.getValue(), e.getKey()) + " " + e.getKey())
            .collect(java.util.stream.Collectors.joining(" + "));
        Map<String, Object> sheet = new HashMap<>();
        sheet.put(CUSTOMER_INVOICES, md.toString());
        sheet.put(CALL_TOTAL, callTotal.isEmpty() ? "-" : callTotal);
        sheet.put(AFTER_FORMAL_LETTER, afterLetter);
        return sheet;
    }

    /** The open call day {@code task} leads, with the customer's row locked; empty for any other task. */
    private Optional<CallDay> openDayLedBy(DelegateTask task) {
        if (task.getVariableLocal(COVERED_BY) != null || task.getVariableLocal(CALL_DAY) == null) {
            return Optional.empty();
        }
        String customerId = caseFacts.customerId(task);
        lockCustomer(customerId);
        return find(customerId, LocalDate.parse((String) task.getVariableLocal(CALL_DAY)))
            .filter(day -> OPEN.equals(day.status()) && task.getId().equals(day.leadTaskId()));
    }

    private Optional<CallDay> find(String customerId, LocalDate day) {
        return jdbc.sql("SELECT * FROM customer_call_days WHERE customer_id = ? AND call_day = ?")
            .params(customerId, day)
            .query((rs, n) -> new CallDay(rs.getString("customer_id"), rs.getDate("call_day").toLocalDate(),
                rs.getString("lead_task_id"), rs.getString("lead_invoice"), rs.getString("status")))
            .optional();
    }

    private void lockCustomer(String customerId) {
        customers.lock(customerId);
    }
}
