package com.collectwise.cases;

import com.collectwise.kernel.CaseHistory;
import com.collectwise.kernel.ContactEntry;
import com.collectwise.kernel.ContactLog;
import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.InvoiceRepository;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

import com.collectwise.limitation.LimitationService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.collectwise.agreements.Agreement;
import com.collectwise.agreements.AgreementRepository;
import com.collectwise.kernel.BusinessClock;
import com.collectwise.api.NotFoundException;
import com.collectwise.cases.CaseView.AgreementView;
import com.collectwise.cases.CaseView.DisputeView;
import com.collectwise.cases.CaseView.Outstanding;
import com.collectwise.cases.CaseView.PromiseView;
import com.collectwise.kernel.Customer;
import com.collectwise.customers.CustomerRepository;
import com.collectwise.disputes.DisputeService;
import com.collectwise.fees.InterestBasis;
import com.collectwise.money.Statement;
import com.collectwise.fees.StatementService;
import com.collectwise.money.Money;

/** Assembles the case view of the API from the domain tables (not from process variables). */
@Service
public class CaseViewService {

    /** Civil Code art. 188: three years from the due date (interruptions are not counted yet). */

    private final InvoiceRepository invoices;
    private final CustomerRepository customers;
    private final StatementService statements;
    private final ContactLog contacts;
    private final JdbcClient jdbc;
    private final LimitationService limitation;
    private final PromiseBook promiseBook;
    private final AgreementRepository agreements;
    private final DisputeService disputes;
    private final BusinessClock clock;
    private final CaseHistory history;

    public CaseViewService(InvoiceRepository invoices, CustomerRepository customers, StatementService statements,
                           ContactLog contacts, JdbcClient jdbc, LimitationService limitation, PromiseBook promiseBook,
                           AgreementRepository agreements, DisputeService disputes, BusinessClock clock,
                           CaseHistory history) {
        this.clock = clock;
        this.history = history;
        this.invoices = invoices;
        this.customers = customers;
        this.statements = statements;
        this.contacts = contacts;
        this.jdbc = jdbc;
        this.limitation = limitation;
        this.promiseBook = promiseBook;
        this.agreements = agreements;
        this.disputes = disputes;
    }

    /** @throws NotFoundException when there is no such invoice */
    // not read-only: the late-fee decision writes decision history, which PostgreSQL refuses in a read-only transaction
    @Transactional
    public CaseView view(String invoiceNumber, LocalDate asOf) {
        Invoice invoice = invoices.find(invoiceNumber)
            .orElseThrow(() -> new NotFoundException("There is no invoice " + invoiceNumber));
        String collector = customers.find(invoice.customerId()).map(Customer::collector).orElse(null);
        Statement statement = statements.statement(invoice, asOf);
        String currency = invoice.currency();
        Outstanding outstanding = new Outstanding(minor(statement.principal(), currency),
            minor(statement.interest(), currency), minor(statement.fees(), currency), minor(statement.total(), currency));
        long daysOverdue = outstanding.total().signum() == 0 ? 0
            : Math.max(0, ChronoUnit.DAYS.between(invoice.dueDate(), asOf));
        // as of the date: only the promises, plans and disputes made by its end, with their status then
        Instant endOfDay = asOf.plusDays(1).atStartOfDay(clock.zone()).toInstant();
        PromiseBook.Habits habits = promiseBook.habits(invoice.customerId(), endOfDay);
        AgreementView agreement = agreementAsOf(invoiceNumber, endOfDay);
        List<DisputeView> disputeViews = disputes.forInvoice(invoiceNumber, asOf).stream().map(DisputeView::of).toList();
        CaseHistory.StageAndStatus then = stageAndStatusAsOf(invoice, endOfDay);
        return new CaseView(invoice.invoiceNumber(), invoice.customerId(), then.status(),
            then.stage(), invoice.dueDate(), daysOverdue, collector, invoice.currency(), outstanding,
            limitation.limitationDate(invoice, asOf),
            promises(invoiceNumber, endOfDay), habits.kept(), habits.broken(), agreement, disputeViews,
            disputes.disputed(invoiceNumber, asOf), asOf, interestBasis(invoice, asOf));
    }

    /**
     * The case's stage and status at {@code endOfDay}, from its dated history ({@link CaseHistory}): a case settled
     * after that day was OPEN then, one settled and reopened since was SETTLED then, a case that escalated since was
     * in its earlier stage. As of today (or later), and for a case that never changed, the ones it has now.
     */
    private CaseHistory.StageAndStatus stageAndStatusAsOf(Invoice invoice, Instant endOfDay) {
        CaseHistory.StageAndStatus now = new CaseHistory.StageAndStatus(invoice.stage(), invoice.status());
        if (!endOfDay.isBefore(clock.now())) {
            return now;
        }
        return history.at(invoice.invoiceNumber(), endOfDay).orElse(now);
    }

    /**
     * The newest plan proposed by {@code endOfDay}, with its status then: a plan kept or accelerated later was
     * ACTIVE, one rejected later was PROPOSED, one activated later PROPOSED, one approved later without its approver
     * ({@code AgreementRepository#asOf}).
     */
    private AgreementView agreementAsOf(String invoiceNumber, Instant endOfDay) {
        return agreements.asOf(invoiceNumber, endOfDay).map(AgreementView::of).orElse(null);
    }

    private CaseView.InterestBasisView interestBasis(Invoice invoice, LocalDate asOf) {
        InterestBasis basis = statements.basis(invoice, asOf);
        LocalDate firstLateDay = invoice.dueDate().plusDays(1);
        BigDecimal rate = basis.rate().annualPercentOn(asOf.isBefore(firstLateDay) ? firstLateDay : asOf);
        return new CaseView.InterestBasisView(basis.source().name(), basis.description(),
            rate == null ? null : plain(rate));
    }

    /** @throws NotFoundException when there is no such invoice */
    // not read-only: the late-fee decision writes decision history, which PostgreSQL refuses in a read-only transaction
    @Transactional
    public List<ContactEntry> contacts(String invoiceNumber) {
        if (!invoices.exists(invoiceNumber)) {
            throw new NotFoundException("There is no invoice " + invoiceNumber);
        }
        return contacts.list(invoiceNumber);
    }

    /** The promises made by {@code endOfDay}; one decided after it was still OPEN then. */
    private List<PromiseView> promises(String invoiceNumber, Instant endOfDay) {
        return jdbc.sql("""
                SELECT id, amount, currency, promised_date, note, status, created_by, created_at, resolved_at
                FROM promises WHERE invoice_number = ? AND created_at < ? ORDER BY created_at, id""")
            .params(invoiceNumber, Timestamp.from(endOfDay))
            .query((rs, n) -> new PromiseView(rs.getLong("id"),
                Money.stored(rs.getBigDecimal("amount"), rs.getString("currency").trim()), rs.getString("currency").trim(),
                rs.getDate("promised_date").toLocalDate(), rs.getString("note"),
                rs.getTimestamp("resolved_at") != null && !rs.getTimestamp("resolved_at").toInstant().isBefore(endOfDay)
                    ? "OPEN" : rs.getString("status"),
                rs.getString("created_by"), rs.getTimestamp("created_at").toInstant()))
            .list();
    }

    /** 5.7750 as 5.775, 12.00 as 12 (not 1.2E+1). */
    private static BigDecimal plain(BigDecimal rate) {
        BigDecimal stripped = rate.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    /** The statement's figures at the currency's minor unit (KWD 1.234 stays 1.234, JPY has no decimals). */
    private static BigDecimal minor(BigDecimal amount, String currency) {
        return Money.rounded(amount, currency).amount();
    }
}
