package com.collectwise.agreements;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.collectwise.api.FieldProblem;
import com.collectwise.api.InvalidRequestException;
import com.collectwise.kernel.BusinessCalendar;
import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.CaseEngine;
import com.collectwise.kernel.CurrencyThresholds;
import com.collectwise.kernel.CaseStatus;
import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.InvoiceRepository;
import com.collectwise.communication.Outbox;
import com.collectwise.kernel.Customer;
import com.collectwise.customers.CustomerRepository;
import com.collectwise.money.AccountReplay;
import com.collectwise.fees.AdjustmentService;
import com.collectwise.money.Money;
import com.collectwise.fees.StatementService;

/**
 * Instalment agreements from proposal to their end. A plan is right when, each instalment paid on its due date,
 * the replayed account leaves the invoice owing exactly nothing and the plan's money all on it: its total covers
 * the interest up to the last instalment. With {@code waiveInterest} (a supervisor approves) the total is what is
 * outstanding today and the interest accrued while the plan is kept is waived when it is kept. The plan's money is
 * what is paid to the invoice, dated from the day the plan was proposed and posted after the proposal (what was
 * posted before is in the outstanding figure already); it is matched to the instalments oldest first.
 */
@Service
public class AgreementService {

    public static final String SCHEDULE = "INSTALMENT_SCHEDULE";
    public static final String REMINDER = "INSTALMENT_REMINDER";
    public static final String DEMAND = "AGREEMENT_DEMAND";
    public static final String ACCELERATION = "AGREEMENT_ACCELERATED";
    static final String WAIVER_REASON = "Interest of the kept instalment plan #%d waived as agreed";
    static final String GRACE_WAIVER_REASON = "Interest of the grace days of the kept instalment plan #%d waived (a kept"
        + " plan settles the invoice)";

    private final AgreementRepository agreements;
    private final StatementService statements;
    private final AcknowledgementService acknowledgements;
    private final CustomerRepository customers;
    private final InvoiceRepository invoices;
    private final AdjustmentService adjustments;
    private final CaseEngine signals;
    private final ApplicationEventPublisher events;
    private final Outbox outbox;
    private final BusinessClock clock;
    private final AgreementApprovalPolicy approval;
    private final BusinessCalendar calendar;
    private final int graceWorkingDays;
    private final int reminderDays;
    private final int demandDays;

    public AgreementService(AgreementRepository agreements, StatementService statements,
                            AcknowledgementService acknowledgements, CustomerRepository customers,
                            InvoiceRepository invoices, AdjustmentService adjustments, CaseEngine signals,
                            ApplicationEventPublisher events, Outbox outbox, BusinessClock clock,
                            BusinessCalendar calendar,
                            AgreementApprovalPolicy approval, AgreementSettings settings) {
        this.agreements = agreements;
        this.statements = statements;
        this.acknowledgements = acknowledgements;
        this.customers = customers;
        this.invoices = invoices;
        this.adjustments = adjustments;
        this.signals = signals;
        this.events = events;
        this.outbox = outbox;
        this.clock = clock;
        this.approval = approval;
        this.calendar = calendar;
        this.graceWorkingDays = settings.graceWorkingDays();
        this.reminderDays = settings.reminderDays();
        this.demandDays = settings.demandDays();
    }

    public int reminderDays() {
        return reminderDays;
    }

    /** What is outstanding today: the total of a plan whose interest is waived. */
    public BigDecimal outstandingToday(Invoice invoice) {
        return statements.statement(invoice, clock.today()).total();
    }

    /**
     * The account replayed with each instalment paid on its due date, as of the last due date: what the plan leaves
     * owed on the invoice, and how much of its money would not go to the invoice (an overpaying plan).
     */
    public Projection project(Invoice invoice, List<Instalment> plan) {
        LocalDate last = plan.get(plan.size() - 1).dueDate();
        AccountReplay.Result result = statements.projected(invoice, facts(invoice, plan), last).result();
        BigDecimal owed = result.invoice(invoice.invoiceNumber()).statement().total();
        BigDecimal onInvoice = BigDecimal.ZERO;
        for (Instalment i : plan) {
            for (AccountReplay.Split s : result.splitsOf(reference(i))) {
                if (invoice.invoiceNumber().equals(s.invoiceNumber())) {
                    onInvoice = onInvoice.add(s.amount().amount());
                }
            }
        }
        BigDecimal total = InstalmentSchedule.total(plan);
        return new Projection(total, owed, total.subtract(onInvoice), last);
    }

    /** A projected plan: {@code required} is the total that leaves the invoice at exactly zero. */
    public record Projection(BigDecimal total, BigDecimal owed, BigDecimal surplus, LocalDate asOf) {

        public boolean settles() {
            return owed.signum() == 0 && surplus.signum() == 0;
        }

        public BigDecimal required() {
            return total.add(owed).subtract(surplus);
        }
    }

    /** The even schedule the collector starts from (the interest of the plan included). */
    public List<Instalment> proposeEven(Invoice invoice, int count, LocalDate firstDue) {
        return proposeEven(invoice, count, firstDue, false);
    }

    /**
     * n-1 even parts of today's outstanding total, one a month from {@code firstDue}; the last instalment is what
     * the invoice will owe on its date after the others were paid on theirs (the last payment cannot change the
     * interest before its own date), so the plan leaves exactly nothing owed. With the interest waived, the
     * instalments are even parts of today's outstanding total.
     */
    public List<Instalment> proposeEven(Invoice invoice, int count, LocalDate firstDue, boolean waiveInterest) {
        int minorUnit = Money.minorUnit(Money.currency(invoice.currency()));
        BigDecimal outstanding = outstandingToday(invoice);
        if (waiveInterest || count < 2) {
            return InstalmentSchedule.propose(outstanding, Math.max(count, 1), firstDue, minorUnit);
        }
        BigDecimal each = InstalmentSchedule.evenPart(outstanding, count, minorUnit);
        List<Instalment> plan = new ArrayList<>();
        for (int seq = 1; seq < count; seq++) {
            plan.add(new Instalment(seq, InstalmentSchedule.dueDate(firstDue, seq), each));
        }
        LocalDate lastDue = InstalmentSchedule.dueDate(firstDue, count);
        BigDecimal last = statements.projected(invoice, facts(invoice, plan), lastDue).result()
            .invoice(invoice.invoiceNumber()).statement().total();
        plan.add(new Instalment(count, lastDue, last.setScale(minorUnit)));
        return plan;
    }

    /** Problems of a schedule for this invoice today, by field; empty when it can be agreed. */
    public List<FieldProblem> problems(Invoice invoice, List<Instalment> plan) {
        return problems(invoice, plan, false);
    }

    public List<FieldProblem> problems(Invoice invoice, List<Instalment> plan, boolean waiveInterest) {
        if (waiveInterest) {
            return InstalmentSchedule.problems(plan, outstandingToday(invoice), invoice.currency(), clock.today())
                .stream().map(p -> "instalments".equals(p.field()) && p.message().startsWith("the amounts")
                    ? new FieldProblem(p.field(), p.message() + " (with the interest of the plan waived, the plan"
                        + " covers what is outstanding today)")
                    : p)
                .collect(Collectors.toCollection(ArrayList::new));
        }
        List<FieldProblem> problems = InstalmentSchedule.shapeProblems(plan, clock.today());
        int minorUnit = Money.minorUnit(Money.currency(invoice.currency()));
        for (int i = 0; i < plan.size(); i++) {
            // the projection books the instalments as money: an amount the currency cannot hold is the caller's error
            if (plan.get(i).amount().stripTrailingZeros().scale() > minorUnit) {
                problems.add(new FieldProblem("instalments[" + i + "].amount", "must have at most " + minorUnit
                    + " decimals in " + invoice.currency()));
            }
        }
        if (!problems.isEmpty()) {
            return problems;
        }
        Projection p = project(invoice, plan);
        if (p.settles()) {
            return problems;
        }
        String currency = invoice.currency();
        BigDecimal beforeLast = p.total().subtract(plan.get(plan.size() - 1).amount());
        BigDecimal lastNeeded = p.required().subtract(beforeLast);
        String message = "the amounts sum to " + p.total().toPlainString() + " " + currency + " but, each paid on its"
            + " due date, the plan must total exactly " + p.required().toPlainString() + " " + currency
            + " to cover the interest up to " + p.asOf();
        message += lastNeeded.signum() > 0
            ? " (last instalment " + lastNeeded.toPlainString() + " " + currency + ")"
            : " (the instalments before the last already pay more than the invoice will owe)";
        problems.add(new FieldProblem("instalments", message + ", or the interest of the plan is waived"));
        return problems;
    }

    /** Stores a proposal that covers the interest of the plan. */
    @Transactional
    public long propose(Invoice invoice, List<Instalment> plan, String note, String source, String createdBy) {
        return propose(invoice, plan, false, note, source, createdBy);
    }

    /**
     * Stores the proposal (the customer asked for it: that acknowledges the debt).
     *
     * @throws InvalidRequestException when the schedule does not fit the invoice
     */
    @Transactional
    public long propose(Invoice invoice, List<Instalment> plan, boolean waiveInterest, String note, String source,
                        String createdBy) {
        List<FieldProblem> problems = problems(invoice, plan, waiveInterest);
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        long id = agreements.insert(invoice.invoiceNumber(), InstalmentSchedule.total(plan), invoice.currency(), note,
            source, createdBy, clock.now(), clock.today(), plan, waiveInterest);
        acknowledgements.record(invoice.invoiceNumber(), clock.today(), AcknowledgementService.AGREEMENT);
        return id;
    }

    public Agreement find(long id) {
        return agreements.find(id);
    }

    /**
     * Plans above the approval limit of their currency ({@link AgreementApprovalPolicy}, Decision_AgreementApproval)
     * need a supervisor; in a currency without a limit every plan does (nothing is converted to guess one);
     * and so does every plan that waives interest. The amount judged is the customer's exposure in the plan's
     * currency ({@link #customerPlansTotal}), not the plan alone: four plans under the limit each on four invoices
     * of one customer need a supervisor from the one whose plans together cross it. A plan reinstated after a demand
     * was approved already (not judged again).
     */
    public boolean needsApproval(Agreement agreement) {
        return judge(agreement).needsApproval();
    }

    /** Whether a supervisor approves the plan, and the amount judged (null for a plan running already). */
    public record ApprovalJudgement(boolean needsApproval, BigDecimal customerPlansTotal) {
    }

    public ApprovalJudgement judge(Agreement agreement) {
        if (Agreement.ACTIVE.equals(agreement.status())) {
            return new ApprovalJudgement(false, null);
        }
        BigDecimal judged = customerPlansTotal(agreement);
        return new ApprovalJudgement(agreement.waiveInterest() || approval.aboveLimit(agreement.currency(), judged),
            judged);
    }

    /**
     * The customer's plans in this plan's currency, this one included: its total plus the totals of the customer's
     * other plans in the currency that are being agreed (PROPOSED) or running (ACTIVE) on open cases; kept, ended
     * and rejected plans no longer count, other currencies never (nothing is converted). Read under the lock on the
     * customer's row (the lock a proposal takes already; held again here when the plan is prepared in another
     * transaction), so two plans proposed at the same moment are judged one after the other, the second with the
     * first counted.
     */
    public BigDecimal customerPlansTotal(Agreement agreement) {
        String customerId = agreements.customerOf(agreement.invoiceNumber());
        customers.lock(customerId);
        return agreement.total().add(agreements.otherOpenPlansTotal(customerId, agreement.currency(), agreement.id()));
    }

    public void decide(long id, boolean approved, String by) {
        agreements.setStatus(id, approved ? Agreement.PROPOSED : Agreement.REJECTED, by,
            approved ? null : clock.now());
        if (approved) {
            agreements.approvedAt(id, clock.now());
        }
    }

    /** The plan runs from now on; the customer gets the schedule (once, however often this is retried). */
    @Transactional
    public void activate(long id) {
        Agreement a = agreements.find(id);
        agreements.setStatus(id, Agreement.ACTIVE, null, null);
        agreements.activatedAt(id, clock.now());
        Customer customer = customer(a);
        String lines = a.instalments().stream()
            .map(i -> "  " + i.seq() + ". " + i.dueDate() + "  " + a.currency() + " " + i.amount().toPlainString())
            .collect(Collectors.joining("\n"));
        outbox.enqueue(SCHEDULE + ":" + id, a.invoiceNumber(), customer.customerId(), SCHEDULE, outbox.usableEmail(customer.email()),
            "Your instalment plan for invoice " + a.invoiceNumber(),
            "Dear " + customer.name() + ",\n\nas agreed, invoice " + a.invoiceNumber() + " is paid in "
                + a.instalments().size() + " instalments (total " + a.currency() + " " + a.total().toPlainString()
                + (a.waiveInterest() ? ", the interest accruing during the plan waived when it is kept"
                    : ", interest up to the last instalment included")
                + "):\n" + lines + "\n\nPlease quote the invoice number. If unpaid instalments reach one fifth of"
                + " the total, you will be asked to pay them within " + demandDays + " days; unpaid after that,"
                + " the whole remainder falls due at once (Civil Code art. 634).");
    }

    /** Reminds the customer of an instalment unless it is paid already. @return whether a reminder was queued */
    public boolean remind(long id, int seq) {
        Agreement a = agreements.find(id);
        Instalment instalment = a.instalment(seq);
        if (Acceleration.covered(a.instalments(), seq, paidTowards(a, clock.today()))) {
            return false;
        }
        Customer customer = customer(a);
        return outbox.enqueue(REMINDER + ":" + id + ":" + seq, a.invoiceNumber(), customer.customerId(), REMINDER,
            outbox.usableEmail(customer.email()), "Instalment " + seq + " of invoice " + a.invoiceNumber() + " is due on "
                + instalment.dueDate(),
            "Dear " + customer.name() + ",\n\ninstalment " + seq + " of " + a.instalments().size() + " over "
                + a.currency() + " " + instalment.amount().toPlainString() + " is due on " + instalment.dueDate()
                + ". Thank you for keeping to the plan.");
    }

    /**
     * The morning after the bank feed of the due date is in: the due date plus the grace working days. Before then a
     * payment made on the due date may simply not be posted yet. The grace is the customer's: it counts the working
     * days of the customer's country (a deadline the customer meets; a customer without a country is at home).
     */
    public LocalDate checkDay(long id, LocalDate day) {
        return checkDay(customer(agreements.find(id)).country(), day);
    }

    LocalDate checkDay(String country, LocalDate day) {
        return calendar.plusWorkingDays(country, day, graceWorkingDays).plusDays(1);
    }

    /** The instalments up to {@code seq} against the plan's money posted so far, judged by value date. */
    public Acceleration.Check check(long id, int seq) {
        Agreement a = agreements.find(id);
        return Acceleration.check(a.instalments(), seq, paidTowards(a, clock.today()));
    }

    /**
     * Civil Code art. 634: the customer is asked to pay what is unpaid of the instalments up to {@code seq} within
     * the demand period (once per plan and instalment, however often this is retried).
     *
     * @return the last day of the period
     */
    @Transactional
    public LocalDate demand(long id, int seq) {
        Agreement a = agreements.find(id);
        LocalDate until = clock.today().plusDays(demandDays);
        BigDecimal unpaid = Acceleration.check(a.instalments(), seq, paidTowards(a, clock.today()))
            .unpaid();
        Customer customer = customer(a);
        boolean queued = outbox.enqueue(DEMAND + ":" + id + ":" + seq, a.invoiceNumber(), customer.customerId(), DEMAND,
            outbox.usableEmail(customer.email()), demandSubject(a), demandBody(a, customer, unpaid, until));
        if (queued || a.demandUntil() == null) {
            agreements.setDemandUntil(id, until, clock.now());
            return until;
        }
        return a.demandUntil();
    }

    private static String demandSubject(Agreement a) {
        return "Payment demand: instalments of invoice " + a.invoiceNumber() + " unpaid";
    }

    private static String demandBody(Agreement a, Customer customer, BigDecimal unpaid, LocalDate until) {
        return "Dear " + customer.name() + ",\n\nof the instalments of invoice " + a.invoiceNumber() + " due so far, "
            + a.currency() + " " + unpaid.toPlainString() + " is unpaid. Please pay it by " + until
            + ". If it is not paid by then, the instalment plan ends and the whole remainder falls due at once"
            + " (Civil Code art. 634).";
    }

    /**
     * An instalment reminder, payment demand or acceleration notice written on an earlier day, as it goes out today
     * (it waited for an e-mail address or the end of the quiet hours; DOMAIN.md 5: figures as of the day the customer
     * is told): a reminder of an instalment paid by now, or whose due date has passed, or of a plan no longer running,
     * is not sent; a demand states what is unpaid today (none unpaid: not sent) and its period runs from today (the
     * plan's demand period moves with it: {@link #checkDemand}); the acceleration the remainder owed today.
     */
    public com.collectwise.communication.LaterDayNotice.Today asOfToday(String key, String subject, String body) {
        String[] part = Outbox.noticeKey(key).split(":");
        Agreement a = agreements.find(Long.parseLong(part[1]));
        LocalDate today = clock.today();
        switch (part[0]) {
            case REMINDER -> {
                int seq = Integer.parseInt(part[2]);
                Instalment instalment = a.instalment(seq);
                if (!Agreement.ACTIVE.equals(a.status())) {
                    return com.collectwise.communication.LaterDayNotice.Today.cancel("Not sent: the instalment plan is "
                        + a.status().toLowerCase() + " (by " + today + ") since the reminder was written.");
                }
                if (Acceleration.covered(a.instalments(), seq, paidTowards(a, today))) {
                    return com.collectwise.communication.LaterDayNotice.Today.cancel("Not sent: instalment " + seq
                        + " was paid (by " + today + ") before the reminder went out.");
                }
                if (today.isAfter(instalment.dueDate())) {
                    return com.collectwise.communication.LaterDayNotice.Today.cancel("Not sent: the instalment's due date "
                        + instalment.dueDate() + " passed before the reminder went out (the plan's check takes over).");
                }
                return com.collectwise.communication.LaterDayNotice.Today.send(subject, body);
            }
            case DEMAND -> {
                int seq = Integer.parseInt(part[2]);
                BigDecimal unpaid = Acceleration.check(a.instalments(), seq, paidTowards(a, today)).unpaid();
                if (unpaid.signum() <= 0 || !Agreement.ACTIVE.equals(a.status()) || a.demandUntil() == null) {
                    return com.collectwise.communication.LaterDayNotice.Today.cancel("Not sent: the instalments due "
                        + "so far were paid, or the plan ended, (by " + today + ") before the demand went out.");
                }
                // art. 634: the period runs from the day the customer is told, not from the day it was written
                LocalDate until = today.plusDays(demandDays);
                if (!until.equals(a.demandUntil())) {
                    agreements.demandSentLate(a.id(), until, clock.now());
                }
                return com.collectwise.communication.LaterDayNotice.Today.send(demandSubject(a),
                    demandBody(a, customer(a), unpaid, until));
            }
            case ACCELERATION -> {
                BigDecimal open = outstandingToday(invoice(a));
                if (open.signum() <= 0) {
                    return com.collectwise.communication.LaterDayNotice.Today.cancel("Not sent: nothing is owed any "
                        + "more on " + today + ".");
                }
                return com.collectwise.communication.LaterDayNotice.Today.send(subject, body.replaceFirst(
                    "The remainder, " + java.util.regex.Pattern.quote(a.currency()) + " [0-9.]+ as of today",
                    java.util.regex.Matcher.quoteReplacement("The remainder, " + a.currency() + " "
                        + open.toPlainString() + " as of today")));
            }
            default -> {
                return com.collectwise.communication.LaterDayNotice.Today.send(subject, body);
            }
        }
    }

    /** What the check after a demand period finds: the plan goes on, is accelerated, or waits until {@code checkOn}. */
    public enum DemandVerdict { MET, UNPAID, WAITING }

    public record DemandCheck(DemandVerdict verdict, LocalDate checkOn) {
    }

    /**
     * The check after the demand period of instalment {@code seq} (art. 634: the period runs from the day the demand
     * goes out). Paid (or the demand met meanwhile): the plan goes on. A demand that has not gone out (it waits for an
     * e-mail address, the collector has the "No e-mail address" task, or was refused) has given the customer no period:
     * never an acceleration; checked again once a period could be over were it sent today. A demand that went out
     * later than it was written: checked the morning after its own period and the grace. Else judged by value date.
     */
    public DemandCheck checkDemand(long id, int seq) {
        Agreement a = agreements.find(id);
        LocalDate today = clock.today();
        String country = customer(a).country();
        if (a.demandUntil() != null) {
            Optional<LocalDate> sentOn = outbox.sentOn(DEMAND + ":" + id + ":" + seq);
            if (sentOn.isEmpty()) {
                return Acceleration.covered(a.instalments(), seq, paidTowards(a, today))
                    ? new DemandCheck(DemandVerdict.MET, null)
                    : new DemandCheck(DemandVerdict.WAITING, checkDay(country, today.plusDays(demandDays)));
            }
            LocalDate until = sentOn.get().plusDays(demandDays);
            if (until.isAfter(a.demandUntil())) {
                agreements.demandSentLate(id, until, clock.now());
            }
            LocalDate checkOn = checkDay(country, until.isAfter(a.demandUntil()) ? until : a.demandUntil());
            if (today.isBefore(checkOn)) {
                return new DemandCheck(DemandVerdict.WAITING, checkOn);
            }
        }
        return new DemandCheck(demandMet(id, seq) ? DemandVerdict.MET : DemandVerdict.UNPAID, null);
    }

    /** Whether the instalments up to {@code seq} were paid by value date within the demand period. */
    public boolean demandMet(long id, int seq) {
        Agreement a = agreements.find(id);
        LocalDate until = a.demandUntil() == null ? clock.today() : a.demandUntil();
        return Acceleration.covered(a.instalments(), seq, paidTowards(a, until));
    }

    /** The plan is forfeited: what is still open is due at once, and the customer is told so. */
    @Transactional
    public void accelerate(long id, String reason) {
        Agreement a = agreements.find(id);
        agreements.setStatus(id, Agreement.ACCELERATED, null, clock.now());
        agreements.acceleratedAt(id, clock.now());
        Customer customer = customer(a);
        Invoice invoice = invoice(a);
        BigDecimal open = outstandingToday(invoice);
        outbox.enqueue(ACCELERATION + ":" + id, a.invoiceNumber(), customer.customerId(), ACCELERATION,
            outbox.usableEmail(customer.email()), "Instalment plan for invoice " + a.invoiceNumber() + " ended: remainder due now",
            "Dear " + customer.name() + ",\n\nthe instalment plan for invoice " + a.invoiceNumber()
                + " has ended because " + reason + ". The remainder, " + a.currency() + " "
                + open.toPlainString() + " as of today (interest running on), is due at once (Civil Code art. 634).");
    }

    /**
     * The plan is kept: with the interest of the plan waived, the waiver is booked first; then the account is
     * reconciled, which settles the invoice when it owes nothing (the payments package does that).
     *
     * @return whether the invoice is settled now
     */
    @Transactional
    public boolean kept(long id) {
        Agreement a = agreements.find(id);
        agreements.setStatus(id, Agreement.KEPT, null, clock.now());
        Invoice invoice = invoice(a);
        if (invoice.status() != CaseStatus.OPEN) {
            return invoice.status() == CaseStatus.SETTLED;
        }
        if (a.waiveInterest()) {
            waivePlanInterest(a, invoice);
        } else {
            waiveGraceInterest(a, invoice);
        }
        events.publishEvent(new PlanKept(invoice.customerId(), invoice.invoiceNumber()));
        return invoice(a).status() == CaseStatus.SETTLED;
    }

    /**
     * Waives the interest accrued from the day after the plan started, as it accrued: one line on each day the plan's
     * money came (and today), for the interest accrued since the line before. A waiver line reduces the interest
     * before the payments of its day, so each instalment goes to what the plan covered and none of it to the
     * plan's interest. Each line changes the principal later interest runs on, so they are booked one after the
     * other, each from a fresh replay. Keyed by plan and day: a retried job books nothing twice.
     */
    private void waivePlanInterest(Agreement a, Invoice invoice) {
        String approver = a.approvedBy() != null ? a.approvedBy() : a.createdBy();
        TreeSet<LocalDate> days = new TreeSet<>(paymentDays(a, clock.today()));
        days.add(clock.today());
        Money baseline = accrued(invoice, a.startsOn());
        Money waived = Money.zero(invoice.currency());
        for (LocalDate day : days) {
            Money due = accrued(invoice, day).minus(baseline).minus(waived);
            if (due.isPositive()) {
                adjustments.waiveAccruedInterest(invoice, due, WAIVER_REASON.formatted(a.id()), approver, day,
                    "PLAN-INTEREST:" + a.id() + ":" + day);
                waived = waived.plus(due);
            }
        }
    }

    /**
     * A plan kept by its money (each instalment judged paid by value date, within the grace working days) settles the
     * invoice (DOMAIN 5): an instalment paid a day or two after its due date, within the grace, still owes the interest
     * of those days, which the plan's total (computed to the due dates) did not cover; left alone, those cents would
     * resume collection. What the plan leaves owed after its last money is waived, on that money's day (so the money
     * pays the principal), but never more than the interest that ran beyond the plan's own: the interest accrued from
     * the plan's first day to its last money less the interest the plan covered (its total less what was outstanding
     * on its first day). A debt of another kind (a fee) or beyond that interest stays and collection resumes.
     * Keyed by plan: a retried job books nothing twice.
     */
    private void waiveGraceInterest(Agreement a, Invoice invoice) {
        List<LocalDate> days = paymentDays(a, clock.today());
        if (days.isEmpty()) {
            return;
        }
        LocalDate last = days.stream().max(LocalDate::compareTo).orElseThrow();
        BigDecimal left = statements.statement(invoice, last).total();
        if (left.signum() <= 0) {
            return;
        }
        BigDecimal planInterest = a.total().subtract(statements.statement(invoice, a.startsOn()).total());
        BigDecimal beyond = accrued(invoice, last).minus(accrued(invoice, a.startsOn())).amount().subtract(planInterest);
        BigDecimal waive = left.min(beyond);
        if (waive.signum() > 0) {
            String approver = a.approvedBy() != null ? a.approvedBy() : a.createdBy();
            adjustments.waiveAccruedInterest(invoice, Money.of(waive, invoice.currency()),
                GRACE_WAIVER_REASON.formatted(a.id()), approver, last, "PLAN-GRACE-INTEREST:" + a.id());
        }
    }

    private Money accrued(Invoice invoice, LocalDate asOf) {
        return statements.account(invoice.customerId(), asOf).result().invoice(invoice.invoiceNumber())
            .accruedInterest();
    }

    /**
     * After the customer's money changed and the invoice owes nothing: a running plan ends as kept, and the case
     * with it, so the case is not told separately.
     *
     * @return true when the plan ends the case (the caller must not end it)
     */
    public boolean invoiceSettled(String invoiceNumber) {
        Optional<Agreement> latest = agreements.latest(invoiceNumber);
        if (latest.isEmpty()) {
            return false; // the common case, one indexed query: no plan was ever agreed
        }
        Agreement a = latest.get();
        if (!a.isOpen() && !Agreement.KEPT.equals(a.status())) {
            return false;
        }
        Optional<String> plan = signals.runningPlan(invoiceNumber);
        if (plan.isEmpty()) {
            return false;
        }
        if (a.isOpen()) {
            signals.planPaidOff(plan.get());
        }
        // KEPT with the plan still running: the plan itself is settling the invoice and ends the case as it ends
        return true;
    }

    /**
     * A settled invoice owes again (a payment was reversed) and its new case has started: a plan that was kept is kept
     * no longer, as the replay now says. It runs again in the new case, from its first instalment: each instalment
     * whose check day is past is judged at once against the plan's money as it stands (the bounced payment no longer
     * counts), so an instalment the reversal left unpaid gets the payment demand of art. 634 and, unpaid after it,
     * the acceleration; the schedule is not sent again. A case that cannot take the plan leaves it KEPT (the case
     * collects without it).
     *
     * @return whether the plan runs again
     */
    @Transactional
    public boolean invoiceOwesAgain(String invoiceNumber) {
        Optional<Agreement> latest = agreements.latest(invoiceNumber);
        if (latest.isEmpty() || !Agreement.KEPT.equals(latest.get().status())) {
            return false;
        }
        Agreement a = latest.get();
        agreements.setStatus(a.id(), Agreement.ACTIVE, null, null);
        if (signals.reinstatePlan(invoiceNumber, a.id())) {
            return true;
        }
        agreements.setStatus(a.id(), Agreement.KEPT, null, clock.now());
        return false;
    }

    /**
     * Money reached an open invoice that still owes something. Instalments are expected payments, not part payments
     * without explanation: with a plan running the case is not asked "why not in full?". A payment that covers what
     * a payment demand asked for (every instalment due before today paid) ends the demand at once: the plan shows no
     * demand period any more. A payment dated within the demand period of a plan that was accelerated because it was
     * not posted in time undoes the acceleration: the plan goes on.
     *
     * @return true when the payment belongs to a plan (no "why not in full?")
     */
    @Transactional
    public boolean paymentReceived(String invoiceNumber, LocalDate valueDate) {
        Optional<Agreement> latest = agreements.latest(invoiceNumber);
        if (latest.isEmpty()) {
            return false;
        }
        Agreement a = latest.get();
        if (a.isOpen()) {
            if (Agreement.ACTIVE.equals(a.status()) && a.demandUntil() != null && nothingOverdue(a)) {
                // the money the demand asked for came (dated in time, posted late, or paid within the period): the
                // demand is met now, not only when its period is over; the check after the period lets the plan go on
                agreements.setDemandUntil(a.id(), null, clock.now());
            }
            return true;
        }
        if (Agreement.ACCELERATED.equals(a.status()) && a.demandUntil() != null
            && !valueDate.isAfter(a.demandUntil()) && demandCovered(a)) {
            agreements.setStatus(a.id(), Agreement.ACTIVE, null, null);
            agreements.setDemandUntil(a.id(), null, clock.now());
            agreements.reinstatedAt(a.id(), clock.now(), a.demandUntil());
            if (signals.reinstatePlan(invoiceNumber, a.id())) {
                return true;
            }
            // the case cannot take the plan again (it is closed or in another process): the acceleration stands
            agreements.setStatus(a.id(), Agreement.ACCELERATED, null, clock.now());
            agreements.setDemandUntil(a.id(), a.demandUntil(), clock.now());
            agreements.reinstatedAt(a.id(), null, null);
        }
        return false;
    }

    /** Whether every instalment due before today is paid (the plan's money as posted by now). */
    private boolean nothingOverdue(Agreement a) {
        int seq = 0;
        for (Instalment i : a.instalments()) {
            if (i.dueDate().isBefore(clock.today())) {
                seq = i.seq();
            }
        }
        return Acceleration.covered(a.instalments(), seq, paidTowards(a, clock.today()));
    }

    /**
     * Whether what the demand asked for is paid, by value date within the period: the instalments due before the day
     * it was sent (its last day less the demand days), as the check after the period judged them; not those that fell
     * due during the period, which the demand never asked for (the plan judges them next, once it goes on).
     */
    private boolean demandCovered(Agreement a) {
        LocalDate sent = a.demandUntil().minusDays(demandDays);
        int seq = 0;
        for (Instalment i : a.instalments()) {
            if (i.dueDate().isBefore(sent)) {
                seq = i.seq();
            }
        }
        return Acceleration.covered(a.instalments(), seq, paidTowards(a, a.demandUntil()));
    }

    /**
     * The plan's money up to {@code until} (judged by value date): what reached the invoice, dated through
     * {@code until} and posted after the plan was proposed (dated before its first day too: see {@link #planMoney}). What reached the invoice is the
     * replay's allocation, not the invoice a payment names: a payment without an invoice number counts for the plan
     * when it paid the plan's invoice (oldest due date first), a surplus that went to customer credit or another
     * invoice does not, and a payment reversed by {@code until} counts only while it stood. A payment posted before
     * the proposal is already in the outstanding figure the plan covers; counting it again would pay an instalment
     * twice.
     */
    private BigDecimal paidTowards(Agreement a, LocalDate until) {
        return planMoney(a, until).stream().map(StatementService.MoneyOnInvoice::amount)
            .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** The value dates of the plan's money up to {@code until} (see {@link #paidTowards}). */
    private List<LocalDate> paymentDays(Agreement a, LocalDate until) {
        return planMoney(a, until).stream().map(StatementService.MoneyOnInvoice::receivedOn).distinct().toList();
    }

    private List<StatementService.MoneyOnInvoice> planMoney(Agreement a, LocalDate until) {
        if (until.isBefore(a.startsOn())) {
            return List.of();
        }
        // posted after the proposal, whatever its value date: money dated before the plan's first day but posted
        // after it (the bank feed came late) was not in the outstanding figure the plan was agreed on, so it pays the
        // plan (early); the replay has it lower what the invoice owes by the same amount
        return statements.moneyOn(invoice(a), until).stream()
            .filter(m -> !m.receivedOn().isAfter(until) && m.postedAt().isAfter(a.createdAt()))
            .toList();
    }

    private Invoice invoice(Agreement a) {
        return invoices.find(a.invoiceNumber()).orElseThrow();
    }

    private Customer customer(Agreement a) {
        return customers.find(agreements.customerOf(a.invoiceNumber())).orElseThrow();
    }

    /** Hypothetical payments: each instalment on its due date, naming the invoice, after the real ones that day. */
    private static List<AccountReplay.PaymentFact> facts(Invoice invoice, List<Instalment> plan) {
        return plan.stream().map(i -> new AccountReplay.PaymentFact(reference(i), invoice.invoiceNumber(),
            Money.of(i.amount(), invoice.currency()), i.dueDate(), null, Instant.MAX)).toList();
    }

    private static String reference(Instalment i) {
        return "PLAN-INSTALMENT-" + i.seq();
    }
}
