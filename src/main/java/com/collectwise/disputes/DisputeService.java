package com.collectwise.disputes;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.collectwise.api.FieldProblem;
import com.collectwise.api.InvalidRequestException;
import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.CaseEngine;
import com.collectwise.kernel.CaseFiguresChanged;
import com.collectwise.kernel.ContactEntry;
import com.collectwise.kernel.ContactLog;
import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.InvoiceCredited;
import com.collectwise.kernel.InvoiceRepository;
import com.collectwise.kernel.TransactionCache;
import com.collectwise.fees.AdjustmentService;
import com.collectwise.money.Money;
import com.collectwise.fees.StatementService;

/**
 * Disputes of an invoice. The disputed amount is at most the principal outstanding and not disputed already; while a
 * dispute is open, letters and calls ask only for the undisputed part ({@link #undisputed}). Which department decides
 * a dispute is the DMN Decision_DisputeRouting (processes/dispute-routing.dmn), by category.
 */
@Service
public class DisputeService {

    /** The number a credit note decided on a dispute in Process_Dispute goes by (it has none of its own). */
    public static final String DECIDED_CREDIT_NOTE_PREFIX = "DISPUTE-";

    private final JdbcClient jdbc;
    private final InvoiceRepository invoices;
    private final StatementService statements;
    private final AdjustmentService adjustments;
    private final BusinessClock clock;
    private final ApplicationEventPublisher events;
    private final CaseEngine cases;
    private final ContactLog contacts;

    public DisputeService(JdbcClient jdbc, InvoiceRepository invoices, StatementService statements,
                          AdjustmentService adjustments, BusinessClock clock, ApplicationEventPublisher events,
                          CaseEngine cases, ContactLog contacts) {
        this.contacts = contacts;
        this.cases = cases;
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
            // an accepted dispute is credited as principal (the interest that ran on it falls with the credit note,
            // from the due date): a dispute can take no more than the principal still unpaid, credited and disputed
            // parts aside; above it, the excess would be withheld from collection and never credited
            BigDecimal principal = undisputedPrincipal(invoice);
            if (amount.compareTo(principal) > 0) {
                problems.add(new FieldProblem("amount", "must not exceed the undisputed outstanding principal "
                    + principal.toPlainString() + " " + invoice.currency() + " (the undisputed outstanding amount "
                    + undisputed(invoice).toPlainString() + " " + invoice.currency()
                    + " with interest and fees; an accepted dispute is credited as principal)"));
            }
        }
        return problems;
    }

    /**
     * The principal still unpaid today (net of payments and credit notes) less what the open disputes already take:
     * the most a new dispute may claim. Never below zero; at the currency's minor unit.
     */
    public BigDecimal undisputedPrincipal(Invoice invoice) {
        BigDecimal principal = statements.statement(invoice, clock.today()).principal();
        return Money.stored(principal.subtract(disputed(invoice.invoiceNumber())).max(BigDecimal.ZERO),
            invoice.currency());
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
        // the customer's credit pays the undisputed parts first: a replay computed before it counted without it
        TransactionCache.forgetComputed();
        events.publishEvent(new DisputeRaised(id, invoice.invoiceNumber(), category.name(), amount, invoice.currency()));
        return id;
    }

    public Dispute find(long id) {
        List<DisputeCredit> credits = jdbc.sql("""
                SELECT credit_note_number, amount, credited_on FROM dispute_credit_notes WHERE dispute_id = ?
                ORDER BY credited_on, id""").param(id).query(DisputeService::credit).list();
        return jdbc.sql("SELECT * FROM disputes WHERE id = ?").param(id).query((rs, n) -> map(rs, credits)).single();
    }

    public List<Dispute> forInvoice(String invoiceNumber) {
        Map<Long, List<DisputeCredit>> credits = new HashMap<>();
        jdbc.sql("""
                SELECT dispute_id, credit_note_number, amount, credited_on FROM dispute_credit_notes
                WHERE invoice_number = ? ORDER BY credited_on, id""").param(invoiceNumber)
            .query((rs, n) -> credits.computeIfAbsent(rs.getLong("dispute_id"), k -> new ArrayList<>())
                .add(credit(rs, n)))
            .list();
        return jdbc.sql("SELECT * FROM disputes WHERE invoice_number = ? ORDER BY id").param(invoiceNumber)
            .query((rs, n) -> map(rs, credits.getOrDefault(rs.getLong("id"), List.of()))).list();
    }

    /**
     * Whether the invoice has an open dispute now: one indexed count, for a notice that asks nothing more of the
     * disputes when there is none (the reminder before the due date; {@link #part} when there is).
     */
    /**
     * Of these invoices, the ones with an open dispute: one query per 500 numbers (a customer's file and credit status
     * ask for all its open invoices at once instead of {@link #anyOpen} each).
     */
    public java.util.Set<String> withOpenDisputes(java.util.Collection<String> invoiceNumbers) {
        List<String> numbers = List.copyOf(invoiceNumbers);
        java.util.Set<String> open = new java.util.HashSet<>();
        for (int from = 0; from < numbers.size(); from += 500) {
            open.addAll(jdbc.sql("SELECT DISTINCT invoice_number FROM disputes WHERE status = 'OPEN'"
                    + " AND invoice_number IN (:numbers)")
                .param("numbers", numbers.subList(from, Math.min(numbers.size(), from + 500)))
                .query(String.class).list());
        }
        return open;
    }

    public boolean anyOpen(String invoiceNumber) {
        return jdbc.sql("SELECT COUNT(*) FROM disputes WHERE invoice_number = ? AND status = 'OPEN'")
            .param(invoiceNumber).query(Integer.class).single() > 0;
    }

    /**
     * Sum of the open disputes of the invoice (less the credit notes that resolved part of them), at the minor unit
     * of its currency (all disputes share it).
     */
    public BigDecimal disputed(String invoiceNumber) {
        return invoices.find(invoiceNumber).map(invoice -> Money.stored(forInvoice(invoiceNumber).stream()
                .map(Dispute::open).reduce(BigDecimal.ZERO, BigDecimal::add), invoice.currency()))
            .orElse(BigDecimal.ZERO);
    }

    /**
     * Sum of the disputes of the invoice that were open at the end of {@code asOf} (raised by then, decided later),
     * less the credit notes dated by then that resolved part of them.
     */
    public BigDecimal disputed(String invoiceNumber, LocalDate asOf) {
        return invoices.find(invoiceNumber).map(invoice -> Money.stored(forInvoice(invoiceNumber, asOf).stream()
                .map(Dispute::open).reduce(BigDecimal.ZERO, BigDecimal::add), invoice.currency()))
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
     * never more). Fees stay owed, unless the invoice is disputed in full (its open disputes cover all the principal
     * still unpaid): then nothing is undisputed. Never below zero; at the currency's minor unit.
     */
    public BigDecimal undisputed(Invoice invoice, LocalDate asOf) {
        return part(invoice, asOf).undisputed();
    }

    /** The disputed amount of the invoice as of the date and what it takes off the total (see {@link DisputedPart}). */
    public DisputedPart part(Invoice invoice, LocalDate asOf) {
        BigDecimal disputed = asOf.equals(clock.today()) ? disputed(invoice.invoiceNumber())
            : disputed(invoice.invoiceNumber(), asOf);
        com.collectwise.money.Statement statement = statements.statement(invoice, asOf);
        BigDecimal total = statement.total();
        if (disputed.signum() <= 0) {
            return new DisputedPart(Money.stored(BigDecimal.ZERO, invoice.currency()), Money.stored(total, invoice.currency()),
                Money.stored(BigDecimal.ZERO, invoice.currency()));
        }
        if (disputed.compareTo(statement.principal()) >= 0) {
            // disputed in full (FullDispute): the fees were booked for the lateness of a debt the customer denies in
            // full, so they stand or fall with it and are not asked for alone while the dispute is open; nothing is
            // undisputed (a rejection asks for all of it again, fees included)
            return new DisputedPart(disputed, Money.stored(BigDecimal.ZERO, invoice.currency()),
                Money.stored(total.max(BigDecimal.ZERO), invoice.currency()));
        }
        BigDecimal undisputed = statements.statementIfCredited(invoice, disputed, asOf).total().max(BigDecimal.ZERO)
            .min(total);
        return new DisputedPart(disputed, Money.stored(undisputed, invoice.currency()),
            Money.stored(total.subtract(undisputed), invoice.currency()));
    }

    /**
     * Accepted: a credit note reduces the invoice by what is still disputed (the amount less credit notes that already
     * resolved part of it; at most what is left of the principal). A dispute no longer open changes nothing.
     */
    @Transactional
    public void creditNote(long id, String reason, String approvedBy) {
        Dispute d = find(id);
        if (!Dispute.OPEN.equals(d.status())) {
            return;
        }
        Invoice invoice = invoices.find(d.invoiceNumber()).orElseThrow();
        // reduces the invoice from its due date (CreditNoteService): no interest ever ran on the credited part
        BigDecimal creditable = invoice.amount().subtract(adjustments.creditNoted(invoice.invoiceNumber()));
        BigDecimal amount = d.open().min(creditable);
        if (amount.signum() > 0) {
            adjustments.creditNote(invoice, Money.of(amount, invoice.currency()),
                "Dispute #" + id + " (" + d.category() + "): " + reason, approvedBy, clock.today());
            // the dispute shows what its outcome credited, as when a credit note posted over the API settles it
            jdbc.sql("""
                    INSERT INTO dispute_credit_notes (dispute_id, invoice_number, credit_note_number, amount,
                                                      credited_on, booked_at)
                    VALUES (?, ?, ?, ?, ?, ?)""")
                .params(id, invoice.invoiceNumber(), DECIDED_CREDIT_NOTE_PREFIX + id, amount, clock.today(),
                    Timestamp.from(clock.now()))
                .update();
        }
        if (amount.signum() > 0 && adjustments.creditNoted(invoice.invoiceNumber()).compareTo(invoice.amount()) >= 0) {
            // credited in full from its due date: the invoice was never owed, so nothing of it was ever late and the
            // fees booked for its lateness (reminder and letter fees, the EUR 40) fall with it; a debt that is not
            // owed is not dunned for its fees alone
            BigDecimal fees = statements.statement(invoice, clock.today()).fees();
            if (fees.signum() > 0) {
                adjustments.waive(invoice, com.collectwise.money.Component.FEES, Money.of(fees, invoice.currency()),
                    "Dispute #" + id + " accepted: the invoice is credited in full, the fees of its lateness fall with"
                        + " it", approvedBy, clock.today());
            }
        }
        // resolved before the open call forms look again: else they would take the credited part off once more, as
        // still disputed
        resolve(id, Dispute.CREDIT_NOTE, reason, approvedBy);
        events.publishEvent(new CaseFiguresChanged(invoice.invoiceNumber()));
        events.publishEvent(new DisputeDecided(id, invoice.invoiceNumber(), invoice.customerId(), Dispute.CREDIT_NOTE,
            Money.stored(amount.max(BigDecimal.ZERO), invoice.currency()), invoice.currency(), reason));
        if (amount.signum() > 0) {
            events.publishEvent(new InvoiceCredited(invoice.customerId(), invoice.invoiceNumber()));
        }
    }

    /**
     * The problem with a credit note that names the dispute it settles ({@code disputeId}): it must be an open dispute
     * of the invoice. Empty when none is named or it fits.
     */
    public Optional<FieldProblem> creditNoteDisputeProblem(String invoiceNumber, Long disputeId) {
        if (disputeId == null) {
            return Optional.empty();
        }
        boolean open = forInvoice(invoiceNumber).stream()
            .anyMatch(d -> d.id() == disputeId && d.open().signum() > 0);
        return open ? Optional.empty()
            : Optional.of(new FieldProblem("disputeId", "must be an open dispute of invoice " + invoiceNumber));
    }

    /**
     * A credit note was booked on the invoice (over the API, in the caller's transaction, under the customer's lock)
     * while disputes were open: it is their outcome (DOMAIN.md section 5). It resolves the dispute it names, or else the
     * open disputes oldest first, each up to what is still disputed of it, until the note's amount is used up. A
     * dispute it covers in full ends CREDIT_NOTE, dated as the note, and its Process_Dispute ends as credited (as when
     * the department decides a credit note, without a second credit note); one covered in part stays open for the
     * rest, which alone stays disputed (the department still decides it: a credit note or a rejection of the rest).
     * What the note has beyond the disputes only reduces the invoice. Called once per note (a replay of the note
     * books nothing and comes not here).
     *
     * @return the disputes it settled in full, whose processes {@link #endCredited} ends
     */
    @Transactional
    public List<Long> creditNoteBooked(Invoice invoice, String creditNoteNumber, BigDecimal amount,
                                                LocalDate issuedOn, String reason, Long disputeId, String by) {
        List<Dispute> open = forInvoice(invoice.invoiceNumber()).stream()
            .filter(d -> d.open().signum() > 0)
            .filter(d -> disputeId == null || d.id() == disputeId)
            .sorted(java.util.Comparator.comparing(Dispute::raisedAt).thenComparing(Dispute::id))
            .toList();
        List<Long> settledIds = new ArrayList<>();
        BigDecimal left = amount;
        for (Dispute d : open) {
            if (left.signum() <= 0) {
                break;
            }
            BigDecimal part = left.min(d.open());
            left = left.subtract(part);
            jdbc.sql("""
                    INSERT INTO dispute_credit_notes (dispute_id, invoice_number, credit_note_number, amount,
                                                      credited_on, booked_at)
                    VALUES (?, ?, ?, ?, ?, ?)""")
                .params(d.id(), invoice.invoiceNumber(), creditNoteNumber, part, issuedOn, Timestamp.from(clock.now()))
                .update();
            TransactionCache.forgetComputed();
            boolean settled = part.compareTo(d.open()) >= 0;
            if (settled) {
                settledIds.add(d.id());
                resolve(d.id(), Dispute.CREDIT_NOTE, "Credit note " + creditNoteNumber + ": " + reason, by);
            }
        }
        if (!settledIds.isEmpty() || left.compareTo(amount) != 0) {
            events.publishEvent(new CaseFiguresChanged(invoice.invoiceNumber()));
        }
        return settledIds;
    }

    /**
     * The process of a dispute a credit note settled ends as credited (the case then looks again whether the invoice
     * is still disputed in full). Nothing when the case has ended meanwhile.
     */
    public void endCredited(String invoiceNumber, long disputeId) {
        cases.disputeCredited(invoiceNumber, disputeId);
    }

    /** Rejected: the disputed part is collected again (the open call forms ask for it again at once). */
    @Transactional
    public void reject(long id, String reason, String by) {
        Dispute d = find(id);
        if (!Dispute.OPEN.equals(d.status())) {
            return;
        }
        resolve(id, Dispute.REJECTED, reason, by);
        events.publishEvent(new CaseFiguresChanged(d.invoiceNumber()));
        events.publishEvent(new DisputeDecided(id, d.invoiceNumber(), null, Dispute.REJECTED, d.open(), d.currency(),
            reason));
    }

    /**
     * The case of the invoice ended by a write-off or a sale ({@code why}): its open disputes are closed undecided
     * (CLOSED, nothing credited, nothing collected) and the case file notes each one with why; the department's task
     * ended with the case; a dispute process running on its own is ended by {@link #endProcessesOfClosed} once this
     * has committed.
     *
     * @return the disputes closed, each with its note (in the order they were raised)
     */
    @Transactional
    public Map<Long, String> closeWithCase(String invoiceNumber, String customerId, String why) {
        Map<Long, String> closed = new java.util.LinkedHashMap<>();
        for (Dispute d : forInvoice(invoiceNumber)) {
            if (!Dispute.OPEN.equals(d.status())) {
                continue;
            }
            String note = "Dispute #" + d.id() + " (" + d.category() + ", " + d.open().toPlainString() + " "
                + d.currency() + ") closed undecided: " + why + ".";
            resolve(d.id(), Dispute.CLOSED, "Closed undecided: " + why, "system");
            contacts.append(new ContactEntry(null, invoiceNumber, customerId, "NOTE", clock.now(), null, null,
                "DISPUTE_CLOSED", note, null, null));
            closed.put(d.id(), note);
        }
        return closed;
    }

    /**
     * The processes of disputes closed with their case ({@link #closeWithCase}) that run on their own, not called by the
     * case (the dispute of an invoice paid under protest, whose case a bounce reopened): they end, deleted with the
     * note of the case file as their reason, so no "Resolve dispute" or "Decide overdue dispute" task of a dispute
     * nobody decides stays in Tasklist. Idempotent; a process already gone is skipped.
     *
     * @return how many processes were ended
     */
    public int endProcessesOfClosed(String invoiceNumber, Map<Long, String> noteByDispute) {
        return noteByDispute.isEmpty() ? 0 : cases.endDisputesRunningOnTheirOwn(invoiceNumber, noteByDispute);
    }

    private void resolve(long id, String status, String reason, String by) {
        jdbc.sql("UPDATE disputes SET status = ?, resolution = ?, resolved_by = ?, resolved_at = ? WHERE id = ?")
            .params(status, reason, by, Timestamp.from(clock.now()), id).update();
        // ended: it no longer holds back the customer's credit from the disputed part (the account replay)
        TransactionCache.forgetComputed();
    }

    private static DisputeCredit credit(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new DisputeCredit(rs.getString("credit_note_number"), rs.getBigDecimal("amount"),
            rs.getDate("credited_on").toLocalDate());
    }

    private Dispute map(java.sql.ResultSet rs, List<DisputeCredit> credits) throws java.sql.SQLException {
        String currency = rs.getString("currency").trim();
        return new Dispute(rs.getLong("id"), rs.getString("invoice_number"),
            DisputeCategory.valueOf(rs.getString("category")),
            Money.stored(rs.getBigDecimal("amount"), rs.getString("currency").trim()),
            rs.getString("currency").trim(), rs.getString("description"), rs.getString("status"),
            rs.getString("source"), rs.getString("raised_by"), rs.getTimestamp("raised_at").toInstant(),
            rs.getString("resolved_by"), rs.getString("resolution"),
            rs.getTimestamp("resolved_at") == null ? null : rs.getTimestamp("resolved_at").toInstant(),
            credits.stream().map(c -> new DisputeCredit(c.creditNoteNumber(),
                Money.stored(c.amount(), currency), c.creditedOn())).toList());
    }
}
