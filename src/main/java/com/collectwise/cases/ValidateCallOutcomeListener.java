package com.collectwise.cases;

import com.collectwise.kernel.InvoiceRepository;
import com.collectwise.fees.CaseFigures;
import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.CaseVariables;
import com.collectwise.kernel.FormAmount;
import com.collectwise.kernel.Invoice;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import com.collectwise.agreements.AgreementService;
import com.collectwise.api.FieldProblem;
import com.collectwise.communication.ContactPolicy;
import com.collectwise.disputes.DisputeCategory;
import com.collectwise.disputes.DisputeService;

/**
 * Refuses to complete a call whose outcome cannot be acted on (a promise without amount or with a past
 * date): the exception rolls the completion back, the task stays open and Tasklist shows the message.
 */
@Component("validateCallOutcomeListener")
public class ValidateCallOutcomeListener implements TaskListener {

    private final BusinessClock clock;
    private final ContactPolicy contactPolicy;
    private final CaseFigures figures;
    private final AgreementService agreements;
    private final DisputeService disputes;
    private final InvoiceRepository invoices;

    public ValidateCallOutcomeListener(BusinessClock clock, ContactPolicy contactPolicy, CaseFigures figures,
                                       AgreementService agreements, DisputeService disputes,
                                       InvoiceRepository invoices) {
        this.invoices = invoices;
        this.clock = clock;
        this.contactPolicy = contactPolicy;
        this.figures = figures;
        this.agreements = agreements;
        this.disputes = disputes;
    }

    @Override
    public void notify(DelegateTask task) {
        CallOutcome call = CallOutcomeForm.read(task);
        List<String> problems = new java.util.ArrayList<>(call.problems(clock.today()));
        // the minor unit of the invoice's currency, as on the API (JPY has no decimals, KWD three)
        Object currency = task.getVariable(CaseVariables.CURRENCY);
        if (call.isPromise()) {
            addIfAny(problems, FormAmount.problem("the promised amount", call.promisedAmount(), currency));
        }
        if (call.isDispute()) {
            addIfAny(problems, FormAmount.problem("the disputed amount", call.disputedAmount(), currency));
        }
        if (problems.isEmpty() && (call.isInstalmentRequest() || call.isDispute())) {
            // the same checks as the API: the plan must fit the outstanding total, the dispute the undisputed part
            Invoice invoice = figures.today((String) task.getVariable(CaseVariables.INVOICE_NUMBER)).invoice();
            if (call.isDispute()) {
                // on a customer's call the dispute may be about another invoice this call covers
                Object named = task.getVariable(CustomerCalls.DISPUTED_INVOICE);
                if (named != null && !named.toString().isBlank() && !named.toString().trim().equals(invoice.invoiceNumber())) {
                    String number = named.toString().trim();
                    boolean covered = task.getVariableLocal(CustomerCalls.COVERED_BY) == null
                        && CustomerCalls.coveredInvoices(task.getProcessEngineServices().getTaskService(), task.getId())
                            .contains(number);
                    Invoice other = covered ? invoices.find(number).orElse(null) : null;
                    if (other == null) {
                        throw new ProcessEngineException("The call cannot be saved: the disputed invoice " + number
                            + " is not one of the invoices of this call (leave it empty for invoice "
                            + invoice.invoiceNumber() + ", or raise its dispute on its own call or over the API).");
                    }
                    invoice = other;
                }
            }
            List<FieldProblem> more = call.isInstalmentRequest()
                ? agreements.problems(invoice,
                    agreements.proposeEven(invoice, call.instalmentCount(), call.firstInstalmentDate()))
                : disputes.problems(invoice, DisputeCategory.valueOf(call.disputeCategory()), call.disputedAmount());
            more.forEach(p -> problems.add(p.field() + " " + p.message()));
        }
        // a case covered by the customer's call shares that call's attempt: it is not one more
        if ("NO_ANSWER".equals(String.valueOf(task.getVariable(CaseVariables.CALL_OUTCOME)))
            && task.getVariable(CustomerCalls.COVERED_BY_CALL) == null) {
            String refusal = contactPolicy.refuseUnansweredAttempt(
                String.valueOf(task.getVariable(CaseVariables.CUSTOMER_ID)), clock.today(), clock.zone());
            if (refusal != null) {
                problems.add(refusal);
            }
        }
        if (!problems.isEmpty()) {
            throw new ProcessEngineException("The call cannot be saved: " + String.join("; ", problems) + ".");
        }
    }

    private static void addIfAny(List<String> problems, String problem) {
        if (problem != null) {
            problems.add(problem);
        }
    }
}
