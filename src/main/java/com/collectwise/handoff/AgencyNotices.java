package com.collectwise.handoff;

import java.sql.Timestamp;
import java.util.Optional;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.CaseSettled;
import com.collectwise.kernel.CaseStageEntered;
import com.collectwise.kernel.Stage;
import com.collectwise.communication.Outbox;
import com.collectwise.disputes.Dispute;
import com.collectwise.disputes.DisputeDecided;
import com.collectwise.disputes.DisputeRaised;
import com.collectwise.payments.CreditNoteBooked;
import com.collectwise.payments.PaymentApplied;
import com.collectwise.payments.PaymentReversed;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Keeps the agency informed (DOMAIN.md section 8): while a mandate runs, a direct payment (and its reversal), a dispute and the
 * settlement of the case are queued for the agency in the outbox, in the transaction of the event itself (so the
 * notice exists exactly when the payment, dispute or closing does), and {@link AgencyNoticeDispatcher} delivers
 * them over HTTP at least once with back-off. One notice per mandate and event: the outbox key is unique, and it is
 * the Idempotency-Key the agency sees. A recall requested over the API ends the mandate through Process_AgencyHandoff
 * (Task_EndAgencyMandate); a case moved to another stage while the mandate runs is a recall told here.
 */
@Service
public class AgencyNotices {

    public static final String KIND = "AGENCY_NOTICE";
    static final String RECIPIENT = "agency";

    private final JdbcClient jdbc;
    private final Outbox outbox;
    private final BusinessClock clock;
    private final ObjectMapper json;

    private final com.collectwise.kernel.InvoiceRepository invoices;

    public AgencyNotices(JdbcClient jdbc, Outbox outbox, BusinessClock clock, ObjectMapper json,
                         com.collectwise.kernel.InvoiceRepository invoices) {
        this.invoices = invoices;
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.clock = clock;
        this.json = json;
    }

    record OpenMandate(String mandateKey, String invoiceNumber) {
    }

    @EventListener
    public void paymentApplied(PaymentApplied payment) {
        if (payment.paymentReference().startsWith("AGENCY-")) {
            return; // money the agency collected and reported itself
        }
        mandate(payment.invoiceNumber()).ifPresent(m -> queue(m, payment.customerId(), new AgencyNotice(
            key(m, AgencyNotice.PAYMENT, payment.paymentReference()), m.mandateKey(), m.invoiceNumber(),
            AgencyNotice.PAYMENT, payment.paymentReference(), payment.amount(), payment.currency(),
            payment.receivedOn(), "The customer paid us directly: collect only what is still open.")));
    }

    /**
     * A payment that had reached the case was reversed (bounced or recalled): the agency, told of the payment (or
     * handed the case without it), collects what it had paid again. Money the agency reported itself is told too.
     */
    @EventListener
    public void paymentReversed(PaymentReversed reversed) {
        mandate(reversed.invoiceNumber()).ifPresent(m -> queue(m, reversed.customerId(), new AgencyNotice(
            key(m, AgencyNotice.PAYMENT_REVERSED, reversed.paymentReference()), m.mandateKey(), m.invoiceNumber(),
            AgencyNotice.PAYMENT_REVERSED, reversed.paymentReference(), reversed.amount(), reversed.currency(),
            reversed.reversedOn(), "The payment " + reversed.paymentReference() + " was reversed ("
                + reversed.reason() + "): the " + reversed.amount().toPlainString() + " " + reversed.currency()
                + " it paid is owed again; collect it with the rest.")));
    }

    @EventListener
    public void disputeRaised(DisputeRaised dispute) {
        mandate(dispute.invoiceNumber()).ifPresent(m -> queue(m, null, new AgencyNotice(
            key(m, AgencyNotice.DISPUTE, String.valueOf(dispute.disputeId())), m.mandateKey(), m.invoiceNumber(),
            AgencyNotice.DISPUTE, String.valueOf(dispute.disputeId()), dispute.amount(), dispute.currency(),
            clock.today(), "Disputed (" + dispute.category() + "): do not collect the disputed amount.")));
    }

    /**
     * A dispute was decided while the agency works the case: rejected, the disputed amount is to be collected again
     * (the agency had been told not to); accepted, the credit note reduced the invoice from its due date by the
     * disputed amount (what the agency collects is unchanged: it never collected that part). A department's decision
     * has no credit note number: the reference is the dispute's.
     */
    @EventListener
    public void disputeDecided(DisputeDecided decided) {
        if (Dispute.REJECTED.equals(decided.outcome())) {
            mandate(decided.invoiceNumber()).ifPresent(m -> queue(m, decided.customerId(), new AgencyNotice(
                key(m, AgencyNotice.DISPUTE_REJECTED, String.valueOf(decided.disputeId())), m.mandateKey(),
                m.invoiceNumber(), AgencyNotice.DISPUTE_REJECTED, String.valueOf(decided.disputeId()),
                decided.amount(), decided.currency(), clock.today(), "Dispute #" + decided.disputeId()
                    + " rejected: collect the " + decided.amount().toPlainString() + " " + decided.currency()
                    + " that was disputed again, with the rest.")));
        } else if (decided.amount().signum() > 0) {
            String reference = com.collectwise.disputes.DisputeService.DECIDED_CREDIT_NOTE_PREFIX + decided.disputeId();
            mandate(decided.invoiceNumber()).ifPresent(m -> queue(m, decided.customerId(), new AgencyNotice(
                key(m, AgencyNotice.CREDIT_NOTE, reference), m.mandateKey(), m.invoiceNumber(),
                AgencyNotice.CREDIT_NOTE, reference, decided.amount(), decided.currency(), clock.today(),
                "Dispute #" + decided.disputeId() + " accepted: the invoice is reduced by "
                    + decided.amount().toPlainString() + " " + decided.currency()
                    + " from its due date (no interest on it). Collect only what is still open.")));
        }
    }

    /**
     * A credit note posted over the API reduced the invoice from its due date (and settled the disputes it covers):
     * the agency collects only what is left. A credit note that settles the invoice is followed by SETTLED.
     */
    @EventListener
    public void creditNoteBooked(CreditNoteBooked note) {
        mandate(note.invoiceNumber()).ifPresent(m -> queue(m, note.customerId(), new AgencyNotice(
            key(m, AgencyNotice.CREDIT_NOTE, note.creditNoteNumber()), m.mandateKey(), m.invoiceNumber(),
            AgencyNotice.CREDIT_NOTE, note.creditNoteNumber(), note.amount(), note.currency(), note.issuedOn(),
            "Credit note: the invoice is reduced by " + note.amount().toPlainString() + " " + note.currency()
                + " from its due date (no interest on it)"
                + (note.disputesSettled().isEmpty() ? "" : "; it settles dispute "
                    + note.disputesSettled().stream().map(id -> "#" + id).collect(java.util.stream.Collectors.joining(", ")))
                + (note.stillDisputed().signum() > 0 ? "; still disputed, not to be collected: "
                    + note.stillDisputed().toPlainString() + " " + note.currency() : "")
                + ". Collect only what is still open.")));
    }

    /**
     * The customer withdrew its consent to share personal data (PATCH sharePersonalData false) while an agency works
     * one of its cases with the debtor's data the mandate carried: the agency is told to delete it and to go on with
     * the invoice and the amounts only (DOMAIN.md 8: personal data only where the customer agreement allows it). A
     * mandate sent without personal data has nothing to delete.
     */
    @EventListener
    public void customerChanged(com.collectwise.customers.CustomerChanged change) {
        if (!change.profileBefore().sharePersonalData() || change.profileAfter().sharePersonalData()) {
            return;
        }
        for (com.collectwise.kernel.Invoice invoice : invoices.findOpenByCustomer(change.customerId())) {
            mandate(invoice.invoiceNumber()).filter(this::sharedPersonalData).ifPresent(m -> queue(m,
                change.customerId(), new AgencyNotice(key(m, AgencyNotice.CONSENT_WITHDRAWN, consentChange(change)),
                    m.mandateKey(), m.invoiceNumber(), AgencyNotice.CONSENT_WITHDRAWN, null, null, null,
                    clock.today(), "The customer withdrew its consent to share personal data: delete the debtor's"
                        + " personal data sent with this mandate and work the case with the invoice data only.")));
        }
    }

    /** The reference of a consent withdrawal: when it was recorded (a later withdrawal after a new consent is another). */
    private static String consentChange(com.collectwise.customers.CustomerChanged change) {
        return change.changes().stream().filter(c -> com.collectwise.customers.CustomerService.SHARE_PERSONAL_DATA
            .equals(c.field())).map(c -> c.changedAt().toString()).findFirst().orElse("");
    }

    private boolean sharedPersonalData(OpenMandate mandate) {
        return Boolean.TRUE.equals(jdbc.sql("SELECT personal_data_shared FROM agency_mandates WHERE idempotency_key = ?")
            .param(mandate.mandateKey()).query(Boolean.class).single());
    }

    /** The case is over: the agency stops, and the mandate is ended here too (no end-of-mandate call follows). */
    @EventListener
    public void caseSettled(CaseSettled settled) {
        mandate(settled.invoiceNumber()).ifPresent(m -> {
            queue(m, settled.customerId(), new AgencyNotice(key(m, AgencyNotice.SETTLED, settled.status().name()),
                m.mandateKey(), m.invoiceNumber(), AgencyNotice.SETTLED, settled.status().name(), null, null,
                clock.today(), settled.reason()));
            jdbc.sql("UPDATE agency_mandates SET ended_at = ?, end_reason = ? WHERE idempotency_key = ? AND ended_at IS NULL")
                .params(Timestamp.from(clock.now()), "settled: " + settled.reason(), m.mandateKey()).update();
        });
    }

    /**
     * The case entered another stage while the agency still works it (a supervisor moved it, or the agency gave up
     * and the case goes on): the agency is told it was taken back, and the mandate ends here. A mandate ended through
     * the model (expired, recalled) is no longer open, so nothing is sent twice.
     */
    @EventListener
    public void stageEntered(CaseStageEntered entered) {
        if (entered.stage() == Stage.AGENCY || noMandateYet(entered.invoiceNumber())) {
            return;
        }
        mandate(entered.invoiceNumber()).ifPresent(m -> {
            queue(m, null, new AgencyNotice(key(m, AgencyNotice.RECALL, entered.stage().name()), m.mandateKey(),
                m.invoiceNumber(), AgencyNotice.RECALL, entered.stage().name(), null, null, clock.today(),
                "Taken back: the case is now in stage " + entered.stage() + ". Stop working it."));
            jdbc.sql("UPDATE agency_mandates SET ended_at = ?, end_reason = ? WHERE idempotency_key = ? AND ended_at IS NULL")
                .params(Timestamp.from(clock.now()), "recalled: case moved to " + entered.stage(), m.mandateKey())
                .update();
        });
    }

    /**
     * An instalment plan agreed with us paused the case and ended its work with the agency (the plan interrupts the
     * stage): the agency is told it was taken back, and the mandate ends here. Should the plan fail, the case
     * resumes at the agency stage and a new hand-off is approved.
     */
    @EventListener
    public void escalationPaused(com.collectwise.kernel.EscalationPaused paused) {
        mandate(paused.invoiceNumber()).ifPresent(m -> {
            queue(m, null, new AgencyNotice(key(m, AgencyNotice.RECALL, "AGREEMENT"), m.mandateKey(),
                m.invoiceNumber(), AgencyNotice.RECALL, "AGREEMENT", null, null, clock.today(),
                "Taken back: the customer agreed an instalment plan with us. Stop working it."));
            jdbc.sql("UPDATE agency_mandates SET ended_at = ?, end_reason = ? WHERE idempotency_key = ? AND ended_at IS NULL")
                .params(Timestamp.from(clock.now()), "recalled: instalment plan agreed", m.mandateKey()).update();
        });
    }

    /**
     * The invoice was registered in this transaction and no mandate was recorded for it since: a mandate names an
     * invoice whose case handed it off, so there is none to look up (the first stage entry of a case start).
     */
    private boolean noMandateYet(String invoiceNumber) {
        return invoices.registeredInThisTransaction(invoiceNumber)
            && !com.collectwise.kernel.TransactionCache.noted(new AgencyHandoffService.MandateRecorded(invoiceNumber));
    }

    /** The mandate the agency is working on now (sent and not ended), if any. */
    Optional<OpenMandate> mandate(String invoiceNumber) {
        return jdbc.sql("""
                SELECT idempotency_key, invoice_number FROM agency_mandates
                WHERE invoice_number = ? AND ended_at IS NULL ORDER BY handoff_number DESC""")
            .param(invoiceNumber)
            .query((rs, n) -> new OpenMandate(rs.getString(1), rs.getString(2))).list().stream().findFirst();
    }

    private static String key(OpenMandate mandate, String type, String reference) {
        return mandate.mandateKey() + ":" + type + ":" + reference;
    }

    private void queue(OpenMandate mandate, String customerId, AgencyNotice notice) {
        try {
            outbox.enqueue(notice.noticeKey(), mandate.invoiceNumber(), customerId, KIND, RECIPIENT,
                notice.type() + " " + mandate.invoiceNumber(), json.writeValueAsString(notice));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the agency notice " + notice.noticeKey(), e);
        }
    }
}
