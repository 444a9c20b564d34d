package com.collectwise.communication;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.springframework.stereotype.Component;

import com.collectwise.kernel.BusinessClock;
import com.collectwise.fees.CaseFigures;
import com.collectwise.fees.InterestBasis;
import com.collectwise.kernel.Customer;
import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.InvoiceRepository;
import com.collectwise.customers.CustomerRepository;
import com.collectwise.disputes.DisputeService;
import com.collectwise.disputes.DisputedPart;
import com.collectwise.fees.FeeService;
import com.collectwise.money.Money;
import com.collectwise.fees.StatementDetail;
import com.collectwise.fees.StatementService;
import com.collectwise.limitation.LimitationService;

/**
 * Loads what every notice delegate needs: today's figures of the case, its customer, the stage entry, the part
 * under open dispute (never demanded while the dispute runs) and whether the claim is time-barred (then no notice
 * threatens a suit).
 */
@Component
public class NoticeContext {

    private final CaseFigures figures;
    private final CustomerRepository customers;
    private final StatementService statements;
    private final FeeService fees;
    private final DisputeService disputes;
    private final LimitationService limitation;
    private final BusinessClock clock;
    private final InvoiceRepository invoices;

    public NoticeContext(CaseFigures figures, CustomerRepository customers, StatementService statements,
                         FeeService fees, DisputeService disputes, LimitationService limitation, BusinessClock clock,
                         InvoiceRepository invoices) {
        this.invoices = invoices;
        this.figures = figures;
        this.customers = customers;
        this.statements = statements;
        this.fees = fees;
        this.disputes = disputes;
        this.limitation = limitation;
        this.clock = clock;
    }

    /**
     * @param disputed   the open disputes of the invoice: their sum (named) and what they withhold (not demanded)
     * @param timeBarred the limitation date has passed: payment may be asked for, no suit threatened
     */
    public record Case(CaseFigures.Figures figures, Customer customer, int stageEntry, DisputedPart disputed,
                       boolean timeBarred) {

        /**
         * The open disputes withhold everything owed today (the notice's own fee aside): a reminder would ask for
         * nothing, and an invoice disputed in full does not escalate while the dispute is open (DOMAIN.md 5).
         */
        public boolean disputedInFull() {
            return disputed.any() && disputed.demanded(figures.statement().total()).signum() <= 0;
        }
    }

    /**
     * @param stageEntry how often the case entered a stage (0 before the first entry), as
     *                   {@code kernel.CaseFacts#stageEntry} reads it for the delegate's execution
     */
    public Case of(String invoiceNumber, int stageEntry) {
        CaseFigures.Figures today = figures.today(invoiceNumber);
        Customer customer = customers.find(today.invoice().customerId())
            .orElseThrow(() -> new IllegalStateException("Customer " + today.invoice().customerId() + " does not exist"));
        boolean timeBarred = limitation.limitationDate(today.invoice(), clock.today()).isBefore(clock.today());
        return new Case(today, customer, stageEntry, disputes.part(today.invoice(), clock.today()), timeBarred);
    }

    /**
     * The rate and basis of the case's invoice today and the fee of this notice. The fee is quoted only when the
     * model books it ({@code feeChargedNext}: the task right after the notice charges it in the same transaction,
     * {@code kernel.ElementProperty#nextTaskRuns}), so the notice and the ledger agree whatever a supervisor changes
     * in the model. Late charges stop at the policy's cap, fees first and interest filling the rest, so a fee adds
     * what is left below the cap.
     */
    public LateCharges lateCharges(Case c, FeeService.Kind kind, boolean feeChargedNext) {
        LocalDate asOf = c.figures().statement().asOf();
        StatementDetail detail = statements.detail(c.figures().invoice(), asOf);
        Money fee = feeChargedNext ? fees.feeFor(c.figures().invoice(), kind).orElse(null) : null;
        Money room = detail.cap() == null ? null
            : detail.cap().minus(detail.accruedFees()).minus(detail.accruedInterest());
        return LateCharges.of(detail.basis(), asOf, fee, detail.cap(), room)
            .withCompensationUnconverted(detail.compensationNote() != null).withCompensation(detail.euCompensation());
    }

    /**
     * The rate the invoice will bear once overdue, for the reminder before the due date: its basis as of today, its
     * rate on the first late day (a half-yearly ECB rate or an LPR fixing may change before then).
     */
    public LateCharges rateOnceOverdue(Case c) {
        return rateOnceOverdue(c.figures().invoice(), c.figures().statement().asOf());
    }

    private LateCharges rateOnceOverdue(Invoice invoice, LocalDate asOf) {
        // the basis of the statement as of the date (StatementDetail.basis), without replaying the account
        return rateOnceOverdue(invoice, statements.basisAsOf(invoice, asOf));
    }

    private static LateCharges rateOnceOverdue(Invoice invoice, InterestBasis basis) {
        return LateCharges.of(basis, invoice.dueDate().plusDays(1), null);
    }

    /**
     * What the reminder before the due date says: the invoice, its customer, the rate once overdue, what is still open
     * today (the amount less what was paid or credited: part payments, money applied at registration, the customer's
     * credit, credit notes) and the part under open dispute, which is named and not asked for (DOMAIN.md 5).
     *
     * @param open     the invoice's outstanding total today
     * @param disputed the open disputes (named) and what they withhold ({@link DisputedPart#NONE} without any)
     */
    public record BeforeDue(Invoice invoice, Customer customer, LateCharges rateOnceOverdue, BigDecimal open,
                            DisputedPart disputed) {

        /** What the reminder asks for: what is open less what the open disputes withhold, never below zero. */
        public BigDecimal demanded() {
            return CollectionNotices.demanded(open, disputed);
        }

        /** An invoice disputed in full (or owing nothing): the reminder would ask for nothing. */
        public boolean asksForNothing() {
            return demanded().signum() <= 0;
        }
    }

    /**
     * The reminder before the due date needs no stage entry, fees or limitation date (those are for the notices that
     * demand money after the due date): the invoice, the customer, the rate as of today, what is open and what is
     * disputed. The common case - nothing paid, credited or disputed - reads the invoice, the customer, the ledger
     * lines, the rate tables (bench/results/TUNING.md row 21) and two indexed lookups more: the customer's applied
     * payments and whether the invoice has an open dispute; only an invoice where something happened is replayed.
     */
    public BeforeDue beforeDue(String invoiceNumber) {
        Invoice invoice = invoices.find(invoiceNumber)
            .orElseThrow(() -> new IllegalStateException("Invoice " + invoiceNumber + " does not exist"));
        Customer customer = customers.find(invoice.customerId())
            .orElseThrow(() -> new IllegalStateException("Customer " + invoice.customerId() + " does not exist"));
        LocalDate today = clock.today();
        StatementService.BeforeDue figures = statements.beforeDue(invoice, today);
        DisputedPart disputed = disputes.anyOpen(invoiceNumber) ? disputes.part(invoice, today) : DisputedPart.NONE;
        return new BeforeDue(invoice, customer, rateOnceOverdue(invoice, figures.basis()),
            figures.statement().total(), disputed);
    }
}
