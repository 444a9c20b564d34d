package com.collectwise.disputes;

import java.math.BigDecimal;
import java.sql.Timestamp;
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

    /** What the customer is asked to pay today: outstanding minus what is disputed, never below zero. */
    public BigDecimal undisputed(Invoice invoice) {
        BigDecimal open = statements.statement(invoice, clock.today()).total().subtract(disputed(invoice.invoiceNumber()))
            .max(BigDecimal.ZERO);
        return Money.stored(open, invoice.currency());
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
            rs.getString("resolved_by"), rs.getString("resolution"));
    }
}
