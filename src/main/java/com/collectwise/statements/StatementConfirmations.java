package com.collectwise.statements;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.collectwise.agreements.AcknowledgementService;
import com.collectwise.api.ConflictException;
import com.collectwise.api.InvalidRequestException;
import com.collectwise.api.NotFoundException;
import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.ContactEntry;
import com.collectwise.kernel.ContactLog;
import com.collectwise.kernel.InvoiceRepository;
import com.collectwise.customers.CustomerRepository;
import com.collectwise.limitation.LimitationService;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The customer confirmed the statement of account of a date: an acknowledgement of every invoice the statement
 * lists (Civil Code art. 195), which restarts their limitation period from the day of the confirmation. The statement
 * of a date lists the invoices issued and registered by the end of that day with something unpaid as of it: an
 * invoice issued before the date but registered later was not on it and is not acknowledged. The
 * confirmation keeps the figures confirmed (a payment posted later but dated earlier may change the replay of that
 * date; the evidence is what the customer saw). One confirmation per customer and statement date: the same body
 * again changes nothing, another body is a conflict.
 */
@Service
public class StatementConfirmations {

    private static final TypeReference<Map<String, Map<String, BigDecimal>>> FIGURES = new TypeReference<>() {
    };

    private final StatementOfAccountService statements;
    private final CustomerRepository customers;
    private final InvoiceRepository invoices;
    private final AcknowledgementService acknowledgements;
    private final LimitationService limitation;
    private final ContactLog contacts;
    private final JdbcClient jdbc;
    private final BusinessClock clock;
    private final ObjectMapper json;

    public StatementConfirmations(StatementOfAccountService statements, CustomerRepository customers,
                                  InvoiceRepository invoices, AcknowledgementService acknowledgements,
                                  LimitationService limitation, ContactLog contacts, JdbcClient jdbc,
                                  BusinessClock clock, ObjectMapper json) {
        this.statements = statements;
        this.customers = customers;
        this.invoices = invoices;
        this.acknowledgements = acknowledgements;
        this.limitation = limitation;
        this.contacts = contacts;
        this.jdbc = jdbc;
        this.clock = clock;
        this.json = json;
    }

    /** What the customer confirmed, and each invoice's limitation date now. */
    public record Confirmation(long id, String customerId, LocalDate statementDate, LocalDate confirmedOn,
                               String confirmedBy, String note, Map<String, BigDecimal> totals,
                               List<AcknowledgedInvoice> invoices, String recordedBy, Instant recordedAt) {
    }

    public record AcknowledgedInvoice(String invoiceNumber, BigDecimal total, LocalDate limitationDate) {
    }

    /** {@code created} false: the same confirmation had been recorded before (a replay). */
    public record Result(boolean created, Confirmation confirmation) {
    }

    /**
     * Records that the customer confirmed the statement of {@code statementDate} on {@code confirmedOn} (null: today),
     * checked by {@link ConfirmationRequest}; the confirmation may not precede the statement.
     */
    @Transactional
    public Result confirm(String customerId, LocalDate statementDate, LocalDate confirmedOnOrNull, String confirmedBy,
                          String note, String user) {
        if (customers.findForUpdate(customerId).isEmpty()) {
            throw new NotFoundException("There is no customer " + customerId);
        }
        LocalDate confirmedOn = confirmedOnOrNull != null ? confirmedOnOrNull : clock.today();
        if (confirmedOn.isBefore(statementDate)) {
            throw InvalidRequestException.of("confirmedOn", "must not be before the statement date " + statementDate);
        }
        String hash = StatementSendings.sha256(statementDate + "|" + confirmedOn + "|" + nz(confirmedBy) + "|" + nz(note));
        Optional<Confirmation> existing = find(customerId, statementDate);
        if (existing.isPresent()) {
            String storedHash = jdbc.sql("SELECT body_hash FROM statement_confirmations WHERE id = ?")
                .param(existing.get().id()).query(String.class).single();
            if (!storedHash.equals(hash)) {
                throw new ConflictException("The statement of " + statementDate + " of customer " + customerId
                    + " was confirmed already with other details");
            }
            return new Result(false, existing.get());
        }
        StatementOfAccount statement = statements.statement(customerId, statementDate);
        // the statement of a date lists what was registered by the end of that day: an invoice issued before the date
        // but registered after it was on no statement of that date, the customer confirmed nothing of it
        Set<String> registered = invoices.registeredBefore(customerId,
            statementDate.plusDays(1).atStartOfDay(clock.zone()).toInstant());
        List<StatementOfAccount.InvoiceLine> listed = statement.invoices().stream()
            .filter(i -> registered.contains(i.invoiceNumber())).toList();
        if (listed.isEmpty()) {
            throw InvalidRequestException.of("statementDate", "the statement of " + statementDate
                + " lists no open invoice to confirm");
        }
        Map<String, Map<String, BigDecimal>> figures = new LinkedHashMap<>();
        Map<String, BigDecimal> totals = new LinkedHashMap<>();
        statement.totals().forEach(t -> totals.put(t.currency(), t.total()));
        statement.invoices().stream().filter(i -> !registered.contains(i.invoiceNumber()))
            .forEach(i -> totals.merge(i.currency(), i.total().negate(), BigDecimal::add));
        Map<String, BigDecimal> perInvoice = new LinkedHashMap<>();
        listed.forEach(i -> perInvoice.put(i.invoiceNumber(), i.total()));
        figures.put("totals", totals);
        figures.put("invoices", perInvoice);
        jdbc.sql("""
                INSERT INTO statement_confirmations (customer_id, statement_date, confirmed_on, confirmed_by, note,
                                                     totals, body_hash, recorded_by, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
            .params(customerId, statementDate, confirmedOn, confirmedBy, note, write(figures), hash, user,
                Timestamp.from(clock.now()))
            .update();
        for (StatementOfAccount.InvoiceLine line : listed) {
            // the confirmation acknowledges the debt on the day the customer gave it (Civil Code art. 195)
            acknowledgements.record(line.invoiceNumber(), confirmedOn, AcknowledgementService.STATEMENT_CONFIRMED);
            contacts.append(new ContactEntry(null, line.invoiceNumber(), customerId, "API", clock.now(), user,
                confirmedBy, "STATEMENT_CONFIRMED", "Statement of account of " + statementDate + " confirmed on "
                    + confirmedOn + (note == null ? "" : ": " + note), null, null));
        }
        return new Result(true, find(customerId, statementDate).orElseThrow());
    }

    public Optional<Confirmation> find(String customerId, LocalDate statementDate) {
        return jdbc.sql("""
                SELECT id, confirmed_on, confirmed_by, note, totals, recorded_by, recorded_at
                FROM statement_confirmations WHERE customer_id = ? AND statement_date = ?""")
            .params(customerId, statementDate)
            .query((rs, n) -> {
                Map<String, Map<String, BigDecimal>> figures = read(rs.getString("totals"));
                List<AcknowledgedInvoice> acknowledged = new ArrayList<>();
                LocalDate today = clock.today();
                figures.getOrDefault("invoices", Map.of()).forEach((number, total) -> acknowledged.add(
                    new AcknowledgedInvoice(number, total, invoices.find(number)
                        .map(i -> limitation.limitationDate(i, today)).orElse(null))));
                return new Confirmation(rs.getLong("id"), customerId, statementDate,
                    rs.getObject("confirmed_on", LocalDate.class), rs.getString("confirmed_by"), rs.getString("note"),
                    figures.getOrDefault("totals", Map.of()), acknowledged, rs.getString("recorded_by"),
                    rs.getTimestamp("recorded_at").toInstant());
            })
            .optional();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Map<String, BigDecimal>> read(String text) {
        try {
            return json.readValue(text, FIGURES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable confirmation figures: " + text, e);
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
