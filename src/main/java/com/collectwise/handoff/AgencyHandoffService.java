package com.collectwise.handoff;

import com.collectwise.disputes.DisputedPart;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.collectwise.kernel.BusinessClock;
import com.collectwise.fees.CaseFigures;
import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.Customer;
import com.collectwise.customers.Address;
import com.collectwise.customers.CustomerProfile;
import com.collectwise.customers.CustomerRepository;
import com.collectwise.disputes.DisputeService;
import com.collectwise.money.Statement;

/**
 * Gives the case to the collection agency over HTTP and takes it back. The mandate row is written in the
 * same transaction as the engine's job: when the call fails, or the node dies before the commit, neither
 * the row nor the hand-off number survive, so the retry sends the same Idempotency-Key again.
 */
@Service
public class AgencyHandoffService {

    private final AgencyClient agency;
    private final CaseFigures figures;
    private final CustomerRepository customers;
    private final BusinessClock clock;
    private final JdbcClient jdbc;
    private final DisputeService disputes;

    public AgencyHandoffService(AgencyClient agency, CaseFigures figures, CustomerRepository customers,
                                BusinessClock clock, JdbcClient jdbc, DisputeService disputes) {
        this.disputes = disputes;
        this.agency = agency;
        this.figures = figures;
        this.customers = customers;
        this.clock = clock;
        this.jdbc = jdbc;
    }

    /** Sends the n-th mandate of the case; @return what was sent */
    public AgencyMandate handOff(String invoiceNumber, int handoffNumber, Period mandateLength) {
        CaseFigures.Figures today = figures.today(invoiceNumber);
        Invoice invoice = today.invoice();
        Customer customer = customers.find(invoice.customerId())
            .orElseThrow(() -> new IllegalStateException("Customer " + invoice.customerId() + " does not exist"));
        boolean consent = sharesPersonalData(customer.customerId());
        // the agency collects the undisputed part only: the disputed part waits for the dispute's outcome
        AgencyMandate mandate = mandate(invoice, customer, consent ? customers.profile(customer) : null,
            today.statement(), handoffNumber, consent, clock.today().plus(mandateLength),
            disputes.part(invoice, clock.today()));
        agency.handOff(mandate);
        boolean recorded = jdbc.sql("SELECT COUNT(*) FROM agency_mandates WHERE idempotency_key = ?")
            .param(mandate.mandateKey()).query(Integer.class).single() > 0;
        if (!recorded) {
            com.collectwise.kernel.TransactionCache.note(new MandateRecorded(invoiceNumber));
            jdbc.sql("""
                    INSERT INTO agency_mandates (idempotency_key, invoice_number, handoff_number, personal_data_shared, sent_at)
                    VALUES (?, ?, ?, ?, ?)""")
                .params(mandate.mandateKey(), invoiceNumber, handoffNumber, consent, Timestamp.from(clock.now()))
                .update();
        }
        return mandate;
    }

    /** A mandate for the invoice was recorded in this transaction ({@link AgencyNotices}). */
    record MandateRecorded(String invoiceNumber) {
    }

    /**
     * The number of the next hand-off of the case: one more than the mandates the agency confirmed. A failed
     * or crashed attempt left no row, so its retry gets the same number (and the same Idempotency-Key).
     */
    public int nextHandoffNumber(String invoiceNumber) {
        return jdbc.sql("SELECT COALESCE(MAX(handoff_number), 0) FROM agency_mandates WHERE invoice_number = ?")
            .param(invoiceNumber).query(Integer.class).single() + 1;
    }

    /** The day the mandate the agency works on now (sent, not ended) was sent, if there is one. */
    public java.util.Optional<LocalDate> openMandateSentOn(String invoiceNumber) {
        return jdbc.sql("""
                SELECT sent_at FROM agency_mandates WHERE invoice_number = ? AND ended_at IS NULL
                ORDER BY handoff_number DESC""")
            .param(invoiceNumber).query(Timestamp.class).list().stream().findFirst()
            .map(t -> t.toInstant().atZone(clock.zone()).toLocalDate());
    }

    /** Tells the agency to stop working the case and notes why the mandate ended. */
    public void endMandate(String invoiceNumber, int handoffNumber, String reason) {
        String key = AgencyMandate.key(invoiceNumber, handoffNumber);
        agency.endMandate(new MandateEnd(key, invoiceNumber, handoffNumber, reason, clock.today()));
        jdbc.sql("UPDATE agency_mandates SET ended_at = ?, end_reason = ? WHERE idempotency_key = ? AND ended_at IS NULL")
            .params(Timestamp.from(clock.now()), reason, key).update();
    }

    /** The customer agreement's consent to pass personal data to third parties (default: no). */
    public boolean sharesPersonalData(String customerId) {
        return customers.sharesPersonalData(customerId);
    }

    static AgencyMandate mandate(Invoice invoice, Customer customer, Statement statement, int handoffNumber,
                                 boolean consent, LocalDate mandateEnds, DisputedPart disputed) {
        return mandate(invoice, customer, null, statement, handoffNumber, consent, mandateEnds, disputed);
    }

    /** @param profile the customer's address and contacts (sent with the consent only; null: none known) */
    static AgencyMandate mandate(Invoice invoice, Customer customer, CustomerProfile profile, Statement statement,
                                 int handoffNumber, boolean consent, LocalDate mandateEnds, DisputedPart disputed) {
        AgencyMandate.Address address = null;
        List<AgencyMandate.Contact> contacts = List.of();
        if (consent && profile != null) {
            Address a = profile.address();
            address = a == null ? null : new AgencyMandate.Address(a.street(), a.city(), a.region(), a.postalCode());
            contacts = profile.contacts().stream()
                .map(c -> new AgencyMandate.Contact(c.role().name(), c.name(), c.email(), c.phone())).toList();
        }
        AgencyMandate.Debtor debtor = consent ? new AgencyMandate.Debtor(customer.customerId(), customer.name(),
            customer.country(), customer.email(), customer.phone(), customer.decisionMaker(), address, contacts)
            : null;
        return new AgencyMandate(AgencyMandate.key(invoice.invoiceNumber(), handoffNumber), invoice.invoiceNumber(),
            handoffNumber, invoice.issueDate(), invoice.dueDate(), invoice.currency(), statement.principal(),
            statement.interest(), statement.fees(), statement.total(), statement.asOf(), mandateEnds, debtor,
            disputed.disputed(), disputed.demanded(statement.total()));
    }
}
