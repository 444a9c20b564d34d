package com.collectwise.kernel;

import static com.collectwise.kernel.CaseVariables.*;

import java.math.BigDecimal;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Service;


/**
 * The gateway from domain code to running collection cases: starts a case and correlates the payment,
 * settlement and agency messages by business key (= invoice number). Other engine calls (tasks, the plan and
 * dispute sub-processes) stay in the package that owns them.
 */
@Service
public class CaseEngine {

    private final RuntimeService runtime;
    private final InvoiceRepository invoices;
    private final BusinessClock clock;

    public CaseEngine(RuntimeService runtime, InvoiceRepository invoices, BusinessClock clock) {
        this.runtime = runtime;
        this.invoices = invoices;
        this.clock = clock;
    }

    /**
     * Starts the collection case of a newly registered invoice. The inputs of the collection policy that nothing
     * else reads from the case (segment, region, invoice amount, credit term) are transient: the decision reads
     * them in the start's transaction and they are never written (issue 18: 7 rows less per case start; the
     * outcome is the case plan, and the invoice and the customer keep the values).
     */
    public String start(Invoice invoice, Customer customer) {
        VariableMap vars = Variables.createVariables()
            .putValue(INVOICE_NUMBER, invoice.invoiceNumber())
            .putValue(CUSTOMER_ID, customer.customerId())
            .putValue(CUSTOMER_NAME, customer.name())
            .putValueTyped(SEGMENT, Variables.stringValue(customer.segment().name(), true))
            // the policy DMN decides field visits by region; a customer without a country is at home
            .putValueTyped(CUSTOMER_REGION, Variables.stringValue(customer.country() == null ? "" : customer.country(),
                true))
            .putValue(COLLECTOR, customer.collector())
            .putValue(DECISION_MAKER, customer.decisionMaker())
            .putValue(CURRENCY, invoice.currency())
            .putValueTyped(INVOICE_AMOUNT, Variables.doubleValue(invoice.amount().doubleValue(), true))
            .putValue(OUTSTANDING_AMOUNT, toNumber(invoice.amount()))
            .putValueTyped(CREDIT_TERM_DAYS, Variables.integerValue(invoice.creditTermDays(), true))
            .putValue(DUE_DATE, invoice.dueDate().toString())
            .putValue(DAYS_OVERDUE, Math.max(0, ChronoUnit.DAYS.between(invoice.dueDate(), clock.today())))
            .putValue(STAGE, invoice.stage().name());
        ProcessInstance pi = runtime.startProcessInstanceByKey(PROCESS_COLLECTION, invoice.invoiceNumber(), vars);
        invoices.setProcessInstance(invoice.invoiceNumber(), pi.getId());
        return pi.getId();
    }

    /**
     * By the process instance id kept on the invoice: a primary-key lookup. The former query by definition key
     * and business key made H2 scan every collection case (seconds per payment at 100,000 open cases, measured
     * by the benchmark in bench/).
     */
    public boolean isRunning(String invoiceNumber) {
        return invoices.find(invoiceNumber).map(Invoice::processInstanceId)
            .map(id -> runtime.createProcessInstanceQuery().processInstanceId(id).count() > 0)
            .orElse(false);
    }

    /** A part payment arrived: the case updates its figures and asks the collector why not in full. */
    public void partPaymentReceived(String invoiceNumber, BigDecimal paid, BigDecimal outstanding) {
        if (!isRunning(invoiceNumber)) {
            return;
        }
        runtime.createMessageCorrelation(MSG_PAYMENT_RECEIVED).processInstanceBusinessKey(invoiceNumber)
            .setVariables(Map.of(LAST_PAYMENT_AMOUNT, toNumber(paid), OUTSTANDING_AMOUNT, toNumber(outstanding)))
            .correlate();
    }

    /**
     * The display copy of the outstanding total (Cockpit, Tasklist) follows a payment the case itself does not
     * react to, e.g. an instalment of a running plan.
     */
    public void showOutstanding(String invoiceNumber, BigDecimal outstanding) {
        invoices.find(invoiceNumber).map(Invoice::processInstanceId)
            .filter(id -> runtime.createProcessInstanceQuery().processInstanceId(id).count() > 0)
            .ifPresent(id -> runtime.setVariable(id, OUTSTANDING_AMOUNT, toNumber(outstanding)));
    }

    /** The invoice is paid in full (or credited): the case ends. */
    public void invoiceSettled(String invoiceNumber) {
        if (!isRunning(invoiceNumber)) {
            return;
        }
        runtime.createMessageCorrelation(MSG_INVOICE_SETTLED).processInstanceBusinessKey(invoiceNumber)
            .setVariable(OUTSTANDING_AMOUNT, 0.0)
            .correlate();
    }

    /** Whether the case is waiting for this message right now (e.g. a receive task for the agency report). */
    public boolean awaits(String invoiceNumber, String messageName) {
        return runtime.createExecutionQuery().processInstanceBusinessKey(invoiceNumber)
            .messageEventSubscriptionName(messageName).count() > 0;
    }

    /** The collection agency reported on the case (IN_PROGRESS, PARTLY_COLLECTED, COLLECTED, UNCOLLECTIBLE). */
    public void agencyReported(String invoiceNumber, String status) {
        runtime.createMessageCorrelation(MSG_AGENCY_REPORT).processInstanceBusinessKey(invoiceNumber)
            .setVariable(AGENCY_REPORT_STATUS, status)
            .correlate();
    }

    /**
     * Process variables carry amounts as numbers so that Cockpit shows them; the exact figure stays
     * in the domain tables as BigDecimal.
     */
    public static Object toNumber(BigDecimal amount) {
        return amount.doubleValue();
    }
}
