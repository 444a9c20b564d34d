package com.collectwise.kernel;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import com.collectwise.money.Money;

@Repository
public class InvoiceRepository {

    private final JdbcClient jdbc;
    private final CaseHistory history;

    public InvoiceRepository(JdbcClient jdbc, CaseHistory history) {
        this.jdbc = jdbc;
        this.history = history;
    }

    /** @throws org.springframework.dao.DuplicateKeyException when the number exists */
    public void insert(Invoice i) {
        // the customer's account changed (computed values go); the rows read so far did not, only this number's
        TransactionCache.forgetComputed();
        TransactionCache.forget(new Key(i.invoiceNumber()));
        jdbc.sql("""
                INSERT INTO invoices (invoice_number, customer_id, issue_date, due_date, credit_term_days, amount,
                                      currency, contract_rate, status, stage, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
            .params(i.invoiceNumber(), i.customerId(), i.issueDate(), i.dueDate(), i.creditTermDays(), i.amount(),
                i.currency(), i.contractRatePercent(), i.status().name(), i.stage().name(),
                // the business clock: what a statement of a date listed is judged by it (StatementConfirmations)
                Timestamp.from(CaseEngine.engineTime()))
            .update();
        // no history row: a case that starts in the stage it is registered with never writes one
        TransactionCache.note(new Registered(i.invoiceNumber()));
        TransactionCache.note(new RegisteredOf(i.customerId(), i.invoiceNumber()));
        // the row as the database now has it, for the steps of the case start that read it (Plan collection stages,
        // the first stage entry and its figures): no SELECT of the row just inserted
        TransactionCache.get(new Key(i.invoiceNumber()), () -> Optional.of(asStored(i)));
    }

    /**
     * The invoice as {@link #map} reads the row {@link #insert} wrote: amount and contract rate at the scales of their
     * columns (NUMERIC(19,4) since V13, NUMERIC(9,4), rounded as the database rounds), the amount in the currency's
     * minor units as {@link Money#stored} gives it (KWD 1.234 stays 1.234: the column was NUMERIC(19,2) before V13),
     * no case, no close reason, no stage entries yet.
     */
    static Invoice asStored(Invoice i) {
        String currency = i.currency().trim();
        return new Invoice(i.invoiceNumber(), i.customerId(), i.issueDate(), i.dueDate(), i.creditTermDays(),
            Money.stored(i.amount().setScale(4, java.math.RoundingMode.HALF_UP), currency), currency,
            i.contractRatePercent() == null ? null : i.contractRatePercent().setScale(4, java.math.RoundingMode.HALF_UP),
            i.status(), i.stage(), null, null, 0);
    }

    /**
     * Whether the invoice was registered in this transaction: it then has nothing booked on it but what this
     * transaction booked (its ledger lines and agency mandates name it only after its row exists).
     */
    public boolean registeredInThisTransaction(String invoiceNumber) {
        return TransactionCache.noted(new Registered(invoiceNumber));
    }

    /** The invoice was registered in this transaction. */
    private record Registered(String invoiceNumber) {
    }

    /**
     * The invoices of the customer registered in this transaction (none outside one), sorted: a brand-new invoice may
     * have money waiting for it (posted before it was known), which the customer's payments can be read with. An
     * invoice of a large import counts as registered in the transaction that starts its case
     * ({@link #lockPendingOfImport}): its registration is told there ({@code InvoiceRegistered}), and its waiting money
     * looked for.
     */
    public List<String> registeredInThisTransactionOf(String customerId) {
        return TransactionCache.noted(RegisteredOf.class).stream().filter(r -> r.customerId().equals(customerId))
            .map(RegisteredOf::invoiceNumber).sorted().toList();
    }

    /** An invoice of the customer was registered in this transaction. */
    private record RegisteredOf(String customerId, String invoiceNumber) {
    }

    /**
     * Appends the change of the case's stage or status to its dated history ({@link CaseHistory}), in this
     * transaction, when there is one. A change in the transaction that registered the invoice starts the history
     * with the stage it goes into: the stage it was inserted with was never seen outside this transaction (an invoice
     * registered overdue shows the stage it goes into from its registration, {@code cases.StageTracker#show}). A case
     * that ends in that transaction (money waiting for the invoice settled it) was open in the stage it was registered
     * for until then: that is its prior, so the money that settled it counts under that stage, never under CLOSED
     * ({@link CaseHistory.Timeline#lastOpenStageAt}), and a date before its registration shows it open, as any case
     * settled after the date.
     */
    private void recordChange(String invoiceNumber, Invoice before, Stage stage, CaseStatus status, Instant at) {
        CaseHistory.StageAndStatus now = new CaseHistory.StageAndStatus(stage, status);
        CaseHistory.StageAndStatus prior = TransactionCache.noted(new Registered(invoiceNumber))
            && (status == CaseStatus.OPEN || before.status() != CaseStatus.OPEN) ? now
            : new CaseHistory.StageAndStatus(before.stage(), before.status());
        history.append(invoiceNumber, at, now, prior);
    }

    private static boolean changes(Optional<Invoice> before, Stage stage, CaseStatus status) {
        return before.isPresent() && (before.get().stage() != stage || before.get().status() != status);
    }

    /** Stores an invoice of a large import; its case is started later by the import's batches. */
    public void insertImported(Invoice i, String importId) {
        TransactionCache.forget();
        insert(i);
        jdbc.sql("UPDATE invoices SET import_id = ? WHERE invoice_number = ?").params(importId, i.invoiceNumber()).update();
    }

    /**
     * Up to {@code limit} open invoices of an import whose case is not started yet, locked until the caller's
     * transaction ends. With {@code skipLocked} (PostgreSQL) another node's batch is skipped rather than waited for,
     * so several nodes start one import's cases side by side.
     */
    public List<Invoice> lockPendingOfImport(String importId, int limit, boolean skipLocked) {
        TransactionCache.forget();
        List<Invoice> locked = jdbc.sql("""
                SELECT * FROM invoices WHERE import_id = ? AND process_instance_id IS NULL AND status = 'OPEN'
                ORDER BY invoice_number FETCH FIRST %d ROWS ONLY FOR UPDATE%s"""
                .formatted(limit, skipLocked ? " SKIP LOCKED" : ""))
            .param(importId).query(InvoiceRepository::map).list();
        // the caller starts their cases in this transaction and tells their registration with each start: the money
        // waiting for them is read with their customers' payments, once per customer, not once per invoice
        // (registeredInThisTransactionOf; bench/results/TUNING.md, row 52). Not registeredInThisTransaction: they
        // were stored before, and their ledger lines are read as any invoice's
        for (Invoice invoice : locked) {
            TransactionCache.note(new RegisteredOf(invoice.customerId(), invoice.invoiceNumber()));
            // locked until this transaction ends, so the newest row there is: kept for find() (Plan collection stages
            // and the first stage entry read it; this repository's writes update or forget it; row 53)
            Optional<Invoice> row = Optional.of(invoice);
            TransactionCache.get(new Key(invoice.invoiceNumber()), () -> row);
        }
        return locked;
    }

    /**
     * The customers of the next {@code limit} invoices of an import whose case is not started yet, read without a
     * lock: the batch locks them (in the order of their ids) before it locks the invoices, the order a payment takes.
     */
    public List<String> customersOfPendingImport(String importId, int limit) {
        return jdbc.sql("""
                SELECT DISTINCT customer_id FROM (SELECT customer_id FROM invoices
                WHERE import_id = ? AND process_instance_id IS NULL AND status = 'OPEN'
                ORDER BY invoice_number FETCH FIRST %d ROWS ONLY) pending""".formatted(limit))
            .param(importId).query(String.class).list();
    }

    /** How many invoices the customer has, as the current transaction sees them now (no cache: a look-again after a commit). */
    public int countOfCustomer(String customerId) {
        return jdbc.sql("SELECT COUNT(*) FROM invoices WHERE customer_id = ?").param(customerId)
            .query(Integer.class).single();
    }

    public int countPendingOfImport(String importId) {
        return jdbc.sql("SELECT COUNT(*) FROM invoices WHERE import_id = ? AND process_instance_id IS NULL AND status = 'OPEN'")
            .param(importId).query(Integer.class).single();
    }

    /** The case of an imported invoice could not be started: it leaves the import's queue (the error is kept). */
    public void detachFromImport(String invoiceNumber) {
        forgetRow(invoiceNumber); // its stage, case or status: not a fact of the account
        jdbc.sql("UPDATE invoices SET import_id = NULL WHERE invoice_number = ?").param(invoiceNumber).update();
    }

    /** Read once per transaction (the registration of an invoice asks for it in several steps). */
    public Optional<Invoice> find(String invoiceNumber) {
        return TransactionCache.get(new Key(invoiceNumber), () -> jdbc.sql("SELECT * FROM invoices WHERE invoice_number = ?")
            .param(invoiceNumber).query(InvoiceRepository::map).optional());
    }

    private record Key(String invoiceNumber) implements TransactionCache.RowKey {
    }

    public boolean exists(String invoiceNumber) {
        return jdbc.sql("SELECT COUNT(*) FROM invoices WHERE invoice_number = ?").param(invoiceNumber)
            .query(Integer.class).single() > 0;
    }

    public List<Invoice> findOpenByCustomer(String customerId) {
        return jdbc.sql("SELECT * FROM invoices WHERE customer_id = ? AND status = 'OPEN' ORDER BY due_date")
            .param(customerId).query(InvoiceRepository::map).list();
    }

    /**
     * The process instance ids of the customer's cases, running or ended (every invoice of the customer that had a case,
     * whatever its status now: a case may still run a moment after its invoice closed), by the index on the customer
     * id. The engine is asked which of them run ({@code CaseEngine}).
     */
    public List<String> caseIdsOfCustomer(String customerId) {
        return jdbc.sql("""
                SELECT process_instance_id FROM invoices WHERE customer_id = ? AND process_instance_id IS NOT NULL
                ORDER BY process_instance_id""")
            .param(customerId).query(String.class).list();
    }

    /**
     * Every invoice of the customer, whatever its status (the account is replayed whole). Read once per transaction
     * (a payment's replay and its reconciliation ask for the same list); each row read is also kept for
     * {@link #find(String)}. Any write to an invoice forgets the lists.
     */
    public List<Invoice> findByCustomer(String customerId) {
        java.util.Map<String, List<Invoice>> lists = TransactionCache.get(CUSTOMER_LISTS, java.util.HashMap::new);
        List<Invoice> list = lists.get(customerId);
        if (list == null) {
            list = List.copyOf(jdbc.sql("SELECT * FROM invoices WHERE customer_id = ? ORDER BY due_date, invoice_number")
                .param(customerId).query(InvoiceRepository::map).list());
            lists.put(customerId, list);
            for (Invoice invoice : list) {
                Optional<Invoice> row = Optional.of(invoice);
                TransactionCache.get(new Key(invoice.invoiceNumber()), () -> row);
            }
        }
        return list;
    }

    /** The key of the customers' invoice lists read in this transaction. */
    private static final Object CUSTOMER_LISTS = new Object();

    /** An invoice row changed (not a fact of the account): it and the lists it is in are read again. */
    private static void forgetRow(String invoiceNumber) {
        TransactionCache.forget(new Key(invoiceNumber));
        TransactionCache.forget(CUSTOMER_LISTS);
    }

    /** The numbers of every open invoice, in order. */
    public List<String> openInvoiceNumbers() {
        return jdbc.sql("SELECT invoice_number FROM invoices WHERE status = 'OPEN' ORDER BY invoice_number")
            .query(String.class).list();
    }

    /** Invoices issued by the day and not closed by its end ({@code endOfDay}): the ageing report's population. */
    public List<String> numbersOutstandingOn(java.time.LocalDate asOf, Instant endOfDay) {
        return jdbc.sql("""
                SELECT invoice_number FROM invoices
                WHERE issue_date <= ? AND (status = 'OPEN' OR closed_at IS NULL OR closed_at >= ?)
                ORDER BY invoice_number""")
            .params(asOf, Timestamp.from(endOfDay)).query(String.class).list();
    }

    /** A case as it is now: the candidates of a report as of a past date, whose stage and status then are replayed. */
    public record CaseNow(String invoiceNumber, String customerId, Stage stage, CaseStatus status) {
    }

    /**
     * The cases of {@link #numbersOutstandingOn}: issued by the day and not closed by its end (as they are now; their
     * stage and status on the day come from {@link CaseHistory}), the oldest due first.
     */
    public List<CaseNow> casesOutstandingOn(java.time.LocalDate asOf, Instant endOfDay) {
        return jdbc.sql("""
                SELECT invoice_number, customer_id, stage, status FROM invoices
                WHERE issue_date <= ? AND (status = 'OPEN' OR closed_at IS NULL OR closed_at >= ?)
                ORDER BY due_date, invoice_number""")
            .params(asOf, Timestamp.from(endOfDay))
            .query((rs, n) -> new CaseNow(rs.getString(1), rs.getString(2), Stage.valueOf(rs.getString(3).trim()),
                CaseStatus.valueOf(rs.getString(4).trim())))
            .list();
    }

    /** The numbers of the customer's invoices registered before {@code instant} (by the business clock). */
    public java.util.Set<String> registeredBefore(String customerId, Instant instant) {
        return new java.util.HashSet<>(jdbc.sql(
                "SELECT invoice_number FROM invoices WHERE customer_id = ? AND created_at < ?")
            .params(customerId, Timestamp.from(instant)).query(String.class).list());
    }

    /**
     * Invoices issued by the day and not closed by its end ({@code endOfDay}: open on the day, whatever happened
     * since) without a contract rate, due before {@code dueBefore} if given, the oldest due first.
     */
    public List<String> openWithoutContractRate(java.time.LocalDate asOf, Instant endOfDay, java.time.LocalDate dueBefore) {
        String sql = "SELECT invoice_number FROM invoices WHERE issue_date <= ?"
            + " AND (status = 'OPEN' OR closed_at IS NULL OR closed_at >= ?)"
            + " AND contract_rate IS NULL" + (dueBefore == null ? "" : " AND due_date < ?")
            + " ORDER BY due_date, invoice_number";
        List<Object> params = dueBefore == null ? List.of(asOf, Timestamp.from(endOfDay))
            : List.of(asOf, Timestamp.from(endOfDay), dueBefore);
        return jdbc.sql(sql).params(params).query(String.class).list();
    }

    /**
     * One page of the cases outstanding on a day, the oldest due first (as {@link #casesOutstandingOn}): the numbers
     * from the {@code offset}-th on, at most {@code limit} of them; a list of a few reads that many rows, not all.
     */
    public List<String> casesOutstandingOnPage(java.time.LocalDate asOf, Instant endOfDay, int offset, int limit) {
        return jdbc.sql("""
                SELECT invoice_number FROM invoices
                WHERE issue_date <= ? AND (status = 'OPEN' OR closed_at IS NULL OR closed_at >= ?)
                ORDER BY due_date, invoice_number LIMIT ? OFFSET ?""")
            .params(asOf, Timestamp.from(endOfDay), limit, offset).query(String.class).list();
    }

    /** One page of the open invoices issued by the day, the oldest due first: at most {@code limit} from {@code offset}. */
    public List<String> openIssuedByPage(java.time.LocalDate asOf, int offset, int limit) {
        return jdbc.sql("""
                SELECT invoice_number FROM invoices WHERE status = 'OPEN' AND issue_date <= ?
                ORDER BY due_date, invoice_number LIMIT ? OFFSET ?""")
            .params(asOf, limit, offset).query(String.class).list();
    }

    /** An invoice's customer, currency, issue date and when it was registered. */
    public record Dated(String customerId, String currency, java.time.LocalDate issueDate, Instant createdAt) {
    }

    /** The invoices of the customers named, whatever their dates: one query per 1,000 customers. */
    public List<Dated> datedOf(java.util.Collection<String> customerIds) {
        List<Dated> result = new java.util.ArrayList<>();
        List<String> all = List.copyOf(customerIds);
        for (int from = 0; from < all.size(); from += 1000) {
            result.addAll(jdbc.sql("""
                    SELECT customer_id, currency, issue_date, created_at FROM invoices
                    WHERE customer_id IN (:customers)""")
                .param("customers", all.subList(from, Math.min(all.size(), from + 1000)))
                .query((rs, n) -> new Dated(rs.getString(1), rs.getString(2).trim(), rs.getDate(3).toLocalDate(),
                    rs.getTimestamp(4).toInstant()))
                .list());
        }
        return result;
    }

    /** The principal invoiced in the currency in the window (null: none). */
    public java.math.BigDecimal principalIssued(String currency, java.time.LocalDate from, java.time.LocalDate to) {
        return jdbc.sql("SELECT SUM(amount) FROM invoices WHERE currency = ? AND issue_date BETWEEN ? AND ?")
            .params(currency, from, to).query(java.math.BigDecimal.class).optional().orElse(null);
    }

    /** The stage of each invoice named (unknown ones are left out). */
    public java.util.Map<String, String> stagesOf(java.util.Collection<String> invoiceNumbers) {
        java.util.Map<String, String> stages = new java.util.HashMap<>();
        if (!invoiceNumbers.isEmpty()) {
            jdbc.sql("SELECT invoice_number, stage FROM invoices WHERE invoice_number IN (:invoices)")
                .param("invoices", invoiceNumbers).query(rs -> {
                    stages.put(rs.getString(1), rs.getString(2));
                });
        }
        return stages;
    }

    /** The customer of each invoice named (unknown ones are left out). */
    public java.util.Map<String, String> customersOf(java.util.Collection<String> invoiceNumbers) {
        java.util.Map<String, String> customers = new java.util.HashMap<>();
        if (!invoiceNumbers.isEmpty()) {
            jdbc.sql("SELECT invoice_number, customer_id FROM invoices WHERE invoice_number IN (:invoices)")
                .param("invoices", invoiceNumbers).query(rs -> {
                    customers.put(rs.getString(1), rs.getString(2));
                });
        }
        return customers;
    }

    /** The customer of each open invoice named (closed and unknown ones are left out). */
    public java.util.Map<String, String> customersOfOpen(java.util.Collection<String> invoiceNumbers) {
        java.util.Map<String, String> customers = new java.util.HashMap<>();
        if (!invoiceNumbers.isEmpty()) {
            jdbc.sql("SELECT invoice_number, customer_id FROM invoices WHERE status = 'OPEN'"
                    + " AND invoice_number IN (:invoices)")
                .param("invoices", invoiceNumbers).query(rs -> {
                    customers.put(rs.getString(1), rs.getString(2));
                });
        }
        return customers;
    }

    /** Open invoices issued by the day, counted per customer and stage. */
    public record CustomerStageCount(String customerId, String stage, int count) {
    }

    public List<CustomerStageCount> openPerCustomerAndStage(java.time.LocalDate asOf) {
        return jdbc.sql("""
                SELECT customer_id, stage, COUNT(*) FROM invoices WHERE status = 'OPEN' AND issue_date <= ?
                GROUP BY customer_id, stage""")
            .params(asOf).query((rs, n) -> new CustomerStageCount(rs.getString(1), rs.getString(2), rs.getInt(3)))
            .list();
    }

    /** The customers with an open case in the stage or a later one (a closed case is in no stage). */
    public List<String> customersWithOpenCaseFrom(Stage stage) {
        List<String> stages = java.util.Arrays.stream(Stage.values())
            .filter(s -> s.ordinal() >= stage.ordinal() && s != Stage.CLOSED).map(Stage::name).toList();
        return jdbc.sql("""
                SELECT DISTINCT customer_id FROM invoices WHERE status = 'OPEN' AND stage IN (:stages)
                ORDER BY customer_id""")
            .param("stages", stages).query(String.class).list();
    }

    /**
     * The customers with an invoice a rate entered for {@code from} may have changed the figures of: due before
     * {@code today} (late, so interest or the EUR 40 may run), open, or settled at {@code fromInstant} (the start of
     * {@code from}) or later; without a contract rate for a reference rate ({@code currency} null: the statutory
     * rate, ECB day by day or the LPR of the due date), in {@code currency} and due on or after {@code from} for an
     * exchange rate (the EUR 40 is converted at the rate of the due date).
     */
    public List<String> customersWithLateInvoicesSince(java.time.LocalDate from, Instant fromInstant,
                                                       java.time.LocalDate today, String currency) {
        String sql = "SELECT DISTINCT customer_id FROM invoices WHERE due_date < ?"
            + " AND (status = 'OPEN' OR (status = 'SETTLED' AND closed_at >= ?))"
            + (currency == null ? " AND contract_rate IS NULL" : " AND currency = ? AND due_date >= ?")
            + " ORDER BY customer_id";
        List<Object> params = currency == null ? List.of(today, Timestamp.from(fromInstant))
            : List.of(today, Timestamp.from(fromInstant), currency, from);
        return jdbc.sql(sql).params(params).query(String.class).list();
    }

    public long countOpenAtStage(Stage stage) {
        return jdbc.sql("SELECT COUNT(*) FROM invoices WHERE status = 'OPEN' AND stage = ?").param(stage.name())
            .query(Long.class).single();
    }

    public void setProcessInstance(String invoiceNumber, String processInstanceId) {
        Optional<Invoice> kept = TransactionCache.peek(new Key(invoiceNumber));
        if (kept != null && kept.isPresent() && processInstanceId.equals(kept.get().processInstanceId())) {
            // the case's first stage entry in this transaction named it already (enterStage): no second UPDATE
            return;
        }
        TransactionCache.forget(CUSTOMER_LISTS); // the lists hold the row without its case
        jdbc.sql("UPDATE invoices SET process_instance_id = ? WHERE invoice_number = ?")
            .params(processInstanceId, invoiceNumber).update();
        // its case is not a fact of the account; the row read in this transaction now names the case (the answer to
        // a registration reads it: no second read of the row)
        TransactionCache.<Optional<Invoice>>changed(new Key(invoiceNumber), read -> read.map(i -> new Invoice(
            i.invoiceNumber(), i.customerId(), i.issueDate(), i.dueDate(), i.creditTermDays(), i.amount(), i.currency(),
            i.contractRatePercent(), i.status(), i.stage(), processInstanceId, i.closeReason(), i.stageEntries())));
    }

    /** The invoice shows another stage (its case is on its way into it, or closed); no stage entry is counted. */
    public void updateStage(String invoiceNumber, Stage stage) {
        // the row as it was (read once per transaction: a stage entry reads it anyway for the case's figures)
        Optional<Invoice> before = find(invoiceNumber);
        TransactionCache.forget(CUSTOMER_LISTS); // the lists hold the row with its former stage
        int changed = jdbc.sql("UPDATE invoices SET stage = ? WHERE invoice_number = ? AND stage <> ?")
            .params(stage.name(), invoiceNumber, stage.name()).update();
        if (changed > 0 && before.isPresent()) {
            // the database said the stage changed: one history row, the status as it was
            recordChange(invoiceNumber, before.get(), stage, before.get().status(), CaseEngine.engineTime());
        }
        // its stage is not a fact of the account; the row read in this transaction now has the new stage (a stage
        // entry refreshes the case's figures right after: no second read of the row)
        TransactionCache.<Optional<Invoice>>changed(new Key(invoiceNumber), read -> read.map(i -> i.withStage(stage)));
    }

    /**
     * The invoice's case entered {@code stage}: the stage is set and its stage entries counted in one statement
     * ({@link Invoice#stageEntries}, the entry the notices' outbox keys name; issue 18: no case variable for it).
     */
    public void enterStage(String invoiceNumber, Stage stage) {
        enterStage(invoiceNumber, stage, null);
    }

    /**
     * As {@link #enterStage(String, Stage)}, by the case {@code caseId} (its process instance id): the same UPDATE names
     * the case on the invoice, so a case start whose first stage is entered while it starts needs no second UPDATE
     * to record its case ({@link #setProcessInstance}; issue 18: one statement less per case start).
     */
    public void enterStage(String invoiceNumber, Stage stage, String caseId) {
        // the row as it was (read once per transaction, as in updateStage): the dated history names a changed stage
        Optional<Invoice> before = find(invoiceNumber);
        TransactionCache.forget(CUSTOMER_LISTS); // the lists hold the row with its former stage
        if (caseId == null) {
            jdbc.sql("UPDATE invoices SET stage = ?, stage_entries = stage_entries + 1 WHERE invoice_number = ?")
                .params(stage.name(), invoiceNumber).update();
        } else {
            jdbc.sql("""
                    UPDATE invoices SET stage = ?, stage_entries = stage_entries + 1, process_instance_id = ?
                    WHERE invoice_number = ?""")
                .params(stage.name(), caseId, invoiceNumber).update();
        }
        if (before.isPresent() && before.get().stage() != stage) {
            // one history row, the status as it was (re-entering the stage it shows already writes none)
            recordChange(invoiceNumber, before.get(), stage, before.get().status(), CaseEngine.engineTime());
        }
        // as updateStage: the row read in this transaction becomes the row the database now has
        TransactionCache.<Optional<Invoice>>changed(new Key(invoiceNumber), read -> read.map(i -> new Invoice(
            i.invoiceNumber(), i.customerId(), i.issueDate(), i.dueDate(), i.creditTermDays(), i.amount(), i.currency(),
            i.contractRatePercent(), i.status(), stage, caseId == null ? i.processInstanceId() : caseId, i.closeReason(),
            i.stageEntries() + 1)));
    }

    /**
     * A settled invoice owes again (a payment was reversed): open, its new case plans the stage from its age and
     * counts its stage entries from 0 again.
     */
    public void reopen(String invoiceNumber) {
        Optional<Invoice> before = find(invoiceNumber);
        forgetRow(invoiceNumber); // its stage, case or status: not a fact of the account
        if (changes(before, Stage.PRE_DUE, CaseStatus.OPEN)) {
            recordChange(invoiceNumber, before.get(), Stage.PRE_DUE, CaseStatus.OPEN, CaseEngine.engineTime());
        }
        jdbc.sql("""
                UPDATE invoices SET status = 'OPEN', stage = 'PRE_DUE', close_reason = NULL, closed_at = NULL,
                                    process_instance_id = NULL, stage_entries = 0
                WHERE invoice_number = ?""")
            .param(invoiceNumber).update();
    }

    /** Ends the case: status, reason and stage CLOSED. */
    public void close(String invoiceNumber, CaseStatus status, String reason) {
        Optional<Invoice> before = find(invoiceNumber);
        forgetRow(invoiceNumber); // its stage, case or status: not a fact of the account
        // the business clock (the engine's), as every other dated row of the case
        Instant now = CaseEngine.engineTime();
        jdbc.sql("""
                UPDATE invoices SET status = ?, stage = 'CLOSED', close_reason = ?, closed_at = ?
                WHERE invoice_number = ?""")
            .params(status.name(), reason, Timestamp.from(now), invoiceNumber).update();
        if (changes(before, Stage.CLOSED, status)) {
            recordChange(invoiceNumber, before.get(), Stage.CLOSED, status, now);
        }
    }

    static Invoice map(ResultSet rs, int row) throws SQLException {
        String currency = rs.getString("currency").trim();
        return new Invoice(rs.getString("invoice_number"), rs.getString("customer_id"),
            rs.getDate("issue_date").toLocalDate(), rs.getDate("due_date").toLocalDate(),
            rs.getInt("credit_term_days"), Money.stored(rs.getBigDecimal("amount"), currency), currency,
            rs.getBigDecimal("contract_rate"), CaseStatus.valueOf(rs.getString("status")),
            Stage.valueOf(rs.getString("stage")), rs.getString("process_instance_id"), rs.getString("close_reason"),
            rs.getInt("stage_entries"));
    }
}
