package com.collectwise.fees;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.collectwise.cases.Invoice;

/**
 * Applies a payment to an invoice: fees first, then interest, then principal (Civil Code art. 561);
 * what is left over becomes customer credit. Writes one allocation row per component.
 */
@Service
public class PaymentAllocator {

    private final JdbcClient jdbc;
    private final StatementService statements;

    public PaymentAllocator(JdbcClient jdbc, StatementService statements) {
        this.jdbc = jdbc;
        this.statements = statements;
    }

    public List<Allocation> allocate(Invoice invoice, String paymentReference, BigDecimal amount, LocalDate receivedOn) {
        Statement due = statements.statement(invoice, receivedOn);
        List<Allocation> result = new ArrayList<>();
        BigDecimal left = amount;
        for (Allocation part : List.of(new Allocation("FEES", due.fees()), new Allocation("INTEREST", due.interest()),
            new Allocation("PRINCIPAL", due.principal()))) {
            BigDecimal take = left.min(part.amount());
            if (take.signum() > 0) {
                result.add(new Allocation(part.component(), take));
                left = left.subtract(take);
            }
        }
        if (left.signum() > 0) {
            result.add(new Allocation("CREDIT", left));
        }
        for (Allocation a : result) {
            jdbc.sql("""
                    INSERT INTO payment_allocations (payment_reference, invoice_number, component, amount, currency,
                                                     applied_on)
                    VALUES (?, ?, ?, ?, ?, ?)""")
                .params(paymentReference, invoice.invoiceNumber(), a.component(), a.amount(), invoice.currency(),
                    receivedOn)
                .update();
        }
        return result;
    }
}
