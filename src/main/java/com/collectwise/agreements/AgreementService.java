package com.collectwise.agreements;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.collectwise.api.FieldProblem;
import com.collectwise.api.InvalidRequestException;
import com.collectwise.cases.BusinessClock;
import com.collectwise.cases.CurrencyThresholds;
import com.collectwise.cases.Invoice;
import com.collectwise.communication.Outbox;
import com.collectwise.customers.Customer;
import com.collectwise.customers.CustomerRepository;
import com.collectwise.fees.Money;
import com.collectwise.fees.StatementService;

/**
 * Instalment agreements from proposal to their end. The plan covers what is outstanding on the day it is
 * proposed (principal, interest and fees so far); payments received from that day on are matched to the
 * instalments oldest first.
 */
@Service
@EnableConfigurationProperties(CurrencyThresholds.class)
public class AgreementService {

    public static final String SCHEDULE = "INSTALMENT_SCHEDULE";
    public static final String REMINDER = "INSTALMENT_REMINDER";
    public static final String ACCELERATION = "AGREEMENT_ACCELERATED";

    private final AgreementRepository agreements;
    private final StatementService statements;
    private final AcknowledgementService acknowledgements;
    private final CustomerRepository customers;
    private final Outbox outbox;
    private final BusinessClock clock;
    private final CurrencyThresholds thresholds;
    private final int graceDays;
    private final int reminderDays;

    public AgreementService(AgreementRepository agreements, StatementService statements,
                            AcknowledgementService acknowledgements, CustomerRepository customers, Outbox outbox,
                            BusinessClock clock,
                            CurrencyThresholds thresholds,
                            @Value("${collectwise.agreements.grace-days:5}") int graceDays,
                            @Value("${collectwise.agreements.reminder-days:3}") int reminderDays) {
        this.agreements = agreements;
        this.statements = statements;
        this.acknowledgements = acknowledgements;
        this.customers = customers;
        this.outbox = outbox;
        this.clock = clock;
        this.thresholds = thresholds;
        this.graceDays = graceDays;
        this.reminderDays = reminderDays;
    }

    public int graceDays() {
        return graceDays;
    }

    public int reminderDays() {
        return reminderDays;
    }

    /** What a plan proposed today must add up to. */
    public BigDecimal outstandingToday(Invoice invoice) {
        return statements.statement(invoice, clock.today()).total();
    }

    /** The even schedule the collector starts from. */
    public List<Instalment> proposeEven(Invoice invoice, int count, LocalDate firstDue) {
        return InstalmentSchedule.propose(outstandingToday(invoice), count, firstDue,
            Money.minorUnit(Money.currency(invoice.currency())));
    }

    /** Problems of a schedule for this invoice today, by field; empty when it can be agreed. */
    public List<FieldProblem> problems(Invoice invoice, List<Instalment> plan) {
        return InstalmentSchedule.problems(plan, outstandingToday(invoice), invoice.currency(), clock.today());
    }

    /**
     * Stores the proposal (the customer asked for it: that acknowledges the debt).
     *
     * @throws InvalidRequestException when the schedule does not fit the invoice
     */
    @Transactional
    public long propose(Invoice invoice, List<Instalment> plan, String note, String source, String createdBy) {
        List<FieldProblem> problems = problems(invoice, plan);
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        long id = agreements.insert(invoice.invoiceNumber(), InstalmentSchedule.total(plan), invoice.currency(), note,
            source, createdBy, clock.now(), clock.today(), plan);
        acknowledgements.record(invoice.invoiceNumber(), clock.today(), AcknowledgementService.AGREEMENT);
        return id;
    }

    public Agreement find(long id) {
        return agreements.find(id);
    }

    /**
     * Plans above the approval threshold of their currency ({@code collectwise.thresholds.agreement-approval})
     * need a supervisor; in a currency without a threshold every plan does: nothing is converted to guess one.
     */
    public boolean needsApproval(Agreement agreement) {
        return thresholds.agreementApprovalIn(agreement.currency())
            .map(limit -> agreement.total().compareTo(limit) > 0)
            .orElse(true);
    }

    public void decide(long id, boolean approved, String by) {
        agreements.setStatus(id, approved ? Agreement.PROPOSED : Agreement.REJECTED, by,
            approved ? null : clock.now());
    }

    /** The plan runs from now on; the customer gets the schedule (once, however often this is retried). */
    @Transactional
    public void activate(long id) {
        Agreement a = agreements.find(id);
        agreements.setStatus(id, Agreement.ACTIVE, null, null);
        Customer customer = customer(a);
        String lines = a.instalments().stream()
            .map(i -> "  " + i.seq() + ". " + i.dueDate() + "  " + a.currency() + " " + i.amount().toPlainString())
            .collect(Collectors.joining("\n"));
        outbox.enqueue(SCHEDULE + ":" + id, a.invoiceNumber(), customer.customerId(), SCHEDULE, customer.email(),
            "Your instalment plan for invoice " + a.invoiceNumber(),
            "Dear " + customer.name() + ",\n\nas agreed, invoice " + a.invoiceNumber() + " is paid in "
                + a.instalments().size() + " instalments (total " + a.currency() + " " + a.total().toPlainString()
                + "):\n" + lines + "\n\nPlease quote the invoice number. If an instalment is more than " + graceDays
                + " days late, or unpaid instalments reach one fifth of the total, the whole remainder falls due at"
                + " once (Civil Code art. 634).");
    }

    /** Reminds the customer of an instalment unless it is paid already. @return whether a reminder was queued */
    public boolean remind(long id, int seq) {
        Agreement a = agreements.find(id);
        Instalment instalment = a.instalment(seq);
        if (check(a, seq).verdict() == Acceleration.Verdict.PAID) {
            return false;
        }
        Customer customer = customer(a);
        return outbox.enqueue(REMINDER + ":" + id + ":" + seq, a.invoiceNumber(), customer.customerId(), REMINDER,
            customer.email(), "Instalment " + seq + " of invoice " + a.invoiceNumber() + " is due on "
                + instalment.dueDate(),
            "Dear " + customer.name() + ",\n\ninstalment " + seq + " of " + a.instalments().size() + " over "
                + a.currency() + " " + instalment.amount().toPlainString() + " is due on " + instalment.dueDate()
                + ". Thank you for keeping to the plan.");
    }

    public Acceleration.Check check(long id, int seq) {
        return check(agreements.find(id), seq);
    }

    private Acceleration.Check check(Agreement a, int seq) {
        BigDecimal paid = agreements.paidBetween(a.invoiceNumber(), a.startsOn(), clock.today());
        return Acceleration.check(a.instalments(), seq, paid, clock.today(), graceDays);
    }

    /** The plan is forfeited: what is still open is due at once, and the customer is told so. */
    @Transactional
    public void accelerate(long id, String reason) {
        Agreement a = agreements.find(id);
        agreements.setStatus(id, Agreement.ACCELERATED, null, clock.now());
        Customer customer = customer(a);
        BigDecimal open = a.total().subtract(agreements.paidBetween(a.invoiceNumber(), a.startsOn(), clock.today()))
            .max(BigDecimal.ZERO);
        outbox.enqueue(ACCELERATION + ":" + id, a.invoiceNumber(), customer.customerId(), ACCELERATION,
            customer.email(), "Instalment plan for invoice " + a.invoiceNumber() + " ended: remainder due now",
            "Dear " + customer.name() + ",\n\nthe instalment plan for invoice " + a.invoiceNumber()
                + " has ended because " + reason + ". The remainder of the plan, " + a.currency() + " "
                + open.toPlainString() + " plus interest, is due at once (Civil Code art. 634).");
    }

    public void kept(long id) {
        agreements.setStatus(id, Agreement.KEPT, null, clock.now());
    }

    private Customer customer(Agreement a) {
        return customers.find(agreements.customerOf(a.invoiceNumber())).orElseThrow();
    }
}
