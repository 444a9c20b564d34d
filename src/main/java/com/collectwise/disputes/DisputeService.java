package com.collectwise.disputes;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.collectwise.api.FieldProblem;
import com.collectwise.api.InvalidRequestException;
import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.CaseFiguresChanged;
import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.InvoiceCredited;
import com.collectwise.kernel.InvoiceRepository;
import com.collectwise.fees.AdjustmentService;
import com.collectwise.money.Money;
import com.collectwise.fees.StatementService;

/**
 * Disputes of an invoice. The disputed amount is at most what is outstanding and not disputed already; while a
 * dispute is open, letters and calls ask only for the undisputed part ({@link #undisputed}). Which department decides
 * a dispute is the DMN Decision_DisputeRouting (processes/dispute-routing.dmn), by category.
 */
@Service
public class DisputeService {

    private final JdbcClient jdbc;
    private final InvoiceRepository invoices;
    private final StatementService statements;
    private final AdjustmentService adjustments;
    private final BusinessClock clock;
    private final ApplicationEventPublisher events;

    public DisputeService(JdbcClient jdbc, InvoiceRepository invoices, StatementService statements,
                          AdjustmentService adjustments, BusinessClock clock, ApplicationEventPublisher events) {
        this.events = events;
        this.jdbc = jdbc;
        this.invoices = invoices;
        this.statements = statements;
        this.adjustments = adjustments;
        this.clock = clock;
    }

    /** Problems of a new dispute, by field; empty when it can be raised. */
    public List<FieldProblem> problems(Invoice invoice, DisputeCategory category, BigDecimal amount) {
        List<FieldProblem> problems = new ArrayList<>();
        if (category == null) {
            problems.add(new FieldProblem("category", "must be one of " + List.of(DisputeCategory.values())));
        }
        if (amount == null || amount.signum() <= 0) {
            problems.add(new FieldProblem("amount", "must be greater than zero"));
        } else {
            BigDecimal open = undisputed(invoice);
            if (amount.compareTo(open) > 0) {
                problems.add(new FieldProblem("amount", "must not exceed the undisputed outstanding amount "
                    + open.toPlainString() + " " + invoice.currency()));
            }
        }
        return problems;
    }

    /** @throws InvalidRequestException when the dispute does not fit the invoice */
    @Transactional
    public long raise(Invoice invoice, DisputeCategory category, BigDecimal amount, String description, String source,
                      String raisedBy) {
        List<FieldProblem> problems = problems(invoice, category, amount);
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO disputes (invoice_number, category, amount, currency, description, status, source,
                                      raised_by, raised_at)
                VALUES (?, ?, ?, ?, ?, 'OPEN', ?, ?, ?)""")
            .params(invoice.invoiceNumber(), category.name(), amount, invoice.currency(), description,
                source, raisedBy, Timestamp.from(clock.now()))
            .update(key, "id");
        // the key of this insert (the newest id of the invoice may be another request's, at the same moment)
        long id = key.getKey().longValue();
        events.publishEvent(new DisputeRaised(id, invoice.invoiceNumber(), category.name(), amount, invoice.currency()));
        return id;
    }

    public Dispute find(long id) {
        return jdbc.sql("SELECT * FROM disputes WHERE id = ?").param(id).query(this::map).single();
    }

    public List<Dispute> forInvoice(String invoiceNumber) {
        return jdbc.sql("SELECT * FROM disputes WHERE invoice_number = ? ORDER BY id").param(invoiceNumber)
            .query(this::map).list();
    }

    /** Sum of the open disputes of the invoice, at the minor unit of its currency (all disputes share it). */
    public BigDecimal disputed(String invoiceNumber) {
        return invoices.find(invoiceNumber).map(invoice -> Money.stored(jdbc.sql(
                "SELECT COALESCE(SUM(amount), 0) FROM disputes WHERE invoice_number = ? AND status = 'OPEN'")
            .param(invoiceNumber).query(BigDecimal.class).single(), invoice.currency())).orElse(BigDecimal.ZERO);
    }

    /** Sum of the disputes of the invoice that were open at the end of {@code asOf} (raised by then, decided later). */
    public BigDecimal disputed(String invoiceNumber, LocalDate asOf) {
        return invoices.find(invoiceNumber).map(invoice -> Money.stored(forInvoice(invoiceNumber, asOf).stream()
                .filter(d -> Dispute.OPEN.equals(d.status())).map(Dispute::amount)
                .reduce(BigDecimal.ZERO, BigDecimal::add), invoice.currency()))
            .orElse(BigDecimal.ZERO);
    }

    /** The disputes of the invoice as they stood at the end of {@code asOf}: raised by then, with their status then. */
    public List<Dispute> forInvoice(String invoiceNumber, LocalDate asOf) {
        return forInvoice(invoiceNumber).stream().map(d -> d.asOf(asOf, clock.zone()))
            .filter(java.util.Objects::nonNull).toList();
    }

    /** What the customer is asked to pay today ({@link #undisputed(Invoice, LocalDate)} as of today). */
    public BigDecimal undisputed(Invoice invoice) {
        return part(invoice, clock.today()).undisputed();
    }

    /**
     * What the invoice would owe as of {@code asOf} if its open disputes ended in credit notes: the statement replayed
     * with the disputed amount as a credit note, which reduces the invoice from its due date, so the interest that
     * ran on the disputed part is not asked for either (it was never owed if the dispute is accepted). The credit is
     * capped at the principal not yet credited (a dispute above it withholds all the principal and its interest,
     * never more). Fees stay owed. Never below zero; at the currency's minor unit.
     */
    public BigDecimal undisputed(Invoice invoice, LocalDate asOf) {
        return part(invoice, asOf).undisputed();
    }

    /** The disputed amount of the invoice as of the date and what it takes off the total (see {@link DisputedPart}). */
    public DisputedPart part(Invoice invoice, LocalDate asOf) {
        BigDecimal disputed = asOf.equals(clock.today()) ? disputed(invoice.invoiceNumber())
            : disputed(invoice.invoiceNumber(), asOf);
        BigDecimal total = statements.statement(invoice, asOf).total();
        if (disputed.signum() <= 0) {
            return new DisputedPart(Money.stored(BigDecimal.ZERO, invoice.currency()), Money.stored(total, invoice.currency()),
                Money.stored(BigDecimal.ZERO, invoice.currency()));
        }
        BigDecimal undisputed = statements.statementIfCredited(invoice, disputed, asOf).total().max(BigDecimal.ZERO)
            .min(total);
        return new DisputedPart(disputed, Money.stored(undisputed, invoice.currency()),
            Money.stored(total.subtract(undisputed), invoice.currency()));
    }

    /** Accepted: a credit note reduces the invoice by the disputed amount (or what is left of the principal). */
    @Transactional
    public void creditNote(long id, String reason, String approvedBy) {
        Dispute d = find(id);
        Invoice invoice = invoices.find(d.invoiceNumber()).orElseThrow();
        // reduces the invoice from its due date (CreditNoteService): no interest ever ran on the credited part
        BigDecimal creditable = invoice.amount().subtract(adjustments.creditNoted(invoice.invoiceNumber()));
        BigDecimal amount = d.amount().min(creditable);
        if (amount.signum() > 0) {
            adjustments.creditNote(invoice, Money.of(amount, invoice.currency()),
                "Dispute #" + id + " (" + d.category() + "): " + reason, approvedBy, clock.today());
            events.publishEvent(new CaseFiguresChanged(invoice.invoiceNumber()));
            events.publishEvent(new InvoiceCredited(invoice.customerId(), invoice.invoiceNumber()));
        }
        resolve(id, Dispute.CREDIT_NOTE, reason, approvedBy);
    }

    /** Rejected: the disputed part is collected again. */
    public void reject(long id, String reason, String by) {
        resolve(id, Dispute.REJECTED, reason, by);
    }

    private void resolve(long id, String status, String reason, String by) {
        jdbc.sql("UPDATE disputes SET status = ?, resolution = ?, resolved_by = ?, resolved_at = ? WHERE id = ?")
            .params(status, reason, by, Timestamp.from(clock.now()), id).update();
    }

    private Dispute map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Dispute(rs.getLong("id"), rs.getString("invoice_number"),
            DisputeCategory.valueOf(rs.getString("category")),
            Money.stored(rs.getBigDecimal("amount"), rs.getString("currency").trim()),
            rs.getString("currency").trim(), rs.getString("description"), rs.getString("status"),
            rs.getString("source"), rs.getString("raised_by"), rs.getTimestamp("raised_at").toInstant(),
            rs.getString("resolved_by"), rs.getString("resolution"),
            rs.getTimestamp("resolved_at") == null ? null : rs.getTimestamp("resolved_at").toInstant());
    }
}
