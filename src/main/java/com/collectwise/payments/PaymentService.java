package com.collectwise.payments;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import com.collectwise.agreements.AcknowledgementService;
import com.collectwise.api.AsOf;
import com.collectwise.api.ConflictException;
import com.collectwise.api.FieldProblem;
import com.collectwise.api.FieldReader;
import com.collectwise.api.InvalidRequestException;
import com.collectwise.cases.BusinessClock;
import com.collectwise.cases.CaseEngine;
import com.collectwise.cases.CaseStatus;
import com.collectwise.cases.Invoice;
import com.collectwise.cases.InvoiceRepository;
import com.collectwise.fees.PaymentAllocator;
import com.collectwise.fees.Statement;
import com.collectwise.fees.StatementService;
import com.collectwise.payments.PaymentReceipt.Outcome;

/**
 * Books incoming money. Money is never refused: a payment that matches no invoice is kept as
 * unapplied cash, a payment on a closed case becomes customer credit. The payment reference is the
 * idempotency key: the same payment again changes nothing, other content under a used reference is
 * a conflict. Booking, allocation, closing the invoice and telling the case happen in one transaction.
 */
@Service
public class PaymentService {

    static final String PAID_IN_FULL = "Paid in full";

    private static final Logger log = LoggerFactory.getLogger(PaymentService.class);

    private final PaymentRepository payments;
    private final InvoiceRepository invoices;
    private final PaymentAllocator allocator;
    private final StatementService statements;
    private final CaseEngine cases;
    private final BusinessClock clock;
    private final TransactionTemplate transaction;
    private final AcknowledgementService acknowledgements;
    private final com.collectwise.cases.PrepareCallListener callPreparation;
    private final org.camunda.bpm.engine.TaskService tasks;

    public PaymentService(PaymentRepository payments, InvoiceRepository invoices, PaymentAllocator allocator,
                          StatementService statements, CaseEngine cases, BusinessClock clock,
                          PlatformTransactionManager transactionManager, AcknowledgementService acknowledgements,
                          com.collectwise.cases.PrepareCallListener callPreparation,
                          org.camunda.bpm.engine.TaskService tasks) {
        this.acknowledgements = acknowledgements;
        this.callPreparation = callPreparation;
        this.tasks = tasks;
        this.payments = payments;
        this.invoices = invoices;
        this.allocator = allocator;
        this.statements = statements;
        this.cases = cases;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    /** Checks every field of a payment sent to the API. @throws InvalidRequestException listing them */
    public IncomingPayment read(FieldReader in) {
        String reference = in.text("paymentReference", true, 100);
        String invoiceNumber = in.key("invoiceNumber", false);
        String customerId = in.key("customerId", false);
        String currency = in.currency("currency", true);
        // checked against the payment's own currency: one in another currency than the invoice's is kept unapplied
        BigDecimal amount = in.amount("amount", true, currency);
        LocalDate receivedOn = in.date("receivedOn", true);
        PaymentMethod method = in.enumValue("method", PaymentMethod.class, null);
        if (!in.has("invoiceNumber") && !in.has("customerId")) {
            in.reject("invoiceNumber", "is required when customerId is not given");
        }
        if (receivedOn != null && receivedOn.isAfter(clock.today())) {
            in.reject("receivedOn", "must not be in the future");
        }
        if (receivedOn != null && receivedOn.isBefore(AsOf.REPORTS_FROM)) {
            in.reject("receivedOn", "must not be before " + AsOf.REPORTS_FROM);
        }
        in.throwIfInvalid();
        return new IncomingPayment(reference, invoiceNumber, customerId, amount, currency, receivedOn, method);
    }

    /**
     * Books the payment in a transaction of its own. When a concurrent call with the same reference wins
     * the race, this one is rolled back and answered as the replay it is.
     */
    public PaymentReceipt receive(IncomingPayment payment) {
        try {
            return transaction.execute(status -> book(payment));
        } catch (DuplicateKeyException e) {
            log.info("Payment {} was booked by a concurrent request; answering as a replay", payment.paymentReference());
            return payments.find(payment.paymentReference()).map(stored -> replay(stored, payment))
                .orElseThrow(() -> new ConflictException("Payment " + payment.paymentReference()
                    + " is being booked by another request; retry in a moment"));
        }
    }

    /**
     * Books the payment inside the caller's transaction.
     *
     * @throws DuplicateKeyException when a concurrent transaction booked the same reference
     */
    @Transactional
    public PaymentReceipt book(IncomingPayment payment) {
        Optional<PaymentRepository.StoredPayment> stored = payments.find(payment.paymentReference());
        if (stored.isPresent()) {
            return replay(stored.get(), payment);
        }
        Invoice invoice = matchInvoice(payment);
        if (invoice == null) {
            payments.insert(payment, payment.invoiceNumber(), payment.customerId(), PaymentRepository.UNAPPLIED,
                clock.now());
            return receipt(Outcome.UNAPPLIED, payment);
        }
        payments.insert(payment, invoice.invoiceNumber(), invoice.customerId(), PaymentRepository.APPLIED, clock.now());
        if (invoice.status() != CaseStatus.OPEN) {
            payments.insertCredit(payment.paymentReference(), invoice.invoiceNumber(), payment.amount(),
                invoice.currency(), payment.receivedOn());
            return receipt(Outcome.APPLIED, payment);
        }
        allocator.allocate(invoice, payment.paymentReference(), payment.amount(), payment.receivedOn());
        Statement atReceipt = statements.statement(invoice, payment.receivedOn());
        Statement today = statements.statement(invoice, later(payment.receivedOn(), clock.today()));
        if (atReceipt.total().signum() == 0 && today.total().signum() == 0) {
            invoices.close(invoice.invoiceNumber(), CaseStatus.SETTLED, PAID_IN_FULL);
            cases.invoiceSettled(invoice.invoiceNumber());
        } else {
            // a partial payment acknowledges the debt: the limitation period restarts (Civil Code art. 195)
            acknowledgements.record(invoice.invoiceNumber(), payment.receivedOn(),
                AcknowledgementService.PARTIAL_PAYMENT);
            cases.partPaymentReceived(invoice.invoiceNumber(), payment.amount(), today.total());
            callPreparation.refreshOpenCalls(tasks, invoice.invoiceNumber());
        }
        return receipt(Outcome.APPLIED, payment);
    }

    /**
     * The named invoice, or else the customer's oldest open invoice in the payment's currency.
     * Null when nothing matches (the money is then kept as unapplied cash).
     *
     * @throws InvalidRequestException when the named invoice belongs to another customer or currency
     */
    private Invoice matchInvoice(IncomingPayment payment) {
        if (payment.invoiceNumber() != null) {
            Invoice invoice = invoices.find(payment.invoiceNumber()).orElse(null);
            if (invoice == null) {
                return null;
            }
            List<FieldProblem> problems = new ArrayList<>();
            if (payment.customerId() != null && !payment.customerId().equals(invoice.customerId())) {
                problems.add(new FieldProblem("customerId", "does not match the customer of invoice "
                    + invoice.invoiceNumber()));
            }
            if (!payment.currency().equals(invoice.currency())) {
                problems.add(new FieldProblem("currency", "must be the invoice currency " + invoice.currency()));
            }
            if (!problems.isEmpty()) {
                throw new InvalidRequestException(problems);
            }
            return invoice;
        }
        return invoices.findOpenByCustomer(payment.customerId()).stream()
            .filter(i -> i.currency().equals(payment.currency()))
            .findFirst().orElse(null);
    }

    private PaymentReceipt replay(PaymentRepository.StoredPayment stored, IncomingPayment payment) {
        if (!stored.bodyHash().equals(payment.contentHash())) {
            throw new ConflictException("Payment reference " + payment.paymentReference()
                + " was booked already with other content");
        }
        return new PaymentReceipt(Outcome.REPLAYED, stored.view());
    }

    private PaymentReceipt receipt(Outcome outcome, IncomingPayment payment) {
        return new PaymentReceipt(outcome, payments.find(payment.paymentReference()).orElseThrow().view());
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }
}
