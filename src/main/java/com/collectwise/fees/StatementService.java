package com.collectwise.fees;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.collectwise.cases.Invoice;

/** As-of statements of an invoice: the one figure the API, the call form and the letters use. */
@Service
public class StatementService {

    private final JdbcClient jdbc;

    public StatementService(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Counts only what happened on or before {@code asOf}. */
    public Statement statement(Invoice invoice, LocalDate asOf) {
        BigDecimal paidPrincipal = jdbc.sql("""
                SELECT COALESCE(SUM(amount), 0) FROM payment_allocations
                WHERE invoice_number = ? AND component = 'PRINCIPAL' AND applied_on <= ?""")
            .params(invoice.invoiceNumber(), asOf).query(BigDecimal.class).single();
        BigDecimal principal = invoice.amount().subtract(paidPrincipal).max(BigDecimal.ZERO);
        return new Statement(invoice.invoiceNumber(), invoice.currency(), asOf, principal, BigDecimal.ZERO.setScale(2),
            BigDecimal.ZERO.setScale(2), principal);
    }
}
