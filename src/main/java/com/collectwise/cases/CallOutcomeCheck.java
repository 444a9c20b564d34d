package com.collectwise.cases;

import com.collectwise.kernel.InvoiceRepository;
import com.collectwise.fees.CaseFigures;
import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.FormAmount;
import com.collectwise.kernel.Invoice;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

import com.collectwise.agreements.AgreementService;
import com.collectwise.api.FieldProblem;
import com.collectwise.communication.ContactPolicy;
import com.collectwise.disputes.DisputeCategory;
import com.collectwise.disputes.DisputeService;

/**
 * Completing a call task ({@link CallCustomerListener}, complete): refuses a call whose outcome cannot be acted on
 * (a promise without amount or with a past date, a plan or a dispute the API would refuse, one unanswered attempt
 * too many). The listener throws the refusal: the completion rolls back, the task stays open and Tasklist shows the
 * message.
 */
@Component
public class CallOutcomeCheck {

    private final BusinessClock clock;
    private final ContactPolicy contactPolicy;
    private final CaseFigures figures;
    private final AgreementService agreements;
    private final DisputeService disputes;
    private final InvoiceRepository invoices;

    public CallOutcomeCheck(BusinessClock clock, ContactPolicy contactPolicy, CaseFigures figures,
                            AgreementService agreements, DisputeService disputes, InvoiceRepository invoices) {
        this.invoices = invoices;
        this.clock = clock;
        this.contactPolicy = contactPolicy;
        this.figures = figures;
        this.agreements = agreements;
        this.disputes = disputes;
    }

    /**
     * The call task being completed, besides its form.
     *
     * @param currency        the invoice's currency (the case variable, as the form sent it)
     * @param disputedInvoice the form's {@code disputedInvoice}: the invoice a dispute is about, when not this one
     * @param coveredByCall   the outcome was passed on by the customer's call that covered this case
     * @param callInvoices    the other invoices this call covers (none when the task is itself covered); asked only
     *                        when a dispute names another invoice
     */
    public record CallTask(String invoiceNumber, String customerId, Object currency, Object disputedInvoice,
                           boolean coveredByCall, Supplier<List<String>> callInvoices) {
    }

    /** Why the call cannot be saved ("The call cannot be saved: ..."), empty when it can. */
    public Optional<String> refusal(CallOutcome call, CallTask task) {
        List<String> problems = new java.util.ArrayList<>(call.problems(clock.today()));
        // the minor unit of the invoice's currency, as on the API (JPY has no decimals, KWD three)
        Object currency = task.currency();
        if (call.isPromise()) {
            addIfAny(problems, FormAmount.problem("the promised amount", call.promisedAmount(), currency));
        }
        if (call.isDispute()) {
            addIfAny(problems, FormAmount.problem("the disputed amount", call.disputedAmount(), currency));
        }
        if (problems.isEmpty() && (call.isInstalmentRequest() || call.isDispute())) {
            // the same checks as the API: the plan must fit the outstanding total, the dispute the undisputed part
            Invoice invoice = figures.today(task.invoiceNumber()).invoice();
            if (call.isDispute()) {
                // on a customer's call the dispute may be about another invoice this call covers
                Object named = task.disputedInvoice();
                if (named != null && !named.toString().isBlank() && !named.toString().trim().equals(invoice.invoiceNumber())) {
                    String number = named.toString().trim();
                    boolean covered = task.callInvoices().get().contains(number);
                    Invoice other = covered ? invoices.find(number).orElse(null) : null;
                    if (other == null) {
                        return Optional.of("The call cannot be saved: the disputed invoice " + number
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
        if ("NO_ANSWER".equals(call.outcome()) && !task.coveredByCall()) {
            String refusal = contactPolicy.refuseUnansweredAttempt(task.customerId(), clock.today(), clock.zone());
            if (refusal != null) {
                problems.add(refusal);
            }
        }
        return problems.isEmpty() ? Optional.empty()
            : Optional.of("The call cannot be saved: " + String.join("; ", problems) + ".");
    }

    private static void addIfAny(List<String> problems, String problem) {
        if (problem != null) {
            problems.add(problem);
        }
    }
}
