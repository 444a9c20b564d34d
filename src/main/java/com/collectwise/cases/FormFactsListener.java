package com.collectwise.cases;

import static com.collectwise.kernel.CaseVariables.*;

import java.time.temporal.ChronoUnit;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import com.collectwise.customers.CustomerRepository;
import com.collectwise.fees.CaseFigures;
import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.Customer;
import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.InvoiceRepository;

/**
 * Puts what a case's forms show beside the case header on the task when it is created: the invoice's due date,
 * today's days overdue and the customer's decision maker, as task variables (no history, see
 * operations.CollectionHistoryLevel). A case no longer carries them from its start (issue 18: three runtime
 * variables less per open case): the due date and the decision maker are read where they are kept, the invoice and
 * the customer (two primary-key lookups, cached per transaction), and the days overdue are the ones of the day the
 * task opens, not of the day the case started. {@link FormFactsPlugin} adds this listener to every user task whose
 * form shows one of them, without a listener in the models. Cases started on earlier model versions still have the
 * three as process variables; the task's own values are newer and take precedence on the form. It also puts the
 * stage as a collector names it ({@link #STAGE_NAME}: forms show no stage ids) and today's outstanding total with
 * currency, thousands separators, the currency's decimals and its parts ({@link #OUTSTANDING_FIGURES}: principal,
 * interest, fees), which a form cannot format from the number {@code outstandingAmount}.
 */
@Component
public class FormFactsListener implements TaskListener {

    /** Task-local: the case's stage as a collector names it ("Field visit", 外勤催收), not its id. */
    public static final String STAGE_NAME = "stageName";
    /** Task-local: today's outstanding total with currency and its parts (principal, interest, fees). */
    public static final String OUTSTANDING_FIGURES = "outstandingFigures";

    private final InvoiceRepository invoices;
    private final CustomerRepository customers;
    private final BusinessClock clock;
    private final CaseFigures figures;
    private final CallFormWords words;

    public FormFactsListener(InvoiceRepository invoices, CustomerRepository customers, BusinessClock clock,
                             CaseFigures figures, CallFormWords words) {
        this.invoices = invoices;
        this.customers = customers;
        this.clock = clock;
        this.figures = figures;
        this.words = words;
    }

    @Override
    public void notify(DelegateTask task) {
        if (!(task.getVariable(INVOICE_NUMBER) instanceof String invoiceNumber)) {
            return;
        }
        invoices.find(invoiceNumber).ifPresent(invoice -> {
            task.setVariableLocal(DUE_DATE, invoice.dueDate().toString());
            task.setVariableLocal(DAYS_OVERDUE, daysOverdue(invoice));
            task.setVariableLocal(DECISION_MAKER, decisionMaker(invoice.customerId()));
            task.setVariableLocal(STAGE_NAME, words.stage(invoice.stage() != null
                ? invoice.stage() : task.getVariable(STAGE)));
            task.setVariableLocal(OUTSTANDING_FIGURES, outstandingFigures(invoiceNumber));
        });
    }

    /** Today's figures of the case as its forms show them (at a task's start, and when money moved: CustomerCalls). */
    String outstandingFigures(String invoiceNumber) {
        return words.outstanding(figures.today(invoiceNumber).statement());
    }

    /** Counted as fees.CaseFigures counts them: calendar days after the due date, none before it. */
    long daysOverdue(Invoice invoice) {
        return Math.max(0, ChronoUnit.DAYS.between(invoice.dueDate(), clock.today()));
    }

    /** The customer's decision maker as the master data has it now (none when not recorded). */
    public String decisionMaker(String customerId) {
        return customerId == null ? null : customers.find(customerId).map(Customer::decisionMaker).orElse(null);
    }
}
