package com.collectwise.disputes;

import org.springframework.stereotype.Component;

import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.InvoiceRepository;
import com.collectwise.fees.StatementService;

/**
 * Whether an invoice is disputed in full: its open disputes cover all the principal still unpaid, or nothing is left
 * undisputed (the customer paid what it was asked for, the undisputed part: a payment pays the undisputed part first,
 * so what is left is the disputed one, even when the interest it paid leaves a few cents more principal than is
 * disputed). (Interest keeps accruing on paper while a dispute runs, so the comparison is with the principal, or the
 * invoice as if the disputes were credited: a credit note would take the interest of the credited part away with
 * it.) Such an invoice does not escalate while the dispute is open; the
 * model waits before each further stage ({@code ${!fullDispute.isOpen(invoiceNumber)}}), and looks again when
 * the dispute's outcome comes back.
 */
@Component("fullDispute")
public class FullDispute {

    private final DisputeService disputes;
    private final InvoiceRepository invoices;
    private final StatementService statements;
    private final BusinessClock clock;

    public FullDispute(DisputeService disputes, InvoiceRepository invoices, StatementService statements,
                       BusinessClock clock) {
        this.disputes = disputes;
        this.invoices = invoices;
        this.statements = statements;
        this.clock = clock;
    }

    public boolean isOpen(String invoiceNumber) {
        // one indexed count for the many invoices without an open dispute (every part payment asks)
        if (!disputes.anyOpen(invoiceNumber)) {
            return false;
        }
        Invoice invoice = invoices.find(invoiceNumber).orElse(null);
        if (invoice == null) {
            return false;
        }
        java.math.BigDecimal disputed = disputes.disputed(invoiceNumber);
        if (disputed.signum() <= 0) {
            return false;
        }
        return disputed.compareTo(statements.statement(invoice, clock.today()).principal()) >= 0
            || disputes.part(invoice, clock.today()).undisputed().signum() <= 0;
    }
}
