package com.collectwise.cases;

import com.collectwise.kernel.InvoiceRepository;
import com.collectwise.fees.CaseFigures;
import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.CaseStatus;
import com.collectwise.kernel.FormAmount;
import com.collectwise.kernel.Invoice;
import java.util.List;
import java.util.Optional;

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
     * @param leadsCall       the task leads the customer's call of the day: its form lists every open invoice of the
     *                        customer, and a dispute or an instalment request may name any of them
     *                        ({@link CustomerCalls} takes it there)
     * @param planInvoices    the form's {@code instalmentInvoices}: the invoices the customer asks a plan for (empty:
     *                        this one, and on a lead every invoice of the call)
     */
    public record CallTask(String invoiceNumber, String customerId, Object currency, Object disputedInvoice,
                           boolean coveredByCall, boolean leadsCall, java.util.Set<String> planInvoices) {
    }

    /** Why the call cannot be saved ("The call cannot be saved: ..."), empty when it can. */
    public Optional<String> refusal(CallOutcome call, CallTask task) {
        List<String> problems = new java.util.ArrayList<>(call.problems(clock.today()));
        // the minor unit of the invoice's currency, as on the API (JPY has no decimals, KWD three)
        Object currency = task.currency();
        if (call.isPromise()) {
            addIfAny(problems, FormAmount.problem("the promised amount", call.promisedAmount(), currency));
        }
        Invoice invoice = null;
        if (call.isDispute()) {
            // on a customer's call the dispute may be about any open invoice of the customer the form lists
            Object named = task.disputedInvoice();
            String own = task.invoiceNumber();
            if (named != null && !named.toString().isBlank() && !named.toString().trim().equals(own)) {
                String number = named.toString().trim();
                Invoice other = task.leadsCall() ? invoices.find(number)
                    .filter(i -> i.customerId().equals(task.customerId()) && i.status() == CaseStatus.OPEN)
                    .orElse(null) : null;
                if (other == null) {
                    return Optional.of("The call cannot be saved: the disputed invoice " + number
                        + " is not one of the invoices of this call (the customer's open invoices listed on the"
                        + " form; leave it empty for invoice " + own + ", or raise its dispute over the API).");
                }
                invoice = other;
                // the amount is in the currency of the invoice disputed, at its minor unit (as on the API)
                currency = other.currency();
            }
            addIfAny(problems, FormAmount.problem("the disputed amount", call.disputedAmount(), currency));
        }
        if (problems.isEmpty() && call.isDispute()) {
            // the same checks as the API: the dispute must fit the undisputed part
            if (invoice == null) {
                invoice = figures.today(task.invoiceNumber()).invoice();
            }
            disputes.problems(invoice, DisputeCategory.valueOf(call.disputeCategory()), call.disputedAmount())
                .forEach(p -> problems.add(p.field() + " " + p.message()));
        }
        if (problems.isEmpty() && call.isInstalmentRequest()) {
            // the same checks as the API: each plan must fit the outstanding total of its invoice
            List<Invoice> planned = new java.util.ArrayList<>();
            java.util.Set<String> asked = task.planInvoices() == null ? java.util.Set.of() : task.planInvoices();
            if (asked.isEmpty() || task.coveredByCall()) {
                planned.add(figures.today(task.invoiceNumber()).invoice());
            } else {
                for (String number : asked) {
                    Invoice one = number.equals(task.invoiceNumber()) ? figures.today(number).invoice()
                        : task.leadsCall() ? invoices.find(number).filter(i -> i.customerId().equals(task.customerId())
                            && i.status() == CaseStatus.OPEN).orElse(null) : null;
                    if (one == null) {
                        return Optional.of("The call cannot be saved: invoice " + number + " of the instalment plan"
                            + " is not one of the invoices of this call (the customer's open invoices listed on the"
                            + " form; leave the field empty for every invoice of the call).");
                    }
                    planned.add(one);
                }
            }
            for (Invoice one : planned) {
                String prefix = planned.size() > 1 || !one.invoiceNumber().equals(task.invoiceNumber())
                    ? "invoice " + one.invoiceNumber() + ": " : "";
                agreements.problems(one, agreements.proposeEven(one, call.instalmentCount(), call.firstInstalmentDate()))
                    .forEach(p -> problems.add(prefix + p.field() + " " + p.message()));
            }
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
