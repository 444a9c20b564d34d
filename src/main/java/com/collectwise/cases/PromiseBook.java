package com.collectwise.cases;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

import com.collectwise.communication.PromiseTrackRecord;
import com.collectwise.fees.StatementService;
import com.collectwise.fees.StatementService.MoneyOnInvoice;
import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.InvoiceRepository;

/**
 * Promises to pay and whether they were kept. Kept when the promise's money reaches the promised amount less a
 * tolerance of the larger of 1% and 1.00 (bank charges and rounding must not break a promise). The promise's money
 * ({@link #matched}) is money that reached the promised invoice (the replay's allocation: a payment without an
 * invoice number counts where it paid, oldest due date first), dated by the promised date plus the grace days and
 * posted after the promise was made (money posted before is in the figure the promise was made on; money posted
 * after but dated earlier is money the customer paid that the bank feed had not brought yet). Several promises on
 * one invoice share that money, the earliest promised date first: one payment does not keep two promises.
 */
@Repository
public class PromiseBook implements PromiseTrackRecord {

    static final BigDecimal TOLERANCE_RATE = new BigDecimal("0.01");
    static final BigDecimal TOLERANCE_MINIMUM = new BigDecimal("1.00");

    private final JdbcClient jdbc;
    private final int graceDays;
    private final CallFormWords words;
    private final InvoiceRepository invoices;
    private MoneySource money;

    /** The money that reached an invoice, payment by payment ({@link StatementService#moneyOn}). */
    @FunctionalInterface
    public interface MoneySource {
        List<MoneyOnInvoice> on(Invoice invoice, LocalDate asOf);
    }

    public PromiseBook(JdbcClient jdbc, CaseSettings settings, CallFormWords words, InvoiceRepository invoices,
                       StatementService statements) {
        this.words = words;
        this.invoices = invoices;
        this.money = statements::moneyOn;
        this.jdbc = jdbc;
        this.graceDays = settings.promises().graceDays();
    }

    public int graceDays() {
        return graceDays;
    }

    public long open(String invoiceNumber, BigDecimal amount, String currency, LocalDate promisedDate, String note,
                     String createdBy, Instant now) {
        KeyHolder id = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO promises (invoice_number, amount, currency, promised_date, note, status, created_by, created_at)
                VALUES (?, ?, ?, ?, ?, 'OPEN', ?, ?)""")
            .params(invoiceNumber, amount, currency, promisedDate, note, createdBy, Timestamp.from(now))
            .update(id, "id");
        // the key of this insert (the newest id of the invoice may be another request's, at the same moment)
        return id.getKey().longValue();
    }

    /** Decides the promise (once: a decided promise keeps its status) and returns whether it was kept. */
    public boolean check(long promiseId, ZoneId zone, Instant now) {
        return decide(promiseId, zone, now).kept();
    }

    /**
     * Whether the promise was kept, and whether this call decided it ({@code decidedNow}) or found it decided already
     * (by a check that ran before, or at the same moment on another node: the status changes only from OPEN, so of two
     * checks at once exactly one decides it).
     */
    public record Decision(boolean kept, boolean decidedNow) {
    }

    /** Decides the promise once: the status changes only while it is OPEN ({@link Decision}). */
    public Decision decide(long promiseId, ZoneId zone, Instant now) {
        record Promise(BigDecimal amount, LocalDate promisedDate, Instant createdAt, String status, String invoice,
                       String currency) {
        }
        Promise p = jdbc.sql("SELECT * FROM promises WHERE id = ?").param(promiseId)
            .query((rs, n) -> new Promise(rs.getBigDecimal("amount"), rs.getDate("promised_date").toLocalDate(),
                rs.getTimestamp("created_at").toInstant(), rs.getString("status"), rs.getString("invoice_number"),
                rs.getString("currency").trim()))
            .single();
        if (!"OPEN".equals(p.status())) {
            return new Decision("KEPT".equals(p.status()), false);
        }
        // the promise's money: what reached the invoice for it (shared with the invoice's other promises)
        BigDecimal paid = invoices.find(p.invoice())
            .map(invoice -> matched(invoice, now.atZone(zone).toLocalDate()).getOrDefault(promiseId, BigDecimal.ZERO))
            .orElse(BigDecimal.ZERO);
        boolean kept = isKept(p.amount(), paid, p.currency());
        // conditional: two nodes' promise sweeps (or a sweep and the promise's own check) may judge it at once
        if (jdbc.sql("UPDATE promises SET status = ?, resolved_at = ? WHERE id = ? AND status = 'OPEN'")
            .params(kept ? "KEPT" : "BROKEN", Timestamp.from(now), promiseId).update() == 1) {
            return new Decision(kept, true);
        }
        // the other one decided it first: its decision stands (and its note is the one in the case file)
        return new Decision("KEPT".equals(status(promiseId)), false);
    }

    /**
     * The invoice was paid off: its case ends, and with it the timers that would have checked its open promises. Each
     * open promise whose money ({@link #matched}) already reaches the promised amount less the tolerance is KEPT now; it could not be broken any more by waiting. One not reached
     * (the invoice was settled by a credit note, say) stays as it was.
     *
     * @return the ids of the promises decided as kept now
     */
    public List<Long> keepOnSettlement(String invoiceNumber, ZoneId zone, Instant now) {
        record Open(long id, BigDecimal amount, LocalDate promisedDate, Instant createdAt) {
        }
        List<Open> open = jdbc.sql("""
                SELECT id, amount, promised_date, created_at FROM promises
                WHERE invoice_number = ? AND status = 'OPEN' ORDER BY id""")
            .param(invoiceNumber)
            .query((rs, n) -> new Open(rs.getLong(1), rs.getBigDecimal(2), rs.getDate(3).toLocalDate(),
                rs.getTimestamp(4).toInstant())).list();
        if (open.isEmpty()) {
            return List.of();
        }
        Invoice invoice = invoices.find(invoiceNumber).orElseThrow();
        java.util.Map<Long, BigDecimal> matched = matched(invoice, now.atZone(zone).toLocalDate());
        List<Long> kept = new java.util.ArrayList<>();
        for (Open p : open) {
            BigDecimal paid = matched.getOrDefault(p.id(), BigDecimal.ZERO);
            if (isKept(p.amount(), paid, invoice.currency()) && jdbc.sql(
                    "UPDATE promises SET status = 'KEPT', resolved_at = ? WHERE id = ? AND status = 'OPEN'")
                .params(Timestamp.from(now), p.id()).update() == 1) {
                kept.add(p.id());
            }
        }
        return kept;
    }

    /** An open promise of a running case whose check should have run by now. */
    public record Unjudged(long promiseId, String invoiceNumber, String customerId) {
    }

    /**
     * The OPEN promises of open invoices whose check day (promised date + grace days + 1, the check runs at 09:00)
     * is before {@code today}: their check is lost (a call promise's timer ends with the calls when the formal
     * demand date interrupts them, whatever the promised date).
     */
    public List<Unjudged> unjudged(LocalDate today) {
        record Open(long id, String invoice) {
        }
        List<Open> open = jdbc.sql("SELECT id, invoice_number FROM promises WHERE status = 'OPEN' AND promised_date < ?"
                + " ORDER BY id")
            .param(today.minusDays(graceDays + 1L))
            .query((rs, n) -> new Open(rs.getLong(1), rs.getString(2))).list();
        // the invoices' customers in one query, open invoices only (a promise on an invoice written off or sold stays
        // OPEN and is read again at every sweep: one query for all of them, not one per promise)
        java.util.Map<String, String> customers = invoices.customersOfOpen(
            open.stream().map(Open::invoice).collect(java.util.stream.Collectors.toSet()));
        List<Unjudged> unjudged = new java.util.ArrayList<>();
        for (Open o : open) {
            String customerId = customers.get(o.invoice());
            if (customerId != null) {
                unjudged.add(new Unjudged(o.id(), o.invoice(), customerId));
            }
        }
        return unjudged;
    }

    /** A broken promise that a payment posted after its check turned out to have kept. */
    public record KeptAfterAll(long promiseId, String invoiceNumber, boolean lastDecidedOfInvoice) {
    }

    /**
     * Payments are judged by their value date (DOMAIN.md 5): money of the customer dated {@code valueDate} was posted
     * now. Each BROKEN promise of the customer whose promised date plus the grace days is not before that date is
     * judged again with its money as now posted ({@link #matched}); one that reaches the promised amount less the
     * tolerance is KEPT after all (its premature "broken" undone).
     */
    public List<KeptAfterAll> reviewBroken(String customerId, LocalDate valueDate, ZoneId zone, Instant now) {
        record Broken(long id, String invoice, BigDecimal amount, LocalDate promisedDate, Instant createdAt) {
        }
        List<Broken> broken = jdbc.sql("""
                SELECT id, invoice_number, amount, promised_date, created_at FROM promises
                WHERE status = 'BROKEN' AND invoice_number IN (:invoices)""")
            .param("invoices", invoiceNumbers(customerId))
            .query((rs, n) -> new Broken(rs.getLong(1), rs.getString(2), rs.getBigDecimal(3),
                rs.getDate(4).toLocalDate(), rs.getTimestamp(5).toInstant())).list();
        List<KeptAfterAll> kept = new java.util.ArrayList<>();
        LocalDate today = now.atZone(zone).toLocalDate();
        for (Broken b : broken) {
            // the money was posted now, after the promise: it counts when it is dated by the end of the grace
            if (valueDate.isAfter(b.promisedDate().plusDays(graceDays))) {
                continue;
            }
            Optional<Invoice> invoice = invoices.find(b.invoice());
            BigDecimal paid = invoice.map(i -> matched(i, today).getOrDefault(b.id(), BigDecimal.ZERO))
                .orElse(BigDecimal.ZERO);
            if (invoice.isEmpty() || !isKept(b.amount(), paid, invoice.get().currency())) {
                continue;
            }
            jdbc.sql("UPDATE promises SET status = 'KEPT', resolved_at = ? WHERE id = ? AND status = 'BROKEN'")
                .params(Timestamp.from(now), b.id()).update();
            Long newer = jdbc.sql("""
                    SELECT COUNT(*) FROM promises WHERE invoice_number = ? AND id <> ? AND status IN ('KEPT', 'BROKEN')
                      AND created_at > ?""").params(b.invoice(), b.id(), Timestamp.from(b.createdAt()))
                .query(Long.class).single();
            kept.add(new KeptAfterAll(b.id(), b.invoice(), newer == 0));
        }
        return kept;
    }

    /** A kept promise whose money was taken back: broken now, or open again while its grace still runs. */
    public record KeptNoLonger(long promiseId, String invoiceNumber, boolean broken) {
    }

    /**
     * A payment of the customer was reversed (bounced or recalled): money that never came keeps no promise. Each KEPT
     * promise of the customer is judged again with its money as it stands now ({@link #matched}); one that no longer
     * reaches the promised amount less the tolerance is BROKEN when its grace is over, else OPEN again (its check, or
     * the sweep of {@link #unjudged}, judges it after the grace).
     */
    public List<KeptNoLonger> reviewKept(String customerId, ZoneId zone, Instant now) {
        record Kept(long id, String invoice, BigDecimal amount, LocalDate promisedDate) {
        }
        List<Kept> kept = jdbc.sql("""
                SELECT id, invoice_number, amount, promised_date FROM promises
                WHERE status = 'KEPT' AND invoice_number IN (:invoices) ORDER BY id""")
            .param("invoices", invoiceNumbers(customerId))
            .query((rs, n) -> new Kept(rs.getLong(1), rs.getString(2), rs.getBigDecimal(3),
                rs.getDate(4).toLocalDate())).list();
        List<KeptNoLonger> undone = new java.util.ArrayList<>();
        LocalDate today = now.atZone(zone).toLocalDate();
        java.util.Map<String, java.util.Map<Long, BigDecimal>> matchedOf = new java.util.HashMap<>();
        for (Kept k : kept) {
            Optional<Invoice> invoice = invoices.find(k.invoice());
            if (invoice.isEmpty()) {
                continue;
            }
            BigDecimal paid = matchedOf.computeIfAbsent(k.invoice(), n -> matched(invoice.get(), today))
                .getOrDefault(k.id(), BigDecimal.ZERO);
            if (isKept(k.amount(), paid, invoice.get().currency())) {
                continue;
            }
            boolean graceOver = today.isAfter(k.promisedDate().plusDays(graceDays));
            int changed = graceOver
                ? jdbc.sql("UPDATE promises SET status = 'BROKEN', resolved_at = ? WHERE id = ? AND status = 'KEPT'")
                    .params(Timestamp.from(now), k.id()).update()
                : jdbc.sql("UPDATE promises SET status = 'OPEN', resolved_at = NULL WHERE id = ? AND status = 'KEPT'")
                    .param(k.id()).update();
            if (changed == 1) {
                undone.add(new KeptNoLonger(k.id(), k.invoice(), graceOver));
            }
        }
        return undone;
    }

    /**
     * The open promise of the invoice with this amount, date and note, if one was made already (a client sending the
     * same promise again after a lost answer).
     */
    java.util.Optional<CaseView.PromiseView> sameOpen(String invoiceNumber, BigDecimal amount, LocalDate promisedDate,
                                                     String note) {
        if (amount == null || promisedDate == null) {
            return java.util.Optional.empty();
        }
        return jdbc.sql("""
                SELECT id, amount, currency, promised_date, note, status, created_by, created_at FROM promises
                WHERE invoice_number = ? AND status = 'OPEN' AND promised_date = ? ORDER BY id""")
            .params(invoiceNumber, promisedDate)
            .query((rs, n) -> new CaseView.PromiseView(rs.getLong("id"),
                com.collectwise.money.Money.stored(rs.getBigDecimal("amount"), rs.getString("currency").trim()),
                rs.getString("currency").trim(), rs.getDate("promised_date").toLocalDate(), rs.getString("note"),
                rs.getString("status"), rs.getString("created_by"), rs.getTimestamp("created_at").toInstant()))
            .list().stream()
            .filter(p -> p.amount().compareTo(amount) == 0 && java.util.Objects.equals(p.note(), note))
            .findFirst();
    }

    /**
     * The money of each promise of the invoice, by promise id, as posted by {@code today}: each payment's money that
     * reached the invoice (the replay's allocation, {@link StatementService#moneyOn}), in value-date order, goes to the
     * promises it counts for, the earliest promised date first (then the first given), each up to its promised amount,
     * what is left to the next. A payment counts for a promise when it was posted after the promise was made and is
     * dated by the promised date plus the grace days. Every promise of the invoice takes its share, decided or not, so
     * the money of one promise never keeps another.
     */
    java.util.Map<Long, BigDecimal> matched(Invoice invoice, LocalDate today) {
        record Given(long id, BigDecimal amount, LocalDate lastDay, Instant createdAt) {
        }
        List<Given> given = jdbc.sql("""
                SELECT id, amount, promised_date, created_at FROM promises WHERE invoice_number = ?
                ORDER BY promised_date, id""")
            .param(invoice.invoiceNumber())
            .query((rs, n) -> new Given(rs.getLong(1), rs.getBigDecimal(2),
                rs.getDate(3).toLocalDate().plusDays(graceDays), rs.getTimestamp(4).toInstant())).list();
        java.util.Map<Long, BigDecimal> taken = new java.util.HashMap<>();
        if (given.isEmpty()) {
            return taken;
        }
        for (MoneyOnInvoice m : money.on(invoice, today)) {
            BigDecimal rest = m.amount();
            for (Given g : given) {
                if (rest.signum() <= 0) {
                    break;
                }
                if (m.postedAt().isBefore(g.createdAt()) || m.receivedOn().isAfter(g.lastDay())) {
                    continue;
                }
                BigDecimal need = g.amount().subtract(taken.getOrDefault(g.id(), BigDecimal.ZERO));
                if (need.signum() > 0) {
                    BigDecimal take = rest.min(need);
                    taken.merge(g.id(), take, BigDecimal::add);
                    rest = rest.subtract(take);
                }
            }
        }
        return taken;
    }

    /**
     * Kept when {@code paid} reaches the promised amount less the tolerance: the larger of 1% of the promised amount
     * and 1.00, the 1% rounded HALF_UP to the minor unit of the currency (JPY 0 decimals, CNY/EUR 2, KWD 3).
     */
    static boolean isKept(BigDecimal promised, BigDecimal paid, String currency) {
        int minorUnit = com.collectwise.money.Money.minorUnit(com.collectwise.money.Money.currency(currency));
        BigDecimal tolerance = promised.multiply(TOLERANCE_RATE).setScale(minorUnit, RoundingMode.HALF_UP)
            .max(TOLERANCE_MINIMUM);
        return paid.compareTo(promised.subtract(tolerance)) >= 0;
    }

    /** Payment habits of a customer: how many of its promises (on any invoice) were kept and broken. */
    public record Habits(int kept, int broken) {
    }

    public Habits habits(String customerId) {
        return jdbc.sql("""
                SELECT
                  COALESCE(SUM(CASE WHEN p.status = 'KEPT' THEN 1 ELSE 0 END), 0) AS kept,
                  COALESCE(SUM(CASE WHEN p.status = 'BROKEN' THEN 1 ELSE 0 END), 0) AS broken
                FROM promises p WHERE p.invoice_number IN (:invoices)""")
            .param("invoices", invoiceNumbers(customerId))
            .query((rs, n) -> new Habits(rs.getInt("kept"), rs.getInt("broken"))).single();
    }

    /** As {@link #habits(String)}, counting only the promises decided before {@code endOfDay} (a statement date's end). */
    public Habits habits(String customerId, Instant endOfDay) {
        return jdbc.sql("""
                SELECT
                  COALESCE(SUM(CASE WHEN p.status = 'KEPT' THEN 1 ELSE 0 END), 0) AS kept,
                  COALESCE(SUM(CASE WHEN p.status = 'BROKEN' THEN 1 ELSE 0 END), 0) AS broken
                FROM promises p WHERE p.invoice_number IN (:invoices) AND p.created_at < :end
                  AND (p.resolved_at IS NULL OR p.resolved_at < :end)""")
            .param("invoices", invoiceNumbers(customerId)).param("end", Timestamp.from(endOfDay))
            .query((rs, n) -> new Habits(rs.getInt("kept"), rs.getInt("broken"))).single();
    }

    /**
     * The customer's open promises and the last ones decided, one line each, newest first, for the call form
     * ("you promised 2,000.00 by 12 March and it did not come").
     */
    public String ofCustomer(String customerId) {
        List<String> lines = jdbc.sql("""
                SELECT p.invoice_number, p.amount, p.currency, p.promised_date, p.status FROM promises p
                WHERE p.invoice_number IN (:invoices) ORDER BY p.created_at DESC, p.id DESC LIMIT 10""")
            .param("invoices", invoiceNumbers(customerId))
            .query((rs, n) -> words.promiseLine(rs.getString("status"), CustomerCalls.spoken(rs.getBigDecimal("amount"), rs.getString("currency").trim()), rs.getString("currency").trim(),
                rs.getDate("promised_date").toLocalDate().toString(), rs.getString("invoice_number")))
            .list();
        return lines.isEmpty() ? words.noPromise() : String.join("\n", lines);
    }

    /** The customer's invoice numbers (never empty, so {@code IN (:invoices)} stays valid SQL). */
    private List<String> invoiceNumbers(String customerId) {
        List<String> numbers = invoices.findByCustomer(customerId).stream().map(Invoice::invoiceNumber).toList();
        return numbers.isEmpty() ? List.of("") : numbers;
    }

    @Override
    public int promises(String customerId) {
        return jdbc.sql("SELECT COUNT(*) FROM promises WHERE invoice_number IN (:invoices)")
            .param("invoices", invoiceNumbers(customerId)).query(Integer.class).single();
    }

    @Override
    public int brokenPromises(String customerId) {
        return jdbc.sql("SELECT COUNT(*) FROM promises WHERE invoice_number IN (:invoices) AND status = 'BROKEN'")
            .param("invoices", invoiceNumbers(customerId)).query(Integer.class).single();
    }

    /** A promise decided long ago (start-up demo data): stored with its outcome. */
    public void recordDecided(String invoiceNumber, BigDecimal amount, String currency, LocalDate promisedDate,
                              String note, String status, String createdBy, Instant createdAt, Instant resolvedAt) {
        jdbc.sql("""
                INSERT INTO promises (invoice_number, amount, currency, promised_date, note, status, created_by,
                                      created_at, resolved_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
            .params(invoiceNumber, amount, currency, java.sql.Date.valueOf(promisedDate), note, status, createdBy,
                Timestamp.from(createdAt), Timestamp.from(resolvedAt))
            .update();
    }

    /** A promise given, with its status and when it was decided (null: still open). */
    public record Given(String createdBy, String status, Instant resolvedAt) {
    }

    /** Every promise given before the moment (the dashboard's promise rate). */
    public List<Given> givenBefore(Instant moment) {
        return jdbc.sql("SELECT created_by, status, resolved_at FROM promises WHERE created_at < ?")
            .params(Timestamp.from(moment))
            .query((rs, n) -> new Given(rs.getString(1), rs.getString(2),
                rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant()))
            .list();
    }

    public String status(long promiseId) {
        return jdbc.sql("SELECT status FROM promises WHERE id = ?").param(promiseId).query(String.class).single();
    }
}
