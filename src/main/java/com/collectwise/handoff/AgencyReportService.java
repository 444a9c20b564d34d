package com.collectwise.handoff;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.collectwise.api.ConflictException;
import com.collectwise.customers.CustomerRepository;
import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.CaseEngine;
import com.collectwise.kernel.CaseVariables;
import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.InvoiceRepository;
import com.collectwise.payments.IncomingPayment;
import com.collectwise.payments.PaymentMethod;
import com.collectwise.payments.PaymentReceipt;
import com.collectwise.payments.PaymentService;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Takes the reports of the collection agency (webhook). A report reaches the case when the case waits
 * for one; otherwise it is kept in the inbox. Collected money is booked as a payment whenever the case
 * is known, waiting or not: money is never dropped. A report id is processed once.
 */
@Service
public class AgencyReportService {

    /** What became of a report. */
    public enum Outcome {
        /** The waiting case received it. */
        CORRELATED,
        /** Kept in the inbox: the case is not waiting for a report. */
        KEPT,
        /** Kept in the inbox: there is no case for the invoice number. */
        UNKNOWN_CASE,
        /** This report id was received before; nothing changed. */
        DUPLICATE
    }

    public record Result(Outcome outcome, String reportId, String invoiceNumber, PaymentReceipt payment) {
    }

    private final AgencyReportInbox inbox;
    private final InvoiceRepository invoices;
    private final CaseEngine cases;
    private final PaymentService payments;
    private final BusinessClock clock;
    private final ObjectMapper json;
    private final TransactionTemplate transaction;
    private final CustomerRepository customers;
    private final AgencyHandoffService handoffs;

    public AgencyReportService(AgencyReportInbox inbox, InvoiceRepository invoices, CaseEngine cases,
                               PaymentService payments, BusinessClock clock, ObjectMapper json,
                               PlatformTransactionManager transactionManager, CustomerRepository customers,
                               AgencyHandoffService handoffs) {
        this.handoffs = handoffs;
        this.customers = customers;
        this.inbox = inbox;
        this.invoices = invoices;
        this.cases = cases;
        this.payments = payments;
        this.clock = clock;
        this.json = json;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    /** Processes the report in one transaction; a concurrent copy of it is answered as a duplicate. */
    public Result receive(AgencyReport report) {
        String payload = canonical(report);
        try {
            return transaction.execute(status -> process(report, payload));
        } catch (DuplicateKeyException e) {
            return inbox.find(report.reportId()).map(entry -> duplicate(entry, report, payload))
                .orElseThrow(() -> new ConflictException("Report " + report.reportId()
                    + " is being processed by another request; retry in a moment"));
        }
    }

    private Result process(AgencyReport report, String payload) {
        Invoice invoice = invoices.find(report.invoiceNumber()).orElse(null);
        if (invoice != null) {
            // the reports of one customer one at a time (its money is booked under the same lock): a second report at
            // the same moment waits, then finds the case as the first left it (no longer waiting: kept) instead of
            // correlating to the same wait state and failing as "busy"
            customers.lock(invoice.customerId());
            invoice = invoices.find(report.invoiceNumber()).orElseThrow();
        }
        var known = inbox.find(report.reportId());
        if (known.isPresent()) {
            return duplicate(known.get(), report, payload);
        }
        if (invoice == null) {
            inbox.insert(report.reportId(), report.invoiceNumber(), payload, AgencyReportInbox.KEPT,
                "No case for this invoice number", clock.now());
            return new Result(Outcome.UNKNOWN_CASE, report.reportId(), report.invoiceNumber(), null);
        }
        boolean waits = cases.awaits(invoice.invoiceNumber(), CaseVariables.MSG_AGENCY_REPORT);
        LocalDate newer = waits ? newerThan(invoice, report) : null;
        waits &= newer == null;
        if (waits) {
            inbox.insert(report.reportId(), report.invoiceNumber(), payload, AgencyReportInbox.APPLIED, null,
                clock.now());
        } else {
            inbox.insert(report.reportId(), report.invoiceNumber(), payload, AgencyReportInbox.KEPT, newer == null
                ? "The case was not waiting for an agency report"
                : "Reported on " + report.reportedOn() + ", before the mandate or the report of " + newer
                    + " the case has: it does not change the case (its money is booked)", clock.now());
        }
        PaymentReceipt payment = deliver(invoice, report, waits);
        return new Result(waits ? Outcome.CORRELATED : Outcome.KEPT, report.reportId(), report.invoiceNumber(),
            payment);
    }

    /**
     * A report out of date order does not move the case: one dated before the running mandate was sent (a late word on
     * an earlier mandate) or before a report the case took already (the agency's newer word stands). Its money is
     * booked all the same, dated as reported.
     *
     * @return the later date the report is older than, or null when it is current
     */
    LocalDate newerThan(Invoice invoice, AgencyReport report) {
        LocalDate newest = handoffs.openMandateSentOn(invoice.invoiceNumber()).orElse(null);
        for (String taken : inbox.appliedPayloads(invoice.invoiceNumber())) {
            LocalDate on = stored(taken).reportedOn();
            if (newest == null || on.isAfter(newest)) {
                newest = on;
            }
        }
        return newest != null && report.reportedOn().isBefore(newest) ? newest : null;
    }

    /**
     * The report reaches its case (when {@code reachCase}) before its money is booked, so that a settling payment
     * finds the case still running; the money is booked idempotently by the report's payment reference, so a report
     * delivered again (a kept report retried by {@link AgencyReportRetry}) never books it twice.
     *
     * @return the booking, or null when the report brought no money
     */
    PaymentReceipt deliver(Invoice invoice, AgencyReport report, boolean reachCase) {
        if (reachCase) {
            cases.agencyReported(invoice.invoiceNumber(), report.status().name());
        }
        if (report.amountCollected().signum() <= 0) {
            return null;
        }
        return payments.book(new IncomingPayment(report.paymentReference(), invoice.invoiceNumber(), null,
            report.amountCollected(), invoice.currency(), report.reportedOn(), PaymentMethod.OTHER));
    }

    /** A report as stored in the inbox ({@link #canonical}), read back. */
    AgencyReport stored(String payload) {
        try {
            var node = json.readTree(payload);
            return new AgencyReport(node.path("invoiceNumber").asText(null), node.path("agencyReference").asText(null),
                node.path("reportId").asText(), AgencyReportStatus.valueOf(node.path("status").asText()),
                new BigDecimal(node.path("amountCollected").asText("0")), LocalDate.parse(node.path("reportedOn").asText()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable inbox payload", e);
        }
    }

    private Result duplicate(AgencyReportInbox.Entry entry, AgencyReport report, String payload) {
        if (!entry.payload().equals(payload)) {
            throw new ConflictException("Report " + report.reportId() + " was received already with other content");
        }
        return new Result(Outcome.DUPLICATE, report.reportId(), report.invoiceNumber(), null);
    }

    /** The normalised report as stored in the inbox; equal content gives an equal string. */
    private String canonical(AgencyReport report) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("invoiceNumber", report.invoiceNumber());
        fields.put("agencyReference", report.agencyReference());
        fields.put("reportId", report.reportId());
        fields.put("status", report.status().name());
        // at least two decimals as before amounts had the currency's minor unit: stored reports stay comparable
        BigDecimal collected = report.amountCollected();
        fields.put("amountCollected", collected.setScale(Math.max(2, collected.scale())).toPlainString());
        fields.put("reportedOn", report.reportedOn().toString());
        try {
            return json.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
