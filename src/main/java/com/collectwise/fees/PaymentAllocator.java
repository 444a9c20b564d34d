package com.collectwise.fees;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.collectwise.cases.Invoice;

/**
 * Applies a payment to an invoice: fees first, then interest, then principal (Civil Code art. 561); what is left
 * over becomes customer credit. Writes one allocation row per component, dated the day the money was received.
 */
@Service
public class PaymentAllocator {

    private final JdbcClient jdbc;
    private final StatementService statements;

    public PaymentAllocator(JdbcClient jdbc, StatementService statements) {
        this.jdbc = jdbc;
        this.statements = statements;
    }

    /** The amount is in the invoice currency, at most its minor unit (more decimals are refused, not rounded). */
    public List<Allocation> allocate(Invoice invoice, String paymentReference, BigDecimal amount, LocalDate receivedOn) {
        return allocate(invoice, paymentReference, Money.of(amount, invoice.currency()), receivedOn);
    }

    public List<Allocation> allocate(Invoice invoice, String paymentReference, Money payment, LocalDate receivedOn) {
        Objects.requireNonNull(paymentReference, "paymentReference");
        if (!payment.currencyCode().equals(invoice.currency())) {
            throw new Money.CurrencyMismatchException(payment.currency(), Money.currency(invoice.currency()));
        }
        if (!payment.isPositive()) {
            throw new IllegalArgumentException("a payment is a positive amount: " + payment);
        }
        Statement due = statements.statement(invoice, receivedOn);
        // A payment recorded late but dated before payments already applied must not pay a component twice:
        // it may take only what is still open after everything recorded so far.
        LocalDate lastApplied = lastAppliedOn(invoice.invoiceNumber());
        if (lastApplied != null && lastApplied.isAfter(receivedOn)) {
            Statement later = statements.statement(invoice, lastApplied);
            BigDecimal principal = due.principal().min(later.principal());
            BigDecimal interest = due.interest().min(later.interest());
            BigDecimal fees = due.fees().min(later.fees());
            due = new Statement(due.invoiceNumber(), due.currency(), receivedOn, principal, interest, fees,
                principal.add(interest).add(fees));
        }
        List<Allocation> result = plan(due, payment.amount());
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

    /**
     * How a payment splits over what is due: fees, interest, principal, then the rest as CREDIT. Components that
     * take nothing are left out.
     */
    public static List<Allocation> plan(Statement due, BigDecimal payment) {
        List<Allocation> result = new ArrayList<>();
        BigDecimal left = payment;
        List<Allocation> owed = List.of(new Allocation(Component.FEES.name(), due.fees()),
            new Allocation(Component.INTEREST.name(), due.interest()),
            new Allocation(Component.PRINCIPAL.name(), due.principal()));
        for (Allocation part : owed) {
            BigDecimal take = left.min(part.amount());
            if (take.signum() > 0) {
                result.add(new Allocation(part.component(), take));
                left = left.subtract(take);
            }
        }
        if (left.signum() > 0) {
            result.add(new Allocation(Component.CREDIT.name(), left));
        }
        return result;
    }

    /** How one payment was applied (it may have been split over components), in the order applied. */
    public List<PostedAllocation> allocationsOf(String paymentReference) {
        return jdbc.sql("SELECT * FROM payment_allocations WHERE payment_reference = ? ORDER BY id")
            .param(paymentReference).query((rs, n) -> map(rs)).list();
    }

    private LocalDate lastAppliedOn(String invoiceNumber) {
        List<java.sql.Date> last = jdbc.sql("SELECT MAX(applied_on) FROM payment_allocations WHERE invoice_number = ?")
            .param(invoiceNumber).query(java.sql.Date.class).list();
        return last.isEmpty() || last.get(0) == null ? null : last.get(0).toLocalDate();
    }

    static PostedAllocation map(ResultSet rs) throws SQLException {
        return new PostedAllocation(rs.getLong("id"), rs.getString("payment_reference"),
            rs.getString("invoice_number"), Component.valueOf(rs.getString("component")),
            Money.of(rs.getBigDecimal("amount"), rs.getString("currency")), rs.getDate("applied_on").toLocalDate());
    }
}
