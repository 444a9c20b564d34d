package com.collectwise.agreements;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

import com.collectwise.kernel.InvoiceRepository;
import com.collectwise.money.Money;

/** Agreements and their instalments (tables of V8). */
@Repository
public class AgreementRepository {

    private final JdbcClient jdbc;
    private final InvoiceRepository invoices;

    public AgreementRepository(JdbcClient jdbc, InvoiceRepository invoices) {
        this.jdbc = jdbc;
        this.invoices = invoices;
    }

    public long insert(String invoiceNumber, BigDecimal total, String currency, String note, String source,
                       String createdBy, Instant now, LocalDate startsOn, List<Instalment> plan,
                       boolean waiveInterest) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO agreements (invoice_number, total, currency, note, status, source, created_by, created_at,
                                        starts_on, waive_interest)
                VALUES (?, ?, ?, ?, 'PROPOSED', ?, ?, ?, ?, ?)""")
            .params(invoiceNumber, total, currency, note, source, createdBy, Timestamp.from(now), startsOn,
                waiveInterest).update(key, "id");
        // the key of this insert (the newest id of the invoice may be another request's, at the same moment)
        long id = key.getKey().longValue();
        for (Instalment i : plan) {
            jdbc.sql("INSERT INTO instalments (agreement_id, seq, due_date, amount) VALUES (?, ?, ?, ?)")
                .params(id, i.seq(), i.dueDate(), i.amount()).update();
        }
        return id;
    }

    public Agreement find(long id) {
        return jdbc.sql("SELECT * FROM agreements WHERE id = ?").param(id)
            .query((rs, n) -> new Agreement(rs.getLong("id"), rs.getString("invoice_number"),
                Money.stored(rs.getBigDecimal("total"), rs.getString("currency").trim()), rs.getString("currency").trim(), rs.getString("note"), rs.getString("status"), rs.getString("source"),
                rs.getString("created_by"), rs.getDate("starts_on").toLocalDate(), rs.getString("approved_by"),
                instalments(id, rs.getString("currency").trim()), rs.getBoolean("waive_interest"), rs.getTimestamp("created_at").toInstant(),
                rs.getDate("demand_until") == null ? null : rs.getDate("demand_until").toLocalDate()))
            .single();
    }

    /** The newest agreement of the invoice, if any. */
    public Optional<Agreement> latest(String invoiceNumber) {
        return jdbc.sql("SELECT MAX(id) FROM agreements WHERE invoice_number = ?").param(invoiceNumber)
            .query(Long.class).optional().map(this::find);
    }

    /**
     * The newest plan of the invoice proposed before {@code endOfDay}, with its status then: a plan kept or
     * accelerated later was ACTIVE, one rejected later was PROPOSED (and not approved); a plan activated later
     * (V31 {@code activated_at}) was PROPOSED, and one approved later ({@code approved_at}) had no approver yet. A
     * plan approved before V31 has no approval time: its approver shows whenever it was running. A plan accelerated
     * and reinstated later (V32 {@code accelerated_at}, {@code reinstated_at}) was ACCELERATED in between, with the
     * demand period it had then.
     */
    public Optional<Agreement> asOf(String invoiceNumber, Instant endOfDay) {
        record Dated(long id, Instant resolvedAt, Instant approvedAt, Instant activatedAt, Instant acceleratedAt,
                     Instant reinstatedAt, LocalDate reinstatedDemandUntil) {
        }
        return jdbc.sql("""
                SELECT id, resolved_at, approved_at, activated_at, accelerated_at, reinstated_at, reinstated_demand_until
                FROM agreements
                WHERE invoice_number = ? AND created_at < ?
                ORDER BY id DESC FETCH FIRST 1 ROWS ONLY""")
            .params(invoiceNumber, Timestamp.from(endOfDay))
            .query((rs, n) -> new Dated(rs.getLong("id"), instant(rs.getTimestamp("resolved_at")),
                instant(rs.getTimestamp("approved_at")), instant(rs.getTimestamp("activated_at")),
                instant(rs.getTimestamp("accelerated_at")), instant(rs.getTimestamp("reinstated_at")),
                rs.getDate("reinstated_demand_until") == null ? null : rs.getDate("reinstated_demand_until").toLocalDate()))
            .optional()
            .map(d -> withDemandsAsOf(asOfColumns(d.id(), d.resolvedAt(), d.approvedAt(), d.activatedAt(),
                d.acceleratedAt(), d.reinstatedAt(), d.reinstatedDemandUntil(), endOfDay), d.resolvedAt(), endOfDay));
    }

    /**
     * The plan as of {@code endOfDay} read from its demands (V36), when it has any and was running then: ACCELERATED
     * from the acceleration after the newest demand made by then until that acceleration was undone, otherwise
     * ACTIVE; the demand period of that demand while it stood (not met, not undone), none otherwise. Plans demanded
     * before V36 keep V32's reading (one acceleration, the newest period).
     */
    private Agreement withDemandsAsOf(Agreement then, Instant resolvedAt, Instant endOfDay) {
        if (!Agreement.ACTIVE.equals(then.status()) && !Agreement.ACCELERATED.equals(then.status())
            || resolvedAt != null && resolvedAt.isBefore(endOfDay)) {
            return then;
        }
        List<Demand> all = demands(then.id());
        if (all.isEmpty()) {
            return then;
        }
        Demand newest = null;
        for (Demand d : all) {
            if (d.sentAt().isBefore(endOfDay)) {
                newest = d;
            }
        }
        String status = Agreement.ACTIVE;
        LocalDate until = null;
        if (newest != null && (newest.endedAt() == null || !newest.endedAt().isBefore(endOfDay))) {
            until = newest.demandUntil();
            if (newest.acceleratedAt() != null && newest.acceleratedAt().isBefore(endOfDay)) {
                status = Agreement.ACCELERATED;
            }
        }
        return new Agreement(then.id(), then.invoiceNumber(), then.total(), then.currency(), then.note(), status,
            then.source(), then.createdBy(), then.startsOn(), then.approvedBy(), then.instalments(),
            then.waiveInterest(), then.createdAt(), until);
    }

    /** The plan as of {@code endOfDay} from its dated columns (V31, V32). */
    private Agreement asOfColumns(long id, Instant resolvedAt, Instant approvedAt, Instant activatedAt,
                                  Instant acceleratedAt, Instant reinstatedAt, LocalDate reinstatedDemandUntil,
                                  Instant endOfDay) {
        record Dated(long id, Instant resolvedAt, Instant approvedAt, Instant activatedAt, Instant acceleratedAt,
                     Instant reinstatedAt, LocalDate reinstatedDemandUntil) {
        }
        Dated d = new Dated(id, resolvedAt, approvedAt, activatedAt, acceleratedAt, reinstatedAt,
            reinstatedDemandUntil);
        Agreement a = find(d.id());
        if (d.resolvedAt() != null && d.resolvedAt().isBefore(endOfDay)) {
            return a;
        }
        if (Agreement.ACCELERATED.equals(a.status()) && d.reinstatedAt() == null && d.acceleratedAt() != null
            && d.acceleratedAt().isBefore(endOfDay)) {
            return a; // a reinstatement that did not take: the acceleration stood from its time
        }
        if (d.acceleratedAt() != null && d.reinstatedAt() != null && d.acceleratedAt().isBefore(endOfDay)
            && !d.reinstatedAt().isBefore(endOfDay)) {
            // accelerated by then, reinstated after: the approval came before the activation
            return new Agreement(a.id(), a.invoiceNumber(), a.total(), a.currency(), a.note(),
                Agreement.ACCELERATED, a.source(), a.createdBy(), a.startsOn(), a.approvedBy(), a.instalments(),
                a.waiveInterest(), a.createdAt(), d.reinstatedDemandUntil());
        }
        String then = Agreement.REJECTED.equals(a.status()) ? Agreement.PROPOSED
            : Agreement.KEPT.equals(a.status()) || Agreement.ACCELERATED.equals(a.status())
            ? Agreement.ACTIVE : a.status();
        if (Agreement.ACTIVE.equals(then) && d.activatedAt() != null && !d.activatedAt().isBefore(endOfDay)) {
            then = Agreement.PROPOSED;
        }
        boolean approvedThen = d.approvedAt() != null ? d.approvedAt().isBefore(endOfDay)
            : !Agreement.REJECTED.equals(a.status()) && (Agreement.ACTIVE.equals(then)
                || d.activatedAt() == null && Agreement.PROPOSED.equals(a.status()));
        if (then.equals(a.status()) && approvedThen == (a.approvedBy() != null)) {
            return a;
        }
        return new Agreement(a.id(), a.invoiceNumber(), a.total(), a.currency(), a.note(), then, a.source(),
            a.createdBy(), a.startsOn(), approvedThen ? a.approvedBy() : null, a.instalments(),
            a.waiveInterest(), a.createdAt(), Agreement.ACTIVE.equals(then) ? a.demandUntil() : null);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    /** The supervisor approved the plan now (the first approval counts). */
    public void approvedAt(long id, Instant at) {
        jdbc.sql("UPDATE agreements SET approved_at = ? WHERE id = ? AND approved_at IS NULL")
            .params(Timestamp.from(at), id).update();
    }

    /** The plan went ACTIVE now (the first activation counts: a plan reinstated after a demand ran before). */
    public void activatedAt(long id, Instant at) {
        jdbc.sql("UPDATE agreements SET activated_at = ? WHERE id = ? AND activated_at IS NULL")
            .params(Timestamp.from(at), id).update();
    }

    /** The plan was accelerated now: a reinstatement before it is history. */
    public void acceleratedAt(long id, Instant at) {
        jdbc.sql("UPDATE agreements SET accelerated_at = ?, reinstated_at = NULL, reinstated_demand_until = NULL"
                + " WHERE id = ?")
            .params(Timestamp.from(at), id).update();
        demands(id).stream().reduce((first, second) -> second).filter(d -> d.endedAt() == null)
            .ifPresent(d -> jdbc.sql("UPDATE agreement_demands SET accelerated_at = ? WHERE id = ?")
                .params(Timestamp.from(at), d.id()).update());
    }

    /**
     * The acceleration was undone now, after the demand period ending {@code demandUntil}; {@code at} null: the
     * reinstatement did not happen after all (the acceleration stands).
     */
    public void reinstatedAt(long id, Instant at, LocalDate demandUntil) {
        jdbc.sql("UPDATE agreements SET reinstated_at = ?, reinstated_demand_until = ? WHERE id = ?")
            .params(at == null ? null : Timestamp.from(at), at == null ? null : demandUntil, id).update();
    }

    public void setStatus(long id, String status, String approvedBy, Instant resolvedAt) {
        jdbc.sql("UPDATE agreements SET status = ?, approved_by = COALESCE(?, approved_by), resolved_at = ? WHERE id = ?")
            .params(status, approvedBy, resolvedAt == null ? null : Timestamp.from(resolvedAt), id).update();
    }

    /**
     * While a plan of the invoice was being agreed or ran: from its proposal ({@code proposedAt}) until it ended
     * ({@code endedAt}: accelerated or kept; null while it is being agreed or runs, or since it was reinstated).
     */
    public record PlanTime(String invoiceNumber, Instant proposedAt, Instant endedAt) {

        /**
         * Whether a payment posted at {@code postedAt} was one the plan expected: posted while it was being agreed or
         * ran, as the case judged it then (no "why not in full?", {@code AgreementService#paymentReceived}).
         */
        public boolean expects(Instant postedAt) {
            return postedAt.isAfter(proposedAt) && (endedAt == null || !postedAt.isAfter(endedAt));
        }
    }

    /** The times the plans of these invoices were being agreed or ran (a rejected plan never ran). */
    public List<PlanTime> planTimes(List<String> invoiceNumbers) {
        if (invoiceNumbers.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                SELECT invoice_number, created_at, resolved_at FROM agreements
                WHERE invoice_number IN (:numbers) AND status <> 'REJECTED'""")
            .param("numbers", invoiceNumbers)
            .query((rs, n) -> new PlanTime(rs.getString(1), rs.getTimestamp(2).toInstant(),
                rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant()))
            .list();
    }

    /**
     * The plan's demand period now ({@code at}); its history is kept (V36 {@code agreement_demands}): a period set is
     * a demand made now, unless the newest demand has that period already (then it stands again, e.g. a
     * reinstatement that did not take); null ends the newest demand now (met, or its acceleration undone).
     */
    public void setDemandUntil(long id, LocalDate demandUntil, Instant at) {
        jdbc.sql("UPDATE agreements SET demand_until = ? WHERE id = ?").params(demandUntil, id).update();
        Optional<Demand> newest = demands(id).stream().reduce((first, second) -> second);
        if (demandUntil == null) {
            newest.filter(d -> d.endedAt() == null).ifPresent(d -> jdbc.sql(
                "UPDATE agreement_demands SET ended_at = ? WHERE id = ?").params(Timestamp.from(at), d.id()).update());
        } else if (newest.isPresent() && demandUntil.equals(newest.get().demandUntil())) {
            jdbc.sql("UPDATE agreement_demands SET ended_at = NULL WHERE id = ?").param(newest.get().id()).update();
        } else {
            jdbc.sql("INSERT INTO agreement_demands (agreement_id, sent_at, demand_until) VALUES (?, ?, ?)")
                .params(id, Timestamp.from(at), demandUntil).update();
        }
    }

    /**
     * The newest demand went out only now ({@code sentAt}, it waited in the outbox): its period runs from today, to
     * {@code demandUntil} (DOMAIN.md 5, art. 634); the same demand, not a second one.
     */
    public void demandSentLate(long id, LocalDate demandUntil, Instant sentAt) {
        jdbc.sql("UPDATE agreements SET demand_until = ? WHERE id = ?").params(demandUntil, id).update();
        demands(id).stream().reduce((first, second) -> second).ifPresent(d -> jdbc.sql(
                "UPDATE agreement_demands SET demand_until = ?, sent_at = ? WHERE id = ?")
            .params(demandUntil, Timestamp.from(sentAt), d.id()).update());
    }

    /** A payment demand of a plan: made {@code sentAt}, ended (met or undone) {@code endedAt}, then accelerated. */
    public record Demand(long id, Instant sentAt, LocalDate demandUntil, Instant endedAt, Instant acceleratedAt) {
    }

    /** The plan's demands, oldest first. */
    public List<Demand> demands(long agreementId) {
        return jdbc.sql("SELECT id, sent_at, demand_until, ended_at, accelerated_at FROM agreement_demands"
                + " WHERE agreement_id = ? ORDER BY id")
            .param(agreementId)
            .query((rs, n) -> new Demand(rs.getLong(1), instant(rs.getTimestamp(2)), rs.getDate(3).toLocalDate(),
                instant(rs.getTimestamp(4)), instant(rs.getTimestamp(5))))
            .list();
    }

    /**
     * The totals of the customer's other plans in {@code currency} that are being agreed (PROPOSED: awaiting a
     * supervisor or approved and not yet running) or running (ACTIVE), on invoices whose case is open; kept,
     * accelerated and rejected plans no longer count. Currency by currency, never converted.
     */
    public BigDecimal otherOpenPlansTotal(String customerId, String currency, long exceptId) {
        List<String> numbers = invoices.findOpenByCustomer(customerId).stream()
            .filter(i -> currency.equals(i.currency())).map(i -> i.invoiceNumber()).toList();
        if (numbers.isEmpty()) {
            return BigDecimal.ZERO;
        }
        return jdbc.sql("""
                SELECT COALESCE(SUM(total), 0) FROM agreements
                WHERE invoice_number IN (:numbers) AND currency = :currency AND id <> :except
                  AND status IN ('PROPOSED', 'ACTIVE')""")
            .param("numbers", numbers).param("currency", currency).param("except", exceptId)
            .query(BigDecimal.class).optional().map(sum -> Money.stored(sum, currency)).orElse(BigDecimal.ZERO);
    }

    public String customerOf(String invoiceNumber) {
        return invoices.find(invoiceNumber).orElseThrow().customerId();
    }

    private List<Instalment> instalments(long agreementId, String currency) {
        return jdbc.sql("SELECT seq, due_date, amount FROM instalments WHERE agreement_id = ? ORDER BY seq")
            .param(agreementId)
            .query((rs, n) -> new Instalment(rs.getInt("seq"), rs.getDate("due_date").toLocalDate(),
                Money.stored(rs.getBigDecimal("amount"), currency)))
            .list();
    }
}
